"""Multi-attribute GSI keys: up to 4 HASH and 4 RANGE attributes, each keeping its own type."""
import unittest

from harness import ServerTestCase


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


class MultiAttributeKeyTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "matches"
        cls.ddb.create_table(
            TableName=cls.table, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                                  [("matchId", "S"), ("tournamentId", "S"), ("area", "S"), ("roundNo", "N"), ("bracket", "S")]],
            KeySchema=[{"AttributeName": "matchId", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[{
                "IndexName": "TournamentRegion",
                "KeySchema": [{"AttributeName": "tournamentId", "KeyType": "HASH"},
                              {"AttributeName": "area", "KeyType": "HASH"},
                              {"AttributeName": "roundNo", "KeyType": "RANGE"},
                              {"AttributeName": "bracket", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}])
        rows = [("m1", "W24", "NA", 1, "UPPER"), ("m2", "W24", "NA", 1, "LOWER"), ("m3", "W24", "NA", 2, "UPPER"),
                ("m4", "W24", "NA", 10, "UPPER"), ("m5", "W24", "EU", 1, "UPPER"), ("m6", "S25", "NA", 1, "UPPER")]
        for m, t, r, rnd, b in rows:
            cls.ddb.put_item(TableName=cls.table, Item={"matchId": S(m), "tournamentId": S(t), "area": S(r),
                                                         "roundNo": N(rnd), "bracket": S(b)})
        # Missing one key attribute: not in the index (sparse).
        cls.ddb.put_item(TableName=cls.table, Item={"matchId": S("m7"), "tournamentId": S("W24"), "area": S("NA")})

    def query(self, kce, values, **kw):
        return self.ddb.query(TableName=self.table, IndexName="TournamentRegion", KeyConditionExpression=kce,
                              ExpressionAttributeValues=values, **kw)

    def ids(self, out):
        return [it["matchId"]["S"] for it in out["Items"]]

    def test_describe_keeps_the_key_schema(self):
        gsi = self.ddb.describe_table(TableName=self.table)["Table"]["GlobalSecondaryIndexes"][0]
        self.assertEqual([k["KeyType"] for k in gsi["KeySchema"]], ["HASH", "HASH", "RANGE", "RANGE"])
        self.assertEqual(gsi["ItemCount"], 6)

    def test_partition_needs_every_hash_attribute(self):
        out = self.query("tournamentId = :t AND area = :r", {":t": S("W24"), ":r": S("NA")})
        # Sorted by round (numerically), then bracket.
        self.assertEqual(self.ids(out), ["m2", "m1", "m3", "m4"])
        self.assertError("ValidationException", "Query condition missed key schema element: area",
                         self.query, "tournamentId = :t", {":t": S("W24")})

    def test_sort_attributes_left_to_right(self):
        out = self.query("tournamentId = :t AND area = :r AND #rn = :n", {":t": S("W24"), ":r": S("NA"), ":n": N(1)},
                         ExpressionAttributeNames={"#rn": "roundNo"})
        self.assertEqual(self.ids(out), ["m2", "m1"])
        out = self.query("tournamentId = :t AND area = :r AND #rn = :n AND bracket = :b",
                         {":t": S("W24"), ":r": S("NA"), ":n": N(1), ":b": S("UPPER")},
                         ExpressionAttributeNames={"#rn": "roundNo"})
        self.assertEqual(self.ids(out), ["m1"])
        out = self.query("tournamentId = :t AND area = :r AND #rn >= :n", {":t": S("W24"), ":r": S("NA"), ":n": N(2)},
                         ExpressionAttributeNames={"#rn": "roundNo"}, ScanIndexForward=False)
        self.assertEqual(self.ids(out), ["m4", "m3"])
        out = self.query("tournamentId = :t AND area = :r AND #rn = :n AND begins_with(bracket, :b)",
                         {":t": S("W24"), ":r": S("NA"), ":n": N(1), ":b": S("LOW")},
                         ExpressionAttributeNames={"#rn": "roundNo"})
        self.assertEqual(self.ids(out), ["m2"])

    def test_skipping_a_sort_attribute_is_rejected(self):
        self.assertError("ValidationException", "Query condition missed key schema element: roundNo",
                         self.query, "tournamentId = :t AND area = :r AND bracket = :b",
                         {":t": S("W24"), ":r": S("NA"), ":b": S("UPPER")})

    def test_pagination_carries_every_key_attribute(self):
        out = self.query("tournamentId = :t AND area = :r", {":t": S("W24"), ":r": S("NA")}, Limit=2)
        self.assertEqual(set(out["LastEvaluatedKey"]), {"matchId", "tournamentId", "area", "roundNo", "bracket"})
        rest = self.query("tournamentId = :t AND area = :r", {":t": S("W24"), ":r": S("NA")},
                          ExclusiveStartKey=out["LastEvaluatedKey"])
        self.assertEqual(self.ids(out) + self.ids(rest), ["m2", "m1", "m3", "m4"])

    def test_index_key_types_are_checked_on_write(self):
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Type mismatch for Index Key roundNo Expected: N Actual: S "
                         "IndexName: TournamentRegion",
                         self.ddb.put_item, TableName=self.table,
                         Item={"matchId": S("bad"), "tournamentId": S("W24"), "area": S("NA"), "roundNo": S("one")})

    def test_key_schema_rules_with_dynamodbs_messages(self):
        # Texts as DynamoDB answered them live (2026): at most 4 HASH and 4 RANGE attributes, every
        # HASH attribute before the RANGE ones, no attribute twice.
        invalid = "One or more parameter values were invalid: "

        def key(*elements):
            return [{"AttributeName": n, "KeyType": t} for n, t in elements]
        cases = [
            (key(*[("k%d" % i, "HASH") for i in range(1, 6)]),
             invalid + "The KeySchema exceeds the maximum allowed number of HASH key attributes"),
            (key(("k1", "HASH"), *[("k%d" % i, "RANGE") for i in range(2, 7)]),
             invalid + "The KeySchema exceeds the maximum allowed number of RANGE key attributes"),
            (key(("k1", "HASH"), ("k2", "RANGE"), ("k3", "HASH")),
             invalid + "All HASH key attributes must precede RANGE key attributes in the KeySchema"),
            (key(("k1", "HASH"), ("k2", "HASH"), ("k1", "RANGE")), "The KeySchema contains multiple key attributes with the same name"),
        ]
        for schema, message in cases:
            with self.subTest(message=message, schema=schema):
                names = sorted({e["AttributeName"] for e in schema} | {"k0"})
                self.assertError("ValidationException", message, self.ddb.create_table, TableName=self.unique(),
                                 BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
                                 KeySchema=[{"AttributeName": "k0", "KeyType": "HASH"}],
                                 GlobalSecondaryIndexes=[{"IndexName": "gsi", "Projection": {"ProjectionType": "ALL"},
                                                          "KeySchema": schema}])

if __name__ == "__main__":
    unittest.main()
