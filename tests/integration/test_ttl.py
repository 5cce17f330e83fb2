"""Time to Live through boto3 and the AWS CLI: UpdateTimeToLive / DescribeTimeToLive with every
status and error, and expiry: the admin sweep (POST /_dynarock/ttl/sweep), the --ttl-interval
sweeper, index entries and counts going with the item, an update that extends the TTL winning,
values that never expire, settings and expiry entries across a restart, and --init templates.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import boto3

from harness import Server, ServerTestCase

FIVE_YEARS = 5 * 365 * 24 * 3600


def sweep(server):
    """Runs a TTL sweep now; returns how many items it deleted."""
    req = urllib.request.Request(server.url + "/_dynarock/ttl/sweep", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["deleted"]


def wait_for(predicate, what, timeout=20):
    """Polls until predicate() is true (backfills and the interval sweeper run in the background)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def spec(enabled, name):
    return {"Enabled": enabled, "AttributeName": name}


class TtlOperationsTest(ServerTestCase):
    """DynamoDB's hour between two changes of one table is in force (the default)."""

    server_args = ("--ttl-interval", "0")

    def describe(self, table):
        return self.ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]

    def test_never_configured_table_is_disabled(self):
        table = self.make_table()
        self.assertEqual(self.describe(table), {"TimeToLiveStatus": "DISABLED"})

    def test_enable_echoes_the_specification_and_describes_enabled(self):
        table = self.make_table()
        out = self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "expires"))
        self.assertEqual(out["TimeToLiveSpecification"], {"Enabled": True, "AttributeName": "expires"})
        self.assertEqual(self.describe(table), {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})
        # DescribeTable says nothing about TTL, as on DynamoDB.
        self.assertNotIn("TimeToLiveDescription", self.ddb.describe_table(TableName=table)["Table"])

    def test_table_arn_is_accepted(self):
        table = self.make_table()
        arn = self.ddb.describe_table(TableName=table)["Table"]["TableArn"]
        self.ddb.update_time_to_live(TableName=arn, TimeToLiveSpecification=spec(True, "exp"))
        self.assertEqual(self.ddb.describe_time_to_live(TableName=arn)["TimeToLiveDescription"]["TimeToLiveStatus"], "ENABLED")

    def test_changes_that_change_nothing_or_the_wrong_attribute(self):
        table = self.make_table()
        self.assertError("ValidationException", "TimeToLive is already disabled",
                         self.ddb.update_time_to_live, TableName=table, TimeToLiveSpecification=spec(False, "expires"))
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "expires"))
        self.assertError("ValidationException", "TimeToLive is already enabled",
                         self.ddb.update_time_to_live, TableName=table, TimeToLiveSpecification=spec(True, "expires"))
        for enabled in (True, False):
            self.assertError("ValidationException",
                             "TimeToLive is active on a different AttributeName: current AttributeName is expires",
                             self.ddb.update_time_to_live, TableName=table, TimeToLiveSpecification=spec(enabled, "other"))
        self.assertEqual(self.describe(table), {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})

    def test_second_change_within_the_window(self):
        table = self.make_table()
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "expires"))
        self.assertError("ValidationException", "Time to live has been modified multiple times within a fixed interval",
                         self.ddb.update_time_to_live, TableName=table, TimeToLiveSpecification=spec(False, "expires"))
        self.assertEqual(self.describe(table), {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})

    def test_missing_table(self):
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: nope not found",
                         self.ddb.update_time_to_live, TableName="nope", TimeToLiveSpecification=spec(True, "x"))
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: nope not found",
                         self.ddb.describe_time_to_live, TableName="nope")

    def test_validation_errors(self):
        table = self.make_table()
        u = self.unchecked
        prefix = "1 validation error detected: "
        cases = [
            ({"TableName": table}, "Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"),
            ({"TableName": table, "TimeToLiveSpecification": {"AttributeName": "x"}},
             "Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"),
            ({"TableName": table, "TimeToLiveSpecification": {"Enabled": True}},
             "Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null"),
            ({"TableName": table, "TimeToLiveSpecification": spec(True, "a" * 256)},
             "Value '" + "a" * 256 + "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
             "Member must have length less than or equal to 255"),
        ]
        for params, message in cases:
            with self.subTest(params=params):
                self.assertError("ValidationException", prefix + message, u.update_time_to_live, **params)
        # DynamoDB's own checks of TableName and of an empty attribute name come before the model's
        # constraints (answers recorded from DynamoDB).
        self.assertError("ValidationException",
                         "The parameter 'TableName' is required but was not present in the request",
                         u.update_time_to_live)
        self.assertError("ValidationException", "TimeToLiveSpecification.AttributeName must be non empty",
                         u.update_time_to_live, TableName=table, TimeToLiveSpecification=spec(False, ""))
        self.assertError("ValidationException",
                         "The parameter 'TableName' is required but was not present in the request",
                         u.describe_time_to_live)
        # Validation comes before the table lookup.
        self.assertError("ValidationException", None, u.update_time_to_live, TableName="nope",
                         TimeToLiveSpecification={"Enabled": True})
        self.assertEqual(self.describe(table), {"TimeToLiveStatus": "DISABLED"})

    def test_wrong_wire_types(self):
        table = self.make_table()
        self.assertError("SerializationException", None, self.unchecked.update_time_to_live, TableName=table,
                         TimeToLiveSpecification={"Enabled": "yes", "AttributeName": "x"})

    # --- expiry ------------------------------------------------------------------------------------

    def ttl_table(self, **kw):
        table = self.make_table(**kw)
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "ttl"))
        return table

    def put(self, table, pk, **attrs):
        item = {"pk": {"S": pk}}
        item.update(attrs)
        self.ddb.put_item(TableName=table, Item=item)

    def get(self, table, pk):
        return self.ddb.get_item(TableName=table, Key={"pk": {"S": pk}}, ConsistentRead=True).get("Item")

    def test_expired_items_stay_readable_until_a_sweep_deletes_them(self):
        table = self.ttl_table(gsis=[{"name": "byGroup", "keys": [("grp", "S")]}])
        past, future = int(time.time()) - 60, int(time.time()) + 3600
        self.put(table, "old", ttl={"N": str(past)}, grp={"S": "g"})
        self.put(table, "fractional", ttl={"N": "%d.5" % past}, grp={"S": "g"})
        self.put(table, "new", ttl={"N": str(future)}, grp={"S": "g"})
        self.assertIsNotNone(self.get(table, "old"))
        self.assertEqual(self.ddb.scan(TableName=table)["Count"], 3)
        self.assertEqual(sweep(self.server), 2)
        self.assertIsNone(self.get(table, "old"))
        self.assertIsNone(self.get(table, "fractional"))
        self.assertEqual(self.get(table, "new")["ttl"], {"N": str(future)})
        got = self.ddb.query(TableName=table, IndexName="byGroup", KeyConditionExpression="grp = :g",
                             ExpressionAttributeValues={":g": {"S": "g"}})
        self.assertEqual([i["pk"]["S"] for i in got["Items"]], ["new"])
        d = self.ddb.describe_table(TableName=table)["Table"]
        self.assertEqual(d["ItemCount"], 1)
        self.assertEqual(d["GlobalSecondaryIndexes"][0]["ItemCount"], 1)
        self.assertEqual(sweep(self.server), 0)

    def test_a_sweep_is_a_service_remove_in_the_stream(self):
        table = self.ttl_table(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        past = int(time.time()) - 60
        self.put(table, "gone", ttl={"N": str(past)})
        self.assertEqual(sweep(self.server), 1)
        streams = boto3.client("dynamodbstreams", endpoint_url=self.server.url, region_name="us-east-1",
                               aws_access_key_id="AKIDTEST", aws_secret_access_key="secret")
        arn = self.ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records = streams.get_records(ShardIterator=it)["Records"]
        self.assertEqual([r["eventName"] for r in records], ["INSERT", "REMOVE"])
        self.assertNotIn("userIdentity", records[0])
        self.assertEqual(records[1]["userIdentity"], {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"})
        self.assertEqual(records[1]["dynamodb"]["OldImage"], {"pk": {"S": "gone"}, "ttl": {"N": str(past)}})

    def test_only_numbers_within_five_years_expire(self):
        table = self.ttl_table()
        now = int(time.time())
        self.put(table, "string", ttl={"S": str(now - 60)})
        self.put(table, "set", ttl={"NS": [str(now - 60)]})
        self.put(table, "absent", other={"N": str(now - 60)})
        self.put(table, "ancient", ttl={"N": str(now - FIVE_YEARS - 86400)})
        self.put(table, "negative", ttl={"N": "-5"})
        self.put(table, "milliseconds", ttl={"N": str(now * 1000)})
        self.put(table, "expired", ttl={"N": str(now - FIVE_YEARS + 86400)})
        self.assertEqual(sweep(self.server), 1)
        self.assertIsNone(self.get(table, "expired"))
        for pk in ("string", "set", "absent", "ancient", "negative", "milliseconds"):
            self.assertIsNotNone(self.get(table, pk), pk)

    def test_an_update_that_extends_the_ttl_wins(self):
        table = self.ttl_table()
        now = int(time.time())
        self.put(table, "a", ttl={"N": str(now - 10)})
        self.put(table, "b", ttl={"N": str(now - 10)})
        self.ddb.update_item(TableName=table, Key={"pk": {"S": "a"}}, UpdateExpression="SET #t = :t",
                             ExpressionAttributeNames={"#t": "ttl"}, ExpressionAttributeValues={":t": {"N": str(now + 3600)}})
        self.ddb.update_item(TableName=table, Key={"pk": {"S": "b"}}, UpdateExpression="REMOVE #t",
                             ExpressionAttributeNames={"#t": "ttl"})
        self.assertEqual(sweep(self.server), 0)
        self.assertIsNotNone(self.get(table, "a"))
        self.assertIsNotNone(self.get(table, "b"))
        # Shortening works the other way: the entry moves back and the item goes.
        self.ddb.update_item(TableName=table, Key={"pk": {"S": "a"}}, UpdateExpression="SET #t = :t",
                             ExpressionAttributeNames={"#t": "ttl"}, ExpressionAttributeValues={":t": {"N": str(now - 1)}})
        self.assertEqual(sweep(self.server), 1)
        self.assertIsNone(self.get(table, "a"))

    def test_deleted_and_rewritten_items(self):
        table = self.ttl_table()
        now = int(time.time())
        self.put(table, "gone", ttl={"N": str(now - 10)})
        self.ddb.delete_item(TableName=table, Key={"pk": {"S": "gone"}})
        self.put(table, "batch1", ttl={"N": str(now - 10)})
        self.ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": {"pk": {"S": "batch2"}, "ttl": {"N": str(now - 5)}}}}]})
        self.ddb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": {"pk": {"S": "tx"}, "ttl": {"N": str(now - 5)}}}}])
        self.assertEqual(sweep(self.server), 3)
        self.assertEqual(self.ddb.scan(TableName=table)["Count"], 0)

    def test_enabling_backfills_existing_items(self):
        table = self.make_table()
        now = int(time.time())
        for i in range(50):
            self.put(table, "e%d" % i, ttl={"N": str(now - 100 + i)})
            self.put(table, "k%d" % i, ttl={"N": str(now + 3600)})
        self.assertEqual(sweep(self.server), 0)  # TTL not enabled yet
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "ttl"))
        deleted = [0]

        def swept_all():
            deleted[0] += sweep(self.server)
            return deleted[0] == 50
        wait_for(swept_all, "the backfilled items to be swept")
        self.assertEqual(self.ddb.scan(TableName=table, Select="COUNT")["Count"], 50)

    def test_deleting_a_table_drops_its_entries(self):
        table = self.ttl_table()
        self.put(table, "x", ttl={"N": str(int(time.time()) - 5)})
        self.ddb.delete_table(TableName=table)
        self.assertEqual(sweep(self.server), 0)

    def test_sweep_endpoint_wants_post(self):
        with self.assertRaises(urllib.error.HTTPError) as cm:
            urllib.request.urlopen(self.server.url + "/_dynarock/ttl/sweep", timeout=10)
        self.assertEqual(cm.exception.code, 405)
        self.assertIn("POST", json.loads(cm.exception.read())["message"])


class TtlChangesTest(ServerTestCase):
    """--ttl-change-window 0 allows back-to-back changes, so disabling can be exercised."""

    server_args = ("--ttl-interval", "0", "--ttl-change-window", "0")

    def test_disable_then_enable_another_attribute(self):
        table = self.make_table()
        now = int(time.time())
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "a"))
        self.ddb.put_item(TableName=table, Item={"pk": {"S": "1"}, "a": {"N": str(now - 5)}, "b": {"N": str(now + 3600)}})
        out = self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(False, "a"))
        self.assertEqual(out["TimeToLiveSpecification"], {"Enabled": False, "AttributeName": "a"})
        self.assertEqual(self.ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"], {"TimeToLiveStatus": "DISABLED"})
        self.assertError("ValidationException", "TimeToLive is already disabled", self.ddb.update_time_to_live,
                         TableName=table, TimeToLiveSpecification=spec(False, "a"))
        # Disabled: nothing expires.
        self.assertEqual(sweep(self.server), 0)
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "b"))
        self.assertEqual(self.ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"],
                         {"TimeToLiveStatus": "ENABLED", "AttributeName": "b"})
        # Attribute b is in the future, so the item stays; then b moves into the past.
        self.assertEqual(sweep(self.server), 0)
        self.ddb.update_item(TableName=table, Key={"pk": {"S": "1"}}, UpdateExpression="SET b = :t",
                             ExpressionAttributeValues={":t": {"N": str(now - 1)}})
        self.assertEqual(sweep(self.server), 1)


