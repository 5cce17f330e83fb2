"""BatchGetItem, BatchWriteItem, TransactGetItems and TransactWriteItems through boto3.

Messages are DynamoDB's own. Where DynamoDB's regions currently answer in one of two wordings (the
validation framework is being rolled out: the older one echoes the value, the newer names the
member without it), the assertion accepts exactly those two.
"""
import http.client
import json
import threading
import unittest
import uuid

from botocore.exceptions import ClientError

from harness import ServerTestCase

HASH = "bt_hash"
COMP = "bt_comp"
EMPTY_KEY = ("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
             "empty string value. Key: pk")
SCHEMA = "The provided key element does not match the schema"
RCC_BOGUS = ("Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
             "[INDEXES, TOTAL, NONE]")
RICM_BOGUS = ("Value 'BOGUS2' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value "
              "set: [SIZE, NONE]")


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


class BatchTransactTest(ServerTestCase):
    server_args = ("--threads", "8")  # enough io threads for the same-token race below

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(TableName=HASH, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.ddb.create_table(TableName=COMP, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"},
                                                   {"AttributeName": "g", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}],
                             GlobalSecondaryIndexes=[{"IndexName": "by_g",
                                                      "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                      "Projection": {"ProjectionType": "ALL"}}])

    # --- helpers ------------------------------------------------------------------------------------

    def error(self, fn, **kwargs):
        try:
            fn(**kwargs)
        except ClientError as e:
            return e.response
        self.fail("expected an error")

    def assertRejected(self, code, message, fn, **kwargs):
        err = self.error(fn, **kwargs)
        self.assertEqual(err["Error"]["Code"], code, err["Error"])
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message)
        return err

    def cancelled(self, fn, **kwargs):
        err = self.assertRejected("TransactionCanceledException", None, fn, **kwargs)
        codes = [r["Code"] for r in err["CancellationReasons"]]
        self.assertEqual(err["Error"]["Message"],
                         "Transaction cancelled, please refer cancellation reasons for specific reasons [%s]" % ", ".join(codes))
        return err["CancellationReasons"]

    def get(self, table, key):
        return self.ddb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")

    def key(self):
        return "k-" + uuid.uuid4().hex[:10]

    # --- BatchGetItem ------------------------------------------------------------------------------

    def test_batch_get_across_tables(self):
        a, b = self.key(), self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(a), "x": N(1), "y": S("yes"), "m": {"M": {"z": S("deep")}}})
        self.ddb.put_item(TableName=COMP, Item={"pk": S(b), "sk": N(1), "v": S("one")})
        self.ddb.put_item(TableName=COMP, Item={"pk": S(b), "sk": N(2), "v": S("two")})
        out = self.ddb.batch_get_item(RequestItems={
            HASH: {"Keys": [{"pk": S(a)}, {"pk": S("missing")}], "ProjectionExpression": "#x, m.z",
                   "ExpressionAttributeNames": {"#x": "x"}},
            COMP: {"Keys": [{"pk": S(b), "sk": N("1.0")}, {"pk": S(b), "sk": N(2)}, {"pk": S(b), "sk": N(3)}],
                   "ConsistentRead": True},
        })
        self.assertEqual(out["UnprocessedKeys"], {})
        self.assertEqual(out["Responses"][HASH], [{"x": N(1), "m": {"M": {"z": S("deep")}}}])
        self.assertEqual(sorted(out["Responses"][COMP], key=lambda i: i["sk"]["N"]),
                         [{"pk": S(b), "sk": N(1), "v": S("one")}, {"pk": S(b), "sk": N(2), "v": S("two")}])
        self.assertNotIn("ConsumedCapacity", out)
        # A table whose keys all miss still has its (empty) list.
        out = self.ddb.batch_get_item(RequestItems={HASH: {"Keys": [{"pk": S("nope")}]}})
        self.assertEqual(out["Responses"], {HASH: []})

    def test_batch_get_projection_matching_nothing_keeps_an_empty_entry(self):
        a = self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(a), "x": N(1)})
        out = self.ddb.batch_get_item(RequestItems={HASH: {"Keys": [{"pk": S(a)}], "ProjectionExpression": "nothing"}})
        self.assertEqual(out["Responses"][HASH], [{}])
        out = self.ddb.batch_get_item(RequestItems={HASH: {"Keys": [{"pk": S(a)}], "AttributesToGet": ["x"]}})
        self.assertEqual(out["Responses"][HASH], [{"x": N(1)}])

    def test_batch_get_expression_and_legacy_projection_cannot_mix(self):
        self.assertRejected(
            "ValidationException",
            "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
            "{AttributesToGet} Expression parameters: {ProjectionExpression}",
            self.ddb.batch_get_item, RequestItems={HASH: {"Keys": [{"pk": S("a")}], "AttributesToGet": ["pk"],
                                                          "ProjectionExpression": "pk"}})
        # Across tables too (the wording of this one is not pinned).
        self.assertRejected("ValidationException", None, self.ddb.batch_get_item, RequestItems={
            HASH: {"Keys": [{"pk": S("a")}], "ProjectionExpression": "pk"},
            COMP: {"Keys": [{"pk": S("a"), "sk": N(1)}], "AttributesToGet": ["pk"]}})

    def test_batch_get_key_count_limits(self):
        keys = [{"pk": S("n%d" % i)} for i in range(101)]
        self.assertEqual(len(self.ddb.batch_get_item(RequestItems={HASH: {"Keys": keys[:100]}})["Responses"][HASH]), 0)
        err = self.assertRejected("ValidationException", None, self.unchecked.batch_get_item, RequestItems={HASH: {"Keys": keys}})
        self.assertRegex(err["Error"]["Message"],
                         r"^1 validation error detected: Value (at 'RequestItems\.bt_hash\.member\.Keys'|'.+' at "
                         r"'requestItems\.bt_hash\.member\.keys') failed to satisfy constraint: Member must have length "
                         r"less than or equal to 100$")
        comp_keys = [{"pk": S("n"), "sk": N(i)} for i in range(41)]
        self.assertRejected("ValidationException", "Too many items requested for the BatchGetItem call",
                            self.ddb.batch_get_item, RequestItems={HASH: {"Keys": keys[:60]}, COMP: {"Keys": comp_keys}})
        # The count is checked before the tables are looked up.
        self.assertRejected("ValidationException", "Too many items requested for the BatchGetItem call",
                            self.ddb.batch_get_item, RequestItems={"bt_missing": {"Keys": keys[:60]}, COMP: {"Keys": comp_keys}})
        self.assertRejected("ResourceNotFoundException", "Requested resource not found",
                            self.ddb.batch_get_item, RequestItems={"bt_missing": {"Keys": keys[:100]}})

    def test_batch_get_duplicates_and_bad_keys(self):
        self.assertRejected("ValidationException", "Provided list of item keys contains duplicates",
                            self.ddb.batch_get_item, RequestItems={HASH: {"Keys": [{"pk": S("d")}, {"pk": S("d")}]}})
        self.assertRejected("ValidationException", "Provided list of item keys contains duplicates",
                            self.ddb.batch_get_item,
                            RequestItems={COMP: {"Keys": [{"pk": S("d"), "sk": N(1)}, {"pk": S("d"), "sk": N(1)}]}})
        self.assertRejected("ValidationException", SCHEMA, self.ddb.batch_get_item,
                            RequestItems={COMP: {"Keys": [{"pk": S("d")}]}})
        self.assertRejected("ValidationException", SCHEMA, self.ddb.batch_get_item,
                            RequestItems={HASH: {"Keys": [{"pk": N(1)}]}})
        self.assertRejected("ValidationException", EMPTY_KEY, self.ddb.batch_get_item,
                            RequestItems={HASH: {"Keys": [{"pk": S("")}]}})

    def test_batch_get_missing_table_and_request_shape(self):
        self.assertRejected("ResourceNotFoundException", "Requested resource not found", self.ddb.batch_get_item,
                            RequestItems={HASH: {"Keys": [{"pk": S("a")}]}, "bt_missing": {"Keys": [{"pk": S("a")}]}})
        err = self.assertRejected("ValidationException", None, self.unchecked.batch_get_item, RequestItems={})
        self.assertIn(err["Error"]["Message"], [
            "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1",
            "The requestItems parameter is required for BatchGetItem"])
        self.assertRejected(
            "ValidationException",
            "1 validation error detected: Value at 'RequestItems.bt_hash.member.Keys' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1",
            self.unchecked.batch_get_item, RequestItems={HASH: {"Keys": []}})
        self.assertRejected(
            "ValidationException",
            "1 validation error detected: Value '{\"bad!name\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}]}}' at 'requestItems' failed "
            "to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
            "Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: "
            "[a-zA-Z0-9_.-]+]",
            self.unchecked.batch_get_item, RequestItems={"bad!name": {"Keys": [{"pk": S("a")}]}})
        self.assertRejected("ValidationException", "1 validation error detected: " + RCC_BOGUS, self.unchecked.batch_get_item,
                            RequestItems={"bt_missing": {"Keys": [{"pk": S("a")}]}}, ReturnConsumedCapacity="BOGUS")

    def test_batch_get_consumed_capacity(self):
        a = self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(a), "blob": S("x" * 5000)})  # 2 read units
        out = self.ddb.batch_get_item(RequestItems={
            HASH: {"Keys": [{"pk": S(a)}, {"pk": S("absent")}], "ConsistentRead": True},
            COMP: {"Keys": [{"pk": S("absent"), "sk": N(1)}]}}, ReturnConsumedCapacity="TOTAL")
        cap = {c["TableName"]: c for c in out["ConsumedCapacity"]}
        self.assertEqual(cap[HASH], {"TableName": HASH, "CapacityUnits": 3.0})
        self.assertEqual(cap[COMP], {"TableName": COMP, "CapacityUnits": 0.5})
        out = self.ddb.batch_get_item(RequestItems={HASH: {"Keys": [{"pk": S(a)}]}}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": HASH, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}])

    # --- BatchWriteItem -----------------------------------------------------------------------------

    def test_batch_write_puts_and_deletes_across_tables(self):
        a, b, c = self.key(), self.key(), self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(c), "old": S("yes")})
        self.ddb.put_item(TableName=COMP, Item={"pk": S(c), "sk": N(9)})
        out = self.ddb.batch_write_item(RequestItems={
            HASH: [{"PutRequest": {"Item": {"pk": S(a), "v": N(1)}}},
                   {"PutRequest": {"Item": {"pk": S(c), "new": S("yes")}}}],
            COMP: [{"PutRequest": {"Item": {"pk": S(b), "sk": N(1), "g": S("grp")}}},
                   {"DeleteRequest": {"Key": {"pk": S(c), "sk": N("9.00")}}},
                   {"DeleteRequest": {"Key": {"pk": S("never"), "sk": N(1)}}},
                   {"PutRequest": {"Item": {"pk": S(a), "sk": N(1)}}}],  # same key as in HASH: not a duplicate
        })
        self.assertEqual(out["UnprocessedItems"], {})
        self.assertEqual(self.get(HASH, {"pk": S(a)}), {"pk": S(a), "v": N(1)})
        self.assertEqual(self.get(HASH, {"pk": S(c)}), {"pk": S(c), "new": S("yes")})
        self.assertIsNone(self.get(COMP, {"pk": S(c), "sk": N(9)}))
        self.assertEqual(self.ddb.query(TableName=COMP, IndexName="by_g", KeyConditionExpression="g = :g",
                                        ExpressionAttributeValues={":g": S("grp")})["Items"],
                         [{"pk": S(b), "sk": N(1), "g": S("grp")}])

    def test_batch_write_limits(self):
        puts = [{"PutRequest": {"Item": {"pk": S("lim%d" % i)}}} for i in range(26)]
        err = self.assertRejected("ValidationException", None, self.unchecked.batch_write_item, RequestItems={HASH: puts})
        self.assertRegex(err["Error"]["Message"],
                         r"^1 validation error detected: (Value at 'RequestItems\.bt_hash\.member' failed to satisfy "
                         r"constraint: Member must have length less than or equal to 25|Value '\{bt_hash=\[.+\]\}' at "
                         r"'requestItems' failed to satisfy constraint: Map value must satisfy constraint: \[Member must "
                         r"have length less than or equal to 25, Member must have length greater than or equal to 1\])$")
        comp = [{"PutRequest": {"Item": {"pk": S("lim"), "sk": N(i)}}} for i in range(10)]
        self.assertRejected("ValidationException", None, self.ddb.batch_write_item, RequestItems={HASH: puts[:20], COMP: comp})
        self.assertIsNone(self.get(HASH, {"pk": S("lim0")}))
        self.assertIsNone(self.get(COMP, {"pk": S("lim"), "sk": N(0)}))
        self.ddb.batch_write_item(RequestItems={HASH: puts[:25]})
        self.assertIsNotNone(self.get(HASH, {"pk": S("lim24")}))
        self.assertRejected(
            "ValidationException",
            "1 validation error detected: Value '{bt_hash=[]}' at 'requestItems' failed to satisfy constraint: Map value "
            "must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater "
            "than or equal to 1]",
            self.unchecked.batch_write_item, RequestItems={HASH: []})
        err = self.assertRejected("ValidationException", None, self.unchecked.batch_write_item, RequestItems={})
        self.assertIn(err["Error"]["Message"], [
            "The requestItems parameter is required for BatchWriteItem",
            "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1"])
        self.assertRejected("ValidationException", "2 validation errors detected: %s; %s" % (RCC_BOGUS, RICM_BOGUS),
                            self.unchecked.batch_write_item, RequestItems={HASH: puts[:1]},
                            ReturnConsumedCapacity="BOGUS", ReturnItemCollectionMetrics="BOGUS2")

    def test_batch_write_duplicates(self):
        k = self.key()
        self.assertRejected("ValidationException", "Provided list of item keys contains duplicates",
                            self.ddb.batch_write_item, RequestItems={HASH: [
                                {"PutRequest": {"Item": {"pk": S(k), "n": N(1)}}},
                                {"PutRequest": {"Item": {"pk": S(k), "n": N(2)}}}]})
        self.assertRejected("ValidationException", "Provided list of item keys contains duplicates",
                            self.ddb.batch_write_item, RequestItems={COMP: [
                                {"PutRequest": {"Item": {"pk": S(k), "sk": N(1)}}},
                                {"DeleteRequest": {"Key": {"pk": S(k), "sk": N("1.0")}}}]})
        self.assertIsNone(self.get(HASH, {"pk": S(k)}))

    def test_batch_write_wrong_keys_write_nothing(self):
        k = self.key()
        good = {"PutRequest": {"Item": {"pk": S(k)}}}
        for bad, message in [
            ({"PutRequest": {"Item": {"pk": N(5)}}}, SCHEMA),
            ({"PutRequest": {"Item": {"pk": {"L": [S("x")]}}}}, SCHEMA),
            ({"PutRequest": {"Item": {"other": S("x")}}}, SCHEMA),
            ({"DeleteRequest": {"Key": {"other": S("x")}}}, SCHEMA),
            ({"DeleteRequest": {"Key": {"pk": S("x"), "extra": S("y")}}}, SCHEMA),
            ({"PutRequest": {"Item": {"pk": S("")}}}, EMPTY_KEY),
            ({"DeleteRequest": {"Key": {"pk": S("")}}}, EMPTY_KEY),
            ({"PutRequest": {"Item": {"pk": S("big"), "blob": S("x" * (400 * 1024))}}},
             "Item size has exceeded the maximum allowed size"),
            ({}, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        ]:
            self.assertRejected("ValidationException", message, self.unchecked.batch_write_item, RequestItems={HASH: [good, bad]})
        self.assertRejected("ValidationException", SCHEMA, self.ddb.batch_write_item,
                            RequestItems={COMP: [{"PutRequest": {"Item": {"pk": S(k), "sk": S("1")}}}]})
        self.assertIsNone(self.get(HASH, {"pk": S(k)}))

    def test_batch_write_missing_table_writes_nothing(self):
        k = self.key()
        self.assertRejected("ResourceNotFoundException", "Requested resource not found", self.ddb.batch_write_item,
                            RequestItems={HASH: [{"PutRequest": {"Item": {"pk": S(k)}}}],
                                          "bt_missing": [{"PutRequest": {"Item": {"pk": S(k)}}}]})
        self.assertIsNone(self.get(HASH, {"pk": S(k)}))

    def test_batch_write_consumed_capacity(self):
        k = self.key()
        out = self.ddb.batch_write_item(RequestItems={
            HASH: [{"PutRequest": {"Item": {"pk": S(k), "blob": S("x" * 1500)}}},  # 2 units
                   {"DeleteRequest": {"Key": {"pk": S("absent")}}}],                   # 1 unit
            COMP: [{"PutRequest": {"Item": {"pk": S(k), "sk": N(1), "g": S("cap")}}}]}, ReturnConsumedCapacity="INDEXES")
        cap = {c["TableName"]: c for c in out["ConsumedCapacity"]}
        self.assertEqual(cap[HASH], {"TableName": HASH, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 3.0}})
        self.assertEqual(cap[COMP], {"TableName": COMP, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
                                     "GlobalSecondaryIndexes": {"by_g": {"CapacityUnits": 1.0}}})

    # --- TransactWriteItems -------------------------------------------------------------------------

    def test_transact_write_all_four_kinds(self):
        keep, new, count, gone = self.key(), self.key(), self.key(), self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(keep), "state": S("ok")})
        self.ddb.put_item(TableName=COMP, Item={"pk": S(count), "sk": N(1), "n": N(5)})
        self.ddb.put_item(TableName=HASH, Item={"pk": S(gone)})
        out = self.ddb.transact_write_items(TransactItems=[
            {"ConditionCheck": {"TableName": HASH, "Key": {"pk": S(keep)}, "ConditionExpression": "#s = :ok",
                                "ExpressionAttributeNames": {"#s": "state"}, "ExpressionAttributeValues": {":ok": S("ok")}}},
            {"Put": {"TableName": HASH, "Item": {"pk": S(new), "v": S("fresh")}, "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": COMP, "Key": {"pk": S(count), "sk": N(1)}, "UpdateExpression": "ADD n :one SET g = :g",
                        "ExpressionAttributeValues": {":one": N(1), ":g": S("tx")}}},
            {"Delete": {"TableName": HASH, "Key": {"pk": S(gone)}, "ConditionExpression": "attribute_exists(pk)"}},
        ])
        self.assertNotIn("ConsumedCapacity", out)
        self.assertEqual(self.get(HASH, {"pk": S(keep)}), {"pk": S(keep), "state": S("ok")})
        self.assertEqual(self.get(HASH, {"pk": S(new)}), {"pk": S(new), "v": S("fresh")})
        self.assertEqual(self.get(COMP, {"pk": S(count), "sk": N(1)}), {"pk": S(count), "sk": N(1), "n": N(6), "g": S("tx")})
        self.assertIsNone(self.get(HASH, {"pk": S(gone)}))
        self.assertEqual(len(self.ddb.query(TableName=COMP, IndexName="by_g", KeyConditionExpression="g = :g",
                                            ExpressionAttributeValues={":g": S("tx")})["Items"]), 1)

    def test_transact_write_cancellation_reasons_and_atomicity(self):
        a, b, c, d = self.key(), self.key(), self.key(), self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(b), "v": N(1)})
        self.ddb.put_item(TableName=HASH, Item={"pk": S(c), "v": N(1)})
        self.ddb.put_item(TableName=HASH, Item={"pk": S(d), "v": N(1)})
        reasons = self.cancelled(self.ddb.transact_write_items, TransactItems=[
            {"Put": {"TableName": HASH, "Item": {"pk": S(a), "v": N(1)}}},
            {"Update": {"TableName": HASH, "Key": {"pk": S(b)}, "UpdateExpression": "SET v = :two",
                        "ConditionExpression": "v = :zero", "ExpressionAttributeValues": {":two": N(2), ":zero": N(0)},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Delete": {"TableName": HASH, "Key": {"pk": S(c)}}},
            {"ConditionCheck": {"TableName": HASH, "Key": {"pk": S(d)}, "ConditionExpression": "attribute_not_exists(pk)",
                                "ReturnValuesOnConditionCheckFailure": "NONE"}},
            {"ConditionCheck": {"TableName": HASH, "Key": {"pk": S("absent")}, "ConditionExpression": "attribute_exists(pk)",
                                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        ])
        self.assertEqual(reasons, [
            {"Code": "None"},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed", "Item": {"pk": S(b), "v": N(1)}},
            {"Code": "None"},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
        ])
        # Nothing was written.
        self.assertIsNone(self.get(HASH, {"pk": S(a)}))
        self.assertEqual(self.get(HASH, {"pk": S(b)}), {"pk": S(b), "v": N(1)})
        self.assertEqual(self.get(HASH, {"pk": S(c)}), {"pk": S(c), "v": N(1)})

    def test_transact_write_update_errors_cancel_with_validation_error(self):
        k = self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(k), "s": S("text")})
        reasons = self.cancelled(self.ddb.transact_write_items, TransactItems=[
            {"Put": {"TableName": COMP, "Item": {"pk": S(k), "sk": N(1)}}},
            {"Update": {"TableName": HASH, "Key": {"pk": S(k)}, "UpdateExpression": "ADD s :one",
                        "ExpressionAttributeValues": {":one": N(1)}}}])
        self.assertEqual(reasons[0], {"Code": "None"})
        self.assertEqual(reasons[1]["Code"], "ValidationError")
        self.assertIsNone(self.get(COMP, {"pk": S(k), "sk": N(1)}))

    def test_transact_write_key_errors(self):
        # A wrongly typed key cancels with a ValidationError reason; an empty one fails the request.
        reasons = self.cancelled(self.ddb.transact_write_items,
                                 TransactItems=[{"Put": {"TableName": HASH, "Item": {"pk": N(5)}}}])
        self.assertEqual(reasons, [{"Code": "ValidationError", "Message":
                                    "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"}])
        for action in ({"Update": {"TableName": HASH, "Key": {"pk": N(5)}, "UpdateExpression": "SET a = :v",
                                   "ExpressionAttributeValues": {":v": S("x")}}},
                       {"Delete": {"TableName": HASH, "Key": {"pk": {"L": [S("x")]}}}},
                       {"ConditionCheck": {"TableName": HASH, "Key": {"pk": N(5)},
                                           "ConditionExpression": "attribute_not_exists(pk)"}}):
            reasons = self.cancelled(self.ddb.transact_write_items, TransactItems=[action])
            self.assertEqual(reasons, [{"Code": "ValidationError", "Message": SCHEMA}])
        self.assertRejected("ValidationException", EMPTY_KEY, self.ddb.transact_write_items,
                            TransactItems=[{"Put": {"TableName": HASH, "Item": {"pk": S("")}}}])
        self.assertRejected("ValidationException", EMPTY_KEY, self.ddb.transact_write_items,
                            TransactItems=[{"Delete": {"TableName": HASH, "Key": {"pk": S("")}}}])
        self.assertRejected("ValidationException",
                            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                            self.ddb.transact_write_items,
                            TransactItems=[{"Update": {"TableName": HASH, "Key": {"pk": S("a")}, "UpdateExpression": "SET pk = :v",
                                                       "ExpressionAttributeValues": {":v": S("b")}}}])

    def test_transact_write_multiple_operations_on_one_item(self):
        k = self.key()
        self.assertRejected("ValidationException", "Transaction request cannot include multiple operations on one item",
                            self.ddb.transact_write_items, TransactItems=[
                                {"Put": {"TableName": COMP, "Item": {"pk": S(k), "sk": N(1)}}},
                                {"Delete": {"TableName": COMP, "Key": {"pk": S(k), "sk": N("1.0")}}}])
        self.assertIsNone(self.get(COMP, {"pk": S(k), "sk": N(1)}))
        # The same key in two tables is two items.
        self.ddb.transact_write_items(TransactItems=[{"Put": {"TableName": COMP, "Item": {"pk": S(k), "sk": N(1)}}},
                                                     {"Put": {"TableName": HASH, "Item": {"pk": S(k)}}}])
        self.assertIsNotNone(self.get(HASH, {"pk": S(k)}))

    def test_transact_write_limits(self):
        puts = [{"Put": {"TableName": HASH, "Item": {"pk": S("tx%d" % i)}}} for i in range(101)]
        err = self.assertRejected("ValidationException", None, self.unchecked.transact_write_items, TransactItems=puts)
        self.assertRegex(err["Error"]["Message"],
                         r"^1 validation error detected: (Value at 'TransactItems'|Value '\[.+\]' at 'transactItems') "
                         r"failed to satisfy constraint: Member must have length less than or equal to 100$")
        self.assertIsNone(self.get(HASH, {"pk": S("tx0")}))
        self.ddb.transact_write_items(TransactItems=puts[:100])
        self.assertIsNotNone(self.get(HASH, {"pk": S("tx99")}))
        err = self.assertRejected("ValidationException", None, self.unchecked.transact_write_items, TransactItems=[])
        self.assertIn(err["Error"]["Message"], [
            "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1",
            "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1"])

    def test_transact_write_validation_order(self):
        k = self.key()
        put_missing = {"Put": {"TableName": "bt_missing", "Item": {"pk": S("a")}}}
        self.assertRejected("ResourceNotFoundException", "Requested resource not found", self.ddb.transact_write_items,
                            TransactItems=[{"Put": {"TableName": HASH, "Item": {"pk": S(k)}}}, put_missing])
        self.assertIsNone(self.get(HASH, {"pk": S(k)}))
        self.assertRejected("ValidationException", "2 validation errors detected: %s; %s" % (RCC_BOGUS, RICM_BOGUS),
                            self.unchecked.transact_write_items, TransactItems=[put_missing],
                            ReturnConsumedCapacity="BOGUS", ReturnItemCollectionMetrics="BOGUS2")
        token = "x" * 37
        err = self.assertRejected("ValidationException", None, self.unchecked.transact_write_items,
                                  TransactItems=[put_missing], ClientRequestToken=token, ReturnConsumedCapacity="BOGUS")
        self.assertIn(err["Error"]["Message"], [
            "1 validation error detected: Value at 'ClientRequestToken' failed to satisfy constraint: Member must have "
            "length less than or equal to 36",
            "2 validation errors detected: Value '%s' at 'clientRequestToken' failed to satisfy constraint: Member must "
            "have length less than or equal to 36; %s" % (token, RCC_BOGUS)])
        # Every action's expressions are checked before any table is looked up.
        self.assertRejected("ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}",
                            self.ddb.transact_write_items, TransactItems=[put_missing, {"ConditionCheck": {
                                "TableName": HASH, "Key": {"pk": S(k)}, "ConditionExpression": "attribute_not_exists(pk)",
                                "ExpressionAttributeValues": {":v": S("x")}}}])
        self.assertRejected("ValidationException", 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("',
                            self.ddb.transact_write_items, TransactItems=[put_missing, {"ConditionCheck": {
                                "TableName": HASH, "Key": {"pk": S(k)}, "ConditionExpression": "attribute_not_exists("}}])

    def test_transact_write_consumed_capacity(self):
        k = self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(k)})
        out = self.ddb.transact_write_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
            {"ConditionCheck": {"TableName": HASH, "Key": {"pk": S(k)}, "ConditionExpression": "attribute_exists(pk)"}},
            {"Put": {"TableName": HASH, "Item": {"pk": S(k + "b"), "blob": S("x" * 1500)}}},
            {"Put": {"TableName": COMP, "Item": {"pk": S(k), "sk": N(1)}}}])
        cap = {c["TableName"]: c for c in out["ConsumedCapacity"]}
        self.assertEqual(cap[HASH], {"TableName": HASH, "CapacityUnits": 6.0, "WriteCapacityUnits": 6.0})
        self.assertEqual(cap[COMP]["CapacityUnits"], 2.0)

    def test_client_request_token_replays(self):
        k, token = self.key(), str(uuid.uuid4())
        self.ddb.put_item(TableName=HASH, Item={"pk": S(k), "n": N(0)})
        request = [{"Update": {"TableName": HASH, "Key": {"pk": S(k)}, "UpdateExpression": "ADD n :one",
                               "ExpressionAttributeValues": {":one": N(1)}}}]
        first = self.ddb.transact_write_items(TransactItems=request, ClientRequestToken=token, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(first["ConsumedCapacity"], [{"TableName": HASH, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}])
        again = self.ddb.transact_write_items(TransactItems=request, ClientRequestToken=token, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(self.get(HASH, {"pk": S(k)})["n"], N(1))
        # The replay reports the read capacity of looking the item up again.
        self.assertEqual(again["ConsumedCapacity"], [{"TableName": HASH, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}])
        # Member order inside the request does not matter.
        reordered = [{"Update": {"ExpressionAttributeValues": {":one": N(1)}, "UpdateExpression": "ADD n :one",
                                 "Key": {"pk": S(k)}, "TableName": HASH}}]
        self.assertNotIn("ConsumedCapacity", self.ddb.transact_write_items(TransactItems=reordered, ClientRequestToken=token))
        self.assertEqual(self.get(HASH, {"pk": S(k)})["n"], N(1))
        changed = [{"Update": {"TableName": HASH, "Key": {"pk": S(k)}, "UpdateExpression": "ADD n :one",
                               "ExpressionAttributeValues": {":one": N(2)}}}]
        self.assertRejected("IdempotentParameterMismatchException", None, self.ddb.transact_write_items,
                            TransactItems=changed, ClientRequestToken=token)
        self.assertEqual(self.get(HASH, {"pk": S(k)})["n"], N(1))
        # Another token is another transaction.
        self.ddb.transact_write_items(TransactItems=request, ClientRequestToken=str(uuid.uuid4()))
        self.assertEqual(self.get(HASH, {"pk": S(k)})["n"], N(2))

    def test_concurrent_calls_with_one_token_apply_once(self):
        # The same signed-once request sent at the same moment on many connections (raw HTTP, so
        # that client-side serialisation does not stagger the calls): exactly one applies.
        for _ in range(3):
            k = self.key()
            self.ddb.put_item(TableName=HASH, Item={"pk": S(k), "n": N(0)})
            items = [{"Update": {"TableName": HASH, "Key": {"pk": S(k)}, "UpdateExpression": "ADD n :one",
                                 "ExpressionAttributeValues": {":one": N(1)}}}]
            items += [{"Put": {"TableName": COMP, "Item": {"pk": S(k), "sk": N(i), "blob": S("x" * 3000)}}} for i in range(99)]
            body = json.dumps({"TransactItems": items, "ClientRequestToken": k})
            headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.TransactWriteItems",
                       "X-Amz-Date": "20250101T000000Z",
                       "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/us-east-1/dynamodb/aws4_request, "
                                        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0"}
            conns = [http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30) for _ in range(16)]
            for c in conns:
                c.connect()
            barrier = threading.Barrier(len(conns))
            statuses, lock = [], threading.Lock()

            def run(conn):
                barrier.wait()
                conn.request("POST", "/", body, headers)
                response = conn.getresponse()
                response.read()
                with lock:
                    statuses.append(response.status)
            threads = [threading.Thread(target=run, args=(c,)) for c in conns]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for c in conns:
                c.close()
            self.assertEqual(statuses, [200] * len(conns))
            self.assertEqual(self.get(HASH, {"pk": S(k)})["n"], N(1))

    def test_transact_write_missing_table(self):
        self.assertRejected("ResourceNotFoundException", "Requested resource not found", self.ddb.transact_write_items,
                            TransactItems=[{"Delete": {"TableName": "bt_missing", "Key": {"pk": S("a")}}}])

    # --- TransactGetItems ---------------------------------------------------------------------------

    def test_transact_get_items(self):
        a, b = self.key(), self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(a), "x": N(1), "y": S("why")})
        self.ddb.put_item(TableName=COMP, Item={"pk": S(b), "sk": N(2), "z": {"L": [S("p"), S("q")]}})
        out = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": COMP, "Key": {"pk": S(b), "sk": N(2)}, "ProjectionExpression": "z[1], #p",
                     "ExpressionAttributeNames": {"#p": "pk"}}},
            {"Get": {"TableName": HASH, "Key": {"pk": S("absent")}}},
            {"Get": {"TableName": HASH, "Key": {"pk": S(a)}}},
            {"Get": {"TableName": HASH, "Key": {"pk": S(b)}, "ProjectionExpression": "x"}},
        ])
        self.assertEqual(out["Responses"], [
            {"Item": {"pk": S(b), "z": {"L": [S("q")]}}},
            {},
            {"Item": {"pk": S(a), "x": N(1), "y": S("why")}},
            {},
        ])
        # A present item whose projection matches nothing has no Item either.
        out = self.ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": HASH, "Key": {"pk": S(a)}, "ProjectionExpression": "#n", "ExpressionAttributeNames": {"#n": "nope"}}}])
        self.assertEqual(out["Responses"], [{}])

    def test_transact_get_errors(self):
        self.assertRejected("ValidationException", "Transaction request cannot include multiple operations on one item",
                            self.ddb.transact_get_items, TransactItems=[
                                {"Get": {"TableName": HASH, "Key": {"pk": S("d")}}},
                                {"Get": {"TableName": HASH, "Key": {"pk": S("d")}, "ProjectionExpression": "pk"}}])
        reasons = self.cancelled(self.ddb.transact_get_items, TransactItems=[
            {"Get": {"TableName": HASH, "Key": {"pk": S("ok")}}}, {"Get": {"TableName": HASH, "Key": {}}}])
        self.assertEqual([r["Code"] for r in reasons], ["None", "ValidationError"])
        self.assertRejected("ResourceNotFoundException", "Requested resource not found", self.ddb.transact_get_items,
                            TransactItems=[{"Get": {"TableName": "bt_missing", "Key": {"pk": S("a")}}}])
        self.assertRejected("ValidationException", 'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"',
                            self.ddb.transact_get_items,
                            TransactItems=[{"Get": {"TableName": HASH, "Key": {"pk": S("a")}, "ProjectionExpression": "!!!"}}])
        gets = [{"Get": {"TableName": HASH, "Key": {"pk": S("g%d" % i)}}} for i in range(101)]
        err = self.assertRejected("ValidationException", None, self.unchecked.transact_get_items, TransactItems=gets)
        self.assertRegex(err["Error"]["Message"],
                         r"^1 validation error detected: (Value at 'TransactItems'|Value '\[.+\]' at 'transactItems') "
                         r"failed to satisfy constraint: Member must have length less than or equal to 100$")
        self.assertEqual(len(self.ddb.transact_get_items(TransactItems=gets[:100])["Responses"]), 100)
        self.assertRejected("ValidationException", "1 validation error detected: " + RCC_BOGUS, self.unchecked.transact_get_items,
                            TransactItems=gets[:1], ReturnConsumedCapacity="BOGUS")

    def test_transact_get_consumed_capacity(self):
        a = self.key()
        self.ddb.put_item(TableName=HASH, Item={"pk": S(a), "blob": S("x" * 5000)})
        out = self.ddb.transact_get_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
            {"Get": {"TableName": HASH, "Key": {"pk": S(a)}}}, {"Get": {"TableName": HASH, "Key": {"pk": S("absent")}}}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": HASH, "CapacityUnits": 6.0, "ReadCapacityUnits": 6.0}])
        out = self.ddb.transact_get_items(ReturnConsumedCapacity="INDEXES",
                                          TransactItems=[{"Get": {"TableName": HASH, "Key": {"pk": S("absent")}}}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": HASH, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0,
                                                    "Table": {"CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}}])


if __name__ == "__main__":
    unittest.main()
