"""DynamoDB's item order: Scan returns partitions in the order DynamoDB does and parallel-scan
segments hold the items DynamoDB's segments hold. The fixed orders and segment members below were
recorded against DynamoDB (dynalite's scan tests); the members for TotalSegments 2, 4 and 10 are
computed here from the rule those recordings follow: MD5 of "Outliers" + the partition key's
bytes, segment s of T holding the first 12 bits in [ceil(4096 s / T), ceil(4096 (s + 1) / T))."""
import hashlib
import os
import unittest
from decimal import Decimal

from harness import Server, ServerTestCase

STRINGS_IN_SCAN_ORDER = ["2", "8", "9", "1", "6", "hello", "0", "5", "4", "äáöü", "aardman", "7", "3", "zapf"]
NUMBERS_IN_SCAN_ORDER = ["7", "999.9", "8", "3", "2", "-999.9", "9", "4", "-0.09", "6", "1", "0", "0.012345", "5"]


def number_bytes(text):
    """DynamoDB's byte form of a number (base-100 digits, exponent byte), written from its description."""
    d = Decimal(text)
    if d == 0:
        return b"\x80"
    sign, digits, exp = d.as_tuple()
    digits = list(digits)
    while digits[-1] == 0:
        digits.pop()
        exp += 1
    e = len(digits) + exp  # value = 0.d1d2... * 10^e
    lead = e % 2
    aligned = [0] * lead + digits + [0] * ((lead + len(digits)) % 2)
    pairs = [aligned[i] * 10 + aligned[i + 1] for i in range(0, len(aligned), 2)]
    first = (e + lead) // 2 - 64
    if sign:
        return bytes([~first & 0xFF] + [101 - p for p in pairs] + ([102] if len(pairs) < 20 else []))
    return bytes([first & 0xFF] + [p + 1 for p in pairs])


def bucket(value, kind):
    raw = value.encode() if kind == "S" else number_bytes(value)
    return int.from_bytes(hashlib.md5(b"Outliers" + raw).digest()[:2], "big") >> 4


def segment_of(b, total):
    """The last segment s with ceil(4096 s / total) <= b."""
    return b * total // 4096


class ItemOrderTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, kind in (("order_s", "S"), ("order_n", "N")):
            cls.ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=[{"AttributeName": "a", "AttributeType": kind}],
                                 KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}])
        cls.ddb.create_table(TableName="order_sk", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"},
                                                   {"AttributeName": "b", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "a", "KeyType": "HASH"},
                                        {"AttributeName": "b", "KeyType": "RANGE"}])
        for s in sorted(STRINGS_IN_SCAN_ORDER):
            cls.ddb.put_item(TableName="order_s", Item={"a": {"S": s}})
        for n in sorted(NUMBERS_IN_SCAN_ORDER):
            cls.ddb.put_item(TableName="order_n", Item={"a": {"N": n}})
        for s in STRINGS_IN_SCAN_ORDER[:5]:
            for b in ("10", "-1", "2.5"):
                cls.ddb.put_item(TableName="order_sk", Item={"a": {"S": s}, "b": {"N": b}})

    def scan(self, table, kind="S", **extra):
        keys, start = [], None
        while True:
            kw = dict(extra, ExclusiveStartKey=start) if start else extra
            page = self.ddb.scan(TableName=table, **kw)
            keys += [item["a"][kind] for item in page["Items"]]
            start = page.get("LastEvaluatedKey")
            if not start:
                return keys

    def test_scan_order_of_strings(self):
        self.assertEqual(self.scan("order_s"), STRINGS_IN_SCAN_ORDER)
        # Page by page the order is the same.
        self.assertEqual(self.scan("order_s", Limit=3), STRINGS_IN_SCAN_ORDER)

    def test_scan_order_of_numbers(self):
        self.assertEqual(self.scan("order_n", "N"), NUMBERS_IN_SCAN_ORDER)

    def test_sort_keys_in_order_within_partitions_in_hash_order(self):
        items = self.ddb.scan(TableName="order_sk")["Items"]
        self.assertEqual([(i["a"]["S"], i["b"]["N"]) for i in items],
                         [(s, b) for s in STRINGS_IN_SCAN_ORDER[:5] for b in ("-1", "2.5", "10")])

    def test_recorded_segment_members(self):
        for value in ("3635", "228", "1668", "3435"):
            self.ddb.put_item(TableName="order_s", Item={"a": {"S": value}})
        for value in ("251", "2388"):
            self.ddb.put_item(TableName="order_n", Item={"a": {"N": value}})
        try:
            segment = lambda table, kind, s: self.scan(table, kind, Segment=s, TotalSegments=4096)
            self.assertIn("3635", segment("order_s", "S", 0))
            self.assertIn("228", segment("order_s", "S", 0))
            self.assertIn("1668", segment("order_s", "S", 1))
            self.assertIn("3435", segment("order_s", "S", 4))
            self.assertIn("251", segment("order_n", "N", 1))
            self.assertIn("2388", segment("order_n", "N", 4095))
        finally:
            for value in ("3635", "228", "1668", "3435"):
                self.ddb.delete_item(TableName="order_s", Key={"a": {"S": value}})
            for value in ("251", "2388"):
                self.ddb.delete_item(TableName="order_n", Key={"a": {"N": value}})

    def test_segment_members_for_2_4_and_10_segments(self):
        for table, kind, order in (("order_s", "S", STRINGS_IN_SCAN_ORDER), ("order_n", "N", NUMBERS_IN_SCAN_ORDER)):
            for total in (2, 4, 10):
                with self.subTest(table=table, total=total):
                    seen = []
                    for s in range(total):
                        members = self.scan(table, kind, Segment=s, TotalSegments=total)
                        expected = [v for v in order if segment_of(bucket(v, kind), total) == s]
                        self.assertEqual(members, expected, s)
                        seen += members
                    self.assertEqual(seen, order)  # segments in turn give the whole Scan order

    def test_more_segments_than_buckets(self):
        # 1,000,000 segments over 4096 buckets: most are empty, the rest hold the bucket's items.
        value = STRINGS_IN_SCAN_ORDER[0]
        holder = segment_of(bucket(value, "S"), 1000000)
        self.assertIn(value, self.scan("order_s", Segment=holder, TotalSegments=1000000))
        self.assertNotIn(value, self.scan("order_s", Segment=holder - 1, TotalSegments=1000000))
        self.assertEqual(self.scan("order_s", Segment=999999, TotalSegments=1000000), [])


class FormatTest(unittest.TestCase):
    def test_a_data_directory_keeps_its_order_across_restarts(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="kept", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}])
            for s in STRINGS_IN_SCAN_ORDER:
                ddb.put_item(TableName="kept", Item={"a": {"S": s}})
            server.stop()
            server.start()
            ddb = server.client()
            self.assertEqual([i["a"]["S"] for i in ddb.scan(TableName="kept")["Items"]], STRINGS_IN_SCAN_ORDER)
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
