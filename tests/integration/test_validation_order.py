"""Validation order, operation by operation, against answers recorded from DynamoDB (the request
and answer pairs of dynalite's test suite, which were taken from the real service): which error
wins when a request has several problems, and which checks come before the table is looked up.
Over raw HTTP, past any client-side validation."""
import unittest

from harness import ServerTestCase, raw_call

VALIDATION = "com.amazon.coral.validate#ValidationException"
NOT_FOUND = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
MAX_SIZE = 400 * 1024
HASH = "vo_hash"     # a: S
RANGE = "vo_range"   # a: S, b: S, an index on c: S
RANGE_B = "vo_range_b"  # a: S, b: B


def big(n):
    return "a" * n


class RecordedOrderTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ddb = cls.ddb
        ddb.create_table(TableName=HASH, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}])
        ddb.create_table(TableName=RANGE, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in "abc"],
                         KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}],
                         LocalSecondaryIndexes=[{"IndexName": "index1", "Projection": {"ProjectionType": "ALL"},
                                                 "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"},
                                                               {"AttributeName": "c", "KeyType": "RANGE"}]}])
        ddb.create_table(TableName=RANGE_B, BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"},
                                               {"AttributeName": "b", "AttributeType": "B"}],
                         KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"}])

    def answers(self, operation, cases):
        for body, error, message in cases:
            with self.subTest(operation=operation, body=str(body)[:200]):
                status, data = raw_call(self.server, operation, body)
                self.assertEqual((status, data.get("__type")), (400, error), data)
                self.assertEqual(data.get("message"), message)

    def test_put_item(self):
        key = "k" * 10
        v = VALIDATION
        size = "Item size has exceeded the maximum allowed size"
        exp_names = "ExpressionAttributeNames can only be specified when using expressions"
        self.answers("PutItem", [
            ({"TableName": "abc", "Item": {"a": {}}, "Expected": {"a": {}}, "ExpressionAttributeNames": {},
              "ExpressionAttributeValues": {}}, v, exp_names),
            ({"TableName": "abc", "Item": {"a": {}}, "Expected": {"a": {}}, "ExpressionAttributeValues": {}}, v,
             "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"),
            ({"TableName": "abc", "Item": {"a": {}}, "Expected": {"a": {}}}, v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            ({"TableName": "abc", "Item": {"a": {"SS": []}}, "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {},
              "ConditionExpression": ""}, v, "One or more parameter values were invalid: An string set  may not be empty"),
            # The item's size is checked before the Expected conditions and before the table is looked up.
            ({"TableName": "aaa", "Item": {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 1)}}, "Expected": {"a": {}}},
             v, size),
            ({"TableName": "aaa", "Item": {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 2)}}}, NOT_FOUND,
             "Requested resource not found"),
            ({"TableName": "aaa", "Item": {"a": {"S": key}, "b" * 27: {"S": big(MAX_SIZE - len(key) - 27)}}}, v, size),
            ({"TableName": "aaa", "Item": {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 1 - 1 - 5)},
                                           "c": {"N": "1111111" + "0" * 119}}}, v, size),
            ({"TableName": "abc", "Item": {}, "Expected": {"a": {}}}, v,
             "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"),
            ({"TableName": "abc", "Item": {}, "ReturnValues": "ALL_NEW"}, v, "ReturnValues can only be ALL_OLD or NONE"),
            ({"TableName": "aaa", "Item": {}, "Expected": {"a": {"ComparisonOperator": "LT"}}}, v,
             "One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a"),
            ({"TableName": "abc", "Item": {}, "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {},
              "ConditionExpression": ""}, v, "ExpressionAttributeNames must not be empty"),
            ({"TableName": "abc", "Item": {}, "ExpressionAttributeNames": {"a": "a"}, "ExpressionAttributeValues": {},
              "ConditionExpression": ""}, v, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'),
            ({"TableName": "abc", "Item": {}, "ExpressionAttributeValues": {}, "ConditionExpression": ""}, v,
             "ExpressionAttributeValues must not be empty"),
            ({"TableName": "abc", "Item": {}, "ExpressionAttributeValues": {"a": {"S": "a"}}, "ConditionExpression": ""}, v,
             'ExpressionAttributeValues contains invalid key: Syntax error; key: "a"'),
            ({"TableName": "abc", "Item": {}, "ConditionExpression": ""}, v,
             "Invalid ConditionExpression: The expression can not be empty;"),
            ({"TableName": "nosuchtable", "Item": {}}, NOT_FOUND, "Requested resource not found"),
            ({"TableName": HASH, "Item": {"b": {"S": "a"}}}, v, "One or more parameter values were invalid: Missing the key a in the item"),
            ({"TableName": HASH, "Item": {"a": {"N": "1"}}}, v,
             "One or more parameter values were invalid: Type mismatch for key a expected: S actual: N"),
            ({"TableName": HASH, "Item": {"a": {"S": ""}}}, v,
             "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: a"),
            ({"TableName": RANGE_B, "Item": {"a": {"S": "a"}, "b": {"B": ""}}}, v,
             "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: b"),
            ({"TableName": RANGE, "Item": {"a": {"S": "a"}}}, v, "One or more parameter values were invalid: Missing the key b in the item"),
            ({"TableName": RANGE, "Item": {"a": {"S": "a"}, "b": {"S": "a"}, "c": {"N": "1"}}}, v,
             "One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: index1"),
            ({"TableName": HASH, "Item": {"a": {"S": big(2049)}}}, v,
             "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
            ({"TableName": RANGE, "Item": {"a": {"S": "a"}, "b": {"S": big(1025)}}}, v,
             "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"),
        ])

    def test_batch_write_item(self):
        key = "k" * 10
        v = VALIDATION
        size = "Item size has exceeded the maximum allowed size"

        def put(table, item):
            return {"RequestItems": {table: [{"PutRequest": {"Item": item}}]}}
        self.answers("BatchWriteItem", [
            # A null Item or Key is a constraint violation, reported with the others before anything else.
            ({"RequestItems": {"abc": [{"PutRequest": {}}]}}, v,
             "1 validation error detected: Value null at 'requestItems.abc.member.1.member.putRequest.item' failed to "
             "satisfy constraint: Member must not be null"),
            ({"RequestItems": {"abc": [{"PutRequest": {}, "DeleteRequest": {}}]}, "ReturnConsumedCapacity": "hi"}, v,
             "3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must "
             "satisfy enum value set: [INDEXES, TOTAL, NONE]; Value null at 'requestItems.abc.member.1.member.deleteRequest.key' "
             "failed to satisfy constraint: Member must not be null; Value null at "
             "'requestItems.abc.member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null"),
            ({"RequestItems": {"abc": [{}]}}, v,
             "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
            (put("abc", {"a": {}}), v, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (put("abc", {"a": {"SS": []}}), v, "One or more parameter values were invalid: An string set  may not be empty"),
            # Every item's contents and size come before any table is looked up.
            (put("abc", {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 1)}}), v, size),
            (put("abc", {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 2)}}), NOT_FOUND, "Requested resource not found"),
            (put("abc", {"a": {"S": key}, "bb": {"S": big(MAX_SIZE - len(key) - 7)}, "ccc": {"S": "cc"}}), v, size),
            ({"RequestItems": {"abc": [{"DeleteRequest": {"Key": {"a": {"S": "x"}}}}],
                               HASH: [{"PutRequest": {"Item": {"a": {"N": "x"}}}}]}}, v,
             "The parameter cannot be converted to a numeric value: x"),
            (put("abc", {}), NOT_FOUND, "Requested resource not found"),
            (put(HASH, {"b": {"S": "a"}}), v, "The provided key element does not match the schema"),
            (put(HASH, {"a": {"N": "1"}}), v, "The provided key element does not match the schema"),
            (put(RANGE, {"a": {"S": "a"}}), v, "The provided key element does not match the schema"),
            (put(RANGE, {"a": {"S": "a"}, "b": {"S": "a"}, "c": {"N": "1"}}), v,
             "One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: index1"),
            (put(HASH, {"a": {"S": big(2049)}}), v,
             "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
            (put(RANGE, {"a": {"S": "a"}, "b": {"S": big(1025)}}), v,
             "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"),
            ({"RequestItems": {"abc": [{"PutRequest": {"Item": {"a": {"S": "x"}, "c": {"S": "c"}}}},
                                       {"DeleteRequest": {"Key": {"a": {"S": "x"}}}}]}}, NOT_FOUND, "Requested resource not found"),
            ({"RequestItems": {HASH: [{"PutRequest": {"Item": {"a": {"S": "x"}, "c": {"S": "c"}}}},
                                      {"DeleteRequest": {"Key": {"a": {"S": "x"}}}}]}}, v, "Provided list of item keys contains duplicates"),
        ])

    def test_transact_write_items_checks_a_puts_size_before_the_table(self):
        key = "k" * 10
        self.answers("TransactWriteItems", [
            ({"TransactItems": [{"Put": {"TableName": "abc", "Item": {"a": {"S": key}, "b": {"S": big(MAX_SIZE - len(key) - 1)}}}}]},
             VALIDATION, "Item size has exceeded the maximum allowed size"),
            ({"TransactItems": [{"Put": {"TableName": "abc", "Item": {"a": {"S": key}}, "ExpressionAttributeNames": {}}}]},
             VALIDATION, "ExpressionAttributeNames can only be specified when using expressions"),
        ])


if __name__ == "__main__":
    unittest.main()
