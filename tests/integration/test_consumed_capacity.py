"""ConsumedCapacity in every operation that returns it, in DynamoDB's shapes and arithmetic
(docs/compatibility.md, "ConsumedCapacity", gives the rules and where each comes from).

Shapes: single-item operations, Query, Scan, the batches and PartiQL statements answer with
TableName and CapacityUnits (INDEXES adds the Table arm and the index arms, each CapacityUnits
alone); transactions also carry ReadCapacityUnits or WriteCapacityUnits, at the top and in each
arm. Arithmetic: reads in 4 KB units (halved when eventually consistent, doubled in a
transaction), writes in 1 KB units, a missing item still one unit; an index is charged on the
change to the entry it stores. Exact bytes are checked over raw HTTP."""
import json

from harness import ServerTestCase, raw_text


def S(v):
    return {"S": v}


def size(item):
    """DynamoDB's size of an item of string attributes: name bytes plus value bytes."""
    return sum(len(k.encode()) + len(v["S"].encode()) for k, v in item.items())


def read_units(nbytes, consistent=False):
    units = max(1, -(-nbytes // 4096))
    return float(units) if consistent else units / 2


def write_units(nbytes):
    return float(max(1, -(-nbytes // 1024)))


class CapacityTestCase(ServerTestCase):
    def raw(self, operation, body, status=200):
        """The response text, byte for byte."""
        code, text = raw_text(self.server, operation, body)
        self.assertEqual(code, status, text)
        return text

    def indexed_table(self):
        """pk/sk; a GSI on g projecting INCLUDE [proj]; an LSI on l projecting ALL; an LSI on k
        projecting KEYS_ONLY."""
        return self.make_table(range_key=("sk", "S"),
                               gsis=[{"name": "gsi_inc", "keys": [("g", "S")], "projection": "INCLUDE", "include": ["proj"]}],
                               lsis=[{"name": "lsi_all", "keys": [("pk", "S"), ("l", "S")], "projection": "ALL"},
                                     {"name": "lsi_keys", "keys": [("pk", "S"), ("k", "S")], "projection": "KEYS_ONLY"}])


class SingleItemShapeTest(CapacityTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = cls("test_get_item_total").make_table()
        cls.ddb.put_item(TableName=cls.table, Item={"pk": S("a"), "v": S("x" * 100)})
        cls.arn = cls.ddb.describe_table(TableName=cls.table)["Table"]["TableArn"]

    def test_get_item_total(self):
        text = self.raw("GetItem", {"TableName": self.table, "Key": {"pk": S("a")}, "ReturnConsumedCapacity": "TOTAL"})
        self.assertEqual(json.loads(text)["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5})
        self.assertTrue(text.endswith(',"ConsumedCapacity":{"TableName":"%s","CapacityUnits":0.5}}' % self.table), text)

    def test_get_item_indexes_has_the_table_arm_only(self):
        text = self.raw("GetItem", {"TableName": self.table, "Key": {"pk": S("a")}, "ReturnConsumedCapacity": "INDEXES",
                                    "ConsistentRead": True})
        self.assertTrue(text.endswith(',"ConsumedCapacity":{"TableName":"%s","CapacityUnits":1.0,"Table":{"CapacityUnits":1.0}}}'
                                      % self.table), text)

    def test_none_and_absent_return_nothing(self):
        for extra in ({}, {"ReturnConsumedCapacity": "NONE"}):
            out = self.ddb.get_item(TableName=self.table, Key={"pk": S("a")}, **extra)
            self.assertNotIn("ConsumedCapacity", out)
            out = self.ddb.put_item(TableName=self.table, Item={"pk": S("n")}, **extra)
            self.assertNotIn("ConsumedCapacity", out)

    def test_a_projection_does_not_shrink_the_read(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": S("big"), "v": S("x" * 5000)})
        out = self.ddb.get_item(TableName=self.table, Key={"pk": S("big")}, ProjectionExpression="pk",
                                ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["Item"], {"pk": S("big")})
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)

    def test_missing_item_costs_the_minimum(self):
        out = self.ddb.get_item(TableName=self.table, Key={"pk": S("nope")}, ReturnConsumedCapacity="TOTAL")
        self.assertNotIn("Item", out)
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5})
        out = self.ddb.get_item(TableName=self.table, Key={"pk": S("nope")}, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)

    def test_reads_round_up_to_4_kb(self):
        for n, expected in ((4096, 1.0), (4097, 2.0), (8192, 2.0), (8193, 3.0)):
            item = {"pk": S("r%d" % n)}
            item["v"] = S("x" * (n - size(item) - 1))
            self.assertEqual(size(item), n)
            self.ddb.put_item(TableName=self.table, Item=item)
            out = self.ddb.get_item(TableName=self.table, Key={"pk": item["pk"]}, ConsistentRead=True,
                                    ReturnConsumedCapacity="TOTAL")
            self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], expected, n)
            out = self.ddb.get_item(TableName=self.table, Key={"pk": item["pk"]}, ReturnConsumedCapacity="TOTAL")
            self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], expected / 2, n)

    def test_writes_round_up_to_1_kb_on_the_larger_image(self):
        item = {"pk": S("w")}
        item["v"] = S("x" * (1024 - size(item) - 1))
        out = self.ddb.put_item(TableName=self.table, Item=item, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 1.0})
        item["v"] = S(item["v"]["S"] + "yy")  # 1025 bytes
        out = self.ddb.put_item(TableName=self.table, Item=item, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        # Replacing a 3 KB item with a small one costs the old size; so does shrinking it in place.
        self.ddb.put_item(TableName=self.table, Item={"pk": S("w"), "v": S("x" * 3000)})
        out = self.ddb.put_item(TableName=self.table, Item={"pk": S("w")}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 3.0)
        self.ddb.put_item(TableName=self.table, Item={"pk": S("w"), "v": S("x" * 3000)})
        out = self.ddb.update_item(TableName=self.table, Key={"pk": S("w")}, UpdateExpression="REMOVE v",
                                   ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 3.0})
        out = self.ddb.update_item(TableName=self.table, Key={"pk": S("w")}, UpdateExpression="SET v = :v",
                                   ExpressionAttributeValues={":v": S("x" * 5000)}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 5.0}})

    def test_delete_costs_the_deleted_item_or_one_unit(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": S("d"), "v": S("x" * 2500)})
        out = self.ddb.delete_item(TableName=self.table, Key={"pk": S("d")}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 3.0})
        out = self.ddb.delete_item(TableName=self.table, Key={"pk": S("d")}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}})

    def test_a_failed_condition_answers_without_capacity(self):
        for op, body in (("PutItem", {"Item": {"pk": S("a")}}), ("DeleteItem", {"Key": {"pk": S("a")}}),
                         ("UpdateItem", {"Key": {"pk": S("a")}, "UpdateExpression": "SET z = :z",
                                         "ExpressionAttributeValues": {":z": S("z")}})):
            body.update({"TableName": self.table, "ConditionExpression": "attribute_not_exists(pk)",
                         "ReturnConsumedCapacity": "INDEXES"})
            text = self.raw(op, body, status=400)
            self.assertEqual(json.loads(text), {"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                                                "message": "The conditional request failed"})

    def test_an_arn_is_echoed_as_the_table_name(self):
        out = self.ddb.get_item(TableName=self.arn, Key={"pk": S("a")}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.arn, "CapacityUnits": 0.5})
        out = self.ddb.put_item(TableName=self.arn, Item={"pk": S("arn")}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["TableName"], self.arn)
        out = self.ddb.query(TableName=self.arn, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("a")},
                             ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["TableName"], self.arn)
        out = self.ddb.batch_get_item(RequestItems={self.arn: {"Keys": [{"pk": S("a")}]}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.arn, "CapacityUnits": 0.5}])
        out = self.ddb.transact_get_items(TransactItems=[{"Get": {"TableName": self.arn, "Key": {"pk": S("a")}}}],
                                          ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.arn, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}])


