"""Global and local secondary indexes: maintenance with every write (sparse, moved, removed), index key
types and type checks, KEYS_ONLY / INCLUDE / ALL projections, Select and ConsistentRead rules per index
type, paging with index + table keys, UpdateTable Create (backfill) / Delete, index limits and the
ItemCount / IndexSizeBytes that DescribeTable reports."""
import time
import unittest
from decimal import Decimal

from boto3.dynamodb.conditions import Attr, Key

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731
B = lambda v: {"B": v}  # noqa: E731

TABLE_KEYS = {"pk", "sk"}


def item(i, **extra):
    """Item i of partition u1: every third has no status (so it is not in the status indexes)."""
    it = {"pk": S("u1"), "sk": S("i%02d" % i), "created": N(100 - i * 7), "title": S("title %02d" % (11 - i)),
          "owner": S("o1"), "body": S("body %d" % i), "num": N(i)}
    if i % 3 != 2:
        it["status"] = S("open" if i % 3 == 0 else "closed")
    if i % 2 == 0:
        it["blob"] = B(bytes([i % 4]))
        it["score"] = N(Decimal(i) / 4 - 1)
    it.update(extra)
    return it


ITEMS = [item(i) for i in range(12)]


def project(it, names):
    return {k: v for k, v in it.items() if k in names}


class IndexTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "ix_main"
        ks = lambda h, r=None: ([{"AttributeName": h, "KeyType": "HASH"}] +  # noqa: E731
                                ([{"AttributeName": r, "KeyType": "RANGE"}] if r else []))
        cls.ddb.create_table(
            TableName=cls.table, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                                  [("pk", "S"), ("sk", "S"), ("status", "S"), ("created", "N"), ("owner", "S"),
                                   ("blob", "B"), ("score", "N"), ("title", "S")]],
            KeySchema=ks("pk", "sk"),
            GlobalSecondaryIndexes=[
                {"IndexName": "by_status", "KeySchema": ks("status", "created"), "Projection": {"ProjectionType": "KEYS_ONLY"}},
                {"IndexName": "by_status_inc", "KeySchema": ks("status", "created"),
                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["title", "missing"]}},
                {"IndexName": "by_owner", "KeySchema": ks("owner"), "Projection": {"ProjectionType": "ALL"}},
                {"IndexName": "by_blob", "KeySchema": ks("blob", "score"), "Projection": {"ProjectionType": "ALL"}},
            ],
            LocalSecondaryIndexes=[
                {"IndexName": "lsi_created", "KeySchema": ks("pk", "created"), "Projection": {"ProjectionType": "KEYS_ONLY"}},
                {"IndexName": "lsi_title", "KeySchema": ks("pk", "title"),
                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["status"]}},
            ])
        for it in ITEMS:
            cls.ddb.put_item(TableName=cls.table, Item=it)

    def q(self, index, kce, values, **kw):
        return self.ddb.query(TableName=kw.pop("table", self.table), IndexName=index, KeyConditionExpression=kce,
                              ExpressionAttributeValues=values, **kw)

    def index_pages(self, **kw):
        items, pages = [], 0
        while True:
            out = self.ddb.query(**kw) if "KeyConditionExpression" in kw else self.ddb.scan(**kw)
            items += out["Items"]
            pages += 1
            if "LastEvaluatedKey" not in out:
                return items, pages
            kw["ExclusiveStartKey"] = out["LastEvaluatedKey"]
            self.assertLess(pages, 1000)

    # ---- projections ---------------------------------------------------------------------------

    def test_gsi_projections_return_exactly_the_projected_attributes(self):
        open_items = sorted((it for it in ITEMS if it.get("status") == S("open")), key=lambda it: Decimal(it["created"]["N"]))
        keys = TABLE_KEYS | {"status", "created"}
        out = self.q("by_status", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"})
        self.assertEqual(out["Items"], [project(it, keys) for it in open_items])
        out = self.q("by_status_inc", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"})
        self.assertEqual(out["Items"], [project(it, keys | {"title"}) for it in open_items])
        out = self.q("by_owner", "#o = :o", {":o": S("o1")}, ExpressionAttributeNames={"#o": "owner"})
        self.assertEqual(sorted(out["Items"], key=lambda it: it["sk"]["S"]), ITEMS)
        out = self.q("by_status_inc", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"},
                     Select="ALL_PROJECTED_ATTRIBUTES", ScanIndexForward=False)
        self.assertEqual(out["Items"], [project(it, keys | {"title"}) for it in reversed(open_items)])
        out = self.q("by_status_inc", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"},
                     ProjectionExpression="title, sk")
        self.assertEqual(out["Items"], [project(it, {"title", "sk"}) for it in open_items])

    def test_lsi_projection_and_fetch_from_table(self):
        by_created = sorted(ITEMS, key=lambda it: Decimal(it["created"]["N"]))
        keys = TABLE_KEYS | {"created"}
        out = self.q("lsi_created", "pk = :p", {":p": S("u1")})
        self.assertEqual(out["Items"], [project(it, keys) for it in by_created])
        out = self.q("lsi_created", "pk = :p", {":p": S("u1")}, Select="ALL_PROJECTED_ATTRIBUTES")
        self.assertEqual(out["Items"], [project(it, keys) for it in by_created])
        # An LSI fetches what it does not project from the table.
        out = self.q("lsi_created", "pk = :p", {":p": S("u1")}, Select="ALL_ATTRIBUTES")
        self.assertEqual(out["Items"], by_created)
        out = self.q("lsi_created", "pk = :p AND created < :c", {":p": S("u1"), ":c": N(40)}, ProjectionExpression="body, sk")
        self.assertEqual(out["Items"], [project(it, {"body", "sk"}) for it in by_created if int(it["created"]["N"]) < 40])
        by_title = sorted(ITEMS, key=lambda it: it["title"]["S"])
        out = self.q("lsi_title", "pk = :p AND begins_with(title, :t)", {":p": S("u1"), ":t": S("title 0")})
        self.assertEqual(out["Items"], [project(it, TABLE_KEYS | {"title", "status"}) for it in by_title[:10]])
        out = self.q("lsi_title", "pk = :p", {":p": S("u1")}, ConsistentRead=True, Limit=2)
        self.assertEqual([it["title"]["S"] for it in out["Items"]], ["title 00", "title 01"])

    def test_scan_on_an_index(self):
        out = self.ddb.scan(TableName=self.table, IndexName="by_status")
        with_status = [it for it in ITEMS if "status" in it]
        self.assertEqual((out["Count"], out["ScannedCount"]), (len(with_status), len(with_status)))
        self.assertEqual(sorted(out["Items"], key=lambda it: it["sk"]["S"]),
                         [project(it, TABLE_KEYS | {"status", "created"}) for it in with_status])
        out = self.ddb.scan(TableName=self.table, IndexName="lsi_created", Select="ALL_ATTRIBUTES", FilterExpression="num < :n",
                            ExpressionAttributeValues={":n": N(2)})
        self.assertEqual(sorted(out["Items"], key=lambda it: it["sk"]["S"]), ITEMS[:2])
        self.assertEqual(out["ScannedCount"], len(ITEMS))
        items, pages = self.index_pages(TableName=self.table, IndexName="by_owner", Limit=5)
        self.assertEqual(sorted(items, key=lambda it: it["sk"]["S"]), ITEMS)
        self.assertEqual(pages, 3)
        seen = []
        for segment in range(3):
            got, _ = self.index_pages(TableName=self.table, IndexName="by_status", Segment=segment, TotalSegments=3, Limit=2)
            seen += [it["sk"]["S"] for it in got]
        self.assertEqual(sorted(seen), [it["sk"]["S"] for it in with_status])

    # ---- Select, ConsistentRead, unknown index --------------------------------------------------

    def test_select_rules_per_index_type(self):
        msg = ("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
               "secondary index %s because its projection type is not ALL")
        self.assertError("ValidationException", msg % "by_status", self.q, "by_status", "#s = :s", {":s": S("open")},
                         ExpressionAttributeNames={"#s": "status"}, Select="ALL_ATTRIBUTES")
        self.assertError("ValidationException", msg % "by_status_inc", self.ddb.scan, TableName=self.table,
                         IndexName="by_status_inc", Select="ALL_ATTRIBUTES")
        out = self.q("by_owner", "#o = :o", {":o": S("o1")}, ExpressionAttributeNames={"#o": "owner"}, Select="ALL_ATTRIBUTES",
                     Limit=1)
        self.assertEqual(len(out["Items"][0]), len(ITEMS[0]))
        self.assertError("ValidationException", "Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES",
                         self.q, "lsi_created", "pk = :p", {":p": S("u1")}, Select="ALL_PROJECTED_ATTRIBUTES",
                         ProjectionExpression="sk")
        out = self.q("by_status", "#s = :s", {":s": S("closed")}, ExpressionAttributeNames={"#s": "status"}, Select="COUNT")
        self.assertEqual(out["Count"], sum(1 for it in ITEMS if it.get("status") == S("closed")))
        self.assertNotIn("Items", out)

    def test_consistent_read_is_rejected_on_a_gsi_only(self):
        msg = "Consistent reads are not supported on global secondary indexes"
        self.assertError("ValidationException", msg, self.q, "by_owner", "#o = :o", {":o": S("o1")},
                         ExpressionAttributeNames={"#o": "owner"}, ConsistentRead=True)
        self.assertError("ValidationException", msg, self.ddb.scan, TableName=self.table, IndexName="by_owner",
                         ConsistentRead=True)
        self.assertEqual(self.q("lsi_created", "pk = :p", {":p": S("u1")}, ConsistentRead=True)["Count"], len(ITEMS))
        self.assertEqual(self.ddb.scan(TableName=self.table, IndexName="lsi_created", ConsistentRead=True)["Count"], len(ITEMS))
        self.assertEqual(self.q("by_owner", "#o = :o", {":o": S("o1")}, ExpressionAttributeNames={"#o": "owner"},
                                ConsistentRead=False)["Count"], len(ITEMS))

    def test_unknown_index_and_wrong_key_condition(self):
        self.assertError("ValidationException", "The table does not have the specified index: nope", self.q, "nope",
                         "pk = :p", {":p": S("u1")})
        self.assertError("ValidationException", "Query condition missed key schema element: status", self.q, "by_status",
                         "pk = :p", {":p": S("u1")})
        self.assertError("ValidationException", "Query condition missed key schema element: created", self.q,
                         "lsi_created", "pk = :p AND sk = :s", {":p": S("u1"), ":s": S("i01")})
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Condition parameter type does not match schema type",
                         self.q, "by_status", "#s = :s AND created > :c", {":s": S("open"), ":c": S("1")},
                         ExpressionAttributeNames={"#s": "status"})
        self.assertError("ValidationException", "Query key condition not supported", self.q, "by_owner",
                         "begins_with(#o, :o)", {":o": S("o")}, ExpressionAttributeNames={"#o": "owner"})

    def test_filter_may_not_name_the_index_key(self):
        for f, values, attr in [("created > :c", {":s": S("open"), ":c": N(1)}, "created"),
                                ("#s = :s", {":s": S("open")}, "status")]:
            self.assertError("ValidationException",
                             "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + attr,
                             self.q, "by_status_inc", "#s = :s", values,
                             ExpressionAttributeNames={"#s": "status"}, FilterExpression=f)
        out = self.q("by_status_inc", "#s = :s", {":s": S("open"), ":t": S("title 05")},
                     ExpressionAttributeNames={"#s": "status"}, FilterExpression="title > :t")
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 4))

    # ---- index keys: types, ordering, paging ----------------------------------------------------

    def test_binary_hash_and_number_range_index_keys(self):
        for b in range(4):
            want = sorted((it for it in ITEMS if it.get("blob") == B(bytes([b]))), key=lambda it: Decimal(it["score"]["N"]))
            out = self.q("by_blob", "#b = :b", {":b": B(bytes([b]))}, ExpressionAttributeNames={"#b": "blob"})
            self.assertEqual(out["Items"], want, b)
        out = self.q("by_blob", "#b = :b AND score BETWEEN :lo AND :hi", {":b": B(b"\x00"), ":lo": N(-1), ":hi": N("1.5")},
                     ExpressionAttributeNames={"#b": "blob"})
        self.assertEqual([it["score"]["N"] for it in out["Items"]], ["-1", "0", "1"])
        out = self.q("by_blob", "#b = :b AND score < :hi", {":b": B(b"\x02"), ":hi": N(0)},
                     ExpressionAttributeNames={"#b": "blob"}, ScanIndexForward=False)
        self.assertEqual([it["score"]["N"] for it in out["Items"]], ["-0.5"])

    def test_last_evaluated_key_carries_index_and_table_keys(self):
        out = self.q("by_status", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"}, Limit=2)
        last = out["Items"][-1]
        self.assertEqual(out["LastEvaluatedKey"], project(last, TABLE_KEYS | {"status", "created"}))
        out = self.q("lsi_title", "pk = :p", {":p": S("u1")}, Limit=1)
        self.assertEqual(set(out["LastEvaluatedKey"]), TABLE_KEYS | {"title"})
        out = self.q("by_owner", "#o = :o", {":o": S("o1")}, ExpressionAttributeNames={"#o": "owner"}, Limit=1)
        self.assertEqual(set(out["LastEvaluatedKey"]), TABLE_KEYS | {"owner"})
        out = self.ddb.scan(TableName=self.table, IndexName="by_blob", Limit=1)
        self.assertEqual(set(out["LastEvaluatedKey"]), TABLE_KEYS | {"blob", "score"})

    def test_paging_through_equal_index_keys(self):
        # Every item has owner o1: the table key orders the ties, so paging loses and repeats nothing.
        for forward in (True, False):
            items, pages = self.index_pages(TableName=self.table, IndexName="by_owner", KeyConditionExpression="#o = :o",
                                            ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":o": S("o1")},
                                            Limit=1, ScanIndexForward=forward)
            self.assertEqual(sorted(it["sk"]["S"] for it in items), [it["sk"]["S"] for it in ITEMS])
            self.assertEqual(pages, len(ITEMS) + 1)
        # The same on a hash-only table, whose LastEvaluatedKey has no sort key to break ties with.
        name = self.make_table(gsis=[{"name": "by_kind", "keys": [("kind", "S")], "projection": "KEYS_ONLY"}])
        for i in range(7):
            self.ddb.put_item(TableName=name, Item={"pk": S("k%d" % i), "kind": S("same")})
        items, pages = self.index_pages(TableName=name, IndexName="by_kind", KeyConditionExpression="kind = :k",
                                        ExpressionAttributeValues={":k": S("same")}, Limit=2)
        self.assertEqual(sorted(it["pk"]["S"] for it in items), ["k%d" % i for i in range(7)])
        self.assertEqual(pages, 4)
        items, _ = self.index_pages(TableName=name, IndexName="by_kind", Limit=3)
        self.assertEqual(sorted(it["pk"]["S"] for it in items), ["k%d" % i for i in range(7)])

    def test_index_start_key_must_fit(self):
        base = dict(TableName=self.table, IndexName="by_status", KeyConditionExpression="#s = :s",
                    ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": S("open")})
        good = self.ddb.query(Limit=1, **base)["LastEvaluatedKey"]
        for start in ({"pk": S("u1"), "sk": S("i00")},                                   # no index key
                      {k: v for k, v in good.items() if k != "sk"},                        # no table sort key
                      {**good, "created": S("1")},                                         # wrong type
                      {**good, "status": S("closed")},                                     # another index partition
                      {**good, "body": S("x")}):                                           # not a key attribute
            e = self.assertError("ValidationException", None, self.ddb.query, ExclusiveStartKey=start, **base)
            self.assertTrue(e.response["Error"]["Message"].startswith("The provided starting key"),
                            e.response["Error"]["Message"])
        rest = self.ddb.query(ExclusiveStartKey=good, **base)
        self.assertEqual(rest["Count"], sum(1 for it in ITEMS if it.get("status") == S("open")) - 1)
        e = self.assertError("ValidationException", None, self.ddb.scan, TableName=self.table, IndexName="by_status",
                             ExclusiveStartKey={"pk": S("u1"), "sk": S("i00")})
        self.assertTrue(e.response["Error"]["Message"].startswith("The provided starting key is invalid"))

    def test_resource_api_on_an_index(self):
        table = self.server.resource().Table(self.table)
        out = table.query(IndexName="by_status_inc", KeyConditionExpression=Key("status").eq("closed") & Key("created").gt(50),
                          FilterExpression=Attr("title").begins_with("title 1"))
        self.assertEqual([it["sk"] for it in out["Items"]], ["i01"])
        self.assertEqual(out["Items"][0]["created"], Decimal(93))
        out = table.query(IndexName="lsi_created", KeyConditionExpression=Key("pk").eq("u1") & Key("created").lte(30),
                          ScanIndexForward=False, Select="ALL_ATTRIBUTES")
        self.assertEqual([it["sk"] for it in out["Items"]], ["i10", "i11"])
        self.assertEqual(out["Items"][0]["body"], "body 10")

    def test_consumed_capacity_is_charged_to_the_index(self):
        out = self.q("by_status", "#s = :s", {":s": S("open")}, ExpressionAttributeNames={"#s": "status"},
                     ReturnConsumedCapacity="INDEXES")
        cc = out["ConsumedCapacity"]
        self.assertEqual((cc["TableName"], cc["CapacityUnits"]), (self.table, 0.5))
        self.assertEqual(cc["Table"]["CapacityUnits"], 0.0)
        self.assertEqual(cc["GlobalSecondaryIndexes"]["by_status"]["CapacityUnits"], 0.5)
        self.assertNotIn("LocalSecondaryIndexes", cc)
        out = self.q("lsi_created", "pk = :p", {":p": S("u1")}, ReturnConsumedCapacity="INDEXES", ConsistentRead=True)
        cc = out["ConsumedCapacity"]
        self.assertEqual(cc["LocalSecondaryIndexes"]["lsi_created"]["CapacityUnits"], 1.0)
        out = self.q("lsi_created", "pk = :p", {":p": S("u1")}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 0.5)
        self.assertNotIn("LocalSecondaryIndexes", out["ConsumedCapacity"])


class IndexMaintenanceTest(ServerTestCase):
    """Writes keep every index in step; the index rejects what it cannot hold."""

    def setUp(self):
        self.name = self.make_table(
            range_key=("sk", "N"),
            gsis=[{"name": "by_status", "keys": [("status", "S"), ("at", "N")], "projection": "INCLUDE", "include": ["note"]},
                  {"name": "by_tag", "keys": [("tag", "B")], "projection": "KEYS_ONLY"}],
            lsis=[{"name": "by_rank", "keys": [("pk", "S"), ("rank", "N")], "projection": "ALL"}])

    def status(self, value):
        out = self.ddb.query(TableName=self.name, IndexName="by_status", KeyConditionExpression="#s = :s",
                             ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": S(value)})
        return [(it["pk"]["S"], it["sk"]["N"], it["at"]["N"], it.get("note", {}).get("S")) for it in out["Items"]]

    def index_count(self, index):
        return self.ddb.scan(TableName=self.name, IndexName=index, Select="COUNT")["Count"]

    def test_put_update_delete_keep_the_index_in_step(self):
        t = self.name
        self.ddb.put_item(TableName=t, Item={"pk": S("a"), "sk": N(1), "status": S("new"), "at": N(5), "note": S("n1"), "x": S("x")})
        self.assertEqual(self.status("new"), [("a", "1", "5", "n1")])
        # Changing the index key moves the entry; changing a projected attribute rewrites it.
        self.ddb.update_item(TableName=t, Key={"pk": S("a"), "sk": N(1)}, UpdateExpression="SET #s = :s, note = :n",
                             ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": S("done"), ":n": S("n2")})
        self.assertEqual(self.status("new"), [])
        self.assertEqual(self.status("done"), [("a", "1", "5", "n2")])
        self.ddb.update_item(TableName=t, Key={"pk": S("a"), "sk": N(1)}, UpdateExpression="SET #at = :v",
                             ExpressionAttributeNames={"#at": "at"}, ExpressionAttributeValues={":v": N(-3)})
        self.assertEqual(self.status("done"), [("a", "1", "-3", "n2")])
        # Removing an index key attribute takes the item out of the index (sparse).
        self.ddb.update_item(TableName=t, Key={"pk": S("a"), "sk": N(1)}, UpdateExpression="REMOVE #at",
                             ExpressionAttributeNames={"#at": "at"})
        self.assertEqual(self.status("done"), [])
        self.assertEqual(self.index_count("by_status"), 0)
        self.ddb.put_item(TableName=t, Item={"pk": S("a"), "sk": N(1), "status": S("done"), "at": N(1)})
        self.assertEqual(self.status("done"), [("a", "1", "1", None)])
        # A put that replaces the item without the key attributes removes the entry too.
        self.ddb.put_item(TableName=t, Item={"pk": S("a"), "sk": N(1), "x": S("y")})
        self.assertEqual(self.index_count("by_status"), 0)
        self.ddb.put_item(TableName=t, Item={"pk": S("a"), "sk": N(2), "status": S("done"), "at": N(1), "rank": N(9),
                                            "tag": B(b"\x01")})
        self.assertEqual((self.index_count("by_status"), self.index_count("by_rank"), self.index_count("by_tag")), (1, 1, 1))
        self.ddb.delete_item(TableName=t, Key={"pk": S("a"), "sk": N(2)})
        self.assertEqual((self.index_count("by_status"), self.index_count("by_rank"), self.index_count("by_tag")), (0, 0, 0))

    def test_sparse_indexes_and_describe_counts(self):
        t = self.name
        for i in range(10):
            it = {"pk": S("p"), "sk": N(i), "pad": S("x" * 50)}
            if i % 2 == 0:
                it.update(status=S("s"), at=N(i))
            if i % 5 == 0:
                it["tag"] = B(bytes([i]))
            if i < 3:
                it["rank"] = N(-i)
            self.ddb.put_item(TableName=t, Item=it)
        self.assertEqual([self.index_count(ix) for ix in ("by_status", "by_tag", "by_rank")], [5, 2, 3])
        desc = self.ddb.describe_table(TableName=t)["Table"]
        counts = {ix["IndexName"]: ix["ItemCount"] for ix in desc["GlobalSecondaryIndexes"] + desc["LocalSecondaryIndexes"]}
        self.assertEqual(counts, {"by_status": 5, "by_tag": 2, "by_rank": 3})
        self.assertEqual(desc["ItemCount"], 10)
        sizes = {ix["IndexName"]: ix["IndexSizeBytes"] for ix in desc["GlobalSecondaryIndexes"] + desc["LocalSecondaryIndexes"]}
        self.assertTrue(all(v > 0 for v in sizes.values()), sizes)
        # by_rank projects ALL (the 50-byte pad), by_tag KEYS_ONLY.
        self.assertGreater(sizes["by_rank"] / 3, sizes["by_tag"] / 2 + 50)
        out = self.ddb.query(TableName=t, IndexName="by_rank", KeyConditionExpression="pk = :p",
                             ExpressionAttributeValues={":p": S("p")})
        self.assertEqual([it["rank"]["N"] for it in out["Items"]], ["-2", "-1", "0"])

    def test_index_key_type_mismatch_is_rejected_and_nothing_is_written(self):
        t = self.name
        msg = "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s"
        self.assertError("ValidationException", msg % ("status", "S", "N", "by_status"), self.ddb.put_item,
                         TableName=t, Item={"pk": S("m"), "sk": N(1), "status": N(1), "at": N(1)})
        self.assertError("ValidationException", msg % ("at", "N", "S", "by_status"), self.ddb.put_item,
                         TableName=t, Item={"pk": S("m"), "sk": N(1), "status": S("s"), "at": S("1")})
        self.assertError("ValidationException", msg % ("tag", "B", "S", "by_tag"), self.ddb.put_item,
                         TableName=t, Item={"pk": S("m"), "sk": N(1), "tag": S("1")})
        self.assertError("ValidationException", msg % ("rank", "N", "SS", "by_rank"), self.ddb.put_item,
                         TableName=t, Item={"pk": S("m"), "sk": N(1), "rank": {"SS": ["1"]}})
        self.assertError("ValidationException",
                         "One or more parameter values are not valid. A value specified for a secondary index key is not "
                         "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                         "IndexName: by_status, IndexKey: status",
                         self.ddb.put_item, TableName=t, Item={"pk": S("m"), "sk": N(1), "status": S(""), "at": N(1)})
        self.assertNotIn("Item", self.ddb.get_item(TableName=t, Key={"pk": S("m"), "sk": N(1)}, ConsistentRead=True))
        self.ddb.put_item(TableName=t, Item={"pk": S("m"), "sk": N(1), "status": S("ok"), "at": N(1)})
        self.assertError("ValidationException", None, self.ddb.update_item, TableName=t, Key={"pk": S("m"), "sk": N(1)},
                         UpdateExpression="SET #s = :v", ExpressionAttributeNames={"#s": "status"},
                         ExpressionAttributeValues={":v": N(7)})
        self.assertEqual(self.ddb.get_item(TableName=t, Key={"pk": S("m"), "sk": N(1)})["Item"]["status"], S("ok"))
        self.assertEqual(self.status("ok"), [("m", "1", "1", None)])
        self.assertEqual(self.index_count("by_tag") + self.index_count("by_rank"), 0)


class IndexDdlTest(ServerTestCase):
    """UpdateTable Create (with backfill) and Delete, and the per-table index limits."""

    def wait_active(self, name, index):
        deadline = time.time() + 10
        while time.time() < deadline:
            for ix in self.ddb.describe_table(TableName=name)["Table"].get("GlobalSecondaryIndexes", []):
                if ix["IndexName"] == index and ix["IndexStatus"] == "ACTIVE" and not ix.get("Backfilling"):
                    return ix
            time.sleep(0.05)
        self.fail("index %s did not become ACTIVE" % index)

    def test_create_backfills_existing_items_then_delete_drops_the_index(self):
        name = self.make_table(range_key=("sk", "N"))
        for i in range(30):
            it = {"pk": S("p%d" % (i % 4)), "sk": N(i), "v": S("v%d" % i)}
            if i % 3 == 0:
                it["g"] = S("even" if i % 2 == 0 else "odd")
            if i == 10:
                it["g"] = N(5)  # the wrong type for the new index: left out of it, as on DynamoDB
            self.ddb.put_item(TableName=name, Item=it)
        created = self.ddb.update_table(
            TableName=name, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by_g",
                                                     "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                                                   {"AttributeName": "sk", "KeyType": "RANGE"}],
                                                     "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]}}}])
        described = {i["IndexName"]: i for i in created["TableDescription"]["GlobalSecondaryIndexes"]}
        self.assertEqual(described["by_g"]["IndexStatus"], "CREATING")
        ix = self.wait_active(name, "by_g")
        self.assertEqual(ix["ItemCount"], 10)
        self.assertEqual(ix["Projection"], {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]})
        out = self.ddb.query(TableName=name, IndexName="by_g", KeyConditionExpression="g = :g",
                             ExpressionAttributeValues={":g": S("even")})
        self.assertEqual([(it["sk"]["N"], it["v"]["S"]) for it in out["Items"]],
                         [(str(i), "v%d" % i) for i in (0, 6, 12, 18, 24)])
        # New writes are indexed, and now checked against the index key type.
        self.ddb.put_item(TableName=name, Item={"pk": S("new"), "sk": N(100), "g": S("even")})
        self.assertEqual(self.ddb.query(TableName=name, IndexName="by_g", KeyConditionExpression="g = :g",
                                        ExpressionAttributeValues={":g": S("even")})["Count"], 6)
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N "
                         "IndexName: by_g", self.ddb.put_item, TableName=name, Item={"pk": S("x"), "sk": N(1), "g": N(1)})
        deleted = self.ddb.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by_g"}}])
        self.assertEqual([i["IndexStatus"] for i in deleted["TableDescription"]["GlobalSecondaryIndexes"]
                          if i["IndexName"] == "by_g"], ["DELETING"])
        deadline = time.time() + 10
        while "GlobalSecondaryIndexes" in self.ddb.describe_table(TableName=name)["Table"] and time.time() < deadline:
            time.sleep(0.05)
        self.assertNotIn("GlobalSecondaryIndexes", self.ddb.describe_table(TableName=name)["Table"])
        self.assertError("ValidationException", "The table does not have the specified index: by_g", self.ddb.query,
                         TableName=name, IndexName="by_g", KeyConditionExpression="g = :g",
                         ExpressionAttributeValues={":g": S("even")})
        # Without the index, g may hold any type again.
        self.ddb.put_item(TableName=name, Item={"pk": S("x"), "sk": N(1), "g": N(1)})
        # Re-creating the index backfills from the current items only.
        self.ddb.update_table(
            TableName=name, AttributeDefinitions=[{"AttributeName": "v", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by_v", "KeySchema": [{"AttributeName": "v", "KeyType": "HASH"}],
                                                     "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        self.assertEqual(self.wait_active(name, "by_v")["ItemCount"], 30)
        out = self.ddb.query(TableName=name, IndexName="by_v", KeyConditionExpression="v = :v",
                             ExpressionAttributeValues={":v": S("v7")})
        self.assertEqual(out["Items"], [{"pk": S("p3"), "sk": N(7), "v": S("v7")}])

    def test_delete_of_an_unknown_index_is_rejected(self):
        name = self.make_table(range_key=("sk", "S"), lsis=[{"name": "lsi1", "keys": [("pk", "S"), ("l", "S")]}])
        self.assertError("ResourceNotFoundException", None, self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "nope"}}])
        self.assertEqual(len(self.ddb.describe_table(TableName=name)["Table"]["LocalSecondaryIndexes"]), 1)

    def test_delete_of_a_local_index_is_rejected(self):
        name = self.make_table(range_key=("sk", "S"), lsis=[{"name": "lsi1", "keys": [("pk", "S"), ("l", "S")]}])
        self.assertError("ValidationException", "Cannot delete an index that is not a GlobalSecondaryIndex: lsi1",
                         self.ddb.update_table, TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "lsi1"}}])

    def test_create_of_an_existing_index_is_rejected(self):
        name = self.make_table(gsis=[{"name": "gix", "keys": [("g", "S")]}])
        self.assertError("ValidationException", "Attempting to create an index which already exists", self.ddb.update_table,
                         TableName=name, GlobalSecondaryIndexUpdates=[{"Create": {
                             "IndexName": "gix", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                             "Projection": {"ProjectionType": "ALL"}}}])

    def test_index_limits(self):
        gsis = [{"name": "g%02d" % i, "keys": [("g", "S")], "projection": "KEYS_ONLY"} for i in range(21)]
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20",
                         self.make_table, gsis=gsis)
        lsis = [{"name": "l%02d" % i, "keys": [("pk", "S"), ("l", "S")], "projection": "KEYS_ONLY"} for i in range(6)]
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5",
                         self.make_table, range_key=("sk", "S"), lsis=lsis)
        name = self.make_table(range_key=("sk", "S"), gsis=gsis[:20], lsis=lsis[:5])
        desc = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual((len(desc["GlobalSecondaryIndexes"]), len(desc["LocalSecondaryIndexes"])), (20, 5))
        self.assertError("LimitExceededException", None, self.ddb.update_table, TableName=name,
                         GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "g20",
                                                                  "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                                  "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        # Every one of the 25 indexes is maintained by one write.
        self.ddb.put_item(TableName=name, Item={"pk": S("a"), "sk": S("b"), "g": S("c"), "l": S("d")})
        for ix in ("g00", "g19", "l00", "l04"):
            self.assertEqual(self.ddb.scan(TableName=name, IndexName=ix)["Count"], 1, ix)


if __name__ == "__main__":
    unittest.main()
