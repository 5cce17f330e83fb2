"""DynamoDB Streams through boto3's dynamodb and dynamodbstreams clients: stream settings on
CreateTable/UpdateTable/DescribeTable, ListStreams, DescribeStream, GetShardIterator, GetRecords,
records of every view type, transactions and batches, shard lineage, retention, restart."""
import http.client
import json
import os
import re
import tempfile
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config

from harness import Server, ServerTestCase

LABEL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$")


def streams_client(server, **kw):
    return boto3.client("dynamodbstreams", endpoint_url=server.url, region_name="us-east-1",
                        aws_access_key_id="AKIDTEST", aws_secret_access_key="secret",
                        config=Config(retries={"max_attempts": 1}, **kw))


class StreamsMixin:
    def stream_table(self, view="NEW_AND_OLD_IMAGES", range_key=None):
        name = self.make_table(range_key=range_key,
                               StreamSpecification={"StreamEnabled": True, "StreamViewType": view})
        arn = self.ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
        return name, arn

    def shards(self, arn):
        return self.streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]

    def read_all(self, arn, shard_id=None, kind="TRIM_HORIZON"):
        """Records of one shard (default: the first) from TRIM_HORIZON until the iterator runs dry."""
        shard_id = shard_id or self.shards(arn)[0]["ShardId"]
        it = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType=kind)["ShardIterator"]
        out = []
        while it:
            page = self.streams.get_records(ShardIterator=it)
            out += page["Records"]
            if not page["Records"]:
                break
            it = page.get("NextShardIterator")
        return out