class IndexWriteTest(CapacityTestCase):
    """An index is charged on the change to the entry it stores, each arm rounded on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = cls("test_put_into_every_index").indexed_table()

    def put(self, item, detail="INDEXES"):
        return self.ddb.put_item(TableName=self.table, Item=item, ReturnConsumedCapacity=detail)["ConsumedCapacity"]

    def update(self, pk, expression, values=None, detail="INDEXES"):
        extra = {"ExpressionAttributeValues": values} if values else {}
        return self.ddb.update_item(TableName=self.table, Key={"pk": S(pk), "sk": S("1")}, UpdateExpression=expression,
                                    ReturnConsumedCapacity=detail, **extra)["ConsumedCapacity"]

    def test_put_into_every_index(self):
        item = {"pk": S("a"), "sk": S("1"), "g": S("G"), "proj": S("p"), "l": S("L"), "k": S("K")}
        self.assertEqual(self.put(item), {"TableName": self.table, "CapacityUnits": 4.0, "Table": {"CapacityUnits": 1.0},
                                          "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 1.0}},
                                          "LocalSecondaryIndexes": {"lsi_all": {"CapacityUnits": 1.0},
                                                                    "lsi_keys": {"CapacityUnits": 1.0}}})
        # TOTAL folds the index writes into the one number.
        item["pk"] = S("a2")
        self.assertEqual(self.put(item, "TOTAL"), {"TableName": self.table, "CapacityUnits": 4.0})

    def test_identical_overwrite_charges_the_table_only(self):
        item = {"pk": S("b"), "sk": S("1"), "g": S("G"), "proj": S("p"), "l": S("L")}
        self.put(item)
        self.assertEqual(self.put(item), {"TableName": self.table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}})

    def test_a_change_outside_a_projection_skips_that_index(self):
        self.put({"pk": S("c"), "sk": S("1"), "g": S("G"), "proj": S("p"), "l": S("L"), "k": S("K")})
        # "ox" is not in gsi_inc (INCLUDE proj) nor lsi_keys; lsi_all stores everything.
        cc = self.update("c", "SET ox = :o", {":o": S("o")})
        self.assertEqual(cc, {"TableName": self.table, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
                              "LocalSecondaryIndexes": {"lsi_all": {"CapacityUnits": 1.0}}})
        # A projected attribute changes the entry in place: one write.
        cc = self.update("c", "SET proj = :p", {":p": S("q")})
        self.assertEqual(cc["GlobalSecondaryIndexes"], {"gsi_inc": {"CapacityUnits": 1.0}})
        self.assertEqual(cc["CapacityUnits"], 3.0)

    def test_moving_an_index_key_is_a_delete_and_an_insert(self):
        self.put({"pk": S("d"), "sk": S("1"), "g": S("G")})
        cc = self.update("d", "SET g = :g", {":g": S("H")})
        self.assertEqual(cc, {"TableName": self.table, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 1.0},
                              "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 2.0}}})
        # Removing the key takes the entry out: one write; the item then belongs to no index.
        cc = self.update("d", "REMOVE g")
        self.assertEqual(cc["GlobalSecondaryIndexes"], {"gsi_inc": {"CapacityUnits": 1.0}})
        cc = self.ddb.delete_item(TableName=self.table, Key={"pk": S("d"), "sk": S("1")},
                                  ReturnConsumedCapacity="INDEXES")["ConsumedCapacity"]
        self.assertEqual(cc, {"TableName": self.table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}})

    def test_delete_charges_each_entry_it_removes(self):
        self.put({"pk": S("e"), "sk": S("1"), "g": S("G"), "proj": S("x" * 3000), "l": S("L")})
        cc = self.ddb.delete_item(TableName=self.table, Key={"pk": S("e"), "sk": S("1")},
                                  ReturnConsumedCapacity="INDEXES")["ConsumedCapacity"]
        self.assertEqual(cc, {"TableName": self.table, "CapacityUnits": 9.0, "Table": {"CapacityUnits": 3.0},
                              "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 3.0}},
                              "LocalSecondaryIndexes": {"lsi_all": {"CapacityUnits": 3.0}}})

    def test_index_arms_are_sized_on_the_entry(self):
        # A 3 KB attribute the GSI does not project costs the table 3 and the GSI 1.
        cc = self.put({"pk": S("f"), "sk": S("1"), "g": S("G"), "proj": S("p"), "ox": S("x" * 3000)})
        self.assertEqual(cc["Table"], {"CapacityUnits": 3.0})
        self.assertEqual(cc["GlobalSecondaryIndexes"], {"gsi_inc": {"CapacityUnits": 1.0}})
        # Moving a 1.5 KB entry: 2 for the delete plus 2 for the insert.
        self.put({"pk": S("h"), "sk": S("1"), "g": S("A"), "proj": S("x" * 1500)})
        cc = self.update("h", "SET g = :g", {":g": S("B")})
        self.assertEqual(cc["GlobalSecondaryIndexes"], {"gsi_inc": {"CapacityUnits": 4.0}})
        # Shrinking a 3 KB entry in place costs the larger of the two.
        self.put({"pk": S("i"), "sk": S("1"), "g": S("A"), "proj": S("x" * 3000)})
        cc = self.update("i", "SET proj = :p", {":p": S("p")})
        self.assertEqual(cc, {"TableName": self.table, "CapacityUnits": 6.0, "Table": {"CapacityUnits": 3.0},
                              "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 3.0}}})

    def test_wire_form_of_the_index_arms(self):
        text = self.raw("PutItem", {"TableName": self.table, "Item": {"pk": S("w"), "sk": S("1"), "g": S("G"), "l": S("L")},
                                    "ReturnConsumedCapacity": "INDEXES"})
        self.assertEqual(text, '{"ConsumedCapacity":{"TableName":"%s","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},'
                               '"LocalSecondaryIndexes":{"lsi_all":{"CapacityUnits":1.0}},'
                               '"GlobalSecondaryIndexes":{"gsi_inc":{"CapacityUnits":1.0}}}}' % self.table)


class QueryScanTest(CapacityTestCase):
    """A page is charged on the entries it read (before any filter), summed and rounded up once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = cls("test_query_table").indexed_table()
        cls.items = [{"pk": S("q"), "sk": S("%02d" % i), "g": S("G"), "k": S("%02d" % i), "px": S("x" * 1000)}
                     for i in range(10)]
        for item in cls.items:
            cls.ddb.put_item(TableName=cls.table, Item=item)
        cls.item_bytes = size(cls.items[0])  # all the same size
        cls.total_bytes = cls.item_bytes * len(cls.items)

    def query(self, **kw):
        kw.setdefault("KeyConditionExpression", "pk = :p")
        kw.setdefault("ExpressionAttributeValues", {":p": S("q")})
        return self.ddb.query(TableName=self.table, **kw)

    def test_query_table(self):
        expected = read_units(self.total_bytes)
        self.assertEqual(expected, 1.5)
        out = self.query(ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": expected})
        out = self.query(ReturnConsumedCapacity="INDEXES", ConsistentRead=True)
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 3.0}})

    def test_count_filter_and_limit(self):
        self.assertEqual(self.query(Select="COUNT", ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"]["CapacityUnits"], 1.5)
        out = self.query(FilterExpression="px = :n", ExpressionAttributeValues={":p": S("q"), ":n": S("none")},
                         ReturnConsumedCapacity="TOTAL")
        self.assertEqual((out["Count"], out["ScannedCount"], out["ConsumedCapacity"]["CapacityUnits"]), (0, 10, 1.5))
        out = self.query(Limit=4, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], read_units(4 * self.item_bytes))
        out = self.query(ExpressionAttributeValues={":p": S("none")}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}})

    def test_query_global_index(self):
        out = self.query(IndexName="gsi_inc", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": S("G")},
                         ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["Count"], 10)
        entry = size({k: v for k, v in self.items[0].items() if k != "px"}) - len("k") - 2  # pk, sk, g
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": read_units(10 * entry),
                                                   "Table": {"CapacityUnits": 0.0},
                                                   "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": read_units(10 * entry)}}})
        out = self.query(IndexName="gsi_inc", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": S("G")},
                         ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5})

    def test_query_local_index_and_its_fetches(self):
        out = self.query(IndexName="lsi_keys", ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                                                   "LocalSecondaryIndexes": {"lsi_keys": {"CapacityUnits": 0.5}}})
        # Attributes the index does not hold are fetched from the table, each item rounded up on
        # its own and charged to the table.
        out = self.query(IndexName="lsi_keys", Select="ALL_ATTRIBUTES", ReturnConsumedCapacity="INDEXES", ConsistentRead=True)
        self.assertEqual(out["Items"][0]["px"], S("x" * 1000))
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 11.0,
                                                   "Table": {"CapacityUnits": 10.0},
                                                   "LocalSecondaryIndexes": {"lsi_keys": {"CapacityUnits": 1.0}}})
        out = self.query(IndexName="lsi_keys", ProjectionExpression="px", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 5.5})

    def test_scan(self):
        out = self.ddb.scan(TableName=self.table, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 1.5})
        out = self.ddb.scan(TableName=self.table, Select="COUNT", ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 3.0}})
        out = self.ddb.scan(TableName=self.table, IndexName="gsi_inc", ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"]["Table"], {"CapacityUnits": 0.0})
        self.assertEqual(out["ConsumedCapacity"]["GlobalSecondaryIndexes"], {"gsi_inc": {"CapacityUnits": 0.5}})

    def test_parallel_scan_charges_each_segment_its_own_page(self):
        seen = 0
        for segment in range(3):
            out = self.ddb.scan(TableName=self.table, Segment=segment, TotalSegments=3, ReturnConsumedCapacity="TOTAL")
            seen += out["ScannedCount"]
            self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], read_units(out["ScannedCount"] * self.item_bytes))
        self.assertEqual(seen, 10)

    def test_wire_form(self):
        text = self.raw("Query", {"TableName": self.table, "IndexName": "gsi_inc", "KeyConditionExpression": "g = :g",
                                  "ExpressionAttributeValues": {":g": S("G")}, "Select": "COUNT",
                                  "ReturnConsumedCapacity": "INDEXES"})
        self.assertEqual(text, '{"Count":10,"ScannedCount":10,"ConsumedCapacity":{"TableName":"%s","CapacityUnits":0.5,'
                               '"Table":{"CapacityUnits":0.0},"GlobalSecondaryIndexes":{"gsi_inc":{"CapacityUnits":0.5}}}}'
                         % self.table)


