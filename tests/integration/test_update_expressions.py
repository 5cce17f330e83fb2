"""UpdateItem with UpdateExpression through boto3: SET / REMOVE / ADD / DELETE, document paths,
arithmetic, ReturnValues, and DynamoDB's validation and runtime errors.

Messages come from DynamoDB itself as recorded by other emulators' suites that were checked
against AWS (dynalite's test/updateItem.js, the dynamodb-conformance suite's captures) and
AWS's documentation of UpdateItem errors."""
import unittest
from decimal import Decimal

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

UPD = "Invalid UpdateExpression: "
MISSING = "The provided expression refers to an attribute that does not exist in the item"
BAD_TYPE = "An operand in the update expression has an incorrect data type"
BAD_PATH = "The document path provided in the update expression is invalid for update"
OVERFLOW = "Number overflow. Attempting to store a number with magnitude larger than supported range"
MAX_N = "9.9999999999999999999999999999999999999E+125"


class UpdateExpressionTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "update_expr"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.composite = "update_expr_composite"
        cls.ddb.create_table(TableName=cls.composite, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])
        cls.indexed = "update_expr_indexed"
        cls.ddb.create_table(TableName=cls.indexed, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "gk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             GlobalSecondaryIndexes=[{"IndexName": "by_gk",
                                                      "KeySchema": [{"AttributeName": "gk", "KeyType": "HASH"}],
                                                      "Projection": {"ProjectionType": "ALL"}}])

    # ---- helpers ----

    def key(self, name=None):
        return {"pk": S(name or self.unique("k"))}

    def put(self, key, **attrs):
        self.ddb.put_item(TableName=self.table, Item=dict(key, **attrs))

    def get(self, key, table=None):
        return self.ddb.get_item(TableName=table or self.table, Key=key, ConsistentRead=True).get("Item")

    def update(self, key, expression, values=None, names=None, table=None, **kw):
        params = dict(TableName=table or self.table, Key=key, UpdateExpression=expression, **kw)
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        out = self.ddb.update_item(**params)
        out.pop("ResponseMetadata")
        return out

    def assertUpdateError(self, message, key, expression, values=None, names=None, code="ValidationException", **kw):
        params = dict(TableName=kw.pop("table", self.table), Key=key, UpdateExpression=expression, **kw)
        if values:
            params["ExpressionAttributeValues"] = values
        if names:
            params["ExpressionAttributeNames"] = names
        return self.assertError(code, message, self.unchecked.update_item, **params)

    # ---- SET ----

    def test_update_creates_item_from_key(self):
        k = self.key()
        out = self.update(k, "SET a = :a, #b = :b", {":a": S("x"), ":b": N(1)}, {"#b": "b"}, ReturnValues="ALL_NEW")
        self.assertEqual(out["Attributes"], dict(k, a=S("x"), b=N(1)))
        self.assertEqual(self.get(k), dict(k, a=S("x"), b=N(1)))

    def test_update_without_expression_creates_key_only_item(self):
        k = self.key()
        out = self.ddb.update_item(TableName=self.table, Key=k)
        self.assertNotIn("Attributes", out)
        self.assertEqual(self.get(k), k)

    def test_set_nested_map_and_list_path(self):
        k = self.key()
        self.put(k, a={"M": {"b": {"L": [N(0), N(1), N(2), {"M": {"c": S("old"), "d": S("keep")}}]}}})
        self.update(k, "SET a.b[3].c = :v", {":v": S("new")})
        self.assertEqual(self.get(k)["a"], {"M": {"b": {"L": [N(0), N(1), N(2), {"M": {"c": S("new"), "d": S("keep")}}]}}})
        # The same path spelled with substitutions, including a name holding a dot.
        self.update(k, "SET #a.#b[3].#c = :v", {":v": S("dotted")}, {"#a": "a", "#b": "b", "#c": "c.d"})
        self.assertEqual(self.get(k)["a"]["M"]["b"]["L"][3],
                         {"M": {"c": S("new"), "d": S("keep"), "c.d": S("dotted")}})

    def test_set_values_read_the_item_before_the_update(self):
        k = self.key()
        self.put(k, a=N(1), b=N(2))
        self.update(k, "SET a = b, b = a")
        item = self.get(k)
        self.assertEqual((item["a"], item["b"]), (N(2), N(1)))

    def test_set_arithmetic(self):
        k = self.key()
        self.put(k, b=N("10.5"), c=N(3))
        self.update(k, "SET a = b + :c, d = :x - b, e = (b - c), f = b + b", {":c": N("0.25"), ":x": N(1)})
        item = self.get(k)
        self.assertEqual(item["a"], N("10.75"))
        self.assertEqual(item["d"], N("-9.5"))
        self.assertEqual(item["e"], N("7.5"))
        self.assertEqual(item["f"], N("21"))

    def test_arithmetic_is_exact_decimal(self):
        k = self.key()
        self.put(k, a=N("0.1"), big=N("12345678901234567890123456789012345677"))
        self.update(k, "SET a = a + :b, big = big + :one, tiny = :t - :t2",
                    {":b": N("0.2"), ":one": N(1), ":t": N("1E-130"), ":t2": N("2E-130")})
        item = self.get(k)
        self.assertEqual(item["a"], N("0.3"))
        self.assertEqual(item["big"], N("12345678901234567890123456789012345678"))
        self.assertEqual(item["tiny"], N("-0." + "0" * 129 + "1"))

    def test_arithmetic_overflow(self):
        k = self.key()
        self.put(k, n=N(MAX_N), m=N("-" + MAX_N))
        self.assertUpdateError(OVERFLOW, k, "SET n = n + :v", {":v": N("1E+125")})
        self.assertUpdateError(OVERFLOW, k, "SET m = m - :v", {":v": N("1E+125")})
        self.assertUpdateError(OVERFLOW, k, "ADD n :v", {":v": N("1E+125")})
        # A result needing more than 38 digits is reported as an overflow as well (observed on AWS by
        # ScyllaDB's test_update_expression_plus_imprecise).
        self.assertUpdateError(OVERFLOW, k, "SET x = :a - :b", {":a": N("1E50"), ":b": N(1)})
        self.assertUpdateError(OVERFLOW, k, "SET x = :a + :b", {":a": N("1E50"), ":b": N(1)})
        # Nothing was written.
        self.assertEqual(self.get(k)["n"], N("9" * 38 + "0" * 88))

    def test_set_arithmetic_operand_types(self):
        k = self.key()
        self.put(k, s=S("text"), n=N(1))
        # A value of the wrong type is caught before the item is read.
        values = {":s": S("x"), ":l": {"L": []}, ":m": {"M": {}}, ":bool": {"BOOL": True}, ":ss": {"SS": ["a"]}}
        for expression, op, type_name in [("SET a = n + :s", "+", "S"), ("SET a = :s - n", "-", "S"),
                                          ("SET a = n + :l", "+", "L"), ("SET a = n - :m", "-", "M"),
                                          ("SET a = n + :bool", "+", "BOOL"), ("SET a = n + :ss", "+", "SS")]:
            used = {p: v for p, v in values.items() if p == expression.split()[-1] or p == expression.split()[3]}
            self.assertUpdateError(UPD + "Incorrect operand type for operator or function; operator or function: "
                                   "%s, operand type: %s" % (op, type_name), k, expression, used)
        # An attribute of the wrong type is only found when the item is read.
        self.assertUpdateError(BAD_TYPE, k, "SET a = s + :one", {":one": N(1)})
        self.assertUpdateError(BAD_TYPE, k, "SET a = :one - s", {":one": N(1)})
        self.assertUpdateError(MISSING, k, "SET a = gone + :one", {":one": N(1)})
        self.assertEqual(self.get(k), dict(k, s=S("text"), n=N(1)))

    def test_set_from_missing_attribute(self):
        k = self.key()
        self.put(k, a=N(1))
        self.assertUpdateError(MISSING, k, "SET c = b")
        self.assertUpdateError(MISSING, k, "SET c = list_append(b, :l)", {":l": {"L": []}})
        self.assertUpdateError(MISSING, k, "SET c = if_not_exists(a, b)")

    def test_if_not_exists(self):
        k = self.key()
        self.put(k, present=N(5))
        self.update(k, "SET present = if_not_exists(present, :d), absent = if_not_exists(absent, :d), "
                       "ctr = if_not_exists(ctr, :zero) + :one",
                    {":d": N(0), ":zero": N(10), ":one": N(1)})
        item = self.get(k)
        self.assertEqual((item["present"], item["absent"], item["ctr"]), (N(5), N(0), N(11)))
        self.update(k, "SET ctr = if_not_exists(ctr, :zero) + :one", {":zero": N(10), ":one": N(1)})
        self.assertEqual(self.get(k)["ctr"], N(12))

    def test_list_append(self):
        k = self.key()
        self.put(k, l={"L": [N(1), N(2)]})
        self.update(k, "SET l = list_append(l, :tail)", {":tail": {"L": [N(3)]}})
        self.update(k, "SET l = list_append(:head, l)", {":head": {"L": [N(0)]}})
        self.assertEqual(self.get(k)["l"], {"L": [N(0), N(1), N(2), N(3)]})
        self.update(k, "SET fresh = list_append(if_not_exists(fresh, :empty), :v)", {":empty": {"L": []}, ":v": {"L": [S("x")]}})
        self.assertEqual(self.get(k)["fresh"], {"L": [S("x")]})
        self.assertUpdateError(UPD + "Incorrect operand type for operator or function; operator or function: list_append, "
                               "operand type: S", k, "SET l = list_append(l, :s)", {":s": S("x")})
        self.put(k, notlist=S("x"))
        self.assertUpdateError(BAD_TYPE, k, "SET l = list_append(notlist, :v)", {":v": {"L": []}})

    def test_set_list_elements_and_past_the_end(self):
        k = self.key()
        self.put(k, l={"L": [S("a"), S("b"), S("c")]})
        self.update(k, "SET l[1] = :x", {":x": S("B")})
        self.assertEqual(self.get(k)["l"], {"L": [S("a"), S("B"), S("c")]})
        # Indexes past the end append, in index order, whatever order they are written in.
        self.update(k, "SET l[20] = :z, l[10] = :y", {":y": S("y"), ":z": S("z")})
        self.assertEqual(self.get(k)["l"], {"L": [S("a"), S("B"), S("c"), S("y"), S("z")]})

    def test_set_into_missing_or_wrong_container(self):
        k = self.key()
        self.put(k, m={"M": {"x": N(1)}}, l={"L": [N(1)]}, s=S("x"))
        for expression in ["SET nope.a = :v", "SET nope[0] = :v", "SET m[0] = :v", "SET l.a = :v",
                           "SET s.a = :v", "SET m.gone.deeper = :v"]:
            self.assertUpdateError(BAD_PATH, k, expression, {":v": N(1)})
        # Nothing to navigate on a new item either.
        self.assertUpdateError(BAD_PATH, self.key(), "SET b.a = :v", {":v": N(1)})

    def test_dynalite_nested_update_example(self):
        # dynalite's "should update nested attributes", recorded against DynamoDB.
        k = self.key()
        self.put(k, b={"M": {"a": N(1), "b": N(2), "c": N(3)}}, c={"L": [N(1), N(3)]})
        out = self.update(k, "set b.c=((c[1])+(b.a)),b.a = pk,c[1] = pk, c[4] = b.a - b.b, c[2] = b.c "
                             "add c[8] :b, c[6] :a",
                          {":a": N(2), ":b": {"SS": ["a"]}}, ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {"b": {"M": {"a": k["pk"], "c": N(4)}}, "c": {"L": [k["pk"], N(3), N(2)]}})
        self.assertEqual(self.get(k), dict(k, b={"M": {"a": k["pk"], "b": N(2), "c": N(4)}},
                                           c={"L": [N(1), k["pk"], N(3), N(-1), N(2), {"SS": ["a"]}]}))

    # ---- REMOVE ----

    def test_remove(self):
        k = self.key()
        self.put(k, a=N(1), b=N(2), m={"M": {"x": N(1), "y": N(2)}})
        out = self.update(k, "REMOVE a, m.x, nope", ReturnValues="ALL_NEW")
        self.assertEqual(out["Attributes"], dict(k, b=N(2), m={"M": {"y": N(2)}}))

    def test_remove_list_elements_shifts_the_rest(self):
        k = self.key()
        self.put(k, l={"L": [N(0), N(1), N(2), N(3), N(4)]})
        # Indexes refer to the list as it was: both named elements go.
        self.update(k, "REMOVE l[3], l[1], l[9]")
        self.assertEqual(self.get(k)["l"], {"L": [N(0), N(2), N(4)]})
        self.update(k, "REMOVE l[0]")
        self.assertEqual(self.get(k)["l"], {"L": [N(2), N(4)]})

    def test_remove_and_set_in_one_list(self):
        k = self.key()
        self.put(k, l={"L": [S("a"), S("b"), S("c")]})
        self.update(k, "REMOVE l[0] SET l[2] = :z", {":z": S("Z")})
        self.assertEqual(self.get(k)["l"], {"L": [S("b"), S("Z")]})

    def test_remove_only_update_returns_no_updated_new(self):
        k = self.key()
        self.put(k, a=N(1), b=N(2))
        out = self.update(k, "REMOVE a", ReturnValues="UPDATED_NEW")
        self.assertNotIn("Attributes", out)
        out = self.update(k, "REMOVE b", ReturnValues="UPDATED_OLD")
        self.assertEqual(out["Attributes"], {"b": N(2)})

    # ---- ADD ----

    def test_add_numbers(self):
        k = self.key()
        self.put(k, n=N(5))
        out = self.update(k, "ADD n :d, fresh :d", {":d": N("-1.5")}, ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {"n": N("3.5"), "fresh": N("-1.5")})

    def test_add_sets(self):
        k = self.key()
        self.put(k, ss={"SS": ["a", "b"]}, ns={"NS": ["1"]}, bs={"BS": [b"\x01"]})
        self.update(k, "ADD ss :ss, ns :ns, bs :bs, newset :ss",
                    {":ss": {"SS": ["b", "c"]}, ":ns": {"NS": ["1.0", "2"]}, ":bs": {"BS": [b"\x02"]}})
        item = self.get(k)
        self.assertEqual(sorted(item["ss"]["SS"]), ["a", "b", "c"])
        self.assertEqual(sorted(item["ns"]["NS"]), ["1", "2"])
        self.assertEqual(sorted(item["bs"]["BS"]), [b"\x01", b"\x02"])
        self.assertEqual(sorted(item["newset"]["SS"]), ["b", "c"])

    def test_add_to_nested_paths(self):
        k = self.key()
        self.put(k, m={"M": {"n": N(1)}}, l={"L": [N(1)]})
        self.update(k, "ADD m.n :one, m.created :one, l[0] :one, l[5] :one", {":one": N(1)})
        item = self.get(k)
        self.assertEqual(item["m"], {"M": {"n": N(2), "created": N(1)}})
        self.assertEqual(item["l"], {"L": [N(2), N(1)]})

    def test_add_wrong_types(self):
        k = self.key()
        self.put(k, s=S("x"), n=N(1), ss={"SS": ["a"]})
        for type_name, value in [("STRING", S("a")), ("BINARY", {"B": b"a"}), ("BOOLEAN", {"BOOL": True}),
                                 ("NULL", {"NULL": True}), ("MAP", {"M": {}}), ("LIST", {"L": []})]:
            self.assertUpdateError(UPD + "Incorrect operand type for operator or function; operator: ADD, operand type: "
                                   + type_name + ", typeSet: ALLOWED_FOR_ADD_OPERAND", k, "ADD n :v", {":v": value})
        # Stored attribute of another type.
        self.assertUpdateError(BAD_TYPE, k, "ADD s :one", {":one": N(1)})
        self.assertUpdateError(BAD_TYPE, k, "ADD ss :one", {":one": N(1)})
        self.assertUpdateError(BAD_TYPE, k, "ADD n :ss", {":ss": {"SS": ["b"]}})
        self.assertUpdateError(BAD_TYPE, k, "ADD ss :ns", {":ns": {"NS": ["1"]}})

    # ---- DELETE ----

    def test_delete_from_sets(self):
        k = self.key()
        self.put(k, ss={"SS": ["a", "b", "c"]}, ns={"NS": ["1", "2"]})
        out = self.update(k, "DELETE ss :ss, ns :ns, gone :ss",
                          {":ss": {"SS": ["a", "zz"]}, ":ns": {"NS": ["2.0"]}}, ReturnValues="UPDATED_NEW")
        self.assertEqual(sorted(out["Attributes"]["ss"]["SS"]), ["b", "c"])
        self.assertEqual(out["Attributes"]["ns"], {"NS": ["1"]})
        self.assertNotIn("gone", out["Attributes"])
        # Deleting every member removes the attribute.
        self.update(k, "DELETE ns :ns", {":ns": {"NS": ["1"]}})
        self.assertNotIn("ns", self.get(k))

    def test_delete_wrong_types(self):
        k = self.key()
        self.put(k, ss={"SS": ["a"]}, s=S("x"))
        self.assertUpdateError(BAD_TYPE, k, "DELETE ss :ns", {":ns": {"NS": ["1"]}})
        self.assertUpdateError(BAD_TYPE, k, "DELETE s :ss", {":ss": {"SS": ["x"]}})
        # A value that is not a set is rejected before any item is read. (DynamoDB Local's validator
        # names the typeSet ALLOWED_FOR_DELETE_OPERAND; only the stable prefix is pinned here.)
        for type_name, value in [("NUMBER", N(1)), ("STRING", S("a")), ("LIST", {"L": []})]:
            e = self.assertUpdateError(None, k, "DELETE ss :v", {":v": value})
            self.assertTrue(e.response["Error"]["Message"].startswith(
                UPD + "Incorrect operand type for operator or function; operator: DELETE, operand type: " + type_name),
                e.response["Error"]["Message"])

    # ---- all four clauses ----

    def test_all_clauses_on_a_new_item(self):
        # dynalite's "should just add valid ADD actions if nothing exists".
        k = self.key()
        out = self.update(k, "REMOVE b DELETE c :c ADD d :d, e :e SET f = :f",
                          {":c": {"SS": ["a", "b"]}, ":d": N(5), ":e": {"SS": ["a", "b"]}, ":f": {"L": [S("a"), N(1)]}},
                          ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"]["d"], N(5))
        self.assertEqual(sorted(out["Attributes"]["e"]["SS"]), ["a", "b"])
        self.assertEqual(out["Attributes"]["f"], {"L": [S("a"), N(1)]})
        self.assertEqual(sorted(out["Attributes"]), ["d", "e", "f"])
        self.assertEqual(sorted(self.get(k)), ["d", "e", "f", "pk"])

    def test_each_clause_only_once(self):
        k = self.key()
        for expression, section in [("SET a = :v SET b = :v", "SET"), ("REMOVE a SET b = :v REMOVE c", "REMOVE"),
                                    ("ADD a :v SET b = :v ADD c :v", "ADD"), ("DELETE a :s DELETE b :s", "DELETE")]:
            values = {":v": N(1)} if ":v" in expression else {}
            if ":s" in expression:
                values[":s"] = {"SS": ["x"]}
            self.assertUpdateError(UPD + 'The "%s" section can only be used once in an update expression;' % section,
                                   k, expression, values)

    def test_overlapping_and_conflicting_paths(self):
        k = self.key()
        overlap = UPD + "Two document paths overlap with each other; must remove or rewrite one of these paths; "
        self.assertUpdateError(overlap + "path one: [a], path two: [a, b]", k, "SET a = :v REMOVE a.b", {":v": N(1)})
        self.assertUpdateError(overlap + "path one: [a], path two: [a]", k, "SET a = :v, a = :v", {":v": N(1)})
        self.assertUpdateError(overlap + "path one: [m, l, [1]], path two: [m, l]", k, "SET m.l[1] = :v ADD m.l :v", {":v": N(1)})
        self.assertUpdateError(UPD + "Two document paths conflict with each other; must remove or rewrite one of these "
                               "paths; path one: [a, c], path two: [a, [1]]", k, "remove a.c set a[1] = :v", {":v": N(1)})

    def test_updating_key_attributes(self):
        for table, key, expression, attr in [
            (self.table, {"pk": S("k")}, "SET pk = :v", "pk"),
            (self.table, {"pk": S("k")}, "REMOVE pk", "pk"),
            (self.table, {"pk": S("k")}, "ADD pk.b :n", "pk"),
            (self.table, {"pk": S("k")}, "SET extra = :v REMOVE pk", "pk"),
            (self.composite, {"pk": S("k"), "sk": N(1)}, "SET sk = :n", "sk"),
            (self.composite, {"pk": S("k"), "sk": N(1)}, "SET x[1] = :n ADD sk :n", "sk"),
        ]:
            values = {p: v for p, v in {":v": S("x"), ":n": N(1)}.items() if p in expression}
            self.assertUpdateError("One or more parameter values were invalid: Cannot update attribute %s. "
                                   "This attribute is part of the key" % attr, key, expression, values, table=table)
        self.assertIsNone(self.get({"pk": S("k")}))

    # ---- expression validation ----

    def test_syntax_and_empty_expressions(self):
        k = self.key()
        self.assertUpdateError(UPD + 'Syntax error; token: "INVALID", near: "INVALID SYNTAX"', k, "INVALID SYNTAX HERE")
        self.assertUpdateError(UPD + "The expression can not be empty;", k, "")
        for expression in ["SET a", "SET a = ", "REMOVE a = b", "ADD a", "SET a = b * c", "SET a = b + c + d",
                           "set a[1] = \"x\"", "DELETE :a b", "SET a = :v,"]:
            e = self.assertUpdateError(None, k, expression, {":v": N(1)} if ":v" in expression else None)
            self.assertTrue(e.response["Error"]["Message"].startswith(UPD + "Syntax error; token: "), expression)

    def test_reserved_words_and_placeholders(self):
        k = self.key()
        self.assertUpdateError(UPD + "Attribute name is a reserved keyword; reserved keyword: status", k,
                               "SET status = :v", {":v": N(1)})
        self.assertUpdateError(UPD + "Attribute name is a reserved keyword; reserved keyword: Absolute", k, " remove Absolute ")
        self.update(k, "SET #s = :v", {":v": S("ok")}, {"#s": "status"})
        self.assertEqual(self.get(k)["status"], S("ok"))
        self.assertUpdateError(UPD + "An expression attribute value used in expression is not defined; attribute value: :v",
                               k, "SET a = :v")
        self.assertUpdateError(UPD + "An expression attribute name used in the document path is not defined; attribute "
                               "name: #n", k, "SET #n = :v", {":v": N(1)}, {"#m": "m"})
        self.assertUpdateError("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}", k,
                               "SET a = :v", {":v": N(1), ":x": N(2)})
        self.assertUpdateError("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}", k,
                               "SET a = :v", {":v": N(1)}, {"#unused": "u"})
        # A placeholder the ConditionExpression uses counts as used.
        self.update(k, "SET a = :v", {":v": N(1), ":c": S("ok")}, {"#s": "status"}, ConditionExpression="#s = :c")

    def test_functions_in_update_expressions(self):
        k = self.key()
        self.assertUpdateError(UPD + "Invalid function name; function: if_not_exist", k, "SET a = if_not_exist(a, :v)", {":v": N(1)})
        self.assertUpdateError(UPD + "The function is not allowed in an update expression; function: size", k,
                               "SET a = size(b)")
        self.assertUpdateError(UPD + "Incorrect number of operands for operator or function; operator or function: "
                               "if_not_exists, number of operands: 1", k, "SET a = if_not_exists(c)")
        self.assertUpdateError(UPD + "Operator or function requires a document path; operator or function: if_not_exists",
                               k, "SET a = if_not_exists(:v, c)", {":v": N(1)})

    def test_index_key_updates(self):
        k = {"pk": S(self.unique())}
        self.ddb.put_item(TableName=self.indexed, Item=dict(k, gk=S("g1"), n=N(1), m={"M": {}}))
        self.assertUpdateError("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S "
                               "Actual: N IndexName: by_gk", k, "SET gk = :n", {":n": N(1)}, table=self.indexed)
        self.assertUpdateError("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S "
                               "Actual: N IndexName: by_gk", k, "ADD gk :n", {":n": N(1)}, table=self.indexed)
        # Only known once the item is read: the value comes from another attribute.
        self.assertUpdateError("The update expression attempted to update the secondary index key to unsupported type",
                               k, "SET gk = n", table=self.indexed)
        # An index key is a scalar: no path may go inside it.
        for expression in ["SET gk.x = :s", "SET gk[0] = :s", "SET extra = gk.x", "REMOVE gk.x"]:
            self.assertUpdateError("Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
                                   "allowed: IndexKey: gk", k, expression, {":s": S("x")} if ":s" in expression else None,
                                   table=self.indexed)
        self.assertUpdateError("One or more parameter values are not valid. The update expression attempted to update a "
                               "secondary index key to a value that is not supported. The AttributeValue for a key "
                               "attribute cannot contain an empty string value.", k, "SET gk = :e", {":e": S("")},
                               table=self.indexed)
        self.assertEqual(self.get(k, self.indexed)["gk"], S("g1"))
        self.update(k, "SET gk = :s", {":s": S("g2")}, table=self.indexed)
        found = self.ddb.query(TableName=self.indexed, IndexName="by_gk", KeyConditionExpression="gk = :g",
                               ExpressionAttributeValues={":g": S("g2")})["Items"]
        self.assertEqual([i["pk"] for i in found], [k["pk"]])

    def test_item_size_limit_on_update(self):
        k = self.key()
        self.put(k, a=S("x" * 300000))
        self.assertUpdateError("Item size to update has exceeded the maximum allowed size", k, "SET b = :v",
                               {":v": S("y" * 120000)})
        self.assertEqual(sorted(self.get(k)), ["a", "pk"])

    # ---- ReturnValues ----

    def test_return_values(self):
        k = self.key()
        self.put(k, a=N(1), b=S("x"), m={"M": {"p": N(1), "q": N(2)}})
        values = {":two": N(2)}
        self.assertNotIn("Attributes", self.update(k, "SET a = :two", values, ReturnValues="NONE"))
        self.assertEqual(self.update(k, "SET a = a + :two", values, ReturnValues="ALL_OLD")["Attributes"],
                         dict(k, a=N(2), b=S("x"), m={"M": {"p": N(1), "q": N(2)}}))
        self.assertEqual(self.update(k, "SET a = a + :two, m.p = :two", values, ReturnValues="UPDATED_OLD")["Attributes"],
                         {"a": N(4), "m": {"M": {"p": N(1)}}})
        self.assertEqual(self.update(k, "SET a = a + :two, m.q = :two", values, ReturnValues="UPDATED_NEW")["Attributes"],
                         {"a": N(8), "m": {"M": {"q": N(2)}}})
        self.assertEqual(self.update(k, "REMOVE b", ReturnValues="ALL_NEW")["Attributes"],
                         dict(k, a=N(8), m={"M": {"p": N(2), "q": N(2)}}))
        # No old item: ALL_OLD and UPDATED_OLD return nothing.
        k2 = self.key()
        self.assertNotIn("Attributes", self.update(k2, "SET a = :two", values, ReturnValues="ALL_OLD"))
        k3 = self.key()
        self.assertNotIn("Attributes", self.update(k3, "SET a = :two", values, ReturnValues="UPDATED_OLD"))

    def test_resource_api_counter(self):
        table = self.server.resource().Table(self.table)
        table.put_item(Item={"pk": "res-counter", "count": 1, "tags": {"a"}})
        out = table.update_item(Key={"pk": "res-counter"},
                                UpdateExpression="SET #c = #c + :inc, price = :p ADD tags :t REMOVE gone",
                                ExpressionAttributeNames={"#c": "count"},
                                ExpressionAttributeValues={":inc": 2, ":p": Decimal("19.99"), ":t": {"b"}},
                                ReturnValues="ALL_NEW")
        self.assertEqual(out["Attributes"], {"pk": "res-counter", "count": Decimal(3), "price": Decimal("19.99"),
                                             "tags": {"a", "b"}})

    # ---- mixing with legacy parameters ----

    def test_mixing_with_legacy_parameters(self):
        k = self.key()
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
                         self.unchecked.update_item, TableName=self.table, Key=k, UpdateExpression="SET a = :v",
                         ExpressionAttributeValues={":v": N(1)}, AttributeUpdates={"a": {"Value": N(1), "Action": "PUT"}})
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}",
                         self.unchecked.update_item, TableName=self.table, Key=k, UpdateExpression="SET a = :v",
                         ExpressionAttributeValues={":v": N(1)}, Expected={"a": {"Exists": False}})
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
                         "{UpdateExpression, ConditionExpression}",
                         self.unchecked.update_item, TableName=self.table, Key=k, UpdateExpression="SET a = :v",
                         ConditionExpression="attribute_exists(a)", ExpressionAttributeValues={":v": N(1)},
                         AttributeUpdates={"a": {"Value": N(1)}}, Expected={"a": {"Exists": False}})


if __name__ == "__main__":
    unittest.main()