class StreamSettingsTest(StreamsMixin, ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.streams = streams_client(cls.server)

    def test_create_table_with_stream_describes_it(self):
        name, arn = self.stream_table("NEW_IMAGE")
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual(t["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        self.assertRegex(t["LatestStreamLabel"], LABEL)
        self.assertEqual(arn, t["TableArn"] + "/stream/" + t["LatestStreamLabel"])

    def test_disable_closes_the_shard_and_reenable_gives_a_new_arn(self):
        name, arn = self.stream_table("KEYS_ONLY")
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
        self.ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertNotIn("StreamSpecification", t)
        self.assertEqual(t["LatestStreamArn"], arn)  # the last stream stays named
        d = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(d["StreamStatus"], "DISABLED")
        self.assertIn("EndingSequenceNumber", d["Shards"][-1]["SequenceNumberRange"])
        # A closed shard read to its end has no next iterator.
        it = self.streams.get_shard_iterator(StreamArn=arn, ShardId=d["Shards"][0]["ShardId"],
                                             ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        page = self.streams.get_records(ShardIterator=it)
        self.assertEqual([r["eventName"] for r in page["Records"]], ["INSERT"])
        self.assertNotIn("NextShardIterator", page)
        # Writes while disabled leave no record anywhere.
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "b"}})
        time.sleep(0.002)
        self.ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertNotEqual(t["LatestStreamArn"], arn)
        self.assertEqual(t["StreamSpecification"]["StreamViewType"], "NEW_IMAGE")
        self.assertEqual(len(self.read_all(arn)), 1)
        self.assertEqual(self.read_all(t["LatestStreamArn"]), [])
        listed = [s["StreamArn"] for s in self.streams.list_streams(TableName=name)["Streams"]]
        self.assertEqual(sorted(listed), sorted([arn, t["LatestStreamArn"]]))

    def test_enable_twice_and_disable_twice_are_rejected(self):
        name, arn = self.stream_table()
        self.assertError("ValidationException", "Table already has an enabled stream: TableName: " + name,
                         self.ddb.update_table, TableName=name,
                         StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        self.ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
        self.assertError("ValidationException", "Table has no stream to disable: TableName: " + name,
                         self.ddb.update_table, TableName=name, StreamSpecification={"StreamEnabled": False})

    def test_deleted_table_keeps_its_stream_readable(self):
        name, arn = self.stream_table("NEW_AND_OLD_IMAGES")
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        self.ddb.delete_table(TableName=name)
        d = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(d["StreamStatus"], "DISABLED")
        self.assertEqual(d["TableName"], name)
        records = self.read_all(arn)
        self.assertEqual(records[0]["dynamodb"]["NewImage"], {"pk": {"S": "a"}, "v": {"N": "1"}})
        self.assertIn(arn, [s["StreamArn"] for s in self.streams.list_streams()["Streams"]])


class StreamOperationsTest(StreamsMixin, ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.streams = streams_client(cls.server)
        cls.unchecked_streams = streams_client(cls.server, parameter_validation=False)

    def assertError(self, code, message, fn, *args, **kwargs):
        try:
            fn(*args, **kwargs)
        except Exception as e:  # dynamodb and dynamodbstreams clients raise their own ClientError classes
            response = getattr(e, "response", None)
            if response is None:
                raise
            self.assertEqual(response["Error"]["Code"], code, response["Error"])
            if message is not None:
                self.assertEqual(response["Error"]["Message"], message)
            return e
        self.fail("expected %s" % code)

    def test_list_streams_filters_limits_and_pages(self):
        a, arn_a = self.stream_table()
        b, arn_b = self.stream_table()
        only = self.streams.list_streams(TableName=a)["Streams"]
        self.assertEqual(len(only), 1)
        self.assertEqual(only[0]["StreamArn"], arn_a)
        self.assertEqual(only[0]["TableName"], a)
        self.assertRegex(only[0]["StreamLabel"], LABEL)
        seen, start = [], None
        while True:
            kw = {"Limit": 1}
            if start:
                kw["ExclusiveStartStreamArn"] = start
            page = self.streams.list_streams(**kw)
            self.assertLessEqual(len(page["Streams"]), 1)
            seen += [s["StreamArn"] for s in page["Streams"]]
            start = page.get("LastEvaluatedStreamArn")
            if not start:
                break
        self.assertIn(arn_a, seen)
        self.assertIn(arn_b, seen)
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(self.streams.list_streams(TableName="no_such_table")["Streams"], [])

    def test_list_streams_validation(self):
        self.assertError("ValidationException",
                         "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                         "Member must have value greater than or equal to 1",
                         self.unchecked_streams.list_streams, Limit=0)
        self.assertError("ValidationException",
                         "1 validation error detected: Value 'a' at 'tableName' failed to satisfy constraint: "
                         "Member must have length greater than or equal to 3",
                         self.unchecked_streams.list_streams, TableName="a")

    def test_describe_stream(self):
        name, arn = self.stream_table("NEW_IMAGE", range_key=("sk", "N"))
        d = self.streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(d["StreamArn"], arn)
        self.assertEqual(d["StreamStatus"], "ENABLED")
        self.assertEqual(d["StreamViewType"], "NEW_IMAGE")
        self.assertEqual(d["TableName"], name)
        self.assertEqual(d["KeySchema"], [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
        self.assertIn("CreationRequestDateTime", d)
        self.assertEqual(len(d["Shards"]), 1)
        shard = d["Shards"][0]
        self.assertRegex(shard["ShardId"], r"^shardId-\d{20}-[0-9a-f]{8}$")
        self.assertNotIn("ParentShardId", shard)
        self.assertNotIn("EndingSequenceNumber", shard["SequenceNumberRange"])
        self.assertRegex(shard["SequenceNumberRange"]["StartingSequenceNumber"], r"^\d{21}$")
        self.assertNotIn("LastEvaluatedShardId", d)

    def test_describe_stream_errors(self):
        missing = "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2020-01-01T00:00:00.000"
        self.assertError("ResourceNotFoundException", "Requested resource not found: Stream: %s not found" % missing,
                         self.streams.describe_stream, StreamArn=missing)
        self.assertError("ValidationException",
                         "1 validation error detected: Value 'short' at 'streamArn' failed to satisfy constraint: "
                         "Member must have length greater than or equal to 37",
                         self.unchecked_streams.describe_stream, StreamArn="short")
        self.assertError("ValidationException",
                         "1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: "
                         "Member must not be null",
                         self.unchecked_streams.describe_stream)

    def test_records_insert_modify_remove_in_order(self):
        name, arn = self.stream_table("NEW_AND_OLD_IMAGES")
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        self.ddb.update_item(TableName=name, Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"N": "2"}})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "2"}})  # no change: no record
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "zzz"}})  # nothing deleted: no record
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}})
        records = self.read_all(arn)
        self.assertEqual([r["eventName"] for r in records], ["INSERT", "MODIFY", "REMOVE"])
        seqs = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
        self.assertEqual(seqs, sorted(set(seqs)))
        ins, mod, rem = records
        for r in records:
            self.assertEqual(r["eventVersion"], "1.1")
            self.assertEqual(r["eventSource"], "aws:dynamodb")
            self.assertEqual(r["awsRegion"], "us-east-1")
            self.assertRegex(r["eventID"], r"^[0-9a-f]{32}$")
            self.assertEqual(r["dynamodb"]["Keys"], {"pk": {"S": "a"}})
            self.assertEqual(r["dynamodb"]["StreamViewType"], "NEW_AND_OLD_IMAGES")
            self.assertGreater(r["dynamodb"]["SizeBytes"], 0)
            self.assertLess(abs(r["dynamodb"]["ApproximateCreationDateTime"].timestamp() - time.time()), 300)
            self.assertNotIn("userIdentity", r)
        self.assertEqual(len({r["eventID"] for r in records}), 3)
        self.assertEqual(ins["dynamodb"]["NewImage"], {"pk": {"S": "a"}, "v": {"N": "1"}})
        self.assertNotIn("OldImage", ins["dynamodb"])
        self.assertEqual(mod["dynamodb"]["OldImage"], {"pk": {"S": "a"}, "v": {"N": "1"}})
        self.assertEqual(mod["dynamodb"]["NewImage"], {"pk": {"S": "a"}, "v": {"N": "2"}})
        self.assertEqual(rem["dynamodb"]["OldImage"], {"pk": {"S": "a"}, "v": {"N": "2"}})
        self.assertNotIn("NewImage", rem["dynamodb"])
        # SizeBytes counts keys and images as DynamoDB sizes items: "pk"+"a" = 3, "v"+1 digit ~ 3.
        self.assertEqual(ins["dynamodb"]["SizeBytes"], 3 + 3 + 3)

    def test_view_types(self):
        expect = {"KEYS_ONLY": (False, False), "NEW_IMAGE": (True, False), "OLD_IMAGE": (False, True),
                  "NEW_AND_OLD_IMAGES": (True, True)}
        for view, (new, old) in expect.items():
            with self.subTest(view=view):
                name, arn = self.stream_table(view)
                self.ddb.put_item(TableName=name, Item={"pk": {"S": "k"}, "x": {"S": "1"}})
                self.ddb.put_item(TableName=name, Item={"pk": {"S": "k"}, "x": {"S": "2"}})
                mod = self.read_all(arn)[1]["dynamodb"]
                self.assertEqual(mod["StreamViewType"], view)
                self.assertEqual(mod["Keys"], {"pk": {"S": "k"}})
                self.assertEqual("NewImage" in mod, new)
                self.assertEqual("OldImage" in mod, old)
                if new:
                    self.assertEqual(mod["NewImage"]["x"], {"S": "2"})
                if old:
                    self.assertEqual(mod["OldImage"]["x"], {"S": "1"})

    def test_iterator_types(self):
        name, arn = self.stream_table("KEYS_ONLY")
        shard = self.shards(arn)[0]["ShardId"]
        latest = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        for k in "abc":
            self.ddb.put_item(TableName=name, Item={"pk": {"S": k}})
        page = self.streams.get_records(ShardIterator=latest)
        self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]], ["a", "b", "c"])
        seqs = [r["dynamodb"]["SequenceNumber"] for r in page["Records"]]
        late = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        self.assertEqual(self.streams.get_records(ShardIterator=late)["Records"], [])
        at = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER",
                                             SequenceNumber=seqs[1])["ShardIterator"]
        self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in self.streams.get_records(ShardIterator=at)["Records"]], ["b", "c"])
        after = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AFTER_SEQUENCE_NUMBER",
                                                SequenceNumber=seqs[1])["ShardIterator"]
        self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in self.streams.get_records(ShardIterator=after)["Records"]], ["c"])
        # Limit pages, and NextShardIterator continues where the page ended.
        it = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        first = self.streams.get_records(ShardIterator=it, Limit=2)
        self.assertEqual(len(first["Records"]), 2)
        rest = self.streams.get_records(ShardIterator=first["NextShardIterator"], Limit=1000)
        self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in rest["Records"]], ["c"])
        self.assertIn("NextShardIterator", rest)  # an open shard always has a next iterator

    def test_get_shard_iterator_errors(self):
        name, arn = self.stream_table()
        shard = self.shards(arn)[0]["ShardId"]
        self.assertError("ValidationException",
                         "1 validation error detected: Value 'NOW' at 'shardIteratorType' failed to satisfy constraint: "
                         "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
                         self.unchecked_streams.get_shard_iterator, StreamArn=arn, ShardId=shard, ShardIteratorType="NOW")
        self.assertError("ValidationException", "Must specify a sequence number for iterator type AT_SEQUENCE_NUMBER",
                         self.streams.get_shard_iterator, StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER")
        self.assertError("ResourceNotFoundException", "Requested resource not found: Shard does not exist",
                         self.streams.get_shard_iterator, StreamArn=arn, ShardId="shardId-00000000000000000000-00000000",
                         ShardIteratorType="LATEST")
        self.assertError("ResourceNotFoundException", None, self.streams.get_shard_iterator,
                         StreamArn=arn + "x", ShardId=shard, ShardIteratorType="LATEST")
        self.assertError("ValidationException", None, self.streams.get_shard_iterator, StreamArn=arn, ShardId=shard,
                         ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber="9" * 21)

    def test_get_records_errors(self):
        name, arn = self.stream_table()
        shard = self.shards(arn)[0]["ShardId"]
        it = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        self.assertTrue(it.startswith(arn + "|"))
        self.assertError("ValidationException",
                         "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: "
                         "Member must have value less than or equal to 1000",
                         self.unchecked_streams.get_records, ShardIterator=it, Limit=1001)
        self.assertError("ValidationException", "Invalid ShardIterator", self.streams.get_records, ShardIterator="garbage")
        tampered = it[:-4] + ("AAAA" if not it.endswith("AAAA") else "BBBB")
        self.assertError("ValidationException", "Invalid ShardIterator", self.streams.get_records, ShardIterator=tampered)

    def test_error_envelope_namespaces(self):
        def call(op, body):
            req = urllib.request.Request(self.server.url + "/", data=json.dumps(body).encode(), method="POST", headers={
                "X-Amz-Target": "DynamoDBStreams_20120810." + op, "Content-Type": "application/x-amz-json-1.0",
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/dynamodb/aws4_request, "
                                 "SignedHeaders=host, Signature=x"})
            try:
                urllib.request.urlopen(req)
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())
            self.fail("expected an error")
        status, body = call("DescribeStream", {"StreamArn": "arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/2020-01-01T00:00:00.000"})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException")
        status, body = call("GetRecords", {"ShardIterator": "nope"})
        self.assertEqual(body["__type"], "com.amazon.coral.validate#ValidationException")
        status, body = call("NoSuchOperation", {})
        self.assertEqual(body["__type"], "com.amazon.coral.service#UnknownOperationException")

    def test_transactions_and_batches_write_records(self):
        name, arn = self.stream_table("NEW_IMAGE")
        self.ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {"pk": {"S": "b%d" % i}}}} for i in range(3)]})
        self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": name, "Item": {"pk": {"S": "t1"}}}},
            {"Update": {"TableName": name, "Key": {"pk": {"S": "b0"}}, "UpdateExpression": "SET n = :n",
                        "ExpressionAttributeValues": {":n": {"N": "5"}}}},
            {"Delete": {"TableName": name, "Key": {"pk": {"S": "b1"}}}},
            {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "b2"}}, "ConditionExpression": "attribute_exists(pk)"}},
        ])
        # A cancelled transaction leaves no record.
        with self.assertRaises(Exception):
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": name, "Item": {"pk": {"S": "never"}}}},
                {"ConditionCheck": {"TableName": name, "Key": {"pk": {"S": "missing"}}, "ConditionExpression": "attribute_exists(pk)"}},
            ])
        records = self.read_all(arn)
        self.assertEqual(sorted(r["dynamodb"]["Keys"]["pk"]["S"] for r in records[:3]), ["b0", "b1", "b2"])
        tx = {r["dynamodb"]["Keys"]["pk"]["S"]: r["eventName"] for r in records[3:]}
        self.assertEqual(tx, {"t1": "INSERT", "b0": "MODIFY", "b1": "REMOVE"})
        self.assertEqual(len(records), 6)

    def test_concurrent_writers_lose_no_record(self):
        import threading
        name, arn = self.stream_table("KEYS_ONLY")
        def writer(n):
            c = self.server.client()
            for i in range(40):
                c.put_item(TableName=name, Item={"pk": {"S": "w%d_%d" % (n, i)}})
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        records = self.read_all(arn)
        self.assertEqual(len(records), 160)
        seqs = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
        self.assertEqual(seqs, sorted(set(seqs)))


