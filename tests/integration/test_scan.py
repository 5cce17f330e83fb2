"""Scan: storage order (partition-key hash, then sort key), paging with Limit and the 1 MB limit, filters,
projections, Select, parallel scan segments and their validation, through boto3's client, resource and
paginator APIs."""
import unittest
from decimal import Decimal

from boto3.dynamodb.conditions import Attr

from harness import ServerTestCase

S = lambda v: {"S": v}  # noqa: E731
N = lambda v: {"N": str(v)}  # noqa: E731

PARTITIONS = 40
PER_PARTITION = 5


class ScanTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "s_items"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])
        # Sort keys put in out of order, so storage order has to come from the key encoding.
        for p in range(PARTITIONS):
            for sk in (3, -1, 10, 0.5, 2)[:PER_PARTITION]:
                cls.ddb.put_item(TableName=cls.table, Item={"pk": S("p%02d" % p), "sk": N(sk), "grp": N(p % 4),
                                                            "body": S("b" * p), "m": {"M": {"a": N(p), "b": S("x")}}})
        cls.total = PARTITIONS * PER_PARTITION

    def scan_all(self, **kw):
        items, pages, start = [], 0, None
        table = kw.pop("TableName", self.table)
        while True:
            if start:
                kw["ExclusiveStartKey"] = start
            out = self.ddb.scan(TableName=table, **kw)
            pages += 1
            items += out.get("Items", [])
            start = out.get("LastEvaluatedKey")
            if not start:
                return items, pages
            self.assertLess(pages, 5000)

    @staticmethod
    def keys(items):
        return [(i["pk"]["S"], Decimal(i["sk"]["N"])) for i in items]

    # ---- order and paging --------------------------------------------------------------------

    def test_scan_returns_every_item_grouped_by_partition_in_sort_order(self):
        out = self.ddb.scan(TableName=self.table)
        self.assertEqual((out["Count"], out["ScannedCount"]), (self.total, self.total))
        self.assertNotIn("LastEvaluatedKey", out)
        keys = self.keys(out["Items"])
        self.assertEqual(sorted(keys), sorted((("p%02d" % p), Decimal(str(sk))) for p in range(PARTITIONS)
                                              for sk in (3, -1, 10, 0.5, 2)))
        partitions = [pk for pk, _ in keys]
        order = [pk for i, pk in enumerate(partitions) if i == 0 or partitions[i - 1] != pk]
        self.assertEqual(len(order), PARTITIONS, "each partition's items are contiguous")
        for pk in order:
            sks = [sk for p, sk in keys if p == pk]
            self.assertEqual(sks, sorted(sks), pk)
        # Partitions come in hash order, not key order (40 partitions sorting by chance is ~1/40!).
        self.assertNotEqual(order, sorted(order))

    def test_limit_pages_resume_in_the_same_order(self):
        full = self.keys(self.ddb.scan(TableName=self.table)["Items"])
        for limit in (1, 7, 50, self.total):
            items, pages = self.scan_all(Limit=limit)
            self.assertEqual(self.keys(items), full, limit)
            self.assertEqual(pages, self.total // limit + 1, limit)
        out = self.ddb.scan(TableName=self.table, Limit=3)
        self.assertEqual(out["LastEvaluatedKey"], {"pk": out["Items"][2]["pk"], "sk": out["Items"][2]["sk"]})

    def test_limit_exactly_hit_returns_last_evaluated_key(self):
        out = self.ddb.scan(TableName=self.table, Limit=self.total)
        self.assertEqual(out["Count"], self.total)
        self.assertIn("LastEvaluatedKey", out)
        out = self.ddb.scan(TableName=self.table, Limit=self.total, ExclusiveStartKey=out["LastEvaluatedKey"])
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 0))
        self.assertNotIn("LastEvaluatedKey", out)

    def test_filter_is_applied_after_limit(self):
        out = self.ddb.scan(TableName=self.table, FilterExpression="grp = :g", ExpressionAttributeValues={":g": N(1)})
        self.assertEqual((out["Count"], out["ScannedCount"]), (self.total // 4, self.total))
        self.assertTrue(all(i["grp"] == N(1) for i in out["Items"]))
        # Pages whose items the filter all drops still carry LastEvaluatedKey and keep the scan going.
        out = self.ddb.scan(TableName=self.table, FilterExpression="grp = :g", ExpressionAttributeValues={":g": N(9)},
                            Limit=10)
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 10))
        self.assertIn("LastEvaluatedKey", out)
        items, pages = self.scan_all(FilterExpression="m.a = :a", ExpressionAttributeValues={":a": N(17)}, Limit=10)
        self.assertEqual(sorted(self.keys(items)), sorted(("p17", Decimal(str(sk))) for sk in (3, -1, 10, 0.5, 2)))
        self.assertEqual(pages, self.total // 10 + 1)

    def test_filter_may_name_key_attributes(self):
        out = self.ddb.scan(TableName=self.table, FilterExpression="pk = :p AND sk > :s",
                            ExpressionAttributeValues={":p": S("p03"), ":s": N(1)})
        self.assertEqual(self.keys(out["Items"]), [("p03", Decimal(2)), ("p03", Decimal(3)), ("p03", Decimal(10))])
        out = self.ddb.scan(TableName=self.table, ScanFilter={
            "pk": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [S("p1")]},
            "sk": {"ComparisonOperator": "LT", "AttributeValueList": [N(0)]}})
        self.assertEqual(sorted(self.keys(out["Items"])), [("p%02d" % p, Decimal(-1)) for p in range(10, 20)])
        out = self.ddb.scan(TableName=self.table, ConditionalOperator="OR", ScanFilter={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [S("p01")]},
            "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [N(10)]}})
        self.assertEqual(out["Count"], PER_PARTITION + PARTITIONS - 1)

    def test_one_megabyte_page_limit(self):
        name = self.make_table(range_key=("sk", "N"))
        for i in range(300):
            self.ddb.put_item(TableName=name, Item={"pk": S("k%d" % (i % 3)), "sk": N(i), "d": S("x" * 4000)})
        out = self.ddb.scan(TableName=name, Select="COUNT")
        first = out["Count"]
        self.assertEqual(out["ScannedCount"], first)
        self.assertIn("LastEvaluatedKey", out)
        self.assertTrue(240 <= first <= 265, first)
        out = self.ddb.scan(TableName=name, FilterExpression="d = :none", ExpressionAttributeValues={":none": S("-")})
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, first))
        items, pages = self.scan_all(TableName=name)
        self.assertEqual(pages, 2)
        self.assertEqual(sorted(int(i["sk"]["N"]) for i in items), list(range(300)))

    def test_boto3_paginator_and_resource_api(self):
        pages = list(self.ddb.get_paginator("scan").paginate(TableName=self.table, PaginationConfig={"PageSize": 64}))
        self.assertEqual([p["Count"] for p in pages], [64, 64, 64, 8])
        self.assertEqual(len({(i["pk"]["S"], i["sk"]["N"]) for p in pages for i in p["Items"]}), self.total)
        table = self.server.resource().Table(self.table)
        out = table.scan(FilterExpression=Attr("grp").eq(2) & Attr("sk").between(Decimal("0"), Decimal("3")),
                         ProjectionExpression="pk, sk, m.b")
        self.assertEqual(out["Count"], (PARTITIONS // 4) * 3)
        self.assertTrue(all(set(i) == {"pk", "sk", "m"} and i["m"] == {"b": "x"} for i in out["Items"]))
        out = table.scan(FilterExpression=Attr("body").begins_with("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), Select="COUNT")
        self.assertEqual(out["Count"], PER_PARTITION)

    # ---- projection and Select ---------------------------------------------------------------

    def test_projection_and_select(self):
        out = self.ddb.scan(TableName=self.table, ProjectionExpression="sk, m.a", Limit=1)
        self.assertEqual(set(out["Items"][0]), {"sk", "m"})
        self.assertEqual(set(out["Items"][0]["m"]["M"]), {"a"})
        out = self.ddb.scan(TableName=self.table, AttributesToGet=["grp"], Limit=2)
        self.assertEqual([set(i) for i in out["Items"]], [{"grp"}, {"grp"}])
        out = self.ddb.scan(TableName=self.table, Select="COUNT", Limit=5)
        self.assertNotIn("Items", out)
        self.assertEqual((out["Count"], out["ScannedCount"]), (5, 5))
        self.assertEqual(len(self.ddb.scan(TableName=self.table, Select="ALL_ATTRIBUTES", Limit=1)["Items"][0]), 5)
        self.assertError("ValidationException",
                         "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                         self.ddb.scan, TableName=self.table, Select="SPECIFIC_ATTRIBUTES")
        self.assertError("ValidationException", "Cannot specify the ProjectionExpression when choosing to get only the Count",
                         self.ddb.scan, TableName=self.table, Select="COUNT", ProjectionExpression="sk")
        self.assertError("ValidationException", "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                         self.ddb.scan, TableName=self.table, Select="ALL_ATTRIBUTES", ProjectionExpression="sk")
        self.assertError("ValidationException", "Cannot specify the AttributesToGet when choosing to get only the Count",
                         self.ddb.scan, TableName=self.table, Select="COUNT", AttributesToGet=["sk"])
        e = self.assertError("ValidationException", None, self.ddb.scan, TableName=self.table,
                             Select="ALL_PROJECTED_ATTRIBUTES")
        self.assertIn("ALL_PROJECTED_ATTRIBUTES", e.response["Error"]["Message"])
        self.assertError("ValidationException",
                         "Can not use both expression and non-expression parameters in the same request: "
                         "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}",
                         self.ddb.scan, TableName=self.table, FilterExpression="grp = :g",
                         ExpressionAttributeValues={":g": N(1)},
                         ScanFilter={"grp": {"ComparisonOperator": "EQ", "AttributeValueList": [N(1)]}})

    def test_unknown_table_and_index(self):
        self.assertError("ResourceNotFoundException", "Requested resource not found", self.ddb.scan, TableName="s_missing")
        self.assertError("ValidationException", "The table does not have the specified index: nope", self.ddb.scan,
                         TableName=self.table, IndexName="nope")

    def test_exclusive_start_key_validation(self):
        msg = "The provided starting key is invalid: The provided key element does not match the schema"
        for start in ({"pk": S("p01")}, {"pk": S("p01"), "sk": S("1")}, {"pk": N(1), "sk": N(1)},
                      {"pk": S("p01"), "sk": N(1), "x": S("y")}, {"sk": N(1), "x": S("y")}):
            self.assertError("ValidationException", msg, self.ddb.scan, TableName=self.table, ExclusiveStartKey=start)
        # A well-formed key that names no item still resumes at its position.
        out = self.ddb.scan(TableName=self.table)
        at = out["Items"][7]
        resumed = self.ddb.scan(TableName=self.table, ExclusiveStartKey={"pk": at["pk"], "sk": N("2.5")})
        want = [k for k in self.keys(out["Items"][5:]) if k[0] != at["pk"]["S"] or k[1] > Decimal("2.5")]
        self.assertEqual(self.keys(resumed["Items"]), want)

    def test_consumed_capacity_summed_then_rounded(self):
        name = self.make_table()
        for i in range(3):
            self.ddb.put_item(TableName=name, Item={"pk": S("c%d" % i), "data": S("x" * 1494)})  # ~1.5 KB each
        out = self.ddb.scan(TableName=name, ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        out = self.ddb.scan(TableName=name, ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)
        self.assertEqual(out["ConsumedCapacity"]["Table"]["CapacityUnits"], 1.0)

    def test_empty_table(self):
        name = self.make_table()
        out = self.ddb.scan(TableName=name)
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 0))
        self.assertNotIn("LastEvaluatedKey", out)
        out = self.ddb.scan(TableName=name, Segment=3, TotalSegments=4, Limit=1)
        self.assertEqual((out["Items"], out["Count"]), ([], 0))

    # ---- parallel scan -------------------------------------------------------------------------

    def test_parallel_scan_segments_cover_every_item_once(self):
        everything = sorted(self.keys(self.ddb.scan(TableName=self.table)["Items"]))
        for total in (1, 2, 3, 4, 7, 16, 100):
            seen = []
            nonempty = 0
            for segment in range(total):
                items, _ = self.scan_all(Segment=segment, TotalSegments=total, Limit=9)
                seen += self.keys(items)
                nonempty += bool(items)
                # A whole partition lives in one segment.
                pks = {pk for pk, _ in self.keys(items)}
                for pk in pks:
                    self.assertEqual(sum(1 for p, _ in self.keys(items) if p == pk), PER_PARTITION)
            self.assertEqual(len(seen), len(set(seen)), "no item in two segments (TotalSegments=%d)" % total)
            self.assertEqual(sorted(seen), everything, total)
            if total <= 4:
                self.assertEqual(nonempty, total, "segments split the hash space evenly")

    def test_parallel_scan_concatenated_segments_keep_scan_order(self):
        full = self.keys(self.ddb.scan(TableName=self.table)["Items"])
        joined = []
        for segment in range(5):
            joined += self.keys(self.ddb.scan(TableName=self.table, Segment=segment, TotalSegments=5)["Items"])
        self.assertEqual(joined, full)

    def test_parallel_scan_limits(self):
        out = self.ddb.scan(TableName=self.table, Segment=999999, TotalSegments=1000000)
        self.assertLessEqual(out["Count"], 1)
        out = self.ddb.scan(TableName=self.table, Segment=0, TotalSegments=1)
        self.assertEqual(out["Count"], self.total)

    def test_parallel_scan_validation(self):
        u = self.unchecked
        self.assertError("ValidationException",
                         "The TotalSegments parameter is required but was not present in the request when Segment "
                         "parameter is present", u.scan, TableName=self.table, Segment=0)
        self.assertError("ValidationException",
                         "The Segment parameter is required but was not present in the request when parameter "
                         "TotalSegments is present", u.scan, TableName=self.table, TotalSegments=2)
        self.assertError("ValidationException",
                         "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                         "Segment: 2 is not less than TotalSegments: 2", u.scan, TableName=self.table, Segment=2,
                         TotalSegments=2)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: "
                         "Member must have value less than or equal to 1000000", u.scan, TableName=self.table, Segment=0,
                         TotalSegments=1000001)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: "
                         "Member must have value greater than or equal to 1", u.scan, TableName=self.table, Segment=0,
                         TotalSegments=0)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: "
                         "Member must have value greater than or equal to 0", u.scan, TableName=self.table, Segment=-1,
                         TotalSegments=2)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '1000000' at 'segment' failed to satisfy constraint: "
                         "Member must have value less than or equal to 999999", u.scan, TableName=self.table,
                         Segment=1000000, TotalSegments=1000000)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                         "Member must have value greater than or equal to 1", u.scan, TableName=self.table, Limit=0)

    def test_start_key_from_another_segment_is_rejected(self):
        one = self.ddb.scan(TableName=self.table, Segment=1, TotalSegments=2)
        self.assertGreater(one["Count"], 0)
        start = {"pk": one["Items"][0]["pk"], "sk": one["Items"][0]["sk"]}
        self.assertError("ValidationException",
                         "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey "
                         "with correct Segment. TotalSegments: 2 Segment: 0",
                         self.ddb.scan, TableName=self.table, Segment=0, TotalSegments=2, ExclusiveStartKey=start)
        out = self.ddb.scan(TableName=self.table, Segment=1, TotalSegments=2, ExclusiveStartKey=start)
        self.assertEqual(out["Count"], one["Count"] - 1)


if __name__ == "__main__":
    unittest.main()