class TtlTransientStatusesTest(ServerTestCase):
    server_args = ("--ttl-interval", "0", "--ttl-change-window", "0", "--delay-transient-statuses")

    def status(self, table):
        return self.ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]

    def test_enabling_and_disabling_are_visible(self):
        table = self.make_table()
        wait_for(lambda: self.ddb.describe_table(TableName=table)["Table"]["TableStatus"] == "ACTIVE", "ACTIVE")
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "exp"))
        self.assertEqual(self.status(table), {"TimeToLiveStatus": "ENABLING", "AttributeName": "exp"})
        wait_for(lambda: self.status(table)["TimeToLiveStatus"] == "ENABLED", "ENABLED")
        self.assertEqual(self.status(table), {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(False, "exp"))
        self.assertEqual(self.status(table), {"TimeToLiveStatus": "DISABLING", "AttributeName": "exp"})
        wait_for(lambda: self.status(table)["TimeToLiveStatus"] == "DISABLED", "DISABLED")
        self.assertEqual(self.status(table), {"TimeToLiveStatus": "DISABLED"})


class TtlIntervalTest(ServerTestCase):
    """The background sweeper, every --ttl-interval seconds (1 here, the default)."""

    def test_expired_items_go_without_asking(self):
        table = self.make_table()
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification=spec(True, "ttl"))
        now = int(time.time())
        self.ddb.put_item(TableName=table, Item={"pk": {"S": "old"}, "ttl": {"N": str(now - 1)}})
        self.ddb.put_item(TableName=table, Item={"pk": {"S": "new"}, "ttl": {"N": str(now + 3600)}})
        wait_for(lambda: "Item" not in self.ddb.get_item(TableName=table, Key={"pk": {"S": "old"}}), "the sweeper")
        self.assertIn("Item", self.ddb.get_item(TableName=table, Key={"pk": {"S": "new"}}))