class ShardLineageTest(StreamsMixin, ServerTestCase):
    """Shards roll over every 3 records here, so lineage can be followed as the Kinesis adapter does."""
    server_args = ("--stream-shard-records", "3")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.streams = streams_client(cls.server)

    def test_follow_parent_to_child(self):
        name, arn = self.stream_table("KEYS_ONLY")
        for i in range(10):
            self.ddb.put_item(TableName=name, Item={"pk": {"S": "k%02d" % i}})
        shards = self.shards(arn)
        self.assertEqual(len(shards), 4)
        self.assertNotIn("ParentShardId", shards[0])
        for parent, child in zip(shards, shards[1:]):
            self.assertEqual(child["ParentShardId"], parent["ShardId"])
            self.assertLess(int(parent["SequenceNumberRange"]["EndingSequenceNumber"]),
                            int(child["SequenceNumberRange"]["StartingSequenceNumber"]))
        self.assertNotIn("EndingSequenceNumber", shards[-1]["SequenceNumberRange"])
        # The adapter pattern: start at shards without a (listed) parent, read each to its end, then its children.
        by_parent = {s.get("ParentShardId"): s for s in shards}
        shard, keys = shards[0], []
        while shard:
            it = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            while it:
                page = self.streams.get_records(ShardIterator=it)
                keys += [r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]]
                it = page.get("NextShardIterator")
                if "EndingSequenceNumber" not in shard["SequenceNumberRange"] and not page["Records"]:
                    break
            shard = by_parent.get(shard["ShardId"])
        self.assertEqual(keys, ["k%02d" % i for i in range(10)])

    def test_shard_paging_and_child_filter(self):
        name, arn = self.stream_table("KEYS_ONLY")
        for i in range(7):
            self.ddb.put_item(TableName=name, Item={"pk": {"S": "p%d" % i}})
        all_ids = [s["ShardId"] for s in self.shards(arn)]
        self.assertEqual(len(all_ids), 3)
        first = self.streams.describe_stream(StreamArn=arn, Limit=2)["StreamDescription"]
        self.assertEqual([s["ShardId"] for s in first["Shards"]], all_ids[:2])
        self.assertEqual(first["LastEvaluatedShardId"], all_ids[1])
        rest = self.streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=all_ids[1])["StreamDescription"]
        self.assertEqual([s["ShardId"] for s in rest["Shards"]], all_ids[2:])
        children = self.streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": all_ids[0]})
        self.assertEqual([s["ShardId"] for s in children["StreamDescription"]["Shards"]], [all_ids[1]])


