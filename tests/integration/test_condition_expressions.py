"""ConditionExpression on PutItem / UpdateItem / DeleteItem and FilterExpression on Query / Scan
through boto3: every comparator and function, precedence, DynamoDB's comparison rules across
types, document paths and placeholders, ReturnValuesOnConditionCheckFailure, and the validation
messages DynamoDB gives (as recorded against AWS by dynalite's and the dynamodb-conformance
suites)."""
import re
import unittest

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731
B = lambda v: {"B": v}  # noqa: E731

COND = "Invalid ConditionExpression: "
FILTER = "Invalid FilterExpression: "
FAILED = "The conditional request failed"

# One item holding every type, the subject of most conditions below.
ITEM = {
    "pk": S("subject"),
    "s": S("hello world"),
    "n": N(10),
    "neg": N("-2.5"),
    "b": B(b"\x01\x80"),
    "t": {"BOOL": True},
    "nul": {"NULL": True},
    "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2"]},
    "bs": {"BS": [b"x", b"y"]},
    "l": {"L": [S("x"), N(1), {"M": {"deep": S("d")}}]},
    "m": {"M": {"inr": {"M": {"v": N(7)}}, "lst": {"L": [N(0), N(1), N(2), {"M": {"c": S("found")}}]},
                "status": S("open")}},
    "uni": S("h\u00e9\U0001F600"),  # 1 + 1 + 2 UTF-16 units
    "blank": S(""),
}


class ConditionExpressionTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "cond_expr"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.ddb.put_item(TableName=cls.table, Item=ITEM)
        cls.query_table = "cond_expr_query"
        cls.ddb.create_table(TableName=cls.query_table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])
        for i in range(10):
            item = {"pk": S("p"), "sk": N(i), "v": N(i % 4), "tag": S("even" if i % 2 == 0 else "odd")}
            if i % 3 == 0:
                item["flag"] = {"BOOL": i % 2 == 0}
            cls.ddb.put_item(TableName=cls.query_table, Item=item)

    # ---- helpers ----

    def holds(self, expression, values=None, names=None):
        """Whether the condition holds on ITEM, asked through a conditional UpdateItem that changes
        nothing."""
        params = dict(TableName=self.table, Key={"pk": ITEM["pk"]}, ConditionExpression=expression)
        values = {k: v for k, v in (values or {}).items() if re.search(re.escape(k) + r"\b", expression)}
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        try:
            self.ddb.update_item(**params)
            return True
        except self.ddb.exceptions.ConditionalCheckFailedException as e:
            self.assertEqual(e.response["Error"]["Message"], FAILED)
            return False

    def assertHolds(self, expression, values=None, names=None):
        self.assertTrue(self.holds(expression, values, names), expression)

    def assertFails(self, expression, values=None, names=None):
        self.assertFalse(self.holds(expression, values, names), expression)

    def assertConditionError(self, message, expression, values=None, names=None):
        params = dict(TableName=self.table, Key={"pk": ITEM["pk"]}, ConditionExpression=expression)
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        return self.assertError("ValidationException", message, self.unchecked.update_item, **params)

    def scan_keys(self, expression, values=None, names=None):
        params = dict(TableName=self.query_table, FilterExpression=expression)
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        return sorted(int(i["sk"]["N"]) for i in self.ddb.scan(**params)["Items"])

    # ---- comparators ----

    def test_comparators_on_numbers(self):
        v = {":nine": N(9), ":ten": N("10.0"), ":eleven": N(11)}
        for expression in ["n = :ten", "n <> :nine", "n < :eleven", "n <= :ten", "n > :nine", "n >= :ten",
                           ":nine < n"]:
            self.assertHolds(expression, {k: x for k, x in v.items() if k in expression})
        for expression in ["n = :nine", "n <> :ten", "n < :ten", "n <= :nine", "n > :ten", "n >= :eleven"]:
            self.assertFails(expression, {k: x for k, x in v.items() if k in expression})
        # Numbers compare by value, not as text: 10 > 9 although "10" < "9".
        self.assertHolds("n > :v", {":v": N(9)})
        self.assertHolds("neg < :v", {":v": N("-2.4")})
        self.assertHolds("neg > :v", {":v": N("-1E1")})

    def test_comparators_on_strings_and_binaries(self):
        self.assertHolds("s > :v", {":v": S("hello")})
        self.assertHolds("s < :v", {":v": S("hello x")})
        # Strings compare by UTF-8 bytes: upper case sorts first, accented letters after 'z'.
        self.assertHolds("s > :v", {":v": S("Hello world")})
        self.assertHolds("uni > :v", {":v": S("hz")})
        # Binaries compare as unsigned bytes: 0x80 sorts after 0x7f.
        self.assertHolds("b > :v", {":v": B(b"\x01\x7f")})
        self.assertHolds("b < :v", {":v": B(b"\x02")})
        self.assertHolds("b = :v", {":v": B(b"\x01\x80")})

    def test_comparisons_across_types_are_false(self):
        # Mismatched types: every comparison is false except <> (which is "not equal").
        for expression in ["n = :s", "n < :s", "n <= :s", "n > :s", "n >= :s", "s = :n", "s > :n", "b = :s"]:
            self.assertFails(expression, {k: x for k, x in {":s": S("10"), ":n": N(10)}.items() if k in expression})
        self.assertHolds("n <> :s", {":s": S("10")})
        self.assertHolds("t <> :s", {":s": S("true")})
        self.assertHolds("t = :t", {":t": {"BOOL": True}})
        self.assertHolds("nul = :null", {":null": {"NULL": True}})

    def test_missing_attributes(self):
        v = {":v": N(1)}
        for expression in ["nothing = :v", "nothing < :v", "nothing >= :v", "nothing BETWEEN :v AND :v",
                           "nothing IN (:v)", "m.nothing = :v", "l[7] = :v", "s.nope = :v", "n[0] = :v"]:
            self.assertFails(expression, v)
        self.assertHolds("nothing <> :v", v)
        self.assertHolds("m.nothing <> :v", v)

    def test_equality_of_documents_and_sets(self):
        self.assertHolds("ss = :v", {":v": {"SS": ["b", "a"]}})
        self.assertHolds("ns = :v", {":v": {"NS": ["2.0", "1"]}})
        self.assertFails("ss = :v", {":v": {"SS": ["a"]}})
        self.assertHolds("l = :v", {":v": {"L": [S("x"), N("1.0"), {"M": {"deep": S("d")}}]}})
        self.assertFails("l = :v", {":v": {"L": [N(1), S("x"), {"M": {"deep": S("d")}}]}})
        self.assertHolds("m.inr = :v", {":v": {"M": {"v": N(7)}}})
        # Sets, lists and maps have no order: a value of such a type cannot be an operand of <.
        self.assertConditionError(COND + "Incorrect operand type for operator or function; operator or function: <, "
                                  "operand type: SS", "ss < :v", {":v": {"SS": ["z"]}})

    def test_between(self):
        self.assertHolds("n BETWEEN :a AND :b", {":a": N(10), ":b": N(10)})
        self.assertHolds("n BETWEEN :a AND :b", {":a": N(-1), ":b": N(100)})
        self.assertFails("n BETWEEN :a AND :b", {":a": N(11), ":b": N(100)})
        self.assertHolds("s BETWEEN :a AND :b", {":a": S("hello"), ":b": S("hellp")})
        self.assertFails("s BETWEEN :a AND :b", {":a": N(1), ":b": N(100)})
        self.assertConditionError(COND + "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                                  "bound; lower bound operand: AttributeValue: {N:200}, upper bound operand: "
                                  "AttributeValue: {N:100}", "n BETWEEN :a AND :b", {":a": N(200), ":b": N(100)})

    def test_in(self):
        self.assertHolds("n IN (:a, :b)", {":a": N(1), ":b": N("1E1")})
        self.assertFails("n IN (:a, :b)", {":a": N(1), ":b": S("10")})
        self.assertHolds("s IN (:a)", {":a": S("hello world")})
        values = {":v%d" % i: N(i) for i in range(100)}
        self.assertHolds("n IN (%s)" % ", ".join(sorted(values)), values)
        values[":v100"] = N(100)
        self.assertConditionError(COND + "The IN operator is provided with too many operands; number of operands: 101",
                                  "n IN (%s)" % ", ".join(sorted(values)), values)

    # ---- logic ----

    def test_and_or_not_precedence(self):
        t, f = "n = :ten", "s = :one"
        v = {":ten": N(10), ":one": N(1)}
        # NOT binds tighter than AND, AND tighter than OR.
        self.assertHolds("%s OR %s AND %s" % (t, f, f), v)            # t OR (f AND f)
        self.assertFails("(%s OR %s) AND %s" % (t, f, f), v)
        self.assertHolds("NOT %s AND %s" % (f, t), v)                 # (NOT f) AND t
        self.assertFails("NOT (%s AND %s) AND %s" % (t, t, t), v)
        self.assertHolds("NOT %s OR %s" % (t, t), v)
        self.assertFails("NOT (%s OR %s)" % (t, f), v)
        self.assertHolds("NOT NOT %s" % t, v)
        self.assertHolds("%s and not %s or %s" % (t, t, t), v)       # keywords in any case
        self.assertHolds("(%s) AND ((%s) OR (%s))" % (t, f, t), v)

    def test_redundant_parentheses(self):
        self.assertConditionError(COND + "The expression has redundant parentheses;", "((n = :v))", {":v": N(10)})

    # ---- functions ----

    def test_attribute_exists_and_not_exists(self):
        self.assertHolds("attribute_exists(n) AND attribute_exists(m.inr.v) AND attribute_exists(l[2].deep)")
        self.assertHolds("attribute_exists(nul) AND attribute_exists(blank)")
        self.assertHolds("attribute_not_exists(nothing) AND attribute_not_exists(m.inr.w) AND attribute_not_exists(l[3])")
        self.assertFails("attribute_not_exists(n)")
        self.assertFails("attribute_exists(s.x)")
        self.assertConditionError(COND + "Operator or function requires a document path; operator or function: "
                                  "attribute_exists", "attribute_exists(:v)", {":v": S("n")})

    def test_attribute_type(self):
        for attr, type_name in [("s", "S"), ("n", "N"), ("b", "B"), ("t", "BOOL"), ("nul", "NULL"), ("ss", "SS"),
                                ("ns", "NS"), ("bs", "BS"), ("l", "L"), ("m", "M"), ("m.inr.v", "N")]:
            self.assertHolds("attribute_type(%s, :t)" % attr, {":t": S(type_name)})
        self.assertFails("attribute_type(s, :t)", {":t": S("N")})
        self.assertFails("attribute_type(nothing, :t)", {":t": S("S")})
        # The list of valid types follows a Java hash order, which sources disagree on: pin the start.
        e = self.assertConditionError(None, "attribute_type(s, :t)", {":t": S("STRING")})
        self.assertTrue(e.response["Error"]["Message"].startswith(
            COND + "Invalid attribute type name found; type: STRING, valid types: {"), e.response["Error"]["Message"])

    def test_begins_with(self):
        self.assertHolds("begins_with(s, :p)", {":p": S("hello")})
        self.assertHolds("begins_with(s, :p)", {":p": S("")})
        self.assertFails("begins_with(s, :p)", {":p": S("world")})
        self.assertHolds("begins_with(b, :p)", {":p": B(b"\x01")})
        self.assertFails("begins_with(n, :p)", {":p": S("1")})
        self.assertHolds("begins_with(m.#st, :p)", {":p": S("op")}, {"#st": "status"})
        self.assertConditionError(COND + "Incorrect operand type for operator or function; operator or function: "
                                  "begins_with, operand type: N", "begins_with(s, :p)", {":p": N(1)})

    def test_contains(self):
        self.assertHolds("contains(s, :v)", {":v": S("lo wo")})
        self.assertFails("contains(s, :v)", {":v": S("xyz")})
        self.assertHolds("contains(ss, :v)", {":v": S("a")})
        self.assertFails("contains(ss, :v)", {":v": S("c")})
        self.assertHolds("contains(ns, :v)", {":v": N("2.0")})
        self.assertHolds("contains(bs, :v)", {":v": B(b"y")})
        self.assertHolds("contains(l, :v)", {":v": N(1)})
        self.assertHolds("contains(l, :v)", {":v": {"M": {"deep": S("d")}}})
        self.assertFails("contains(l, :v)", {":v": S("1")})
        self.assertHolds("contains(b, :v)", {":v": B(b"\x80")})
        self.assertFails("contains(n, :v)", {":v": N(1)})
        self.assertFails("contains(nothing, :v)", {":v": S("a")})
        self.assertHolds("NOT contains(ss, :v)", {":v": S("zz")})

    def test_size(self):
        for expression, value in [("size(s)", 11), ("size(uni)", 4), ("size(b)", 2), ("size(ss)", 2),
                                  ("size(ns)", 2), ("size(bs)", 2), ("size(l)", 3), ("size(m)", 3),
                                  ("size(m.lst)", 4), ("size(blank)", 0)]:
            self.assertHolds("%s = :v" % expression, {":v": N(value)})
        self.assertHolds("size(l) > :v AND size(s) BETWEEN :a AND :b", {":v": N(2), ":a": N(10), ":b": N(12)})
        # Types without a size, and missing attributes, make the comparison false.
        self.assertFails("size(n) = :v", {":v": N(2)})
        self.assertFails("size(t) >= :v", {":v": N(0)})
        self.assertFails("size(nothing) >= :v", {":v": N(0)})
        self.assertHolds("size(nothing) <> :v", {":v": N(0)})
        self.assertConditionError(COND + "The function is not allowed to be used this way in an expression; function: size",
                                  "size(s)")

    def test_function_errors(self):
        self.assertConditionError(COND + "Invalid function name; function: attribute_exist", "attribute_exist(n)")
        self.assertConditionError(COND + "Invalid function name; function: Contains", "Contains(ss, :v)", {":v": S("a")})
        self.assertConditionError(COND + "Incorrect number of operands for operator or function; operator or function: "
                                  "contains, number of operands: 1", "contains(ss)")
        self.assertConditionError(COND + "The function is not allowed in a condition expression; function: if_not_exists",
                                  "if_not_exists(n, :v) = :v", {":v": N(1)})
        self.assertConditionError(COND + "The first operand must be distinct from the remaining operands for this "
                                  "operator or function; operator: contains, first operand: [ss]", "contains(ss, ss)")
        self.assertConditionError(COND + "The first operand must be distinct from the remaining operands for this "
                                  "operator or function; operator: =, first operand: [n]", "n = n")

    # ---- paths and placeholders ----

    def test_nested_paths_and_names(self):
        self.assertHolds("m.lst[3].c = :v", {":v": S("found")})
        self.assertHolds("#m.#list[3].#c = :v", {":v": S("found")}, {"#m": "m", "#list": "lst", "#c": "c"})
        self.assertHolds("#m.#st = :v", {":v": S("open")}, {"#m": "m", "#st": "status"})
        self.assertHolds("l[2].deep = :v AND m.inr.v = :seven", {":v": S("d"), ":seven": N(7)})
        self.assertFails("m.lst[4].c = :v", {":v": S("found")})
        self.assertConditionError(COND + "List index is not within the allowable range; index: [2147483648]",
                                  "l[2147483648] = :v", {":v": N(1)})

    def test_attribute_names_with_special_characters(self):
        key = {"pk": S(self.unique())}
        self.ddb.put_item(TableName=self.table, Item=dict(key, **{"a.b": N(1), "a": {"M": {"b": N(2)}}, "x-y": N(3)}))
        self.ddb.delete_item(TableName=self.table, Key=key, ConditionExpression="#ab = :one AND a.b = :two AND #xy = :three",
                             ExpressionAttributeNames={"#ab": "a.b", "#xy": "x-y"},
                             ExpressionAttributeValues={":one": N(1), ":two": N(2), ":three": N(3)})

    def test_reserved_words(self):
        self.assertConditionError(COND + "Attribute name is a reserved keyword; reserved keyword: status",
                                  "status = :v", {":v": S("open")})
        self.assertConditionError(COND + "Attribute name is a reserved keyword; reserved keyword: Name",
                                  "attribute_exists(m.Name)")
        self.assertConditionError(COND + "Attribute name is a reserved keyword; reserved keyword: size",
                                  "size = :v", {":v": N(1)})

    def test_undefined_and_unused_placeholders(self):
        self.assertConditionError(COND + "An expression attribute value used in expression is not defined; attribute "
                                  "value: :v", "n = :v")
        self.assertConditionError(COND + "An expression attribute value used in expression is not defined; attribute "
                                  "value: :w", "n = :v OR n = :w", {":v": N(1)})
        self.assertConditionError(COND + "An expression attribute name used in the document path is not defined; "
                                  "attribute name: #n", "#n = :v", {":v": N(1)})
        self.assertConditionError("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}",
                                  "n = :v", {":v": N(1), ":x": N(2)})
        self.assertConditionError("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}",
                                  "n = :v", {":v": N(1)}, {"#a": "a"})
        self.assertConditionError("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"",
                                  "n = :v", {"v": N(1)})
        self.assertConditionError("ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"",
                                  "#n = :v", {":v": N(1)}, {"n": "n"})

    def test_syntax_errors(self):
        self.assertConditionError(COND + "The expression can not be empty;", "")
        for expression in ["n =", "n = = :v", "n BETWEEN :v", "n IN ()", "AND n = :v", "n = :v AND", "(n = :v",
                           "n <=> :v", "n == :v"]:
            e = self.assertConditionError(None, expression, {":v": N(1)} if ":v" in expression else None)
            self.assertTrue(e.response["Error"]["Message"].startswith(COND + "Syntax error; token: "), expression)
        self.assertConditionError(COND + 'Syntax error; token: "=", near: "= = :v"', "n = = :v", {":v": N(1)})

    # ---- writes under a condition ----

    def test_put_item_conditions(self):
        key = {"pk": S(self.unique())}
        item = dict(key, v=N(1))
        self.ddb.put_item(TableName=self.table, Item=item, ConditionExpression="attribute_not_exists(pk)")
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.put_item, TableName=self.table, Item=item,
                         ConditionExpression="attribute_not_exists(pk)")
        self.ddb.put_item(TableName=self.table, Item=dict(key, v=N(2)), ConditionExpression="v = :one",
                          ExpressionAttributeValues={":one": N(1)})
        self.assertEqual(self.ddb.get_item(TableName=self.table, Key=key)["Item"]["v"], N(2))

    def test_condition_on_absent_item(self):
        key = {"pk": S(self.unique())}
        # An absent item has no attributes: <> and attribute_not_exists hold, everything else fails.
        self.ddb.put_item(TableName=self.table, Item=dict(key, v=N(1)), ConditionExpression="v <> :one",
                          ExpressionAttributeValues={":one": N(1)})
        key2 = {"pk": S(self.unique())}
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.update_item, TableName=self.table, Key=key2,
                         UpdateExpression="SET v = :one", ConditionExpression="attribute_exists(pk)",
                         ExpressionAttributeValues={":one": N(1)})
        self.assertNotIn("Item", self.ddb.get_item(TableName=self.table, Key=key2))
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.delete_item, TableName=self.table, Key=key2,
                         ConditionExpression="attribute_exists(pk)")

    def test_delete_item_conditions(self):
        key = {"pk": S(self.unique())}
        self.ddb.put_item(TableName=self.table, Item=dict(key, v=N(5), tags={"SS": ["x"]}))
        self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.delete_item, TableName=self.table, Key=key,
                         ConditionExpression="v > :v", ExpressionAttributeValues={":v": N(5)})
        out = self.ddb.delete_item(TableName=self.table, Key=key, ConditionExpression="v >= :v AND contains(tags, :t)",
                                   ExpressionAttributeValues={":v": N(5), ":t": S("x")}, ReturnValues="ALL_OLD")
        self.assertEqual(out["Attributes"]["v"], N(5))
        self.assertNotIn("Item", self.ddb.get_item(TableName=self.table, Key=key))

    def test_return_values_on_condition_check_failure(self):
        key = {"pk": S(self.unique())}
        item = dict(key, v=N(1), nested={"M": {"a": {"L": [S("x")]}}})
        self.ddb.put_item(TableName=self.table, Item=item)
        cases = [
            (self.ddb.put_item, dict(Item=dict(key, v=N(2)))),
            (self.ddb.update_item, dict(Key=key, UpdateExpression="SET v = :two", ExpressionAttributeValues={":two": N(2)})),
            (self.ddb.delete_item, dict(Key=key)),
        ]
        for fn, params in cases:
            e = self.assertError("ConditionalCheckFailedException", FAILED, fn, TableName=self.table,
                                 ConditionExpression="attribute_not_exists(v)", ReturnValuesOnConditionCheckFailure="ALL_OLD",
                                 **params)
            self.assertEqual(e.response["Item"], item)
            e = self.assertError("ConditionalCheckFailedException", FAILED, fn, TableName=self.table,
                                 ConditionExpression="attribute_not_exists(v)", ReturnValuesOnConditionCheckFailure="NONE",
                                 **params)
            self.assertNotIn("Item", e.response)
        # No item, nothing to return.
        e = self.assertError("ConditionalCheckFailedException", FAILED, self.ddb.delete_item, TableName=self.table,
                             Key={"pk": S(self.unique())}, ConditionExpression="attribute_exists(pk)",
                             ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertNotIn("Item", e.response)
        self.assertEqual(self.ddb.get_item(TableName=self.table, Key=key)["Item"], item)

    def test_condition_expression_mixed_with_expected(self):
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                         self.unchecked.put_item, TableName=self.table, Item={"pk": S("x")},
                         ConditionExpression="attribute_exists(pk)", Expected={"pk": {"Exists": False}})
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                         self.unchecked.delete_item, TableName=self.table, Key={"pk": S("x")},
                         ConditionExpression="attribute_exists(pk)", Expected={"pk": {"Exists": False}})

    # ---- FilterExpression ----

    def test_scan_filter_expression(self):
        self.assertEqual(self.scan_keys("v = :one", {":one": N(1)}), [1, 5, 9])
        self.assertEqual(self.scan_keys("tag = :odd AND v >= :two", {":odd": S("odd"), ":two": N(2)}), [3, 7])
        self.assertEqual(self.scan_keys("attribute_exists(flag)"), [0, 3, 6, 9])
        self.assertEqual(self.scan_keys("flag = :t", {":t": {"BOOL": True}}), [0, 6])
        self.assertEqual(self.scan_keys("NOT (v IN (:a, :b)) OR sk = :z", {":a": N(0), ":b": N(1), ":z": N(0)}),
                         [0, 2, 3, 6, 7])
        self.assertEqual(self.scan_keys("begins_with(#t, :e) AND sk BETWEEN :lo AND :hi",
                                        {":e": S("ev"), ":lo": N(2), ":hi": N(6)}, {"#t": "tag"}), [2, 4, 6])
        self.assertEqual(self.scan_keys("size(tag) = :three", {":three": N(3)}), [1, 3, 5, 7, 9])
        out = self.ddb.scan(TableName=self.query_table, FilterExpression="v = :x", ExpressionAttributeValues={":x": N(3)})
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 10))

    def test_query_filter_expression(self):
        out = self.ddb.query(TableName=self.query_table, KeyConditionExpression="pk = :p AND sk > :s",
                             FilterExpression="tag = :even OR attribute_exists(flag)",
                             ExpressionAttributeValues={":p": S("p"), ":s": N(3), ":even": S("even")})
        self.assertEqual([int(i["sk"]["N"]) for i in out["Items"]], [4, 6, 8, 9])
        self.assertEqual((out["Count"], out["ScannedCount"]), (4, 6))
        self.assertError("ValidationException", "Filter Expression can only contain non-primary key attributes: Primary "
                         "key attribute: sk", self.ddb.query, TableName=self.query_table, KeyConditionExpression="pk = :p",
                         FilterExpression="sk > :s", ExpressionAttributeValues={":p": S("p"), ":s": N(3)})

    def test_filter_expression_errors(self):
        self.assertError("ValidationException", FILTER + "Attribute name is a reserved keyword; reserved keyword: status",
                         self.ddb.scan, TableName=self.query_table, FilterExpression="status = :v",
                         ExpressionAttributeValues={":v": S("x")})
        self.assertError("ValidationException", FILTER + "The expression can not be empty;", self.ddb.scan,
                         TableName=self.query_table, FilterExpression="")
        self.assertError("ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: "
                         "{:x}", self.ddb.scan, TableName=self.query_table, FilterExpression="v = :v",
                         ExpressionAttributeValues={":v": N(1), ":x": N(1)})


if __name__ == "__main__":
    unittest.main()
