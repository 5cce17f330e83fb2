"""Kinesis destinations, resource policies, contributor insights, global tables, auto scaling, and
the operation coverage of the botocore model."""
import json
import unittest
import urllib.error
import urllib.request

import botocore.session

from harness import Server, ServerTestCase

STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/orders"

# Every operation of the model is answered.
NOT_YET = set()
EXPORT_IMPORT = {"ExportTableToPointInTime", "DescribeExport", "ListExports", "ImportTable", "DescribeImport", "ListImports"}


class OtherOpsTest(ServerTestCase):
    def test_every_model_operation_is_known(self):
        model = botocore.session.get_session().get_service_model("dynamodb")
        # 57 in current botocore; an older installed model simply lists fewer.
        self.assertGreater(len(model.operation_names), 40)
        checked = set()
        for op in model.operation_names:
            if op in NOT_YET:
                continue
            status, body = self.raw(op, {})
            self.assertNotIn("UnknownOperationException", body.get("__type", ""), op)
            checked.add(op)
        # The export and import operations are among those answered (where the model has them).
        self.assertEqual(EXPORT_IMPORT & set(model.operation_names), EXPORT_IMPORT & checked)
        self.assertTrue(EXPORT_IMPORT <= checked or len(model.operation_names) < 50)

    def raw(self, op, payload):
        req = urllib.request.Request(self.server.url, data=json.dumps(payload).encode(), headers={
            "X-Amz-Target": "DynamoDB_20120810." + op, "Content-Type": "application/x-amz-json-1.0",
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDTEST/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x"})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def test_kinesis_destinations(self):
        name = self.make_table()
        out = self.ddb.enable_kinesis_streaming_destination(TableName=name, StreamArn=STREAM)
        self.assertEqual((out["TableName"], out["DestinationStatus"]), (name, "ENABLING"))
        d = self.ddb.describe_kinesis_streaming_destination(TableName=name)["KinesisDataStreamDestinations"]
        self.assertEqual(d, [{"StreamArn": STREAM, "DestinationStatus": "ACTIVE", "ApproximateCreationDateTimePrecision": "MILLISECOND"}])
        self.assertError("ResourceInUseException", None, self.ddb.enable_kinesis_streaming_destination, TableName=name, StreamArn=STREAM)
        up = self.ddb.update_kinesis_streaming_destination(
            TableName=name, StreamArn=STREAM, UpdateKinesisStreamingConfiguration={"ApproximateCreationDateTimePrecision": "MICROSECOND"})
        self.assertEqual(up["DestinationStatus"], "UPDATING")
        off = self.ddb.disable_kinesis_streaming_destination(TableName=name, StreamArn=STREAM)
        self.assertEqual(off["DestinationStatus"], "DISABLING")
        d = self.ddb.describe_kinesis_streaming_destination(TableName=name)["KinesisDataStreamDestinations"]
        self.assertEqual(d[0]["DestinationStatus"], "DISABLED")
        self.assertEqual(d[0]["ApproximateCreationDateTimePrecision"], "MICROSECOND")
        self.assertError("ValidationException", None, self.ddb.disable_kinesis_streaming_destination, TableName=name, StreamArn=STREAM)
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: nope not found",
                         self.ddb.describe_kinesis_streaming_destination, TableName="nope")

    def test_resource_policy(self):
        name = self.make_table()
        arn = self.ddb.describe_table(TableName=name)["Table"]["TableArn"]
        self.assertError("PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: " + arn,
                         self.ddb.get_resource_policy, ResourceArn=arn)
        policy = json.dumps({"Version": "2012-10-17", "Statement": []})
        rev = self.ddb.put_resource_policy(ResourceArn=arn, Policy=policy)["RevisionId"]
        got = self.ddb.get_resource_policy(ResourceArn=arn)
        self.assertEqual((got["Policy"], got["RevisionId"]), (policy, rev))
        self.assertError("PolicyNotFoundException", None, self.ddb.put_resource_policy, ResourceArn=arn, Policy=policy,
                         ExpectedRevisionId="123")
        rev2 = self.ddb.put_resource_policy(ResourceArn=arn, Policy=policy, ExpectedRevisionId=rev)["RevisionId"]
        self.assertNotEqual(rev, rev2)
        self.assertError("ValidationException", None, self.ddb.put_resource_policy, ResourceArn=arn, Policy="not json")
        self.assertEqual(self.ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=rev2)["RevisionId"], rev2)
        self.assertError("PolicyNotFoundException", None, self.ddb.delete_resource_policy, ResourceArn=arn)

    def test_contributor_insights(self):
        name = self.make_table(gsis=[{"name": "by_g", "keys": [("g", "S")]}])
        d = self.ddb.describe_contributor_insights(TableName=name)
        self.assertEqual(d["ContributorInsightsStatus"], "DISABLED")
        out = self.ddb.update_contributor_insights(TableName=name, ContributorInsightsAction="ENABLE")
        self.assertEqual(out["ContributorInsightsStatus"], "ENABLING")
        self.ddb.update_contributor_insights(TableName=name, IndexName="by_g", ContributorInsightsAction="ENABLE")
        d = self.ddb.describe_contributor_insights(TableName=name, IndexName="by_g")
        self.assertEqual(d["ContributorInsightsStatus"], "ENABLED")
        self.assertEqual(len(d["ContributorInsightsRuleList"]), 2)
        listed = self.ddb.list_contributor_insights(TableName=name)["ContributorInsightsSummaries"]
        self.assertEqual(sorted(s.get("IndexName", "") for s in listed), ["", "by_g"])
        page = self.ddb.list_contributor_insights(TableName=name, MaxResults=1)
        self.assertEqual(len(page["ContributorInsightsSummaries"]), 1)
        self.assertIn("NextToken", page)
        self.assertError("ResourceNotFoundException", None, self.ddb.update_contributor_insights, TableName=name, IndexName="nope",
                         ContributorInsightsAction="ENABLE")

    def test_global_tables(self):
        name = self.make_table(BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
        self.assertError("TableNotFoundException", None, self.ddb.create_global_table, GlobalTableName="missing_tbl",
                         ReplicationGroup=[{"RegionName": "us-east-1"}])
        out = self.ddb.create_global_table(GlobalTableName=name, ReplicationGroup=[{"RegionName": "us-east-1"}, {"RegionName": "eu-west-1"}])
        self.assertEqual(out["GlobalTableDescription"]["GlobalTableStatus"], "ACTIVE")
        self.assertError("GlobalTableAlreadyExistsException", None, self.ddb.create_global_table, GlobalTableName=name,
                         ReplicationGroup=[{"RegionName": "us-east-1"}])
        self.ddb.update_global_table(GlobalTableName=name, ReplicaUpdates=[{"Create": {"RegionName": "ap-south-1"}}])
        self.assertError("ReplicaAlreadyExistsException", None, self.ddb.update_global_table, GlobalTableName=name,
                         ReplicaUpdates=[{"Create": {"RegionName": "ap-south-1"}}])
        self.ddb.update_global_table(GlobalTableName=name, ReplicaUpdates=[{"Delete": {"RegionName": "eu-west-1"}}])
        d = self.ddb.describe_global_table(GlobalTableName=name)["GlobalTableDescription"]
        self.assertEqual(sorted(r["RegionName"] for r in d["ReplicationGroup"]), ["ap-south-1", "us-east-1"])
        listed = self.ddb.list_global_tables(RegionName="ap-south-1")["GlobalTables"]
        self.assertIn(name, [g["GlobalTableName"] for g in listed])
        s = self.ddb.update_global_table_settings(GlobalTableName=name, GlobalTableProvisionedWriteCapacityUnits=9)
        self.assertEqual({r["ReplicaProvisionedWriteCapacityUnits"] for r in s["ReplicaSettings"]}, {9})
        self.assertEqual(self.ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"], 9)
        self.assertEqual(len(self.ddb.describe_global_table_settings(GlobalTableName=name)["ReplicaSettings"]), 2)
        self.assertError("GlobalTableNotFoundException", "Global table not found", self.ddb.describe_global_table, GlobalTableName="nope_gt")

    def test_replica_updates_2019(self):
        name = self.make_table(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        self.assertNotIn("Replicas", self.ddb.describe_table(TableName=name)["Table"])
        out = self.ddb.update_table(TableName=name, ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}},
                                                                    {"Create": {"RegionName": "ap-south-1", "TableClassOverride": "STANDARD_INFREQUENT_ACCESS"}}])
        t = out["TableDescription"]
        self.assertEqual(t["GlobalTableVersion"], "2019.11.21")
        self.assertEqual([(r["RegionName"], r["ReplicaStatus"]) for r in t["Replicas"]], [("eu-west-1", "ACTIVE"), ("ap-south-1", "ACTIVE")])
        self.ddb.update_table(TableName=name, ReplicaUpdates=[{"Update": {"RegionName": "eu-west-1",
                                                                          "ProvisionedThroughputOverride": {"ReadCapacityUnits": 7}}}])
        d = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual(d["Replicas"][0]["ProvisionedThroughputOverride"], {"ReadCapacityUnits": 7})
        self.assertEqual(d["Replicas"][1]["ReplicaTableClassSummary"], {"TableClass": "STANDARD_INFREQUENT_ACCESS"})
        self.assertError("ValidationException", None, self.ddb.update_table, TableName=name,
                         ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])
        self.assertError("ValidationException", None, self.ddb.update_table, TableName=name,
                         ReplicaUpdates=[{"Create": {"RegionName": "us-east-1"}}])
        self.assertError("ValidationException", None, self.ddb.update_table, TableName=name,
                         ReplicaUpdates=[{"Delete": {"RegionName": "sa-east-1"}}])
        gone = self.ddb.update_table(TableName=name, ReplicaUpdates=[{"Delete": {"RegionName": "eu-west-1"}}])["TableDescription"]
        self.assertIn(("eu-west-1", "DELETING"), [(r["RegionName"], r["ReplicaStatus"]) for r in gone["Replicas"]])
        self.assertEqual([r["RegionName"] for r in self.ddb.describe_table(TableName=name)["Table"]["Replicas"]], ["ap-south-1"])
        self.ddb.update_table(TableName=name, ReplicaUpdates=[{"Delete": {"RegionName": "ap-south-1"}}])
        last = self.ddb.describe_table(TableName=name)["Table"]
        self.assertNotIn("Replicas", last)
        self.assertNotIn("GlobalTableVersion", last)
        # The one local table still serves reads and writes.
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "x"}})
        self.assertIn("Item", self.ddb.get_item(TableName=name, Key={"pk": {"S": "x"}}))

    def test_auto_scaling(self):
        name = self.make_table(BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})
        d = self.ddb.describe_table_replica_auto_scaling(TableName=name)["TableAutoScalingDescription"]
        self.assertEqual(d["Replicas"][0]["RegionName"], "us-east-1")
        out = self.ddb.update_table_replica_auto_scaling(
            TableName=name, ProvisionedWriteCapacityAutoScalingUpdate={"MinimumUnits": 1, "MaximumUnits": 10, "ScalingPolicyUpdate": {
                "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0}}})
        w = out["TableAutoScalingDescription"]["Replicas"][0]["ReplicaProvisionedWriteCapacityAutoScalingSettings"]
        self.assertEqual((w["MinimumUnits"], w["MaximumUnits"]), (1, 10))
        again = self.ddb.describe_table_replica_auto_scaling(TableName=name)["TableAutoScalingDescription"]
        self.assertEqual(again["Replicas"][0]["ReplicaProvisionedWriteCapacityAutoScalingSettings"]["MaximumUnits"], 10)
        self.assertError("ResourceNotFoundException", None, self.ddb.describe_table_replica_auto_scaling, TableName="nope")


class SettingsRestartTest(unittest.TestCase):
    def test_settings_survive_restart(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="tbl", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            ddb.enable_kinesis_streaming_destination(TableName="tbl", StreamArn=STREAM)
            ddb.create_global_table(GlobalTableName="tbl", ReplicationGroup=[{"RegionName": "us-east-1"}])
            ddb.update_table(TableName="tbl", ReplicaUpdates=[{"Create": {"RegionName": "eu-west-1"}}])
            server.stop()
            server.start()
            ddb = server.client()
            self.assertEqual(ddb.describe_kinesis_streaming_destination(TableName="tbl")["KinesisDataStreamDestinations"][0]["StreamArn"], STREAM)
            self.assertEqual(ddb.describe_global_table(GlobalTableName="tbl")["GlobalTableDescription"]["GlobalTableName"], "tbl")
            self.assertEqual(ddb.describe_table(TableName="tbl")["Table"]["Replicas"][0]["RegionName"], "eu-west-1")
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
