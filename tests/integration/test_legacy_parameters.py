"""The legacy (pre-expression) parameters through boto3: Expected with Exists / Value and with
ComparisonOperator + AttributeValueList, ConditionalOperator, AttributeUpdates (PUT / ADD /
DELETE) and AttributesToGet; plus the rules for mixing them with expressions and for
ExpressionAttributeNames / Values given without any expression. Messages as dynalite's suite
recorded them against DynamoDB, and the dynamodb-conformance suite's us-east-1 captures."""
import time
import unittest

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

INVALID = "One or more parameter values were invalid: "
FAILED = "The conditional request failed"
MIXED = "Can not use both expression and non-expression parameters in the same request: "


class LegacyParametersTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "legacy_params"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])

    def key(self):
        return {"pk": S(self.unique("k"))}

    def put(self, key, **attrs):
        item = dict(key, **attrs)
        self.ddb.put_item(TableName=self.table, Item=item)
        return item

    def get(self, key):
        return self.ddb.get_item(TableName=self.table, Key=key, ConsistentRead=True).get("Item")

    def expect(self, key, expected, conditional_operator=None):
        """Whether a conditional PutItem of the stored item passes `expected`."""
        params = dict(TableName=self.table, Item=self.get(key) or key, Expected=expected)
        if conditional_operator:
            params["ConditionalOperator"] = conditional_operator
        try:
            self.unchecked.put_item(**params)
            return True
        except self.ddb.exceptions.ConditionalCheckFailedException as e:
            self.assertEqual(e.response["Error"]["Message"], FAILED)
            return False

    def assertExpectedError(self, message, expected, **extra):
        return self.assertError("ValidationException", message, self.unchecked.put_item, TableName=self.table,
                                Item={"pk": S("x")}, Expected=expected, **extra)

    # ---- Expected: Exists / Value ----

    def test_exists_and_value(self):
        k = self.key()
        self.put(k, a=S("x"))
        self.assertTrue(self.expect(k, {"a": {"Value": S("x")}}))
        self.assertTrue(self.expect(k, {"a": {"Value": S("x"), "Exists": True}}))
        self.assertFalse(self.expect(k, {"a": {"Value": S("y")}}))
        self.assertTrue(self.expect(k, {"b": {"Exists": False}}))
        self.assertFalse(self.expect(k, {"a": {"Exists": False}}))
        # Every entry must hold (AND is the default).
        self.assertFalse(self.expect(k, {"a": {"Value": S("x")}, "b": {"Value": S("x")}}))
        self.assertTrue(self.expect(k, {"a": {"Value": S("x")}, "b": {"Value": S("x")}}, "OR"))
        self.assertFalse(self.expect(k, {"a": {"Value": S("x")}, "b": {"Value": S("x")}}, "AND"))

    def test_expected_on_absent_item(self):
        k = self.key()
        self.assertFalse(self.expect(k, {"pk": {"Value": k["pk"]}}))
        self.assertTrue(self.expect(k, {"pk": {"Exists": False}}))
        self.assertEqual(self.get(k), k)

    def test_expected_validation(self):
        for expected, message in [
            ({"a": {}}, "Value must be provided when Exists is null for Attribute: a"),
            ({"a": {"Exists": True}}, "Value must be provided when Exists is true for Attribute: a"),
            ({"a": {"Exists": False, "Value": S("a")}}, "Value cannot be used when Exists is false for Attribute: a"),
            ({"a": {"ComparisonOperator": "LT"}}, "Value or AttributeValueList must be used with ComparisonOperator: LT "
                                                  "for Attribute: a"),
            ({"a": {"Exists": True, "ComparisonOperator": "LT"}}, "Exists and ComparisonOperator cannot be used together "
                                                                  "for Attribute: a"),
            ({"a": {"AttributeValueList": [S("a")], "Value": S("a"), "ComparisonOperator": "LT"}},
             "Value and AttributeValueList cannot be used together for Attribute: a"),
            ({"a": {"AttributeValueList": [S("a")]}}, "AttributeValueList can only be used with a ComparisonOperator for "
                                                      "Attribute: a"),
            ({"a": {"AttributeValueList": [], "ComparisonOperator": "EQ"}}, "Invalid number of argument(s) for the EQ "
                                                                             "ComparisonOperator"),
            ({"a": {"AttributeValueList": [S("a")], "ComparisonOperator": "NULL"}}, "Invalid number of argument(s) for the "
                                                                                     "NULL ComparisonOperator"),
            ({"a": {"AttributeValueList": [], "ComparisonOperator": "IN"}}, "Invalid number of argument(s) for the IN "
                                                                             "ComparisonOperator"),
            ({"a": {"AttributeValueList": [N(1), N(10), N(12)], "ComparisonOperator": "BETWEEN"}},
             "Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
            ({"a": {"Value": S("a"), "ComparisonOperator": "BETWEEN"}}, "Invalid number of argument(s) for the BETWEEN "
                                                                         "ComparisonOperator"),
        ]:
            self.assertExpectedError(INVALID + message, expected)

    # ---- Expected: ComparisonOperator ----

    def test_comparison_operators(self):
        k = self.key()
        self.put(k, s=S("hello"), n=N(5), ss={"SS": ["a", "b"]}, l={"L": [S("x"), N(1)]})
        holds = [
            {"s": {"ComparisonOperator": "EQ", "AttributeValueList": [S("hello")]}},
            {"s": {"ComparisonOperator": "EQ", "Value": S("hello")}},
            {"s": {"ComparisonOperator": "NE", "AttributeValueList": [S("bye")]}},
            {"zz": {"ComparisonOperator": "NE", "AttributeValueList": [S("bye")]}},
            {"n": {"ComparisonOperator": "LE", "AttributeValueList": [N(5)]}},
            {"n": {"ComparisonOperator": "LT", "AttributeValueList": [N("5.1")]}},
            {"n": {"ComparisonOperator": "GE", "AttributeValueList": [N(5)]}},
            {"n": {"ComparisonOperator": "GT", "AttributeValueList": [N(-5)]}},
            {"s": {"ComparisonOperator": "NOT_NULL"}},
            {"zz": {"ComparisonOperator": "NULL"}},
            {"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [S("ell")]}},
            {"ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [S("a")]}},
            {"l": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [N(1)]}},
            {"s": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [S("bye")]}},
            {"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [S("he")]}},
            {"n": {"ComparisonOperator": "IN", "AttributeValueList": [N(1), N(5)]}},
            {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [N(5), N(6)]}},
        ]
        fails = [
            {"s": {"ComparisonOperator": "EQ", "AttributeValueList": [S("bye")]}},
            {"n": {"ComparisonOperator": "EQ", "AttributeValueList": [S("5")]}},
            {"s": {"ComparisonOperator": "NE", "AttributeValueList": [S("hello")]}},
            {"n": {"ComparisonOperator": "LT", "AttributeValueList": [N(5)]}},
            {"s": {"ComparisonOperator": "LT", "AttributeValueList": [N(5)]}},
            {"n": {"ComparisonOperator": "GT", "AttributeValueList": [N(5)]}},
            {"zz": {"ComparisonOperator": "NOT_NULL"}},
            {"s": {"ComparisonOperator": "NULL"}},
            {"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [S("bye")]}},
            {"s": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [S("ell")]}},
            {"zz": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [S("a")]}},
            {"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [S("lo")]}},
            {"n": {"ComparisonOperator": "IN", "AttributeValueList": [N(1), N(2)]}},
            {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [N(6), N(7)]}},
            {"zz": {"ComparisonOperator": "EQ", "AttributeValueList": [S("x")]}},
        ]
        for expected in holds:
            self.assertTrue(self.expect(k, expected), expected)
        for expected in fails:
            self.assertFalse(self.expect(k, expected), expected)
        self.assertTrue(self.expect(k, {"s": holds[0]["s"], "zz": fails[-1]["zz"]}, "OR"))
        self.assertFalse(self.expect(k, {"s": holds[0]["s"], "zz": fails[-1]["zz"]}))

    def test_comparison_operator_argument_types(self):
        self.assertExpectedError(INVALID + "AttributeValues inside AttributeValueList must be of same type",
                                 {"a": {"ComparisonOperator": "IN", "AttributeValueList": [S("a"), N(1)]}})
        self.assertExpectedError(INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                                 {"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [N(1)]}})
        self.assertExpectedError(INVALID + "ComparisonOperator GT is not valid for SS AttributeValue type",
                                 {"a": {"ComparisonOperator": "GT", "AttributeValueList": [{"SS": ["a"]}]}})
        self.assertExpectedError("The BETWEEN condition was provided a range where the lower bound is greater than the "
                                 "upper bound", {"a": {"ComparisonOperator": "BETWEEN",
                                                       "AttributeValueList": [N(2), N(1)]}})
        self.assertExpectedError("1 validation error detected: Value 'LIKE' at 'expected.a.member.comparisonOperator' "
                                 "failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, "
                                 "LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]",
                                 {"a": {"ComparisonOperator": "LIKE", "AttributeValueList": [S("a")]}})

    def test_expected_on_update_and_delete(self):
        k = self.key()
        self.put(k, v=N(1))
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.update_item, TableName=self.table, Key=k,
                         AttributeUpdates={"v": {"Value": N(2)}}, Expected={"v": {"Value": N(2)}})
        self.ddb.update_item(TableName=self.table, Key=k, AttributeUpdates={"v": {"Value": N(2)}},
                             Expected={"v": {"ComparisonOperator": "LT", "AttributeValueList": [N(2)]}})
        self.assertEqual(self.get(k)["v"], N(2))
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.delete_item, TableName=self.table, Key=k,
                         Expected={"v": {"Exists": False}})
        e = self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.delete_item, TableName=self.table, Key=k,
                             Expected={"v": {"Exists": False}}, ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(e.response["Item"], dict(k, v=N(2)))
        self.ddb.delete_item(TableName=self.table, Key=k, Expected={"v": {"Value": N(2)}})
        self.assertIsNone(self.get(k))

    # ---- AttributeUpdates ----

    def test_attribute_updates_put_add_delete(self):
        k = self.key()
        self.put(k, n=N(1), ss={"SS": ["a", "b"]}, l={"L": [S("a")]}, gone=S("x"), s=S("old"))
        out = self.ddb.update_item(TableName=self.table, Key=k, ReturnValues="UPDATED_NEW", AttributeUpdates={
            "n": {"Action": "ADD", "Value": N(3)},
            "ss": {"Action": "DELETE", "Value": {"SS": ["a", "zz"]}},
            "l": {"Action": "ADD", "Value": {"L": [S("b")]}},
            "gone": {"Action": "DELETE"},
            "s": {"Value": S("new")},
            "fresh": {"Action": "ADD", "Value": {"NS": ["1", "2"]}},
            "counter": {"Action": "ADD", "Value": N(7)},
        })
        attrs = out["Attributes"]
        self.assertEqual(attrs["n"], N(4))
        self.assertEqual(attrs["ss"], {"SS": ["b"]})
        self.assertEqual(attrs["l"], {"L": [S("a"), S("b")]})
        self.assertEqual(attrs["s"], S("new"))
        self.assertEqual(sorted(attrs["fresh"]["NS"]), ["1", "2"])
        self.assertEqual(attrs["counter"], N(7))
        self.assertNotIn("gone", attrs)
        self.assertNotIn("gone", self.get(k))
        # Deleting the last members removes the set.
        self.ddb.update_item(TableName=self.table, Key=k, AttributeUpdates={"ss": {"Action": "DELETE", "Value": {"SS": ["b"]}}})
        self.assertNotIn("ss", self.get(k))

    def test_attribute_updates_create_item(self):
        k = self.key()
        out = self.ddb.update_item(TableName=self.table, Key=k, ReturnValues="ALL_NEW", AttributeUpdates={
            "a": {"Action": "PUT", "Value": S("x")},
            "b": {"Action": "DELETE"},
            "c": {"Action": "DELETE", "Value": {"SS": ["q"]}},
        })
        self.assertEqual(out["Attributes"], dict(k, a=S("x")))

    def test_attribute_updates_return_values(self):
        k = self.key()
        self.put(k, b=S("a"), c=S("a"))
        out = self.ddb.update_item(TableName=self.table, Key=k, ReturnValues="UPDATED_OLD",
                                   AttributeUpdates={"b": {"Value": S("b")}, "c": {"Value": S("a")}, "d": {"Value": S("d")}})
        self.assertEqual(out["Attributes"], {"b": S("a"), "c": S("a")})
        out = self.ddb.update_item(TableName=self.table, Key=k, ReturnValues="ALL_OLD",
                                   AttributeUpdates={"b": {"Action": "DELETE"}})
        self.assertEqual(out["Attributes"], dict(k, b=S("b"), c=S("a"), d=S("d")))

    def test_attribute_updates_errors(self):
        k = self.key()
        self.put(k, ss={"SS": ["1"]}, n=N(1), ns={"NS": ["1"]})
        for updates in [{"ss": {"Action": "DELETE", "Value": {"NS": ["1"]}}},
                        {"n": {"Action": "DELETE", "Value": {"NS": ["1"]}}},
                        {"ss": {"Action": "ADD", "Value": {"NS": ["1"]}}},
                        {"ns": {"Action": "ADD", "Value": N(1)}}]:
            self.assertError("ValidationException", "Type mismatch for attribute to update", self.ddb.update_item,
                             TableName=self.table, Key=k, AttributeUpdates=updates)
        for updates, message in [
            ({"a": {"Action": "PUT"}}, "Only DELETE action is allowed when no attribute value is specified"),
            ({"a": {"Action": "ADD"}}, "Only DELETE action is allowed when no attribute value is specified"),
            ({"a": {"Action": "DELETE", "Value": N(1)}}, "DELETE action with value is not supported for the type N"),
            ({"a": {"Action": "DELETE", "Value": {"L": []}}}, "DELETE action with value is not supported for the type L"),
            ({"a": {"Action": "ADD", "Value": S("1")}}, "ADD action is not supported for the type S"),
            ({"a": {"Action": "ADD", "Value": {"M": {}}}}, "ADD action is not supported for the type M"),
        ]:
            self.assertError("ValidationException", INVALID + message, self.unchecked.update_item,
                             TableName=self.table, Key=k, AttributeUpdates=updates)
        self.assertError("ValidationException", INVALID + "Cannot update attribute pk. This attribute is part of the key",
                         self.ddb.update_item, TableName=self.table, Key=k, AttributeUpdates={"pk": {"Value": S("z")}})
        self.assertEqual(self.get(k), dict(k, ss={"SS": ["1"]}, n=N(1), ns={"NS": ["1"]}))

    # ---- AttributesToGet ----

    def test_attributes_to_get(self):
        k = self.key()
        self.put(k, a=S("x"), b=N(1), c={"M": {"d": S("y")}})
        item = self.ddb.get_item(TableName=self.table, Key=k, AttributesToGet=["a", "c", "nope"])["Item"]
        self.assertEqual(item, {"a": S("x"), "c": {"M": {"d": S("y")}}})
        # A name is taken literally: no document paths, no reserved words.
        item = self.ddb.get_item(TableName=self.table, Key=k, AttributesToGet=["c.d", "b", "status"])["Item"]
        self.assertEqual(item, {"b": N(1)})
        self.assertError("ValidationException", INVALID + "Duplicate value in attribute name: a", self.ddb.get_item,
                         TableName=self.table, Key=k, AttributesToGet=["a", "a"])
        out = self.ddb.scan(TableName=self.table, AttributesToGet=["b"], ScanFilter={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [k["pk"]]}})
        self.assertEqual(out["Items"], [{"b": N(1)}])

    def test_attributes_to_get_of_many_names(self):
        # The list has no length limit; its duplicate check must not cost a scan per name.
        k = self.key()
        self.put(k, a=S("x"), b=N(1))
        names = ["n%d" % i for i in range(100000)] + ["b"]
        start = time.monotonic()
        item = self.ddb.get_item(TableName=self.table, Key=k, AttributesToGet=names)["Item"]
        self.assertEqual(item, {"b": N(1)})
        self.assertError("ValidationException", INVALID + "Duplicate value in attribute name: n5", self.ddb.get_item,
                         TableName=self.table, Key=k, AttributesToGet=names + ["n5"])
        self.assertLess(time.monotonic() - start, 30)

    # ---- mixing and stray placeholders ----

    def test_mixing_expressions_and_legacy_parameters(self):
        k = {"pk": S("mix")}
        cases = [
            (self.unchecked.put_item, dict(Item=k, Expected={"a": {"Exists": False}}, ConditionExpression="attribute_exists(a)"),
             "{Expected}", "{ConditionExpression}"),
            (self.unchecked.delete_item, dict(Key=k, Expected={"a": {"Exists": False}}, ConditionExpression="attribute_exists(a)"),
             "{Expected}", "{ConditionExpression}"),
            (self.unchecked.update_item, dict(Key=k, AttributeUpdates={"a": {"Value": S("x")}}, UpdateExpression="REMOVE b"),
             "{AttributeUpdates}", "{UpdateExpression}"),
            (self.unchecked.get_item, dict(Key=k, AttributesToGet=["a"], ProjectionExpression="a"),
             "{AttributesToGet}", "{ProjectionExpression}"),
        ]
        for fn, params, legacy, expressions in cases:
            self.assertError("ValidationException", MIXED + "Non-expression parameters: %s Expression parameters: %s"
                             % (legacy, expressions), fn, TableName=self.table, **params)

    def test_attribute_names_and_values_without_expressions(self):
        k = {"pk": S("stray")}
        names = {"#a": "a"}
        values = {":a": S("a")}
        cases = [
            (self.unchecked.put_item, dict(Item=k), "ConditionExpression is null"),
            (self.unchecked.delete_item, dict(Key=k), "ConditionExpression is null"),
            (self.unchecked.update_item, dict(Key=k), "UpdateExpression and ConditionExpression are null"),
            (self.unchecked.update_item, dict(Key=k, AttributeUpdates={"b": {"Value": S("x")}}),
             "UpdateExpression and ConditionExpression are null"),
        ]
        for fn, params, tail in cases:
            self.assertError("ValidationException", "ExpressionAttributeNames can only be specified when using expressions",
                             fn, TableName=self.table, ExpressionAttributeNames=names, **params)
            self.assertError("ValidationException", "ExpressionAttributeValues can only be specified when using "
                             "expressions: " + tail, fn, TableName=self.table, ExpressionAttributeValues=values, **params)
            # Names are reported before values.
            self.assertError("ValidationException", "ExpressionAttributeNames can only be specified when using expressions",
                             fn, TableName=self.table, ExpressionAttributeNames=names, ExpressionAttributeValues=values,
                             **params)
        self.assertError("ValidationException", "ExpressionAttributeNames can only be specified when using expressions",
                         self.unchecked.get_item, TableName=self.table, Key=k, ExpressionAttributeNames=names)
        self.assertError("ValidationException", "ExpressionAttributeNames can only be specified when using expressions",
                         self.unchecked.get_item, TableName=self.table, Key=k, ExpressionAttributeNames=names,
                         AttributesToGet=["a"])
        # Nothing was written.
        self.assertIsNone(self.get(k))


if __name__ == "__main__":
    unittest.main()
