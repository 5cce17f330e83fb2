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

    def test_update_item(self):
        v = VALIDATION
        eav_invalid = "ExpressionAttributeValues contains invalid value: "
        self.answers("UpdateItem", [
            ({"TableName": "abc", "Key": {"a": {}}, "Expected": {"a": {}}, "AttributeUpdates": {}, "ExpressionAttributeNames": {},
              "ExpressionAttributeValues": {}, "ConditionExpression": "", "UpdateExpression": ""}, v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributeUpdates, Expected} Expression parameters: {UpdateExpression, ConditionExpression}"),
            ({"TableName": "abc", "Key": {"a": {}}, "Expected": {"a": {}}, "ExpressionAttributeNames": {},
              "ExpressionAttributeValues": {}}, v, "ExpressionAttributeNames can only be specified when using expressions"),
            ({"TableName": "abc", "Key": {"a": {}}, "Expected": {"a": {}}, "ExpressionAttributeValues": {}}, v,
             "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"),
            ({"TableName": "abc", "Key": {"a": {"L": [{"a": {}}]}}, "ConditionExpression": "", "UpdateExpression": "",
              "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {}}, v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            # The key's contents before the AttributeUpdates and Expected checks; AttributeUpdates before Expected.
            ({"TableName": "abc", "Key": {"a": {"NULL": False}}, "Expected": {"a": {}}, "AttributeUpdates": {"a": {"x": "whatever"}}}, v,
             "One or more parameter values were invalid: Null attribute value types must have the value of true"),
            ({"TableName": "abc", "Key": {}, "Expected": {"a": {}}, "AttributeUpdates": {"a": {"x": "whatever"}}}, v,
             "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"),
            ({"TableName": "abc", "Key": {}, "AttributeUpdates": {"a": {"Action": "DELETE", "Value": {"S": "1"}}}}, v,
             "One or more parameter values were invalid: DELETE action with value is not supported for the type S"),
            ({"TableName": "abc", "Key": {}, "AttributeUpdates": {"a": {"Action": "ADD", "Value": {"B": "Yg=="}}}}, v,
             "One or more parameter values were invalid: ADD action is not supported for the type B"),
            ({"TableName": "abc", "Key": {}, "Expected": {"a": {"Exists": True}}}, v,
             "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"),
            ({"TableName": "abc", "Key": {}, "ExpressionAttributeNames": {}, "ExpressionAttributeValues": {},
              "ConditionExpression": "", "UpdateExpression": ""}, v, "ExpressionAttributeNames must not be empty"),
            # Every key of ExpressionAttributeValues before any value's contents.
            ({"TableName": "abc", "Key": {}, "ExpressionAttributeValues": {":b": {"a": ""}, "b": {"S": "a"}},
              "ConditionExpression": "", "UpdateExpression": ""}, v, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "b"'),
            ({"TableName": "abc", "Key": {}, "ExpressionAttributeValues": {":b": {"L": [{}]}}, "ConditionExpression": "",
              "UpdateExpression": ""}, v,
             eav_invalid + "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :b"),
            ({"TableName": "abc", "Key": {}, "ExpressionAttributeValues": {":b": {"BS": ["Yg==", "Yg=="]}}, "ConditionExpression": "",
              "UpdateExpression": ""}, v,
             eav_invalid + "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates. for key :b"),
            ({"TableName": "abc", "Key": {}, "ExpressionAttributeValues": {":b": {"S": "a", "N": "b"}}, "ConditionExpression": "",
              "UpdateExpression": ""}, v, eav_invalid + "The parameter cannot be converted to a numeric value: b for key :b"),
            ({"TableName": "abc", "Key": {}, "ConditionExpression": "", "UpdateExpression": ""}, v,
             "Invalid UpdateExpression: The expression can not be empty;"),
            ({"TableName": "abc", "Key": {}, "UpdateExpression": "remove a", "ConditionExpression": "a = :b",
              "ExpressionAttributeValues": {":b": {"S": "a"}, ":c": {"S": "a"}}}, v,
             "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}"),
            ({"TableName": "nosuchtable", "Key": {}}, NOT_FOUND, "Requested resource not found"),
            ({"TableName": HASH, "Key": {"a": {"S": "a"}, "b": {"S": "a"}}}, v, "The provided key element does not match the schema"),
            ({"TableName": RANGE, "Key": {"a": {"S": "a"}}}, v, "The provided key element does not match the schema"),
            ({"TableName": HASH, "Key": {"a": {"S": "x"}}, "UpdateExpression": "set a = a.b + a[1]"}, v,
             "One or more parameter values were invalid: Cannot update attribute a. This attribute is part of the key"),
        ])

    def test_query(self):
        v = VALIDATION
        bad = {"ExclusiveStartKey": {"a": {}}, "AttributesToGet": ["a", "a"],
               "KeyConditions": {"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}}

        def q(**members):
            return dict({"TableName": "abc"}, **members)
        self.answers("Query", [
            (q(ExclusiveStartKey={"a": {}}, Select="SPECIFIC_ATTRIBUTES", AttributesToGet=["a", "a"],
               QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}, ConditionalOperator="OR",
               KeyConditions={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}, ProjectionExpression="",
               FilterExpression="", KeyConditionExpression="", ExpressionAttributeNames={}, ExpressionAttributeValues={}), v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: "
             "{ProjectionExpression, FilterExpression, KeyConditionExpression}"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}, AttributesToGet=["a", "a"],
               ExclusiveStartKey={"a": {}}, KeyConditions={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}},
               ConditionalOperator="OR", Select="SPECIFIC_ATTRIBUTES", FilterExpression="", ProjectionExpression="",
               ExpressionAttributeNames={}, ExpressionAttributeValues={}), v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributesToGet, QueryFilter, ConditionalOperator} Expression parameters: {ProjectionExpression, FilterExpression}"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}, AttributesToGet=["a", "a"],
               ExclusiveStartKey={"a": {}}, ConditionalOperator="OR", Select="SPECIFIC_ATTRIBUTES", ExpressionAttributeNames={},
               ExpressionAttributeValues={}), v, "ExpressionAttributeNames can only be specified when using expressions"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}, AttributesToGet=["a", "a"],
               ExclusiveStartKey={"a": {}}, ConditionalOperator="OR", Select="SPECIFIC_ATTRIBUTES", ExpressionAttributeValues={}), v,
             "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"),
            # QueryFilter's values and argument counts come before ExclusiveStartKey, AttributesToGet and KeyConditions.
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"a": ""}, {"S": ""}]}}, **bad), v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}, {"SS": ["a", "a"]}, {}]}}, **bad), v,
             "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}, {"N": "1e126"}]}}, **bad), v,
             "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}, {"S": "a", "N": "1"}]}}, **bad), v,
             "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
            (q(QueryFilter={"a": {"ComparisonOperator": "EQ"}, "b": {"ComparisonOperator": "NULL"}}, **bad), v,
             "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"),
            (q(QueryFilter={"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "a"}] * 3}}, **bad), v,
             "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
            (q(QueryFilter={"a": {"ComparisonOperator": "NOT_NULL", "AttributeValueList": [{"S": "a"}]}}, **bad), v,
             "One or more parameter values were invalid: Invalid number of argument(s) for the NOT_NULL ComparisonOperator"),
            # Then AttributesToGet, then the start key's contents (most worded as an invalid starting key,
            # number and duplicate errors bare), then that a key condition is given at all.
            (q(AttributesToGet=["a", "a"], ExclusiveStartKey={"a": {}}), v,
             "One or more parameter values were invalid: Duplicate value in attribute name: a"),
            (q(ExclusiveStartKey={"a": {}}, KeyConditions={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}), v,
             "The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (q(ExclusiveStartKey={"a": {"N": "x"}}), v, "The parameter cannot be converted to a numeric value: x"),
            (q(ExclusiveStartKey={"a": {"SS": ["a", "a"]}}), v, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            (q(ExclusiveStartKey={"a": {"S": "a"}}), v,
             "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
            # KeyConditions beside a FilterExpression is not a mix: the table is looked up.
            (q(KeyConditions={"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}}, FilterExpression="b = :b",
               ExpressionAttributeValues={":b": {"S": "b"}}), NOT_FOUND, "Requested resource not found"),
            # The expressions (the key condition first, as an expression), then the table, then the key schema.
            (q(KeyConditionExpression="a = :a OR b = :a", FilterExpression="b = ", ExpressionAttributeValues={":a": {"S": "a"}}), v,
             "Invalid operator used in KeyConditionExpression: OR"),
            (q(KeyConditionExpression="a = ", FilterExpression="b = ", ExpressionAttributeValues={":a": {"S": "a"}}), v,
             'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "= "'),
            (q(KeyConditionExpression="a = :a", ExpressionAttributeValues={":a": {"S": "a"}, ":b": {"S": "b"}}), v,
             "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"),
            (q(KeyConditionExpression="nokey = :a", ExpressionAttributeValues={":a": {"S": "a"}}), NOT_FOUND,
             "Requested resource not found"),
            ({"TableName": HASH, "KeyConditionExpression": "nokey = :a", "ExpressionAttributeValues": {":a": {"S": "a"}}}, v,
             "Query condition missed key schema element: a"),
            (q(KeyConditionExpression="a = :a", FilterExpression="b = ", ExpressionAttributeValues={":a": {"S": "a"}}), v,
             'Invalid FilterExpression: Syntax error; token: "<EOF>", near: "= "'),
            (q(KeyConditionExpression="a = :a", ProjectionExpression="", ExpressionAttributeValues={":a": {"S": "a"}}), v,
             "Invalid ProjectionExpression: The expression can not be empty;"),
        ])

    def test_scan(self):
        v = VALIDATION

        def scan(**members):
            return dict({"TableName": "abc"}, **members)
        self.answers("Scan", [
            (scan(AttributesToGet=["a", "a"], ScanFilter={"a": {"ComparisonOperator": "EQ"}}, ExclusiveStartKey={"a": {}},
                  Segment=1), v, "One or more parameter values were invalid: Duplicate value in attribute name: a"),
            (scan(ScanFilter={"a": {"ComparisonOperator": "EQ"}}, ExclusiveStartKey={"a": {}}, Segment=1), v,
             "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"),
            (scan(ExclusiveStartKey={"a": {"NULL": False}}, Segment=1), v,
             "The provided starting key is invalid: One or more parameter values were invalid: Null attribute value types must have the value of true"),
            (scan(Segment=1, FilterExpression=""), v,
             "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
            (scan(FilterExpression="", ExpressionAttributeNames={"#a": "a"}), v, "Invalid FilterExpression: The expression can not be empty;"),
            (scan(ExpressionAttributeNames={"#a": "a"}), v, "ExpressionAttributeNames can only be specified when using expressions"),
            (scan(ScanFilter={"a": {"ComparisonOperator": "NULL"}}, ProjectionExpression="a"), v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{ScanFilter} Expression parameters: {ProjectionExpression}"),
            (scan(AttributesToGet=["a"], ScanFilter={"a": {"ComparisonOperator": "NULL"}}, FilterExpression="a = b",
                  ProjectionExpression="a"), v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributesToGet, ScanFilter} Expression parameters: {ProjectionExpression, FilterExpression}"),
        ])

    def test_batch_get_item(self):
        v = VALIDATION
        key = {"a": {"S": "x"}, "b": {"N": "1"}}
        same = {"b": {"N": "1"}, "a": {"S": "x"}}

        def get(**spec):
            return {"RequestItems": {"abc": spec}}
        self.answers("BatchGetItem", [
            (get(Keys=[{}], AttributesToGet=["a"], ExpressionAttributeNames={}, ProjectionExpression=""), v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributesToGet} Expression parameters: {ProjectionExpression}"),
            (get(Keys=[{}], AttributesToGet=["a"], ExpressionAttributeNames={}), v,
             "ExpressionAttributeNames can only be specified when using expressions"),
            (get(Keys=[{}], ExpressionAttributeNames={}, ProjectionExpression=""), v, "ExpressionAttributeNames must not be empty"),
            (get(Keys=[{}], ExpressionAttributeNames={"a": "a"}, ProjectionExpression=""), v,
             'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'),
            (get(Keys=[{}], ProjectionExpression=""), v, "Invalid ProjectionExpression: The expression can not be empty;"),
            (get(Keys=[{"a": {"L": [{"a": {}}]}}]), v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            # The expressions, then AttributesToGet, then duplicate keys (compared as values, whatever the
            # members' order), all before the table is looked up.
            (get(Keys=[key, same, key], ExpressionAttributeNames={}, ProjectionExpression=""), v,
             "ExpressionAttributeNames must not be empty"),
            (get(Keys=[key, same, key], ProjectionExpression=""), v, "Invalid ProjectionExpression: The expression can not be empty;"),
            (get(Keys=[key, same, key]), v, "Provided list of item keys contains duplicates"),
            (get(Keys=[key, {"a": {"S": "y"}}, key], AttributesToGet=["a", "a"]), v,
             "One or more parameter values were invalid: Duplicate value in attribute name: a"),
            (get(Keys=[{}], AttributesToGet=["a", "a"]), v, "One or more parameter values were invalid: Duplicate value in attribute name: a"),
            (get(Keys=[{}]), NOT_FOUND, "Requested resource not found"),
            ({"RequestItems": {HASH: {"Keys": [{"a": {"S": "a"}, "b": {"S": "a"}}]}}}, v,
             "The provided key element does not match the schema"),
            ({"RequestItems": {RANGE: {"Keys": [{"a": {"S": "a"}}]}}}, v, "The provided key element does not match the schema"),
            ({"RequestItems": {HASH: {"Keys": [{"a": {"S": big(2049)}}]}}}, v,
             "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
        ])

    def test_get_item(self):
        v = VALIDATION
        self.answers("GetItem", [
            ({"TableName": "abc", "Key": {"a": {}}, "AttributesToGet": ["a", "a"], "ProjectionExpression": "",
              "ExpressionAttributeNames": {}}, v,
             "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
             "{AttributesToGet} Expression parameters: {ProjectionExpression}"),
            ({"TableName": "abc", "Key": {"a": {}}, "AttributesToGet": ["a", "a"], "ExpressionAttributeNames": {}}, v,
             "ExpressionAttributeNames can only be specified when using expressions"),
            ({"TableName": "abc", "Key": {"a": {}}, "AttributesToGet": ["a", "a"]}, v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            ({"TableName": "abc", "Key": {}, "AttributesToGet": ["a", "a"]}, v,
             "One or more parameter values were invalid: Duplicate value in attribute name: a"),
            ({"TableName": "abc", "Key": {}, "ProjectionExpression": "", "ExpressionAttributeNames": {}}, v,
             "ExpressionAttributeNames must not be empty"),
            ({"TableName": "abc", "Key": {}, "ProjectionExpression": ""}, v, "Invalid ProjectionExpression: The expression can not be empty;"),
            ({"TableName": "abc", "Key": {}, "ProjectionExpression": "a", "ExpressionAttributeNames": {"#a": "a"}}, v,
             "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}"),
            ({"TableName": "abc", "Key": {}}, NOT_FOUND, "Requested resource not found"),
            ({"TableName": HASH, "Key": {"a": {"S": "a"}, "b": {"S": "a"}}}, v, "The provided key element does not match the schema"),
        ])

    def test_delete_item(self):
        v = VALIDATION
        self.answers("DeleteItem", [
            ({"TableName": "abc", "Key": {"a": {}}, "Expected": {"a": {}}, "ExpressionAttributeNames": {},
              "ExpressionAttributeValues": {}}, v, "ExpressionAttributeNames can only be specified when using expressions"),
            ({"TableName": "abc", "Key": {"a": {}}, "Expected": {"a": {}}}, v,
             "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            ({"TableName": "abc", "Key": {}, "Expected": {"a": {}}}, v,
             "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"),
            ({"TableName": "abc", "Key": {}, "ReturnValues": "ALL_NEW"}, v, "ReturnValues can only be ALL_OLD or NONE"),
            ({"TableName": "abc", "Key": {}, "ConditionExpression": ""}, v, "Invalid ConditionExpression: The expression can not be empty;"),
            ({"TableName": "abc", "Key": {}}, NOT_FOUND, "Requested resource not found"),
            ({"TableName": HASH, "Key": {"a": {"N": "1"}}}, v, "The provided key element does not match the schema"),
        ])


if __name__ == "__main__":
    unittest.main()
