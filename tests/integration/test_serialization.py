"""SerializationException over raw HTTP: every member of a request is type-checked against the
operation's input shape before any validation, and answered in DynamoDB's words and envelope."""
import unittest

from harness import ServerTestCase, raw_call

SER = "com.amazon.coral.service#SerializationException"


class SerializationTest(ServerTestCase):
    def call(self, operation, body):
        return raw_call(self.server, operation, body, access_key="AKIDSER")

    def assertSerialization(self, operation, body, message):
        status, data = self.call(operation, body)
        self.assertEqual(status, 400)
        self.assertEqual(data, {"__type": SER, "Message": message})

    def test_envelope_without_message_for_unparseable_body(self):
        status, data = self.call("ListTables", b"{not json")
        self.assertEqual((status, data), (400, {"__type": SER}))
        status, data = self.call("ListTables", b"")
        self.assertEqual((status, data), (400, {"__type": SER}))

    def test_scalar_members(self):
        self.assertSerialization("DescribeTable", {"TableName": 5}, "NUMBER_VALUE cannot be converted to String")
        self.assertSerialization("DescribeTable", {"TableName": True}, "TRUE_VALUE cannot be converted to String")
        self.assertSerialization("DescribeTable", {"TableName": 1.5}, "DECIMAL_VALUE cannot be converted to String")
        self.assertSerialization("DescribeTable", {"TableName": []}, "Unrecognized collection type class java.lang.String")
        self.assertSerialization("DescribeTable", {"TableName": {}}, "Start of structure or map found where not expected")
        self.assertSerialization("ListTables", {"Limit": "5"}, "STRING_VALUE cannot be converted to Integer")
        self.assertSerialization("ListTables", {"Limit": False}, "FALSE_VALUE cannot be converted to Integer")
        self.assertSerialization("GetItem", {"TableName": "t", "ConsistentRead": "yes"},
                                 "Unexpected token received from parser")
        self.assertSerialization("GetItem", {"TableName": "t", "ConsistentRead": 1},
                                 "NUMBER_VALUE cannot be converted to Boolean")
        self.assertSerialization("CreateTable", {"ProvisionedThroughput": {"ReadCapacityUnits": "5"}},
                                 "STRING_VALUE cannot be converted to Long")

    def test_containers(self):
        self.assertSerialization("GetItem", {"TableName": "t", "AttributesToGet": "a"}, "Unexpected field type")
        self.assertSerialization("GetItem", {"TableName": "t", "Key": "k"}, "Unexpected field type")
        self.assertSerialization("GetItem", {"TableName": "t", "Key": []},
                                 "Unrecognized collection type java.util.Map<java.lang.String, "
                                 "com.amazonaws.dynamodb.v20120810.AttributeValue>")
        self.assertSerialization("CreateTable", {"ProvisionedThroughput": 5}, "Unexpected field type")
        self.assertSerialization("CreateTable", {"ProvisionedThroughput": []},
                                 "Unrecognized collection type class "
                                 "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput")
        self.assertSerialization("TransactWriteItems", {"TransactItems": ["x"]}, "Unexpected value type in payload")
        self.assertSerialization("BatchGetItem", {"RequestItems": {"t": {"Keys": [{"k": 5}]}}},
                                 "Unexpected value type in payload")
        self.assertSerialization("TagResource", {"ResourceArn": "x", "Tags": [{"Key": 1}]},
                                 "NUMBER_VALUE cannot be converted to String")

    def test_null_entries(self):
        # A null entry of a list or map of structures is a wire error, reported where the
        # operation reads that entry: after the member constraints for list entries...
        self.assertSerialization("TransactWriteItems", {"TransactItems": [None]}, "Unexpected value type in payload")
        self.assertSerialization("TransactGetItems", {"TransactItems": [None]}, "Unexpected value type in payload")
        self.assertSerialization("BatchWriteItem", {"RequestItems": {"t": [None]}}, "Unexpected value type in payload")
        status, data = self.call("TransactWriteItems", {"TransactItems": [None], "ReturnConsumedCapacity": "BAD"})
        self.assertEqual(status, 400)
        self.assertEqual(data["__type"], "com.amazon.coral.validate#ValidationException")
        # ...before anything else for a table's entry in RequestItems.
        self.assertSerialization("BatchWriteItem", {"RequestItems": {"t": None}, "ReturnConsumedCapacity": "BAD"},
                                 "Unexpected value type in payload")
        self.assertSerialization("BatchGetItem", {"RequestItems": {"t": None}, "ReturnConsumedCapacity": "BAD"},
                                 "Unexpected value type in payload")
        self.assertSerialization("Scan", {"TableName": "nosuch", "ScanFilter": {"a": None}}, "Expected map or null")

    def test_null_entries_answered_in_order(self):
        # Structures the model shares with outputs (Replica, GlobalSecondaryIndex) and PartiQL's
        # statement lists: a null entry is a wire error where the operation reaches it.
        validation = "com.amazon.coral.validate#ValidationException"
        self.assertSerialization("CreateGlobalTable", {"GlobalTableName": "gt_null", "ReplicationGroup": [None]},
                                 "Unexpected value type in payload")
        status, data = self.call("CreateGlobalTable", {"GlobalTableName": "g", "ReplicationGroup": [None]})
        self.assertEqual((status, data["__type"]), (400, validation))
        status, data = self.call("CreateGlobalTable", {"GlobalTableName": "gt_null", "ReplicationGroup": [{}, None]})
        self.assertEqual((status, data["__type"]), (400, validation))
        self.assertIn("RegionName must be specified", data["message"])
        # The restores' index overrides: before the constraints are reported.
        for member in ("GlobalSecondaryIndexOverride", "LocalSecondaryIndexOverride"):
            self.assertSerialization("RestoreTableFromBackup", {"TargetTableName": "x", member: [None]},
                                     "Unexpected value type in payload")
        self.assertSerialization("BatchExecuteStatement", {"Statements": [None], "ReturnConsumedCapacity": "BAD"},
                                 "Unexpected value type in payload")
        self.assertSerialization("ExecuteTransaction", {"TransactStatements": [{"Statement": "SELECT * FROM t"}, None]},
                                 "Unexpected value type in payload")

    def test_attribute_values(self):
        self.assertSerialization("PutItem", {"TableName": "t", "Item": {"a": {"S": 1}}},
                                 "NUMBER_VALUE cannot be converted to String")
        self.assertSerialization("PutItem", {"TableName": "t", "Item": {"a": {"B": 5}}},
                                 "only base-64-encoded strings are convertible to bytes")
        self.assertSerialization("PutItem", {"TableName": "t", "Item": {"a": {"B": "abc"}}},
                                 "Base64 encoded length is expected a multiple of 4 bytes but found: 3")
        self.assertSerialization("PutItem", {"TableName": "t", "Item": {"a": {"L": [{"M": {"b": {"BOOL": "x"}}}]}}},
                                 "Unexpected token received from parser")
        self.assertSerialization("Query", {"TableName": "t", "ExpressionAttributeValues": {":v": {"NS": "1"}}},
                                 "Unexpected field type")

    def test_type_errors_come_before_validation(self):
        # No TableName (a validation error) and an invalid value first: the wire type still wins.
        self.assertSerialization("PutItem", {"Item": {"a": {"SS": []}, "b": {"N": 5}}},
                                 "NUMBER_VALUE cannot be converted to String")
        self.assertSerialization("ListTables", {"Limit": 0, "ExclusiveStartTableName": 5},
                                 "NUMBER_VALUE cannot be converted to String")

    def test_nulls_and_unknown_members_are_ignored(self):
        status, data = self.call("ListTables", {"Limit": None, "ExclusiveStartTableName": None, "Bogus": [1, {}]})
        self.assertEqual(status, 200)
        self.assertIn("TableNames", data)
        status, data = self.call("DescribeTable", {})
        self.assertEqual(data["__type"], "com.amazon.coral.validate#ValidationException")

    def test_every_operation_checks_wire_types_first(self):
        # Operations beyond the item and table core are type-checked before their own validation
        # too (an unknown table would otherwise be the answer).
        self.assertSerialization("UpdateTimeToLive", {"TableName": "nosuch", "TimeToLiveSpecification": {"Enabled": "yes"}},
                                 "Unexpected token received from parser")
        self.assertSerialization("DescribeTimeToLive", {"TableName": 7}, "NUMBER_VALUE cannot be converted to String")
        self.assertSerialization("CreateBackup", {"TableName": "nosuch", "BackupName": ["b"]},
                                 "Unrecognized collection type class java.lang.String")
        self.assertSerialization("ExecuteStatement", {"Statement": "SELECT * FROM t", "Limit": "1"},
                                 "STRING_VALUE cannot be converted to Integer")
        self.assertSerialization("EnableKinesisStreamingDestination", {"TableName": "nosuch", "StreamArn": 5},
                                 "NUMBER_VALUE cannot be converted to String")
        self.assertSerialization("UpdateContinuousBackups",
                                 {"TableName": "nosuch", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": 1}},
                                 "NUMBER_VALUE cannot be converted to Boolean")

    def test_null_elements_of_table_definitions(self):
        base = {"TableName": "nulls", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}
        for member, value in (("AttributeDefinitions", [None]), ("KeySchema", [None]),
                              ("GlobalSecondaryIndexes", [None]), ("LocalSecondaryIndexes", [None]),
                              ("GlobalSecondaryIndexes", [{"IndexName": "g", "KeySchema": [None],
                                                           "Projection": {"ProjectionType": "ALL"}}])):
            # A constraint violation elsewhere does not hide the wire error.
            self.assertSerialization("CreateTable", {**base, member: value, "BillingMode": "BAD"},
                                     "Unexpected value type in payload")
        status, _ = self.call("CreateTable", base)
        self.assertEqual(status, 200)
        self.assertSerialization("UpdateTable", {"TableName": "nulls", "GlobalSecondaryIndexUpdates": [
            {"Create": {"IndexName": "g", "KeySchema": [None], "Projection": {"ProjectionType": "ALL"}}}]},
            "Unexpected value type in payload")
        self.assertSerialization("UpdateTable", {"TableName": "nulls", "ReplicaUpdates": [None]},
                                 "Unexpected value type in payload")
        # An attribute definition without its type is a constraint violation, not a crash.
        status, data = self.call("UpdateTable", {"TableName": "nulls", "AttributeDefinitions": [{"AttributeName": "g"}],
                                                 "GlobalSecondaryIndexUpdates": [{"Create": {
                                                     "IndexName": "gsi", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                     "Projection": {"ProjectionType": "ALL"}}}]})
        self.assertEqual(status, 400)
        self.assertEqual(data["message"], "1 validation error detected: Value null at "
                         "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must not be null")

    def test_unknown_operation_unchanged(self):
        status, data = self.call("NoSuchOperation", {"TableName": 5})
        self.assertEqual((status, data), (400, {"__type": "com.amazon.coral.service#UnknownOperationException"}))


if __name__ == "__main__":
    unittest.main()
