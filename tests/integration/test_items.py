"""PutItem, GetItem and DeleteItem through boto3 (client and resource APIs)."""
import unittest
from decimal import Decimal

from boto3.dynamodb.types import Binary

from harness import ServerTestCase

ALL_TYPES = {
    "pk": {"S": "all"},
    "s": {"S": "héllo \"quoted\" \\ \n"},
    "empty": {"S": ""},
    "n": {"N": "123.45"},
    "b": {"B": b"\x00\x01\xff"},
    "t": {"BOOL": True},
    "f": {"BOOL": False},
    "nul": {"NULL": True},
    "ss": {"SS": ["a", "b"]},
    "ns": {"NS": ["1", "2.5"]},
    "bs": {"BS": [b"x", b"y"]},
    "m": {"M": {"inner": {"L": [{"N": "1"}, {"S": "x"}, {"M": {}}]}}},
    "l": {"L": []},
}


class ItemTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "items"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.composite = "composite"
        cls.ddb.create_table(TableName=cls.composite, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}])

    def test_every_type_round_trips(self):
        self.ddb.put_item(TableName=self.table, Item=ALL_TYPES)
        item = self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "all"}})["Item"]
        expected = dict(ALL_TYPES)
        self.assertEqual(sorted(item["ss"]["SS"]), ["a", "b"])
        self.assertEqual(sorted(item["ns"]["NS"]), ["1", "2.5"])
        self.assertEqual(sorted(item["bs"]["BS"]), [b"x", b"y"])
        for k in ("ss", "ns", "bs"):
            del item[k], expected[k]
        self.assertEqual(item, expected)

    def test_numbers_are_normalised(self):
        cases = {"1.50": "1.5", "0100": "100", "1e2": "100", "-0": "0", "0.000": "0", "-1.0E-3": "-0.001",
                 "123456789012345678901234567890.12345678": "123456789012345678901234567890.12345678"}
        for i, (given, want) in enumerate(cases.items()):
            self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "num%d" % i}, "v": {"N": given}})
            got = self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "num%d" % i}})["Item"]["v"]["N"]
            self.assertEqual(got, want, given)

    def test_number_limits(self):
        for value, message in [
            ("1" * 39, "Attempting to store more than 38 significant digits in a Number"),
            ("1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            ("1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
            ("abc", "The parameter cannot be converted to a numeric value: abc"),
        ]:
            self.assertError("ValidationException", message, self.ddb.put_item,
                             TableName=self.table, Item={"pk": {"S": "x"}, "v": {"N": value}})

    def test_resource_api_with_decimal(self):
        table = self.server.resource().Table(self.table)
        table.put_item(Item={"pk": "res", "amount": Decimal("10.25"), "count": 3, "tags": {"a", "b"},
                             "nested": {"list": [1, "two", None, True]}, "blob": Binary(b"\x00z")})
        item = table.get_item(Key={"pk": "res"}, ConsistentRead=True)["Item"]
        self.assertEqual(item["amount"], Decimal("10.25"))
        self.assertEqual(item["count"], Decimal(3))
        self.assertEqual(item["tags"], {"a", "b"})
        self.assertEqual(item["nested"], {"list": [Decimal(1), "two", None, True]})
        self.assertEqual(item["blob"], Binary(b"\x00z"))

    def test_put_replaces_and_return_values(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "rv"}, "v": {"N": "1"}})
        out = self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "rv"}, "w": {"N": "2"}}, ReturnValues="ALL_OLD")
        self.assertEqual(out["Attributes"], {"pk": {"S": "rv"}, "v": {"N": "1"}})
        self.assertEqual(self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "rv"}})["Item"],
                         {"pk": {"S": "rv"}, "w": {"N": "2"}})
        out = self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "rv-new"}}, ReturnValues="ALL_OLD")
        self.assertNotIn("Attributes", out)
        self.assertError("ValidationException", "ReturnValues can only be ALL_OLD or NONE", self.ddb.put_item,
                         TableName=self.table, Item={"pk": {"S": "rv"}}, ReturnValues="ALL_NEW")

    def test_delete_item(self):
        self.ddb.put_item(TableName=self.composite, Item={"pk": {"S": "d"}, "sk": {"N": "1"}, "x": {"S": "y"}})
        out = self.ddb.delete_item(TableName=self.composite, Key={"pk": {"S": "d"}, "sk": {"N": "1.0"}}, ReturnValues="ALL_OLD")
        self.assertEqual(out["Attributes"]["x"], {"S": "y"})
        self.assertNotIn("Item", self.ddb.get_item(TableName=self.composite, Key={"pk": {"S": "d"}, "sk": {"N": "1"}}))
        out = self.ddb.delete_item(TableName=self.composite, Key={"pk": {"S": "d"}, "sk": {"N": "1"}}, ReturnValues="ALL_OLD")
        self.assertNotIn("Attributes", out)

    def test_key_validation(self):
        self.assertError("ValidationException", "The provided key element does not match the schema",
                         self.ddb.get_item, TableName=self.composite, Key={"pk": {"S": "a"}})
        self.assertError("ValidationException", "The provided key element does not match the schema",
                         self.ddb.get_item, TableName=self.composite, Key={"pk": {"S": "a"}, "sk": {"S": "1"}})
        self.assertError("ValidationException", "The provided key element does not match the schema",
                         self.ddb.get_item, TableName=self.table, Key={"pk": {"S": "a"}, "extra": {"S": "1"}})
        self.assertError("ValidationException", "One or more parameter values were invalid: Missing the key sk in the item",
                         self.ddb.put_item, TableName=self.composite, Item={"pk": {"S": "a"}})
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                         self.ddb.put_item, TableName=self.composite, Item={"pk": {"S": "a"}, "sk": {"S": "x"}})
        self.assertError("ValidationException",
                         "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                         "an empty string value. Key: pk",
                         self.ddb.put_item, TableName=self.table, Item={"pk": {"S": ""}})
        self.assertError("ValidationException",
                         "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                         self.ddb.put_item, TableName=self.table, Item={"pk": {"S": "x" * 2049}})
        self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "x" * 2048}})

    def test_item_size_limit(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "big"}, "d": {"S": "x" * (400 * 1024 - 10)}})
        self.assertError("ValidationException", "Item size has exceeded the maximum allowed size", self.ddb.put_item,
                         TableName=self.table, Item={"pk": {"S": "big"}, "d": {"S": "x" * (400 * 1024)}})

    def test_attribute_value_validation(self):
        for value, message in [
            ({"SS": []}, "One or more parameter values were invalid: An string set  may not be empty"),
            ({"NS": []}, "One or more parameter values were invalid: An number set  may not be empty"),
            ({"SS": ["a", "a"]}, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            ({"NULL": False}, "One or more parameter values were invalid: Null attribute value types must have the value of true"),
        ]:
            self.assertError("ValidationException", message, self.ddb.put_item,
                             TableName=self.table, Item={"pk": {"S": "bad"}, "v": value})
        nested = {"S": "deep"}
        for _ in range(33):
            nested = {"L": [nested]}
        self.assertError("ValidationException", "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit", self.ddb.put_item,
                         TableName=self.table, Item={"pk": {"S": "deep"}, "v": nested})

    def test_missing_table(self):
        self.assertError("ResourceNotFoundException", "Requested resource not found", self.ddb.get_item,
                         TableName="no_such_table", Key={"pk": {"S": "a"}})
        self.assertError("ResourceNotFoundException", "Requested resource not found", self.ddb.put_item,
                         TableName="no_such_table", Item={"pk": {"S": "a"}})

    def test_table_arn_accepted_as_name(self):
        arn = self.ddb.describe_table(TableName=self.table)["Table"]["TableArn"]
        self.ddb.put_item(TableName=arn, Item={"pk": {"S": "arn"}})
        self.assertIn("Item", self.ddb.get_item(TableName=arn, Key={"pk": {"S": "arn"}}))

    def test_consumed_capacity(self):
        self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "cap"}, "d": {"S": "x" * 5000}})
        out = self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "cap"}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": self.table, "CapacityUnits": 1.0})
        out = self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "cap"}}, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        out = self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "cap2"}, "d": {"S": "x" * 1500}},
                                ReturnConsumedCapacity="INDEXES")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        self.assertEqual(out["ConsumedCapacity"]["Table"], {"CapacityUnits": 2.0})
        self.assertNotIn("ConsumedCapacity", self.ddb.get_item(TableName=self.table, Key={"pk": {"S": "cap"}}))

    def test_item_count_and_size_in_describe(self):
        name = self.make_table()
        for i in range(5):
            self.ddb.put_item(TableName=name, Item={"pk": {"S": "k%d" % i}, "v": {"S": "abc"}})
        t = self.ddb.describe_table(TableName=name)["Table"]
        self.assertEqual(t["ItemCount"], 5)
        self.assertEqual(t["TableSizeBytes"], 5 * (2 + 2 + 1 + 3))


if __name__ == "__main__":
    unittest.main()