class TtlRestartTest(unittest.TestCase):
    def test_settings_and_entries_survive_a_restart(self):
        server = Server("--ttl-interval", "0", in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="restart", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
            ddb.update_time_to_live(TableName="restart", TimeToLiveSpecification=spec(True, "exp"))
            now = int(time.time())
            ddb.put_item(TableName="restart", Item={"pk": {"S": "a"}, "exp": {"N": str(now - 1)}})
            ddb.put_item(TableName="restart", Item={"pk": {"S": "b"}, "exp": {"N": str(now + 3600)}})
            server.stop()
            server.start()
            ddb = server.client()
            self.assertEqual(ddb.describe_time_to_live(TableName="restart")["TimeToLiveDescription"],
                             {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})
            # The window survives too: the change an instant ago still counts.
            with self.assertRaises(ddb.exceptions.ClientError) as cm:
                ddb.update_time_to_live(TableName="restart", TimeToLiveSpecification=spec(False, "exp"))
            self.assertEqual(cm.exception.response["Error"]["Message"],
                             "Time to live has been modified multiple times within a fixed interval")
            self.assertEqual(sweep(server), 1)
            self.assertEqual([i["pk"]["S"] for i in ddb.scan(TableName="restart")["Items"]], ["b"])
        finally:
            server.cleanup()


TEMPLATE = """
Resources:
  Sessions:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: sessions
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
"""


class TtlInitTest(unittest.TestCase):
    def test_init_applies_time_to_live_specification(self):
        folder = tempfile.mkdtemp(prefix="dynarock-ttl-init-")
        try:
            path = os.path.join(folder, "stack.yaml")
            with open(path, "w") as f:
                f.write(TEMPLATE)
            server = Server("--init", path, "--shared-db").start()
            try:
                got = server.client().describe_time_to_live(TableName="sessions")["TimeToLiveDescription"]
                self.assertEqual(got, {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiresAt"})
            finally:
                server.cleanup()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class TtlCliTest(unittest.TestCase):
    """aws dynamodb update-time-to-live / describe-time-to-live."""

    def test_cli(self):
        server = Server().start()
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDCLI", AWS_SECRET_ACCESS_KEY="secret",
                   AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")

        def aws(*args):
            return subprocess.run(["aws", "dynamodb", "--endpoint-url", server.url, "--output", "json"] + list(args),
                                  capture_output=True, text=True, env=env, timeout=60)
        try:
            out = aws("create-table", "--table-name", "cli", "--billing-mode", "PAY_PER_REQUEST",
                      "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH")
            self.assertEqual(out.returncode, 0, out.stderr)
            out = aws("describe-time-to-live", "--table-name", "cli")
            self.assertEqual(json.loads(out.stdout), {"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}})
            out = aws("update-time-to-live", "--table-name", "cli", "--time-to-live-specification", "Enabled=true,AttributeName=ttl")
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertEqual(json.loads(out.stdout), {"TimeToLiveSpecification": {"Enabled": True, "AttributeName": "ttl"}})
            out = aws("describe-time-to-live", "--table-name", "cli")
            self.assertEqual(json.loads(out.stdout)["TimeToLiveDescription"], {"TimeToLiveStatus": "ENABLED", "AttributeName": "ttl"})
            out = aws("update-time-to-live", "--table-name", "cli", "--time-to-live-specification", "Enabled=true,AttributeName=ttl")
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("ValidationException", out.stderr)
            self.assertIn("TimeToLive is already enabled", out.stderr)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
