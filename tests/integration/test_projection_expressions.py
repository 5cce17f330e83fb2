"""ProjectionExpression on GetItem, Query and Scan through boto3: nested paths, list elements
(compacted, in index order), merged sub-paths, placeholders, and the validation DynamoDB does
before it reads anything."""
import unittest

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

PROJ = "Invalid ProjectionExpression: "
SCALARS = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "

ITEM = {
    "pk": S("doc"),
    "a": {"M": {"b": {"L": [N(0), N(1), N(2), {"M": {"c": S("deep"), "d": S("other")}}]}, "e": S("E")}},
    "l": {"L": [S("l0"), S("l1"), S("l2"), {"M": {"x": N(1), "y": N(2), "z": N(3)}}]},
    "top": S("t"),
    "n": N(5),
    "dotted.name": S("dot"),
}


class ProjectionExpressionTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "proj_expr"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "gk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             GlobalSecondaryIndexes=[{"IndexName": "by_gk",
                                                      "KeySchema": [{"AttributeName": "gk", "KeyType": "HASH"}],
                                                      "Projection": {"ProjectionType": "ALL"}}])
        cls.ddb.put_item(TableName=cls.table, Item=ITEM)
        cls.sorted_table = "proj_expr_sorted"
        cls.ddb.create_table(TableName=cls.sorted_table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])
        for i in range(4):
            cls.ddb.put_item(TableName=cls.sorted_table,
                             Item={"pk": S("p"), "sk": N(i), "v": N(i * 10), "m": {"M": {"x": N(i), "y": S("y")}}})

    def project(self, expression, names=None):
        params = dict(TableName=self.table, Key={"pk": ITEM["pk"]}, ProjectionExpression=expression)
        if names:
            params["ExpressionAttributeNames"] = names
        return self.ddb.get_item(**params)["Item"]

    def assertProjectionError(self, message, expression, names=None):
        params = dict(TableName=self.table, Key={"pk": ITEM["pk"]}, ProjectionExpression=expression)
        if names:
            params["ExpressionAttributeNames"] = names
        return self.assertError("ValidationException", message, self.unchecked.get_item, **params)

    def test_top_level_attributes(self):
        self.assertEqual(self.project("top, n"), {"top": S("t"), "n": N(5)})
        self.assertEqual(self.project("top,n,   pk"), {"top": S("t"), "n": N(5), "pk": S("doc")})
        # The key is not added unless asked for, and missing attributes are simply absent.
        self.assertEqual(self.project("n, nothing"), {"n": N(5)})

    def test_nested_map_and_list_paths(self):
        self.assertEqual(self.project("a.b[3].c"), {"a": {"M": {"b": {"L": [{"M": {"c": S("deep")}}]}}}})
        self.assertEqual(self.project("a.e, a.b[1]"), {"a": {"M": {"e": S("E"), "b": {"L": [N(1)]}}}})
        self.assertEqual(self.project("l[3].y"), {"l": {"L": [{"M": {"y": N(2)}}]}})

    def test_list_elements_compact_in_index_order(self):
        self.assertEqual(self.project("l[2], l[0]"), {"l": {"L": [S("l0"), S("l2")]}})
        self.assertEqual(self.project("l[9], l[1]"), {"l": {"L": [S("l1")]}})
        self.assertNotIn("l", self.project("n, l[9]"))

    def test_sub_paths_of_one_element_merge(self):
        self.assertEqual(self.project("l[3].x, l[3].z, l[0]"), {"l": {"L": [S("l0"), {"M": {"x": N(1), "z": N(3)}}]}})

    def test_paths_into_the_wrong_type_are_absent(self):
        self.assertEqual(self.project("top.x, a.b.c, l.x, a.e[0], n"), {"n": N(5)})

    def test_placeholders(self):
        self.assertEqual(self.project("#a.#b[3].#c", {"#a": "a", "#b": "b", "#c": "c"}),
                         {"a": {"M": {"b": {"L": [{"M": {"c": S("deep")}}]}}}})
        self.assertEqual(self.project("#d", {"#d": "dotted.name"}), {"dotted.name": S("dot")})
        # Without a placeholder the dot is a path separator.
        self.assertEqual(self.project("n, dotted.nm"), {"n": N(5)})

    def test_resource_api(self):
        table = self.server.resource().Table(self.table)
        item = table.get_item(Key={"pk": "doc"}, ProjectionExpression="#t, l[1]", ExpressionAttributeNames={"#t": "top"})["Item"]
        self.assertEqual(item, {"top": "t", "l": ["l1"]})

    def test_validation(self):
        self.assertProjectionError(PROJ + "The expression can not be empty;", "")
        self.assertProjectionError(PROJ + "Attribute name is a reserved keyword; reserved keyword: name", "top, name")
        self.assertProjectionError(PROJ + "An expression attribute name used in the document path is not defined; "
                                   "attribute name: #x", "#x")
        self.assertProjectionError("Value provided in ExpressionAttributeNames unused in expressions: keys: {#y}",
                                   "top", {"#y": "y"})
        self.assertProjectionError(PROJ + "List index is not within the allowable range; index: [4294967296]", "l[4294967296]")
        e = self.assertProjectionError(None, "top, ")
        self.assertTrue(e.response["Error"]["Message"].startswith(PROJ + "Syntax error; token: "), e.response)
        e = self.assertProjectionError(None, "size(top)")
        self.assertTrue(e.response["Error"]["Message"].startswith(PROJ + "Syntax error; token: "), e.response)
        # Overlapping and duplicate paths are rejected (the conformance suite pins only the code).
        self.assertProjectionError(None, "#a, #a.#b", {"#a": "a", "#b": "b"})
        self.assertProjectionError(None, "top, top")
        # Nothing is read first: an absent item gets the same errors.
        self.assertError("ValidationException", PROJ + "Attribute name is a reserved keyword; reserved keyword: name",
                         self.ddb.get_item, TableName=self.table, Key={"pk": S("absent")}, ProjectionExpression="name")

    def test_key_attributes_are_scalars(self):
        self.assertProjectionError(SCALARS + "Key: pk", "#p.b.c", {"#p": "pk"})
        self.assertProjectionError(SCALARS + "Key: pk", "pk[0]")
        self.assertProjectionError(SCALARS + "IndexKey: gk", "gk.x")

    def test_mixing_with_attributes_to_get(self):
        self.assertError("ValidationException", "Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
                         self.ddb.get_item, TableName=self.table, Key={"pk": ITEM["pk"]}, ProjectionExpression="top",
                         AttributesToGet=["top"])

    def test_query_and_scan_projection(self):
        out = self.ddb.query(TableName=self.sorted_table, KeyConditionExpression="pk = :p AND sk >= :s",
                             ProjectionExpression="sk, m.x", ExpressionAttributeValues={":p": S("p"), ":s": N(2)})
        self.assertEqual(out["Items"], [{"sk": N(2), "m": {"M": {"x": N(2)}}}, {"sk": N(3), "m": {"M": {"x": N(3)}}}])
        out = self.ddb.scan(TableName=self.sorted_table, ProjectionExpression="#v", FilterExpression="#v > :ten",
                            ExpressionAttributeNames={"#v": "v"}, ExpressionAttributeValues={":ten": N(10)})
        self.assertEqual(sorted(int(i["v"]["N"]) for i in out["Items"]), [20, 30])
        self.assertTrue(all(list(i) == ["v"] for i in out["Items"]))
        # The filter reads attributes the projection leaves out.
        out = self.ddb.query(TableName=self.sorted_table, KeyConditionExpression="pk = :p", ProjectionExpression="v",
                             FilterExpression="m.x = :one", ExpressionAttributeValues={":p": S("p"), ":one": N(1)})
        self.assertEqual(out["Items"], [{"v": N(10)}])
        self.assertError("ValidationException", PROJ + "Attribute name is a reserved keyword; reserved keyword: name",
                         self.ddb.scan, TableName=self.sorted_table, ProjectionExpression="name")


if __name__ == "__main__":
    unittest.main()
