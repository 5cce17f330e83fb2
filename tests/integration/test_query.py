"""Query on tables: key conditions (expression and legacy), filters, projections, Select, order, paging,
the 1 MB page limit, ExclusiveStartKey rules and consumed capacity, through boto3's client, resource and
paginator APIs. Index queries live in test_indexes.py."""
import unittest
from decimal import Decimal

from boto3.dynamodb.conditions import Attr, Key
from boto3.dynamodb.types import Binary

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

NUMBERS = ["-1E+10", "-99.1", "-10.1", "-9.9", "-9", "-1.01", "-1", "-0.9", "-0.1", "-0.09", "-0.01", "0", "0.01",
           "0.09", "0.1", "0.9", "1", "1.1", "1.9", "9", "9.1", "10.1", "10.9", "99.1", "1E+10",
           "123456789012345678901234567890123456.78"]
BINARIES = [b"\x00", b"\x00\x00", b"\x00\x01", b"\x01", b"a", b"ab", b"b", b"\x7f", b"\x80", b"\xff", b"\xff\x00", b"\xff\xff"]
STRING_KEYS = ["a", "aa", "ab", "b", "ba", "c", "ca", "d"]


class QueryTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.ddb

        def table(name, sk_type):
            c.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                           AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                 {"AttributeName": "sk", "AttributeType": sk_type}],
                           KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                      {"AttributeName": "sk", "KeyType": "RANGE"}])
        cls.strings, cls.numbers, cls.binaries = "q_strings", "q_numbers", "q_binaries"
        table(cls.strings, "S")
        table(cls.numbers, "N")
        table(cls.binaries, "B")
        c.create_table(TableName="q_hash", BillingMode="PAY_PER_REQUEST",
                       AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                       KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        for i, sk in enumerate(STRING_KEYS):
            c.put_item(TableName=cls.strings, Item={"pk": S("p"), "sk": S(sk), "n": N(i), "odd": {"BOOL": i % 2 == 1},
                                                    "m": {"M": {"x": N(i), "y": S("why")}}, "tag": S("t%d" % (i % 3))})
        # Neighbouring partitions, so a query that leaks out of its partition shows.
        for pk in ("o", "pp", "q"):
            c.put_item(TableName=cls.strings, Item={"pk": S(pk), "sk": S("a")})
        for n in NUMBERS:
            c.put_item(TableName=cls.numbers, Item={"pk": S("p"), "sk": N(n)})
        for b in BINARIES:
            c.put_item(TableName=cls.binaries, Item={"pk": S("p"), "sk": {"B": b}})
        c.put_item(TableName="q_hash", Item={"pk": S("h"), "v": S("x")})

    def q(self, table=None, kce="pk = :p", values=None, client=None, **kw):
        values = dict(values or {})
        values.setdefault(":p", S("p"))
        return (client or self.ddb).query(TableName=table or self.strings, KeyConditionExpression=kce,
                                          ExpressionAttributeValues=values, **kw)

    def sks(self, out, kind="S"):
        return [item["sk"][kind] for item in out["Items"]]

    def all_pages(self, **kw):
        items, pages, start = [], 0, None
        while True:
            if start:
                kw["ExclusiveStartKey"] = start
            out = self.q(**kw)
            pages += 1
            items += out["Items"]
            start = out.get("LastEvaluatedKey")
            if not start:
                return items, pages
            self.assertLess(pages, 1000)

    # ---- key conditions ----------------------------------------------------------------------

    def test_partition_equality_returns_only_that_partition_in_sort_order(self):
        out = self.q()
        self.assertEqual(self.sks(out), STRING_KEYS)
        self.assertEqual(out["Count"], len(STRING_KEYS))
        self.assertEqual(out["ScannedCount"], len(STRING_KEYS))
        self.assertNotIn("LastEvaluatedKey", out)
        out = self.q(values={":p": S("nothing")})
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 0))
        self.assertNotIn("LastEvaluatedKey", out)

    def test_legacy_key_conditions_with_a_filter_expression(self):
        # KeyConditions is not counted as a legacy parameter beside a FilterExpression (DynamoDB
        # only refuses it beside a KeyConditionExpression).
        out = self.ddb.query(TableName=self.strings, KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]}},
                             FilterExpression="odd = :t", ExpressionAttributeValues={":t": {"BOOL": True}})
        self.assertEqual(self.sks(out), [k for i, k in enumerate(STRING_KEYS) if i % 2 == 1])
        self.assertEqual(out["ScannedCount"], len(STRING_KEYS))
        self.assertError("ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                         self.ddb.query, TableName=self.strings,
                         KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]}},
                         FilterExpression="sk = :t", ExpressionAttributeValues={":t": S("a")})

    def test_sort_key_operators(self):
        cases = [
            ("pk = :p AND sk = :a", {":a": S("b")}, ["b"]),
            ("pk = :p AND sk < :a", {":a": S("b")}, ["a", "aa", "ab"]),
            ("pk = :p AND sk <= :a", {":a": S("b")}, ["a", "aa", "ab", "b"]),
            ("pk = :p AND sk > :a", {":a": S("c")}, ["ca", "d"]),
            ("pk = :p AND sk >= :a", {":a": S("c")}, ["c", "ca", "d"]),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": S("aa"), ":b": S("b")}, ["aa", "ab", "b"]),
            ("pk = :p AND sk BETWEEN :a AND :b", {":a": S("b"), ":b": S("b")}, ["b"]),
            ("pk = :p AND begins_with(sk, :a)", {":a": S("a")}, ["a", "aa", "ab"]),
            ("pk = :p AND begins_with(sk, :a)", {":a": S("ab")}, ["ab"]),
            ("pk = :p AND begins_with(sk, :a)", {":a": S("e")}, []),
            ("sk >= :a AND pk = :p", {":a": S("ca")}, ["ca", "d"]),
            ("(pk = :p) AND (sk < :a)", {":a": S("aa")}, ["a"]),
            # The value may come first for the ordering comparisons: ":a < sk" means "sk > :a".
            ("pk = :p AND :a < sk", {":a": S("ca")}, ["d"]),
            ("pk = :p AND :a >= sk", {":a": S("aa")}, ["a", "aa"]),
            ("#k = :p AND #s > :a", {":a": S("c")}, ["ca", "d"]),
        ]
        for kce, values, want in cases:
            kw = {"ExpressionAttributeNames": {"#k": "pk", "#s": "sk"}} if "#" in kce else {}
            out = self.q(kce=kce, values=values, **kw)
            self.assertEqual(self.sks(out), want, kce)
            self.assertEqual(out["ScannedCount"], len(want), kce)

    def test_hash_only_table(self):
        out = self.q(table="q_hash", values={":p": S("h")})
        self.assertEqual(out["Items"], [{"pk": S("h"), "v": S("x")}])
        self.assertError("ValidationException",
                         "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)",
                         self.q, table="q_hash", kce="pk = :p AND v = :v", values={":p": S("h"), ":v": S("x")})

    def test_partition_key_must_be_an_equality(self):
        for kce in ("begins_with(pk, :p)", "pk > :p", "pk BETWEEN :p AND :q", "pk <= :p AND sk = :q"):
            self.assertError("ValidationException", "Query key condition not supported", self.q, kce=kce,
                             values={":q": S("z")} if ":q" in kce else None)

    def test_key_condition_must_name_the_partition_key(self):
        self.assertError("ValidationException", "Query condition missed key schema element: pk", self.q,
                         kce="sk = :p")
        self.assertError("ValidationException", "Query condition missed key schema element: sk", self.q,
                         kce="pk = :p AND xattr = :p")

    def test_key_condition_operators_not_allowed(self):
        for kce, op in [("pk = :p OR sk = :p", "OR"), ("pk = :p AND sk <> :p", "<>"),
                        ("pk = :p AND NOT sk = :p", "NOT"), ("pk = :p AND attribute_exists(sk)", "attribute_exists"),
                        ("pk = :p AND contains(sk, :p)", "contains"), ("pk = :p AND sk IN (:p)", "IN")]:
            self.assertError("ValidationException", "Invalid operator used in KeyConditionExpression: " + op,
                             self.q, kce=kce)

    def test_key_condition_value_types(self):
        schema = "One or more parameter values were invalid: Condition parameter type does not match schema type"
        self.assertError("ValidationException", schema, self.q, values={":p": N(1)})
        self.assertError("ValidationException", schema, self.q, kce="pk = :p AND sk = :a", values={":a": N(1)})
        self.assertError("ValidationException", schema, self.q, table=self.numbers, kce="pk = :p AND sk = :a",
                         values={":a": {"BOOL": True}})
        # Operand types no key could have fail as expression errors (pinned against AWS by the
        # dynamodb-conformance suite).
        operand = ("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                   "operator or function: %s, operand type: %s")
        self.assertError("ValidationException", operand % ("begins_with", "N"), self.q,
                         kce="pk = :p AND begins_with(sk, :a)", values={":a": N(1)})
        self.assertError("ValidationException", operand % ("begins_with", "N"), self.q, table=self.numbers,
                         kce="pk = :p AND begins_with(sk, :a)", values={":a": N(1)})
        self.assertError("ValidationException", schema, self.q, table=self.numbers,
                         kce="pk = :p AND begins_with(sk, :a)", values={":a": S("1")})
        self.assertError("ValidationException", operand % ("<", "BOOL"), self.q, table=self.numbers,
                         kce="pk = :p AND sk < :a", values={":a": {"BOOL": True}})
        self.assertError("ValidationException", operand % ("BETWEEN", "BOOL"), self.q, table=self.numbers,
                         kce="pk = :p AND sk BETWEEN :a AND :b", values={":a": {"BOOL": False}, ":b": {"BOOL": True}})

    def test_between_bounds(self):
        self.assertError("ValidationException",
                         "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                         "equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                         "AttributeValue: {S:a}",
                         self.q, kce="pk = :p AND sk BETWEEN :a AND :b", values={":a": S("b"), ":b": S("a")})

    def test_two_conditions_on_the_sort_key(self):
        self.assertError("ValidationException",
                         "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
                         self.q, kce="pk = :p AND sk > :a AND sk < :b", values={":a": S("a"), ":b": S("c")})

    def test_more_conditions_than_key_attributes(self):
        self.assertError("ValidationException",
                         "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)",
                         self.q, kce="pk = :p AND sk > :a AND extra = :b", values={":a": S("a"), ":b": S("c")})

    def test_two_conditions_on_the_sort_key_are_rejected(self):
        e = self.assertError("ValidationException", None, self.q, kce="pk = :p AND sk > :a AND sk < :b",
                             values={":a": S("a"), ":b": S("c")})
        self.assertTrue(e.response["Error"]["Message"].endswith(
            "KeyConditionExpressions must only contain one condition per key"))

    def test_missing_key_condition_and_unknown_table(self):
        self.assertError("ValidationException",
                         "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                         self.ddb.query, TableName=self.strings)
        self.assertError("ResourceNotFoundException", "Requested resource not found", self.q, table="q_no_such_table")
        self.assertError("ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}",
                         self.q, values={":x": S("x")})

    def test_legacy_key_conditions(self):
        def legacy(conditions, **kw):
            return self.ddb.query(TableName=self.strings, KeyConditions=conditions, **kw)
        eq = {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]}
        for op, args, want in [("BEGINS_WITH", [S("a")], ["a", "aa", "ab"]), ("BETWEEN", [S("b"), S("c")], ["b", "ba", "c"]),
                               ("LT", [S("aa")], ["a"]), ("LE", [S("aa")], ["a", "aa"]), ("GT", [S("ca")], ["d"]),
                               ("GE", [S("ca")], ["ca", "d"]), ("EQ", [S("ba")], ["ba"])]:
            out = legacy({"pk": eq, "sk": {"ComparisonOperator": op, "AttributeValueList": args}})
            self.assertEqual(self.sks(out), want, op)
        out = legacy({"pk": eq}, QueryFilter={"odd": {"ComparisonOperator": "EQ", "AttributeValueList": [{"BOOL": True}]}},
                     AttributesToGet=["sk", "n"], ScanIndexForward=False)
        self.assertEqual(out["Items"], [{"sk": S("d"), "n": N(7)}, {"sk": S("c"), "n": N(5)},
                                        {"sk": S("b"), "n": N(3)}, {"sk": S("aa"), "n": N(1)}])
        self.assertEqual((out["Count"], out["ScannedCount"]), (4, 8))
        out = legacy({"pk": eq}, QueryFilter={"odd": {"ComparisonOperator": "EQ", "AttributeValueList": [{"BOOL": True}]},
                                              "tag": {"ComparisonOperator": "EQ", "AttributeValueList": [S("t0")]}},
                     ConditionalOperator="OR")
        self.assertEqual(self.sks(out), ["a", "aa", "b", "c", "ca", "d"])
        for op in ("NE", "CONTAINS", "NOT_CONTAINS", "IN", "NULL", "NOT_NULL"):
            cond = {"ComparisonOperator": op}
            if op not in ("NULL", "NOT_NULL"):
                cond["AttributeValueList"] = [S("a")]
            self.assertError("ValidationException", "Attempted conditional constraint is not an indexable operation",
                             legacy, {"pk": eq, "sk": cond})
        self.assertError("ValidationException", "Query key condition not supported", legacy,
                         {"pk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [S("p")]}})
        self.assertError("ValidationException", "Query condition missed key schema element: pk", legacy,
                         {"sk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("a")]}})

    def test_expression_and_legacy_parameters_do_not_mix(self):
        self.assertError("ValidationException",
                         "Can not use both expression and non-expression parameters in the same request: "
                         "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
                         self.ddb.query, TableName=self.strings, KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues={":p": S("p")},
                         KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]}})

    # ---- filters, projections, Select --------------------------------------------------------

    def test_filter_applies_after_the_read(self):
        out = self.q(FilterExpression="odd = :t", values={":t": {"BOOL": True}})
        self.assertEqual(self.sks(out), ["aa", "b", "c", "d"])
        self.assertEqual((out["Count"], out["ScannedCount"]), (4, 8))
        out = self.q(FilterExpression="m.x > :v AND attribute_exists(tag)", values={":v": N(5)})
        self.assertEqual(self.sks(out), ["ca", "d"])

    def test_filter_may_not_name_key_attributes(self):
        for f, attr in [("sk = :p", "sk"), ("pk = :p", "pk"), ("attribute_exists(n) AND sk = :p", "sk")]:
            self.assertError("ValidationException",
                             "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + attr,
                             self.q, FilterExpression=f)
        self.assertError("ValidationException",
                         "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk",
                         self.ddb.query, TableName=self.strings,
                         KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]}},
                         QueryFilter={"sk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("a")]}})

    def test_projection(self):
        out = self.q(kce="pk = :p AND sk = :a", values={":a": S("b")}, ProjectionExpression="sk, m.y, nope")
        self.assertEqual(out["Items"], [{"sk": S("b"), "m": {"M": {"y": S("why")}}}])
        out = self.q(kce="pk = :p AND sk = :a", values={":a": S("b")}, ProjectionExpression="#n",
                     ExpressionAttributeNames={"#n": "n"}, Select="SPECIFIC_ATTRIBUTES")
        self.assertEqual(out["Items"], [{"n": N(3)}])
        out = self.ddb.query(TableName=self.strings, AttributesToGet=["n", "tag"],
                             KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p")]},
                                            "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("b")]}})
        self.assertEqual(out["Items"], [{"n": N(3), "tag": S("t0")}])

    def test_select_count(self):
        out = self.q(Select="COUNT")
        self.assertNotIn("Items", out)
        self.assertEqual((out["Count"], out["ScannedCount"]), (8, 8))
        out = self.q(Select="COUNT", FilterExpression="tag = :t", values={":t": S("t1")}, Limit=5)
        self.assertNotIn("Items", out)
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 5))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("p"), "sk": S("ba")})

    def test_select_rules(self):
        self.assertError("ValidationException",
                         "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when "
                         "choosing to get SPECIFIC_ATTRIBUTES", self.q, Select="SPECIFIC_ATTRIBUTES")
        self.assertError("ValidationException",
                         "1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only "
                         "the Count", self.q, Select="COUNT", ProjectionExpression="n")
        self.assertError("ValidationException", "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                         self.q, Select="ALL_ATTRIBUTES", ProjectionExpression="n")
        self.assertError("ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                         self.q, Select="ALL_PROJECTED_ATTRIBUTES")
        self.assertEqual(len(self.q(Select="ALL_ATTRIBUTES")["Items"][0]), 6)

    def test_request_constraints(self):
        e = self.assertError("ValidationException", None, self.q, client=self.unchecked, Limit=0)
        self.assertIn("Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                      e.response["Error"]["Message"])
        e = self.assertError("ValidationException", None, self.q, client=self.unchecked, Select="EVERYTHING")
        self.assertIn("Value 'EVERYTHING' at 'select' failed to satisfy constraint: Member must satisfy enum value set",
                      e.response["Error"]["Message"])

    # ---- order -------------------------------------------------------------------------------

    def test_number_sort_keys_order_by_value(self):
        want = sorted(NUMBERS, key=Decimal)
        got = self.sks(self.q(table=self.numbers), "N")
        self.assertEqual([Decimal(x) for x in got], [Decimal(x) for x in want])
        got = self.sks(self.q(table=self.numbers, ScanIndexForward=False), "N")
        self.assertEqual([Decimal(x) for x in got], [Decimal(x) for x in reversed(want)])
        out = self.q(table=self.numbers, kce="pk = :p AND sk BETWEEN :a AND :b", values={":a": N("-1"), ":b": N("0.1")})
        self.assertEqual(self.sks(out, "N"), ["-1", "-0.9", "-0.1", "-0.09", "-0.01", "0", "0.01", "0.09", "0.1"])
        out = self.q(table=self.numbers, kce="pk = :p AND sk < :a", values={":a": N("-9")}, ScanIndexForward=False)
        self.assertEqual(self.sks(out, "N"), ["-9.9", "-10.1", "-99.1", "-10000000000"])
        out = self.q(table=self.numbers, kce="pk = :p AND sk = :a", values={":a": N("1.10")})
        self.assertEqual(self.sks(out, "N"), ["1.1"])

    def test_binary_sort_keys_order_by_unsigned_bytes(self):
        got = [b.value if isinstance(b, Binary) else b for b in self.sks(self.q(table=self.binaries), "B")]
        self.assertEqual(got, sorted(BINARIES))
        out = self.q(table=self.binaries, kce="pk = :p AND begins_with(sk, :a)", values={":a": {"B": b"\x00"}})
        self.assertEqual(self.sks(out, "B"), [b"\x00", b"\x00\x00", b"\x00\x01"])
        out = self.q(table=self.binaries, kce="pk = :p AND begins_with(sk, :a)", values={":a": {"B": b"\xff"}},
                     ScanIndexForward=False)
        self.assertEqual(self.sks(out, "B"), [b"\xff\xff", b"\xff\x00", b"\xff"])
        out = self.q(table=self.binaries, kce="pk = :p AND sk > :a", values={":a": {"B": b"\x7f"}})
        self.assertEqual(self.sks(out, "B"), [b"\x80", b"\xff", b"\xff\x00", b"\xff\xff"])

    # ---- paging ------------------------------------------------------------------------------

    def test_limit_pages_forward_and_reverse(self):
        for forward in (True, False):
            want = STRING_KEYS if forward else STRING_KEYS[::-1]
            for limit in (1, 3, 7):
                items, pages = self.all_pages(Limit=limit, ScanIndexForward=forward)
                self.assertEqual([i["sk"]["S"] for i in items], want, (forward, limit))
                self.assertEqual(pages, len(want) // limit + 1, (forward, limit))
        out = self.q(Limit=3, ScanIndexForward=False)
        self.assertEqual(self.sks(out), ["d", "ca", "c"])
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("p"), "sk": S("c")})
        out = self.q(ScanIndexForward=False, ExclusiveStartKey={"pk": S("p"), "sk": S("b")})
        self.assertEqual(self.sks(out), ["ab", "aa", "a"])

    def test_limit_exactly_hit_still_returns_last_evaluated_key(self):
        out = self.q(Limit=len(STRING_KEYS))
        self.assertEqual(out["Count"], len(STRING_KEYS))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("p"), "sk": S("d")})
        out = self.q(Limit=len(STRING_KEYS), ExclusiveStartKey=out["LastEvaluatedKey"])
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 0))
        self.assertNotIn("LastEvaluatedKey", out)
        self.assertNotIn("LastEvaluatedKey", self.q(Limit=len(STRING_KEYS) + 1))

    def test_limit_counts_items_before_the_filter(self):
        out = self.q(Limit=3, FilterExpression="n = :v", values={":v": N(2)})
        self.assertEqual(self.sks(out), ["ab"])
        self.assertEqual((out["Count"], out["ScannedCount"]), (1, 3))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("p"), "sk": S("ab")})
        # A page whose every item the filter drops is empty but still carries LastEvaluatedKey.
        out = self.q(Limit=2, FilterExpression="n = :v", values={":v": N(7)})
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 2))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("p"), "sk": S("aa")})
        items, pages = self.all_pages(Limit=2, FilterExpression="n = :v", values={":v": N(7)})
        self.assertEqual([i["sk"]["S"] for i in items], ["d"])
        self.assertEqual(pages, 5)

    def test_paging_within_a_key_condition(self):
        items, _ = self.all_pages(kce="pk = :p AND sk BETWEEN :a AND :b", values={":a": S("aa"), ":b": S("ca")}, Limit=2)
        self.assertEqual([i["sk"]["S"] for i in items], ["aa", "ab", "b", "ba", "c", "ca"])
        items, _ = self.all_pages(kce="pk = :p AND begins_with(sk, :a)", values={":a": S("a")}, Limit=1,
                                  ScanIndexForward=False)
        self.assertEqual([i["sk"]["S"] for i in items], ["ab", "aa", "a"])

    def test_one_megabyte_page_limit_mid_partition(self):
        name = self.make_table(range_key=("sk", "S"))
        blob = "x" * 4000
        for i in range(300):
            self.ddb.put_item(TableName=name, Item={"pk": S("big"), "sk": S("%04d" % i), "d": S(blob)})
        self.ddb.put_item(TableName=name, Item={"pk": S("small"), "sk": S("0")})
        item_size = 2 + 3 + 2 + 4 + 1 + 4000
        out = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("big")})
        first = out["Count"]
        # Each item is ~4 KB, so the 1 MB page ends after about 256 of them, in the middle of the partition.
        self.assertGreaterEqual(first * item_size, 1024 * 1024 - 2 * item_size)
        self.assertLessEqual(first * item_size, 1024 * 1024 + item_size)
        self.assertEqual(out["ScannedCount"], first)
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("big"), "sk": S("%04d" % (first - 1))})
        rest = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("big")},
                              ExclusiveStartKey=out["LastEvaluatedKey"])
        self.assertNotIn("LastEvaluatedKey", rest)
        self.assertEqual([i["sk"]["S"] for i in out["Items"] + rest["Items"]], ["%04d" % i for i in range(300)])
        # The limit counts what was read, not what the filter keeps, and COUNT reads the same pages.
        out = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", FilterExpression="d = :none",
                             ExpressionAttributeValues={":p": S("big"), ":none": S("none")})
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, first))
        self.assertIn("LastEvaluatedKey", out)
        out = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("big")},
                             Select="COUNT", ScanIndexForward=False)
        self.assertEqual((out["Count"], out["ScannedCount"]), (first, first))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": S("big"), "sk": S("%04d" % (300 - first))})

    def test_boto3_paginator(self):
        paginator = self.ddb.get_paginator("query")
        pages = list(paginator.paginate(TableName=self.strings, KeyConditionExpression="pk = :p",
                                        ExpressionAttributeValues={":p": S("p")}, PaginationConfig={"PageSize": 3}))
        self.assertEqual([len(p["Items"]) for p in pages], [3, 3, 2])
        self.assertEqual([i["sk"]["S"] for p in pages for i in p["Items"]], STRING_KEYS)
        result = paginator.paginate(TableName=self.strings, KeyConditionExpression="pk = :p",
                                    ExpressionAttributeValues={":p": S("p")}, Select="COUNT",
                                    PaginationConfig={"PageSize": 3}).build_full_result()
        self.assertEqual((result["Count"], result["ScannedCount"]), (8, 8))

    # ---- ExclusiveStartKey -------------------------------------------------------------------

    def test_exclusive_start_key_must_fit_the_query(self):
        def rejects(start, prefix="The provided starting key", **kw):
            e = self.assertError("ValidationException", None, self.q, ExclusiveStartKey=start, **kw)
            self.assertTrue(e.response["Error"]["Message"].startswith(prefix), e.response["Error"]["Message"])
        # The wrong shape or types.
        rejects({"pk": S("p")}, "The provided starting key is invalid")
        rejects({"pk": S("p"), "sk": N(1)}, "The provided starting key is invalid")
        rejects({"pk": S("p"), "other": S("a")}, "The provided starting key is invalid")
        rejects({"pk": S("p"), "sk": S("a"), "other": S("a")}, "The provided starting key is invalid")
        # A key the query could not have returned: another partition, or outside the sort-key condition.
        rejects({"pk": S("q"), "sk": S("a")})
        rejects({"pk": S("p"), "sk": S("a")}, kce="pk = :p AND sk > :a", values={":a": S("b")})
        rejects({"pk": S("p"), "sk": S("b")}, kce="pk = :p AND begins_with(sk, :a)", values={":a": S("a")})
        # A key inside the condition resumes after it, whether or not such an item exists.
        out = self.q(kce="pk = :p AND sk > :a", values={":a": S("b")}, ExclusiveStartKey={"pk": S("p"), "sk": S("bb")})
        self.assertEqual(self.sks(out), ["c", "ca", "d"])

    def test_out_of_partition_start_key_message(self):
        self.assertError("ValidationException",
                         "The provided starting key is outside query boundaries based on provided conditions",
                         self.q, ExclusiveStartKey={"pk": S("q"), "sk": S("a")})

    # ---- consistency and capacity -------------------------------------------------------------

    def test_consumed_capacity_is_summed_then_rounded(self):
        name = self.make_table(range_key=("sk", "S"))
        for i in range(3):  # 3 items of ~1.5 KB: 2 units together, where per-item rounding would give 3
            self.ddb.put_item(TableName=name, Item={"pk": S("cap"), "sk": S("s%d" % i), "data": S("x" * 1490)})
        base = dict(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("cap")})
        out = self.ddb.query(ReturnConsumedCapacity="TOTAL", ConsistentRead=True, **base)
        self.assertEqual(out["ConsumedCapacity"]["TableName"], name)
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        out = self.ddb.query(ReturnConsumedCapacity="TOTAL", **base)
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)
        out = self.ddb.query(ReturnConsumedCapacity="INDEXES", Select="COUNT", **base)
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)
        self.assertEqual(out["ConsumedCapacity"]["Table"]["CapacityUnits"], 1.0)
        self.assertNotIn("ConsumedCapacity", self.ddb.query(**base))
        self.assertNotIn("ConsumedCapacity", self.ddb.query(ReturnConsumedCapacity="NONE", **base))

    def test_consistent_read_sees_the_latest_write(self):
        name = self.make_table(range_key=("sk", "N"))
        for i in range(5):
            self.ddb.put_item(TableName=name, Item={"pk": S("c"), "sk": N(i)})
            out = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("c")},
                                 ConsistentRead=True)
            self.assertEqual(out["Count"], i + 1)
        self.ddb.delete_item(TableName=name, Key={"pk": S("c"), "sk": N(0)})
        out = self.ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("c")},
                             ConsistentRead=True)
        self.assertEqual(self.sks(out, "N"), ["1", "2", "3", "4"])

    # ---- resource API --------------------------------------------------------------------------

    def test_resource_api_with_key_and_attr_conditions(self):
        table = self.server.resource().Table(self.strings)
        out = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").begins_with("a"))
        self.assertEqual([i["sk"] for i in out["Items"]], ["a", "aa", "ab"])
        self.assertEqual(out["Items"][1]["n"], Decimal(1))
        out = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").between("b", "ca"),
                          FilterExpression=Attr("n").gte(4) & Attr("tag").is_in(["t1", "t2"]), ScanIndexForward=False)
        self.assertEqual([i["sk"] for i in out["Items"]], ["c", "ba"])
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 4))
        out = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").lt("b"), ProjectionExpression="m.y",
                          Limit=2)
        self.assertEqual(out["Items"], [{"m": {"y": "why"}}, {"m": {"y": "why"}}])
        self.assertEqual(out["LastEvaluatedKey"], {"pk": "p", "sk": "aa"})
        out = self.server.resource().Table(self.numbers).query(
            KeyConditionExpression=Key("pk").eq("p") & Key("sk").gt(Decimal("99")))
        self.assertEqual([i["sk"] for i in out["Items"]],
                         [Decimal("99.1"), Decimal("1E+10"), Decimal("123456789012345678901234567890123456.78")])


if __name__ == "__main__":
    unittest.main()