class RetentionAndExpiryTest(StreamsMixin, ServerTestCase):
    """A 1-second retention and iterator lifetime make trimming and expiry observable."""
    server_args = ("--stream-retention-seconds", "1", "--stream-iterator-seconds", "1")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.streams = streams_client(cls.server)

    def test_trimmed_and_expired(self):
        name, arn = self.stream_table("KEYS_ONLY")
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "old"}})
        shard = self.shards(arn)[0]["ShardId"]
        seq = self.read_all(arn)[0]["dynamodb"]["SequenceNumber"]
        stale = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER",
                                                SequenceNumber=seq)
            except self.streams.exceptions.TrimmedDataAccessException as e:
                self.assertEqual(e.response["Error"]["Message"],
                                 "The operation attempted to read past the oldest stream record in a shard.")
                break
            time.sleep(0.2)
        else:
            self.fail("the record was never trimmed")
        with self.assertRaises(self.streams.exceptions.ExpiredIteratorException) as cm:
            self.streams.get_records(ShardIterator=stale)
        self.assertEqual(cm.exception.response["Error"]["Message"], "Iterator expired")
        fresh = self.streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual(self.streams.get_records(ShardIterator=fresh)["Records"], [])


class StreamRestartTest(unittest.TestCase):
    def test_records_survive_restart_and_iterators_continue(self):
        server = Server(in_memory=False).start()
        try:
            ddb, streams = server.client(), streams_client(server)
            ddb.create_table(TableName="durable", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
            arn = ddb.describe_table(TableName="durable")["Table"]["LatestStreamArn"]
            ddb.put_item(TableName="durable", Item={"pk": {"S": "before"}})
            shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
            it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            page = streams.get_records(ShardIterator=it)
            self.assertEqual(len(page["Records"]), 1)
            before_seq = int(page["Records"][0]["dynamodb"]["SequenceNumber"])
            server.stop(kill=True)
            server.start()
            ddb, streams = server.client(), streams_client(server)
            ddb.put_item(TableName="durable", Item={"pk": {"S": "after"}})
            # The iterator from before the restart continues where it left off.
            page = streams.get_records(ShardIterator=page["NextShardIterator"])
            self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in page["Records"]], ["after"])
            self.assertGreater(int(page["Records"][0]["dynamodb"]["SequenceNumber"]), before_seq)
            it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in streams.get_records(ShardIterator=it)["Records"]],
                             ["before", "after"])
        finally:
            server.cleanup()


