"""UpdateTable's validation, case by case as DynamoDB answers it (docs/compatibility.md, "UpdateTable
validation"): raw HTTP for requests boto3 would refuse, boto3 for the rest."""
import unittest

from harness import ServerTestCase, raw_call

INVALID = "One or more parameter values were invalid: "
AT_LEAST_ONE = ("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, "
                "SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
                "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required")
NOT_NULL_ACTION = (INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                   "GlobalSecondaryIndexUpdate.Delete must not be null")
ONLINE_LIMIT = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
VALIDATION = "com.amazon.coral.validate#ValidationException"
NOT_FOUND = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
LIMIT = "com.amazonaws.dynamodb.v20120810#LimitExceededException"


def pt(r, w):
    return {"ReadCapacityUnits": r, "WriteCapacityUnits": w}


def not_changing(what, provisioned_for, r, w):
    return ("The provisioned throughput for the %s will not change. The requested value equals the current value. "
            "Current ReadCapacityUnits provisioned for %s: %d. Requested ReadCapacityUnits: %d. "
            "Current WriteCapacityUnits provisioned for %s: %d. Requested WriteCapacityUnits: %d. "
            "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
            % (what, provisioned_for, r, r, provisioned_for, w, w))


class UpdateTableRulesTest(ServerTestCase):
    def refused(self, body, message, type_=VALIDATION):
        status, out = raw_call(self.server, "UpdateTable", body)
        self.assertEqual((status, out.get("__type"), out.get("message")), (400, type_, message))

    def provisioned(self, gsi=False):
        defs = [{"AttributeName": "pk", "AttributeType": "S"}]
        params = {"TableName": self.unique(), "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                  "ProvisionedThroughput": pt(1, 1)}
        if gsi:
            defs.append({"AttributeName": "g", "AttributeType": "S"})
            params["GlobalSecondaryIndexes"] = [{"IndexName": "gsi1", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                 "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": pt(2, 2)}]
        self.ddb.create_table(AttributeDefinitions=defs, **params)
        return params["TableName"]

    # Before the table is looked up: a missing table does not hide these.

    def test_nothing_to_change(self):
        self.refused({"TableName": "missing_table", "GlobalSecondaryIndexUpdates": []}, AT_LEAST_ONE)
        self.refused({"TableName": "missing_table", "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}]},
                     AT_LEAST_ONE)
        self.refused({"TableName": "missing_table", "MultiRegionConsistency": "STRONG"},
                     AT_LEAST_ONE.replace("MultiRegionConsistency, ", ""))
        self.assertError("ValidationException", AT_LEAST_ONE, self.ddb.update_table, TableName="missing_table")

    def test_index_action_constraints_are_collected(self):
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [{"Update": {}}]},
                     "1 validation error detected: Value null at 'globalSecondaryIndexUpdates.1.member.update.indexName' "
                     "failed to satisfy constraint: Member must not be null")
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [
            {"Update": {"IndexName": "a", "ProvisionedThroughput": {}}},
            {"Update": {"IndexName": "abc;", "ProvisionedThroughput": pt(1000000000001, 0)}},
            {"Delete": {"IndexName": "xyz;"}}]},
            "6 validation errors detected: "
            "Value 'a' at 'globalSecondaryIndexUpdates.1.member.update.indexName' failed to satisfy constraint: "
            "Member must have length greater than or equal to 3; "
            "Value null at 'globalSecondaryIndexUpdates.1.member.update.provisionedThroughput.writeCapacityUnits' "
            "failed to satisfy constraint: Member must not be null; "
            "Value null at 'globalSecondaryIndexUpdates.1.member.update.provisionedThroughput.readCapacityUnits' "
            "failed to satisfy constraint: Member must not be null; "
            "Value 'abc;' at 'globalSecondaryIndexUpdates.2.member.update.indexName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
            "Value '0' at 'globalSecondaryIndexUpdates.2.member.update.provisionedThroughput.writeCapacityUnits' "
            "failed to satisfy constraint: Member must have value greater than or equal to 1; "
            "Value 'xyz;' at 'globalSecondaryIndexUpdates.3.member.delete.indexName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")

    def test_throughput_out_of_bounds(self):
        self.refused({"TableName": "abc", "ProvisionedThroughput": pt(1000000000001, 1000000000001)},
                     "Given value 1000000000001 for ReadCapacityUnits is out of bounds")
        self.refused({"TableName": "abc", "ProvisionedThroughput": pt(1000000000000, 1000000000001)},
                     "Given value 1000000000001 for WriteCapacityUnits is out of bounds")

    def test_index_update_structure(self):
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [{}]}, NOT_NULL_ACTION)
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [{}] * 6}, NOT_NULL_ACTION)
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "abc"}}] * 2},
                     INVALID + "Only one global secondary index update per index is allowed simultaneously. Index: abc")
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [
            {"Delete": {"IndexName": "abc"}, "Update": {"IndexName": "abc", "ProvisionedThroughput": pt(1, 1)}}]},
            INVALID + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object")
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [], "DeletionProtectionEnabled": True},
                     INVALID + "List of GlobalSecondaryIndexUpdates is empty")
        self.refused({"TableName": "abc", "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "gsi1", "WarmThroughput": {}}}]},
                     INVALID + "WarmThroughput must have at least one of ReadUnitsPerSecond or WriteUnitsPerSecond specified for index: gsi1")
        status, out = raw_call(self.server, "UpdateTable", {"TableName": "abc", "GlobalSecondaryIndexUpdates": [None]})
        self.assertEqual((status, out), (400, {"__type": "com.amazon.coral.service#SerializationException",
                                               "Message": "Unexpected value type in payload"}))
        # boto3 sends the same.
        self.assertError("ValidationException", NOT_NULL_ACTION, self.ddb.update_table, TableName="abc",
                         GlobalSecondaryIndexUpdates=[{}])

    def test_one_concern_per_request(self):
        create = {"Create": {"IndexName": "gsi2", "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
                             "Projection": {"ProjectionType": "ALL"}}}
        base = {"TableName": "abc", "AttributeDefinitions": [{"AttributeName": "h", "AttributeType": "S"}],
                "GlobalSecondaryIndexUpdates": [create]}
        for extra, message in [
                ({"ProvisionedThroughput": pt(1, 1)}, "You cannot create or delete index while updating table IOPS"),
                ({"StreamSpecification": {"StreamEnabled": False}}, "You cannot create or delete index while changing stream status"),
                ({"DeletionProtectionEnabled": True}, "DeletionProtection modification must be the only operation in the request"),
                ({"SSESpecification": {"Enabled": True}}, "Server-Side Encryption modification must be the only operation in the request"),
                ({"TableClass": "STANDARD"}, "TableClass modification must be the only operation in the request"),
                ({"WarmThroughput": {"ReadUnitsPerSecond": 13000}},
                 "Create global secondary index cannot be specified when updating WarmThroughput")]:
            self.refused(dict(base, **extra), INVALID + message)
        self.refused({"TableName": "abc", "SSESpecification": {"Enabled": True}, "DeletionProtectionEnabled": True},
                     INVALID + "Server-Side Encryption modification must be the only operation in the request")
        self.refused({"TableName": "abc", "StreamSpecification": {"StreamEnabled": False}, "ProvisionedThroughput": pt(2, 2)},
                     INVALID + "You cannot modify stream status while updating table IOPS")
        self.refused({"TableName": "abc", "OnDemandThroughput": {"MaxReadRequestUnits": 5}, "StreamSpecification": {"StreamEnabled": False}},
                     INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request")
        # Empty WarmThroughput / OnDemandThroughput structures change nothing and share a request freely.
        status, _ = raw_call(self.server, "UpdateTable", {"TableName": self.make_table(), "WarmThroughput": {}, "DeletionProtectionEnabled": False})
        self.assertEqual(status, 200)
        self.refused({"TableName": "abc", "OnDemandThroughput": {}, "StreamSpecification": {"StreamEnabled": False}},
                     "Requested resource not found: Table: abc not found", NOT_FOUND)

    def test_table_class(self):
        message = "Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS]."
        self.refused({"TableName": "abc", "TableClass": "GLACIER"}, message)
        self.assertError("ValidationException", message, self.unchecked.create_table, TableName=self.unique(), TableClass="GLACIER",
                         BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])

    def test_missing_table_after_request_checks(self):
        for body in [{"TableName": "abc", "ProvisionedThroughput": pt(1, 1)},
                     {"TableName": "abc", "GlobalSecondaryIndexUpdates": [
                         {"Update": {"IndexName": "abc", "ProvisionedThroughput": pt(1000000000001, 1000000000001)}}]}]:
            self.refused(body, "Requested resource not found: Table: abc not found", NOT_FOUND)

    # Against the table.

    def test_one_online_index_change_at_a_time(self):
        name = self.provisioned()
        deletes = [{"Delete": {"IndexName": n}} for n in ("abc", "abd", "abe", "abf", "abg", "abh")]
        self.refused({"TableName": name, "GlobalSecondaryIndexUpdates": deletes}, ONLINE_LIMIT, LIMIT)
        creates = [{"Create": {"IndexName": n, "KeySchema": [{"AttributeName": n, "KeyType": "HASH"}],
                               "Projection": {"ProjectionType": "ALL"}, "ProvisionedThroughput": pt(1, 1)}} for n in ("gs3", "gs4")]
        self.assertError("LimitExceededException", ONLINE_LIMIT, self.ddb.update_table, TableName=name,
                         AttributeDefinitions=[{"AttributeName": "gs3", "AttributeType": "S"}, {"AttributeName": "gs4", "AttributeType": "S"}],
                         GlobalSecondaryIndexUpdates=creates)
        self.assertNotIn("GlobalSecondaryIndexes", self.ddb.describe_table(TableName=name)["Table"])

    def test_unknown_and_local_indexes(self):
        name = self.provisioned(gsi=True)
        self.refused({"TableName": name, "GlobalSecondaryIndexUpdates": [
            {"Update": {"IndexName": "abc", "ProvisionedThroughput": pt(1000000000001, 1000000000001)}}]},
            "This operation cannot be performed with given input values. Please contact DynamoDB service team for more info: "
            "Action Blocked: IndexUpdate")
        self.assertError("ResourceNotFoundException", "Requested resource not found: Index nope for table " + name,
                         self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "nope", "ProvisionedThroughput": pt(3, 3)}}])
        self.assertError("ResourceNotFoundException", "Requested resource not found: Index nope for table " + name,
                         self.ddb.update_table, TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "nope"}}])
        local = self.make_table(range_key=("sk", "S"), lsis=[{"name": "lsi1", "keys": [("pk", "S"), ("l", "S")]}])
        self.assertError("ValidationException", "Cannot update an index that is not a GlobalSecondaryIndex: lsi1",
                         self.ddb.update_table, TableName=local,
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "lsi1", "OnDemandThroughput": {"MaxReadRequestUnits": 5}}}])

    def test_billing_mode_provisioned_needs_throughput(self):
        message = INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"
        self.refused({"TableName": self.make_table(), "BillingMode": "PROVISIONED"}, message)
        self.assertError("ValidationException", message, self.ddb.update_table, TableName=self.provisioned(), BillingMode="PROVISIONED")

    def test_throughput_on_an_on_demand_table(self):
        self.assertError("ValidationException",
                         INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
                         self.ddb.update_table, TableName=self.make_table(), ProvisionedThroughput=pt(1, 1))

    def test_unchanged_throughput(self):
        name = self.provisioned(gsi=True)
        table = not_changing("table", "the table", 1, 1)
        self.refused({"TableName": name, "ProvisionedThroughput": pt(1, 1)}, table)
        self.assertError("ValidationException", table, self.ddb.update_table, TableName=name, BillingMode="PROVISIONED",
                         ProvisionedThroughput=pt(1, 1))
        self.assertError("ValidationException", table, self.ddb.update_table, TableName=name, ProvisionedThroughput=pt(1, 1),
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(3, 3)}}])
        self.assertError("ValidationException", not_changing("index gsi1", "index gsi1", 2, 2), self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 2)}}])
        # A change of either unit is a change; re-sending the billing mode of an on-demand table is accepted.
        self.ddb.update_table(TableName=name, ProvisionedThroughput=pt(1, 2))
        self.assertEqual(self.ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"], 2)
        self.ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 3)}}])
        self.assertEqual(self.ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"], 3)
        self.ddb.update_table(TableName=self.make_table(), BillingMode="PAY_PER_REQUEST")

    def test_throughput_changes_are_answered_in_progress(self):
        # DynamoDB's answer keeps the units (and decrease count) from before, with the new time stamps;
        # the table then holds the new units.
        name = self.provisioned(gsi=True)
        up = self.ddb.update_table(TableName=name, ProvisionedThroughput=pt(3, 3))["TableDescription"]["ProvisionedThroughput"]
        self.assertEqual((up["ReadCapacityUnits"], up["WriteCapacityUnits"], up["NumberOfDecreasesToday"]), (1, 1, 0))
        self.assertIn("LastIncreaseDateTime", up)
        self.assertNotIn("LastDecreaseDateTime", up)
        now = self.ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]
        self.assertEqual((now["ReadCapacityUnits"], now["WriteCapacityUnits"], now["LastIncreaseDateTime"]), (3, 3, up["LastIncreaseDateTime"]))
        down = self.ddb.update_table(TableName=name, ProvisionedThroughput=pt(2, 3))["TableDescription"]["ProvisionedThroughput"]
        self.assertEqual((down["ReadCapacityUnits"], down["WriteCapacityUnits"], down["NumberOfDecreasesToday"]), (3, 3, 0))
        self.assertEqual(down["LastIncreaseDateTime"], up["LastIncreaseDateTime"])
        self.assertGreaterEqual(down["LastDecreaseDateTime"], up["LastIncreaseDateTime"])
        now = self.ddb.describe_table(TableName=name)["Table"]["ProvisionedThroughput"]
        self.assertEqual((now["ReadCapacityUnits"], now["NumberOfDecreasesToday"]), (2, 1))
        ix = self.ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(1, 1)}}])
        shown = ix["TableDescription"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]
        self.assertEqual((shown["ReadCapacityUnits"], shown["WriteCapacityUnits"], shown["NumberOfDecreasesToday"]), (2, 2, 0))
        self.assertIn("LastDecreaseDateTime", shown)
        stored = self.ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]
        self.assertEqual((stored["ReadCapacityUnits"], stored["WriteCapacityUnits"], stored["NumberOfDecreasesToday"]), (1, 1, 1))

    def test_on_demand_index_updates(self):
        name = self.make_table(gsis=[{"name": "gsi1", "keys": [("g", "S")]}])
        message = (INVALID + "The only Updates for index: gsi1 when TableThroughputMode is PAY_PER_REQUEST can be to "
                   "OnDemandThroughput, WarmThroughput")
        self.assertError("ValidationException", message, self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "ProvisionedThroughput": pt(2, 2)}}])
        self.assertError("ValidationException", message, self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "gsi1", "OnDemandThroughput": {}}}])
        self.refused({"TableName": name, "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "gsi1"}}]}, message)

    def test_leaving_on_demand_needs_every_index_throughput(self):
        name = self.make_table(gsis=[{"name": "index3", "keys": [("g", "S")]}, {"name": "index4", "keys": [("h", "S")]}])
        self.assertError("ValidationException", INVALID + "ProvisionedThroughput must be specified for index: index3,index4",
                         self.ddb.update_table, TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(5, 5))
        self.assertError("ValidationException", INVALID + "ProvisionedThroughput must be specified for index: index4",
                         self.ddb.update_table, TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(5, 5),
                         GlobalSecondaryIndexUpdates=[{"Update": {"IndexName": "index3", "ProvisionedThroughput": pt(5, 5)}}])
        d = self.ddb.update_table(TableName=name, BillingMode="PROVISIONED", ProvisionedThroughput=pt(5, 5), GlobalSecondaryIndexUpdates=[
            {"Update": {"IndexName": ix, "ProvisionedThroughput": pt(4, 4)}} for ix in ("index3", "index4")])["TableDescription"]
        self.assertEqual(d["BillingModeSummary"]["BillingMode"], "PROVISIONED")
        described = self.ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"]
        self.assertEqual(sorted(ix["ProvisionedThroughput"]["ReadCapacityUnits"] for ix in described), [4, 4])

    def test_index_create_throughput_follows_billing(self):
        create = {"IndexName": "gsi2", "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}
        defs = [{"AttributeName": "h", "AttributeType": "S"}]
        self.assertError("ValidationException", INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: gsi2",
                         self.ddb.update_table, TableName=self.provisioned(), AttributeDefinitions=defs,
                         GlobalSecondaryIndexUpdates=[{"Create": create}])
        self.assertError("ValidationException",
                         INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: gsi2 when BillingMode is PAY_PER_REQUEST",
                         self.ddb.update_table, TableName=self.make_table(), AttributeDefinitions=defs,
                         GlobalSecondaryIndexUpdates=[{"Create": dict(create, ProvisionedThroughput=pt(1, 1))}])
        self.assertError("ValidationException", INVALID + "AttributeDefinitions is not specified for index: gsi2",
                         self.ddb.update_table, TableName=self.make_table(), GlobalSecondaryIndexUpdates=[{"Create": create}])

    def test_on_demand_throughput(self):
        self.assertError("ValidationException",
                         INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED",
                         self.ddb.update_table, TableName=self.provisioned(), OnDemandThroughput={"MaxReadRequestUnits": 10, "MaxWriteRequestUnits": 10})
        self.assertError("ValidationException",
                         INVALID + "MaxWriteRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED",
                         self.ddb.update_table, TableName=self.provisioned(), OnDemandThroughput={"MaxWriteRequestUnits": 10})
        on_demand = self.make_table()
        for value in (0, -2):
            self.assertError("ValidationException",
                             INVALID + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of valid range",
                             self.ddb.update_table, TableName=on_demand, OnDemandThroughput={"MaxReadRequestUnits": value})
        self.ddb.update_table(TableName=on_demand, OnDemandThroughput={"MaxReadRequestUnits": -1, "MaxWriteRequestUnits": 50})

    def test_attribute_definitions_keep_only_key_attributes(self):
        name = self.make_table(gsis=[{"name": "gsi1", "keys": [("g", "S")]}])
        self.ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "h", "AttributeType": "S"},
                                                                    {"AttributeName": "unused", "AttributeType": "N"}],
                              GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "gsi2", "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
                                                                       "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        names = lambda: sorted(d["AttributeName"] for d in self.ddb.describe_table(TableName=name)["Table"]["AttributeDefinitions"])
        self.assertEqual(names(), ["g", "h", "pk"])
        self.ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "gsi1"}}])
        self.assertEqual(names(), ["h", "pk"])

    def test_stream_rules(self):
        name = self.make_table(StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        self.assertError("ValidationException", INVALID + "If stream is being enabled then UpdateViewType is required",
                         self.ddb.update_table, TableName=name, StreamSpecification={"StreamEnabled": True})
        self.assertError("ValidationException", "Table already has an enabled stream: TableName: " + name,
                         self.ddb.update_table, TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        self.assertError("ValidationException", INVALID + "If stream is being disabled, then UpdateViewType must not be specified",
                         self.ddb.update_table, TableName=name, StreamSpecification={"StreamEnabled": False, "StreamViewType": "KEYS_ONLY"})
        self.ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
        self.refused({"TableName": name, "StreamSpecification": {"StreamEnabled": False}}, "Table has no stream to disable: TableName: " + name)


if __name__ == "__main__":
    unittest.main()