class BatchTest(CapacityTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        helper = cls("test_batch_get_item")
        cls.first = helper.make_table(name=helper.unique("ba"))
        cls.second = helper.make_table(name=helper.unique("bb"), range_key=("sk", "S"),
                                       gsis=[{"name": "gsi", "keys": [("g", "S")]}])
        cls.ddb.put_item(TableName=cls.first, Item={"pk": S("big"), "v": S("x" * 5000)})
        cls.ddb.put_item(TableName=cls.first, Item={"pk": S("small")})
        cls.ddb.put_item(TableName=cls.second, Item={"pk": S("a"), "sk": S("1")})

    def test_batch_get_item(self):
        # One entry per table, in table-name order; each item rounded up on its own, a missing one
        # still charged.
        out = self.ddb.batch_get_item(RequestItems={
            self.second: {"Keys": [{"pk": S("a"), "sk": S("1")}, {"pk": S("none"), "sk": S("1")}], "ConsistentRead": True},
            self.first: {"Keys": [{"pk": S("big")}, {"pk": S("small")}, {"pk": S("none")}]}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.first, "CapacityUnits": 2.0},
                                                   {"TableName": self.second, "CapacityUnits": 2.0}])
        out = self.ddb.batch_get_item(RequestItems={self.second: {"Keys": [{"pk": S("a"), "sk": S("1")}]}},
                                      ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.second, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}}])
        out = self.ddb.batch_get_item(RequestItems={self.second: {"Keys": [{"pk": S("a"), "sk": S("1")}]}})
        self.assertNotIn("ConsumedCapacity", out)

    def test_batch_write_item(self):
        out = self.ddb.batch_write_item(RequestItems={
            self.second: [{"PutRequest": {"Item": {"pk": S("w"), "sk": S("1"), "g": S("G")}}},
                          {"PutRequest": {"Item": {"pk": S("w"), "sk": S("2")}}}],
            self.first: [{"DeleteRequest": {"Key": {"pk": S("missing")}}},
                         {"PutRequest": {"Item": {"pk": S("w"), "v": S("x" * 1500)}}}]}, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], [
            {"TableName": self.first, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 3.0}},
            {"TableName": self.second, "CapacityUnits": 3.0, "Table": {"CapacityUnits": 2.0},
             "GlobalSecondaryIndexes": {"gsi": {"CapacityUnits": 1.0}}}])
        out = self.ddb.batch_write_item(RequestItems={self.second: [{"DeleteRequest": {"Key": {"pk": S("w"), "sk": S("1")}}}]},
                                        ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.second, "CapacityUnits": 2.0}])