class StreamsAuthTest(unittest.TestCase):
    """Streams requests go through the same SigV4 checks as DynamoDB requests (--require-auth)."""

    @classmethod
    def setUpClass(cls):
        fd, cls.creds_path = tempfile.mkstemp(prefix="dynarock-creds-")
        with os.fdopen(fd, "w") as f:
            f.write("AKIDSTREAMS secretstreams\n")
        env = dict(os.environ)
        for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            env.pop(k, None)
        cls.server = Server("--require-auth", "--credentials", cls.creds_path, env=env).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        os.unlink(cls.creds_path)

    def clients(self, secret):
        kw = dict(endpoint_url=self.server.url, region_name="us-east-1", aws_access_key_id="AKIDSTREAMS",
                  aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))
        return boto3.client("dynamodb", **kw), boto3.client("dynamodbstreams", **kw)

    def test_signed_streams_requests_are_verified(self):
        ddb, streams = self.clients("secretstreams")
        ddb.create_table(TableName="signed", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        ddb.put_item(TableName="signed", Item={"pk": {"S": "a"}})
        arn = streams.list_streams(TableName="signed")["Streams"][0]["StreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual([r["dynamodb"]["Keys"] for r in streams.get_records(ShardIterator=it)["Records"]],
                         [{"pk": {"S": "a"}}])

        _, bad = self.clients("wrong-secret")
        with self.assertRaises(Exception) as cm:
            bad.list_streams()
        self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidSignatureException")
        self.assertEqual(cm.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_unsigned_streams_request_is_refused(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        conn.request("POST", "/", body=b"{}", headers={"Content-Type": "application/x-amz-json-1.0",
                                                       "X-Amz-Target": "DynamoDBStreams_20120810.ListStreams"})
        resp = conn.getresponse()
        body = json.loads(resp.read())
        conn.close()
        self.assertEqual((resp.status, body["__type"]), (400, "com.amazon.coral.service#MissingAuthenticationTokenException"))


if __name__ == "__main__":
    unittest.main()
