"""Table operations through boto3: CreateTable, DescribeTable, ListTables, UpdateTable,
DeleteTable, tags, DescribeLimits, DescribeEndpoints; successes and DynamoDB's rejections."""
import unittest

from harness import ServerTestCase, raw_call


class CreateTableTest(ServerTestCase):
    def test_create_and_describe_composite_key_with_indexes(self):
        name = self.make_table(("PK", "S"), ("SK", "S"),
                               gsis=[{"name": "GSI1", "keys": [("GSI1PK", "S"), ("GSI1SK", "N")]}],
                               lsis=[{"name": "LSI1", "keys": [("PK", "S"), ("LSK", "B")], "projection": "KEYS_ONLY"}])
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual(t["TableName"], name)
        self.assertEqual(t["TableStatus"], "ACTIVE")
        self.assertEqual(t["KeySchema"], [{"AttributeName": "PK", "KeyType": "HASH"},
                                          {"AttributeName": "SK", "KeyType": "RANGE"}])
        self.assertEqual(t["TableArn"], "arn:aws:dynamodb:us-east-1:000000000000:table/" + name)
        self.assertEqual(len(t["TableId"]), 36)
        self.assertEqual(t["ItemCount"], 0)
        self.assertEqual(t["TableSizeBytes"], 0)
        self.assertEqual(t["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(t["ProvisionedThroughput"]["ReadCapacityUnits"], 0)
        gsi = t["GlobalSecondaryIndexes"][0]
        self.assertEqual(gsi["IndexName"], "GSI1")
        self.assertEqual(gsi["IndexStatus"], "ACTIVE")
        self.assertEqual(gsi["IndexArn"], t["TableArn"] + "/index/GSI1")
        self.assertEqual(gsi["Projection"], {"ProjectionType": "ALL"})
        lsi = t["LocalSecondaryIndexes"][0]
        self.assertEqual(lsi["IndexName"], "LSI1")
        self.assertEqual(lsi["Projection"], {"ProjectionType": "KEYS_ONLY"})
        self.assertNotIn("IndexStatus", lsi)
        self.assertFalse(t["DeletionProtectionEnabled"])

    def test_provisioned_table_reports_throughput(self):
        name = self.unique()
        out = self.ddb.create_table(
            TableName=name, AttributeDefinitions=[{"AttributeName": "userId", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "userId", "KeyType": "HASH"}],
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 7})
        d = out["TableDescription"]
        self.assertEqual(d["TableStatus"], "ACTIVE")
        self.assertEqual(d["ProvisionedThroughput"]["ReadCapacityUnits"], 5)
        self.assertEqual(d["ProvisionedThroughput"]["WriteCapacityUnits"], 7)
        self.assertNotIn("BillingModeSummary", d)

    def test_existing_table_is_in_use(self):
        name = self.make_table()
        self.assertError("ResourceInUseException", "Table already exists: " + name, self.make_table, name=name)

    def test_table_operations_check_the_name_before_the_lookup(self):
        # DescribeTable, DeleteTable, UpdateTable and DescribeTimeToLive word a missing name and a
        # name outside 3..255 characters themselves, then apply the pattern, before looking the
        # table up; a table ARN skips the length rule.
        missing = "The parameter 'TableName' is required but was not present in the request"
        length = "TableName must be at least 3 characters long and at most 255 characters long"
        pattern = ("1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: "
                   "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        extra = {"UpdateTable": {"BillingMode": "PAY_PER_REQUEST"}}
        for op in ("DescribeTable", "DeleteTable", "UpdateTable", "DescribeTimeToLive"):
            for name, message in ((None, missing), ("", length), ("a;", length), ("a" * 256, length), ("abc;", pattern)):
                with self.subTest(op=op, name=name):
                    body = dict(extra.get(op, {}))
                    if name is not None:
                        body["TableName"] = name
                    status, data = raw_call(self.server, op, body)
                    self.assertEqual((status, data), (400, {"__type": "com.amazon.coral.validate#ValidationException",
                                                            "message": message}))
            status, data = raw_call(self.server, op, dict(extra.get(op, {}), TableName="a" * 255))
            self.assertEqual((status, data["__type"]), (400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"))
        arn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + "a" * 255
        status, data = raw_call(self.server, "DescribeTable", {"TableName": arn})
        self.assertEqual(data["message"], "Requested resource not found: Table: %s not found" % ("a" * 255))
        status, data = raw_call(self.server, "CreateTable", {})
        self.assertEqual(data["message"], missing)
        # CreateTable's pattern is collected with its other constraints.
        status, data = raw_call(self.server, "CreateTable", {"TableName": "abc;"})
        self.assertEqual(data["message"], "3 validation errors detected: Value null at 'attributeDefinitions' failed to "
                         "satisfy constraint: Member must not be null; Value 'abc;' at 'tableName' failed to satisfy "
                         "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value null at "
                         "'keySchema' failed to satisfy constraint: Member must not be null")

    def test_name_constraints(self):
        self.assertError(
            "ValidationException",
            "TableName must be at least 3 characters long and at most 255 characters long",
            self.ddb.create_table, TableName="ab", AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
        self.assertError(
            "ValidationException",
            "1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
            self.ddb.create_table, TableName="a b c", AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")

    def test_attribute_definitions_must_match(self):
        base = dict(KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
        self.assertError(
            "ValidationException",
            "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
            "number of attributes defined in AttributeDefinitions",
            self.ddb.create_table, TableName=self.unique(),
            AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
            **base)
        self.assertError(
            "ValidationException",
            "One or more parameter values were invalid: Some index key attributes are not defined in "
            "AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]",
            self.ddb.create_table, TableName=self.unique(),
            AttributeDefinitions=[{"AttributeName": "b", "AttributeType": "S"}], **base)

    def test_key_schema_rules(self):
        defs = [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}]
        self.assertError(
            "ValidationException", "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
            self.ddb.create_table, TableName=self.unique(), AttributeDefinitions=defs, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "a", "KeyType": "RANGE"}, {"AttributeName": "b", "KeyType": "HASH"}])
        self.assertError(
            "ValidationException", "Both the Hash Key and the Range Key element in the KeySchema have the same name",
            self.ddb.create_table, TableName=self.unique(), AttributeDefinitions=defs, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}])

    def test_billing_mode_rules(self):
        args = dict(AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}])
        self.assertError(
            "ValidationException",
            "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
            "specified when BillingMode is PROVISIONED",
            self.ddb.create_table, TableName=self.unique(), **args)
        self.assertError(
            "ValidationException",
            "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
            "specified when BillingMode is PAY_PER_REQUEST",
            self.ddb.create_table, TableName=self.unique(), BillingMode="PAY_PER_REQUEST",
            ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, **args)

    def test_lsi_rules(self):
        defs = [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "c", "AttributeType": "S"}]
        self.assertError(
            "ValidationException",
            "One or more parameter values were invalid: Table KeySchema does not have a range key, which is "
            "required when specifying a LocalSecondaryIndex",
            self.ddb.create_table, TableName=self.unique(), AttributeDefinitions=defs, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}],
            LocalSecondaryIndexes=[{"IndexName": "lsi", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"},
                                                  {"AttributeName": "c", "KeyType": "RANGE"}]}])

    def test_gsi_limit_and_duplicates(self):
        gsis = [{"name": "dup", "keys": [("g", "S")]}, {"name": "dup", "keys": [("g", "S")]}]
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Duplicate index name: dup",
                         self.make_table, gsis=gsis)
        many = [{"name": "gsi%02d" % i, "keys": [("g%d" % i, "S")]} for i in range(21)]
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20",
                         self.make_table, gsis=many)

    def test_stream_sse_tags_class_and_protection_are_described(self):
        name = self.make_table(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                               SSESpecification={"Enabled": True}, TableClass="STANDARD_INFREQUENT_ACCESS",
                               DeletionProtectionEnabled=True, Tags=[{"Key": "team", "Value": "core"}])
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual(t["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        self.assertTrue(t["LatestStreamArn"].startswith(t["TableArn"] + "/stream/"))
        self.assertEqual(t["SSEDescription"]["Status"], "ENABLED")
        self.assertEqual(t["TableClassSummary"]["TableClass"], "STANDARD_INFREQUENT_ACCESS")
        self.assertTrue(t["DeletionProtectionEnabled"])
        tags = self.ddb.list_tags_of_resource(ResourceArn=t["TableArn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "core"}])
        self.assertError("ValidationException",
                         "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
                         self.ddb.delete_table, TableName=name)
        self.ddb.update_table(TableName=name, DeletionProtectionEnabled=False)
        self.assertEqual(self.ddb.delete_table(TableName=name)["TableDescription"]["TableStatus"], "DELETING")


class TableLifecycleTest(ServerTestCase):
    def test_list_tables_paginates_in_order(self):
        names = sorted(self.make_table(name="list_%02d" % i) for i in range(7))
        page = self.ddb.list_tables(Limit=3)
        self.assertEqual(page["TableNames"], names[:3])
        self.assertEqual(page["LastEvaluatedTableName"], names[2])
        page = self.ddb.list_tables(ExclusiveStartTableName=names[2], Limit=4)
        self.assertEqual(page["TableNames"], names[3:])
        all_names = [n for p in self.ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2})
                     for n in p["TableNames"] if n.startswith("list_")]
        self.assertEqual(all_names, names)
        last = self.ddb.list_tables(ExclusiveStartTableName="zzz")
        self.assertEqual(last["TableNames"], [])
        self.assertNotIn("LastEvaluatedTableName", last)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                         "Member must have value greater than or equal to 1",
                         self.unchecked.list_tables, Limit=0)

    def test_delete_table(self):
        name = self.make_table()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
        out = self.ddb.delete_table(TableName=name)["TableDescription"]
        self.assertEqual(out["TableStatus"], "DELETING")
        self.assertEqual(out["ItemCount"], 1)
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: %s not found" % name,
                         self.ddb.describe_table, TableName=name)
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: %s not found" % name,
                         self.ddb.delete_table, TableName=name)
        # A new table with the same name starts empty.
        self.make_table(name=name)
        self.assertNotIn("Item", self.ddb.get_item(TableName=name, Key={"pk": {"S": "a"}}))

    def test_waiters_work(self):
        name = self.make_table()
        self.ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.ddb.delete_table(TableName=name)
        self.ddb.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})

    def test_update_table_billing_and_throughput(self):
        name = self.make_table()
        d = self.ddb.update_table(TableName=name, BillingMode="PROVISIONED",
                                  ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})["TableDescription"]
        self.assertEqual(d["BillingModeSummary"]["BillingMode"], "PROVISIONED")
        self.assertEqual(d["ProvisionedThroughput"]["ReadCapacityUnits"], 3)
        self.assertError("ValidationException", None, self.ddb.update_table, TableName=name,
                         ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})
        self.assertError(
            "ValidationException",
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
            "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
            "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required",
            self.ddb.update_table, TableName=name)
        self.assertError("ResourceNotFoundException", "Requested resource not found: Table: nope_nope not found",
                         self.ddb.update_table, TableName="nope_nope", BillingMode="PAY_PER_REQUEST")

    def test_tags(self):
        name = self.make_table()
        arn = self.ddb.describe_table(TableName=name)["Table"]["TableArn"]
        self.ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
        self.ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "3"}])
        tags = {t["Key"]: t["Value"] for t in self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]}
        self.assertEqual(tags, {"a": "3", "b": "2"})
        self.ddb.untag_resource(ResourceArn=arn, TagKeys=["a", "zzz"])
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"], [{"Key": "b", "Value": "2"}])
        missing = arn.replace(name, "missing_table")
        self.assertError("ResourceNotFoundException", "Requested resource not found: ResourceArn: %s not found" % missing,
                         self.ddb.list_tags_of_resource, ResourceArn=missing)

    def test_describe_limits_and_endpoints(self):
        limits = self.ddb.describe_limits()
        self.assertEqual(limits["TableMaxReadCapacityUnits"], 40000)
        self.assertEqual(limits["AccountMaxWriteCapacityUnits"], 80000)
        endpoints = self.ddb.describe_endpoints()["Endpoints"]
        self.assertEqual(endpoints[0]["Address"], "127.0.0.1:%d" % self.server.port)
        self.assertEqual(endpoints[0]["CachePeriodInMinutes"], 1440)


if __name__ == "__main__":
    unittest.main()