class TransactionTest(CapacityTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = cls("test_transact_get_items").indexed_table()
        cls.ddb.put_item(TableName=cls.table, Item={"pk": S("t"), "sk": S("1"), "v": S("x" * 1500)})

    def test_transact_get_items(self):
        gets = [{"Get": {"TableName": self.table, "Key": {"pk": S("t"), "sk": S("1")}}},
                {"Get": {"TableName": self.table, "Key": {"pk": S("none"), "sk": S("1")}}}]
        out = self.ddb.transact_get_items(TransactItems=gets, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0}])
        text = self.raw("TransactGetItems", {"TransactItems": gets, "ReturnConsumedCapacity": "INDEXES"})
        self.assertTrue(text.endswith(',"ConsumedCapacity":[{"TableName":"%s","CapacityUnits":4.0,"ReadCapacityUnits":4.0,'
                                      '"Table":{"ReadCapacityUnits":4.0,"CapacityUnits":4.0}}]}' % self.table), text)

    def test_transact_write_items(self):
        # The table arm doubles; index arms cost what they cost outside a transaction.
        out = self.ddb.transact_write_items(ReturnConsumedCapacity="INDEXES", TransactItems=[
            {"Put": {"TableName": self.table, "Item": {"pk": S("n"), "sk": S("1"), "g": S("G"), "l": S("L")}}},
            {"ConditionCheck": {"TableName": self.table, "Key": {"pk": S("t"), "sk": S("1")},
                                "ConditionExpression": "attribute_exists(pk)"}}])
        self.assertEqual(out["ConsumedCapacity"], [{
            "TableName": self.table, "CapacityUnits": 8.0, "WriteCapacityUnits": 8.0,
            "Table": {"CapacityUnits": 6.0, "WriteCapacityUnits": 6.0},
            "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 1.0, "WriteCapacityUnits": 1.0}},
            "LocalSecondaryIndexes": {"lsi_all": {"CapacityUnits": 1.0, "WriteCapacityUnits": 1.0}}}])
        out = self.ddb.transact_write_items(ReturnConsumedCapacity="TOTAL", TransactItems=[
            {"Delete": {"TableName": self.table, "Key": {"pk": S("n"), "sk": S("1")}}}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 4.0, "WriteCapacityUnits": 4.0}])

    def test_a_replay_is_a_transactional_read_of_what_the_first_call_wrote(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": S("r"), "sk": S("1"), "v": S("x" * 9000)})
        request = [{"Delete": {"TableName": self.table, "Key": {"pk": S("r"), "sk": S("1")}}}]
        first = self.ddb.transact_write_items(TransactItems=request, ClientRequestToken="replay-delete",
                                              ReturnConsumedCapacity="TOTAL")
        self.assertEqual(first["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 18.0, "WriteCapacityUnits": 18.0}])
        # The item is gone, but the replay is charged on the 9 KB the first call deleted.
        again = self.ddb.transact_write_items(TransactItems=request, ClientRequestToken="replay-delete",
                                              ReturnConsumedCapacity="INDEXES")
        self.assertEqual(again["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 6.0, "ReadCapacityUnits": 6.0,
                                                      "Table": {"CapacityUnits": 6.0, "ReadCapacityUnits": 6.0}}])

    def test_a_cancelled_transaction_answers_without_capacity(self):
        text = self.raw("TransactWriteItems", {"ReturnConsumedCapacity": "TOTAL", "TransactItems": [
            {"ConditionCheck": {"TableName": self.table, "Key": {"pk": S("t"), "sk": S("1")},
                                "ConditionExpression": "attribute_not_exists(pk)"}}]}, status=400)
        self.assertNotIn("ConsumedCapacity", json.loads(text))


class PartiQLTest(CapacityTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = cls("test_execute_statement").indexed_table()

    def test_execute_statement(self):
        out = self.ddb.execute_statement(Statement="INSERT INTO \"%s\" VALUE {'pk': 'p', 'sk': '1', 'g': 'G'}" % self.table,
                                         ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 2.0, "Table": {"CapacityUnits": 1.0},
                                                   "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 1.0}}})
        out = self.ddb.execute_statement(Statement="SELECT * FROM \"%s\" WHERE pk = 'p' AND sk = '1'" % self.table,
                                         ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5})
        out = self.ddb.execute_statement(Statement="SELECT * FROM \"%s\".\"gsi_inc\" WHERE g = 'G'" % self.table,
                                         ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                                                   "GlobalSecondaryIndexes": {"gsi_inc": {"CapacityUnits": 0.5}}})

    def test_wire_form(self):
        text = self.raw("ExecuteStatement", {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'w', 'sk': '1', 'l': 'L'}" % self.table,
                                             "ReturnConsumedCapacity": "INDEXES"})
        self.assertEqual(text, '{"Items":[],"ConsumedCapacity":{"TableName":"%s","CapacityUnits":2.0,"Table":{"CapacityUnits":1.0},'
                               '"LocalSecondaryIndexes":{"lsi_all":{"CapacityUnits":1.0}}}}' % self.table)
        text = self.raw("ExecuteTransaction", {"TransactStatements": [{"Statement": "SELECT * FROM \"%s\" WHERE pk = 'w' AND sk = '1'"
                                                                                   % self.table}],
                                               "ReturnConsumedCapacity": "INDEXES"})
        self.assertTrue(text.endswith('"ConsumedCapacity":[{"TableName":"%s","CapacityUnits":2.0,"ReadCapacityUnits":2.0,'
                                      '"Table":{"ReadCapacityUnits":2.0,"CapacityUnits":2.0}}]}' % self.table), text)

    def test_batch_execute_statement(self):
        out = self.ddb.batch_execute_statement(ReturnConsumedCapacity="TOTAL", Statements=[
            {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'b1', 'sk': '1'}" % self.table},
            {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'b2', 'sk': '1', 'g': 'G'}" % self.table}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 3.0}])

    def test_execute_transaction(self):
        out = self.ddb.execute_transaction(ReturnConsumedCapacity="TOTAL", TransactStatements=[
            {"Statement": "INSERT INTO \"%s\" VALUE {'pk': 'x1', 'sk': '1'}" % self.table}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}])
        out = self.ddb.execute_transaction(ReturnConsumedCapacity="TOTAL", TransactStatements=[
            {"Statement": "SELECT * FROM \"%s\" WHERE pk = 'x1' AND sk = '1'" % self.table}])
        self.assertEqual(out["ConsumedCapacity"], [{"TableName": self.table, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0}])
