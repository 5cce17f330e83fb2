"""DynamoDB's documented limits at their exact boundaries, over raw HTTP (past any client-side
validation): each limit is accepted at N and refused at N+1 with DynamoDB's status, type and
message. Limits with tests elsewhere (batch and transaction counts, item size, nesting depth,
numbers, index counts, Scan/Query Limit and segments) are not repeated here."""
import math
import time
import unittest

from harness import ServerTestCase, raw_call

VALIDATION = "com.amazon.coral.validate#ValidationException"
KB, MB = 1024, 1024 * 1024


def S(v):
    return {"S": v}


def item_of_size(key, size):
    """An item {pk, v} whose DynamoDB size (names plus values) is exactly `size` bytes."""
    return {"pk": S(key), "v": S("x" * (size - len("pk") - len(key) - len("v")))}


def index(name, hash_key, range_key=None, include=None):
    keys = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        keys.append({"AttributeName": range_key, "KeyType": "RANGE"})
    projection = {"ProjectionType": "INCLUDE", "NonKeyAttributes": include} if include else {"ProjectionType": "ALL"}
    return {"IndexName": name, "KeySchema": keys, "Projection": projection}


class LimitsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(TableName="lim_hash", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             BillingMode="PAY_PER_REQUEST")
        cls.ddb.create_table(
            TableName="lim_idx", BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "g", "r", "l")],
            GlobalSecondaryIndexes=[index("by_g", "g", "r")], LocalSecondaryIndexes=[index("by_l", "pk", "l")])

    def call(self, operation, body):
        return raw_call(self.server, operation, body)

    def ok(self, operation, body):
        status, data = self.call(operation, body)
        self.assertEqual(status, 200, data)
        return data

    def refused(self, operation, body, message, error=VALIDATION):
        status, data = self.call(operation, body)
        self.assertEqual((status, data.get("__type")), (400, error), data)
        if message is not None:
            self.assertEqual(data["message"], message)
        return data

    def create(self, name, **extra):
        body = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}
        body.update(extra)
        return self.call("CreateTable", body)

    # --- transactions and batches ---

    def test_transaction_aggregate_size_is_4_mb(self):
        def puts(last):
            items = [item_of_size("k%02d" % i, 380000) for i in range(10)] + [item_of_size("k10", last)]
            return {"TransactItems": [{"Put": {"TableName": "lim_hash", "Item": it}} for it in items]}
        exact = 4 * MB - 10 * 380000
        self.refused("TransactWriteItems", puts(exact + 1), "Transaction request cannot be larger than 4 MB")
        self.assertNotIn("Item", self.ddb.get_item(TableName="lim_hash", Key={"pk": S("k00")}))
        self.ok("TransactWriteItems", puts(exact))
        self.assertIn("Item", self.ddb.get_item(TableName="lim_hash", Key={"pk": S("k10")}))

    def test_batch_get_returns_at_most_16_mb_and_the_rest_unprocessed(self):
        sizes = [400000] * 41 + [16 * MB - 41 * 400000, 10]
        for start in range(0, len(sizes), 25):
            self.ok("BatchWriteItem", {"RequestItems": {"lim_hash": [
                {"PutRequest": {"Item": item_of_size("b%02d" % i, sizes[i])}}
                for i in range(start, min(start + 25, len(sizes)))]}})
        keys = [{"pk": S("b%02d" % i)} for i in range(len(sizes))]
        out = self.ok("BatchGetItem", {"RequestItems": {"lim_hash": {"Keys": keys[:42], "ConsistentRead": True}}})
        self.assertEqual(len(out["Responses"]["lim_hash"]), 42)
        self.assertEqual(out["UnprocessedKeys"], {})
        # One item more than 16 MB: the key that does not fit comes back to be sent again, with the
        # table's other request members.
        out = self.ok("BatchGetItem", {"RequestItems": {"lim_hash": {"Keys": keys, "ConsistentRead": True}},
                                       "ReturnConsumedCapacity": "TOTAL"})
        self.assertEqual(len(out["Responses"]["lim_hash"]), 42)
        self.assertEqual(out["UnprocessedKeys"], {"lim_hash": {"Keys": [keys[42]], "ConsistentRead": True}})
        # Only the items returned are charged.
        self.assertEqual(out["ConsumedCapacity"][0]["CapacityUnits"], sum(math.ceil(size / 4096) for size in sizes[:42]))
        again = self.ok("BatchGetItem", {"RequestItems": out["UnprocessedKeys"]})
        self.assertEqual(again["Responses"]["lim_hash"][0]["pk"], S("b42"))

    # --- key and index key value sizes ---

    def test_key_value_sizes_on_reads(self):
        self.ok("GetItem", {"TableName": "lim_hash", "Key": {"pk": S("p" * 2048)}})
        self.refused("GetItem", {"TableName": "lim_hash", "Key": {"pk": S("p" * 2049)}},
                     "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
        self.ok("GetItem", {"TableName": "lim_idx", "Key": {"pk": S("p"), "sk": S("s" * 1024)}})
        self.refused("GetItem", {"TableName": "lim_idx", "Key": {"pk": S("p"), "sk": S("s" * 1025)}},
                     "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit "
                     "of 1024 bytes")

    def test_index_key_value_sizes_in_written_items(self):
        def too_large(name, size, limit, ix):
            return ("One or more parameter values were invalid: Size limit exceeded for Index Key %s Actual Size: %d bytes "
                    "Max Size: %d bytes IndexName: %s" % (name, size, limit, ix))
        base = {"pk": S("ik"), "sk": S("1")}
        self.ok("PutItem", {"TableName": "lim_idx", "Item": dict(base, g=S("g" * 2048), r=S("r" * 1024), l=S("l" * 1024))})
        self.refused("PutItem", {"TableName": "lim_idx", "Item": dict(base, g=S("g" * 2049))}, too_large("g", 2049, 2048, "by_g"))
        self.refused("PutItem", {"TableName": "lim_idx", "Item": dict(base, r=S("r" * 1025))}, too_large("r", 1025, 1024, "by_g"))
        self.refused("PutItem", {"TableName": "lim_idx", "Item": dict(base, l=S("l" * 1025))}, too_large("l", 1025, 1024, "by_l"))
        self.refused("UpdateItem", {"TableName": "lim_idx", "Key": base, "UpdateExpression": "SET r = :r",
                                    "ExpressionAttributeValues": {":r": S("r" * 1025)}}, too_large("r", 1025, 1024, "by_g"))
        self.refused("BatchWriteItem", {"RequestItems": {"lim_idx": [{"PutRequest": {"Item": dict(base, g=S("g" * 2049))}}]}},
                     too_large("g", 2049, 2048, "by_g"))
        self.refused("TransactWriteItems", {"TransactItems": [{"Put": {"TableName": "lim_idx", "Item": dict(base, l=S("l" * 1025))}}]},
                     too_large("l", 1025, 1024, "by_l"))
        # Nothing was written past the first put.
        self.assertEqual(self.ddb.get_item(TableName="lim_idx", Key=base)["Item"]["g"], S("g" * 2048))

    def test_backfill_leaves_out_items_whose_index_key_is_too_large(self):
        name = self.unique("lim_bf")
        self.ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        self.ddb.put_item(TableName=name, Item={"pk": S("fits"), "h": S("h" * 2048)})
        self.ddb.put_item(TableName=name, Item={"pk": S("too_large"), "h": S("h" * 2049)})
        self.ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "h", "AttributeType": "S"}],
                              GlobalSecondaryIndexUpdates=[{"Create": index("by_h", "h")}])
        for _ in range(200):
            ix = self.ddb.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]
            if ix["IndexStatus"] == "ACTIVE":
                break
            time.sleep(0.05)
        self.assertEqual(ix["IndexStatus"], "ACTIVE")
        self.assertEqual(ix["ItemCount"], 1)
        scanned = self.ddb.scan(TableName=name, IndexName="by_h")["Items"]
        self.assertEqual([i["pk"] for i in scanned], [S("fits")])

    # --- attribute names ---

    def test_attribute_name_length_is_64_kb(self):
        message = "Attribute name is too large, must be less than 65536 bytes"
        self.ok("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("an"), "n" * 65535: S("v")}})
        self.refused("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("an"), "n" * 65536: S("v")}}, message)
        self.ok("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("an"), "m": {"M": {"n" * 65535: S("v")}}}})
        self.refused("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("an"), "m": {"M": {"n" * 65536: S("v")}}}}, message)

    def test_definition_attribute_names_are_at_most_255(self):
        self.assertEqual(self.create("lim_ad255", AttributeDefinitions=[{"AttributeName": "k" * 255, "AttributeType": "S"}],
                                     KeySchema=[{"AttributeName": "k" * 255, "KeyType": "HASH"}])[0], 200)
        self.refused("CreateTable", {
            "TableName": "lim_ad256", "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "k" * 256, "AttributeType": "S"}]},
            "1 validation error detected: Value '%s' at 'attributeDefinitions.2.member.attributeName' failed to satisfy "
            "constraint: Member must have length less than or equal to 255" % ("k" * 256))
        self.assertEqual(self.create("lim_nk255", GlobalSecondaryIndexes=[index("by_pk", "pk", include=["a" * 255])])[0], 200)
        self.refused("CreateTable", {
            "TableName": "lim_nk256", "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "GlobalSecondaryIndexes": [index("by_pk", "pk", include=["a", "b" * 256])]},
            "1 validation error detected: Value '[a, %s]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' "
            "failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, "
            "Member must have length greater than or equal to 1]" % ("b" * 256))

    def test_nesting_depth_is_32_levels(self):
        # The attribute is level 1: 31 containers around a scalar fit, 32 do not.
        def nested(kind, containers):
            value = S("x")
            for _ in range(containers):
                value = {"M": {"a": value}} if kind == "M" else {"L": [value]}
            return value
        for kind in ("M", "L"):
            self.ok("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("deep"), "v": nested(kind, 31)}})
            self.refused("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("deep"), "v": nested(kind, 32)}},
                         "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
                         "supported limit")

    def test_number_precision_and_range(self):
        for n in ("1" * 38, "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
                  "1E-130", "-1E-130", "0.00000000000000000000000000000000000001"):
            with self.subTest(n):
                self.ok("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("num"), "v": {"N": n}}})
        for n, message in (("1" * 39, "Attempting to store more than 38 significant digits in a Number"),
                           ("1E+126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
                           ("-1E+126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
                           ("1E-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range")):
            with self.subTest(n):
                self.refused("PutItem", {"TableName": "lim_hash", "Item": {"pk": S("num"), "v": {"N": n}}}, message)

    def test_table_and_index_names_are_3_to_255(self):
        self.assertEqual(self.create("t" * 255, GlobalSecondaryIndexes=[index("i" * 255, "pk")])[0], 200)
        self.assertEqual(self.create("abc")[0], 200)
        self.refused("CreateTable", {"TableName": "t" * 256, "BillingMode": "PAY_PER_REQUEST",
                                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
                     "TableName must be at least 3 characters long and at most 255 characters long")
        self.refused("CreateTable", {"TableName": "lim_ix256", "BillingMode": "PAY_PER_REQUEST",
                                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                     "GlobalSecondaryIndexes": [index("i" * 256, "pk")]},
                     "1 validation error detected: Value '%s' at 'globalSecondaryIndexes.1.member.indexName' failed to "
                     "satisfy constraint: Member must have length less than or equal to 255" % ("i" * 256))
        self.refused("Query", {"TableName": "t" * 255, "IndexName": "ix", "KeyConditionExpression": "pk = :v",
                               "ExpressionAttributeValues": {":v": S("v")}},
                     "1 validation error detected: Value 'ix' at 'indexName' failed to satisfy constraint: Member must have "
                     "length greater than or equal to 3")

    # --- expressions ---

    def test_expression_lengths_are_4_kb(self):
        def padded(text, size):
            return text + " " * (size - len(text))
        names = {"#a": "x"}
        cases = [
            ("ConditionExpression", "PutItem", lambda e: {"TableName": "lim_hash", "Item": {"pk": S("ex")}, "ConditionExpression": e,
                                                           "ExpressionAttributeNames": names}, "attribute_not_exists(#a)"),
            ("UpdateExpression", "UpdateItem", lambda e: {"TableName": "lim_hash", "Key": {"pk": S("ex")}, "UpdateExpression": e,
                                                          "ExpressionAttributeNames": names}, "REMOVE #a"),
            ("ProjectionExpression", "GetItem", lambda e: {"TableName": "lim_hash", "Key": {"pk": S("ex")}, "ProjectionExpression": e,
                                                           "ExpressionAttributeNames": names}, "#a"),
            ("FilterExpression", "Scan", lambda e: {"TableName": "lim_hash", "FilterExpression": e, "Limit": 1,
                                                    "ExpressionAttributeNames": names}, "attribute_exists(#a)"),
            ("KeyConditionExpression", "Query", lambda e: {"TableName": "lim_hash", "KeyConditionExpression": e,
                                                           "ExpressionAttributeNames": {"#a": "pk"},
                                                           "ExpressionAttributeValues": {":v": S("ex")}}, "#a = :v"),
        ]
        for member, operation, body, text in cases:
            with self.subTest(member):
                self.ok(operation, body(padded(text, 4096)))
                # Condition-type expressions say how large they were.
                said = " expression size: 4097" if member in ("ConditionExpression", "FilterExpression", "KeyConditionExpression") else ""
                self.refused(operation, body(padded(text, 4097)),
                             "Invalid %s: Expression size has exceeded the maximum allowed size;%s" % (member, said))

    def test_placeholder_lengths_are_255(self):
        name, value = "#" + "n" * 254, ":" + "v" * 254
        self.ok("Scan", {"TableName": "lim_hash", "FilterExpression": "%s = %s" % (name, value), "Limit": 1,
                         "ExpressionAttributeNames": {name: "x"}, "ExpressionAttributeValues": {value: S("v")}})
        self.refused("Scan", {"TableName": "lim_hash", "FilterExpression": "%sn = :v" % name, "Limit": 1,
                              "ExpressionAttributeNames": {name + "n": "x"}, "ExpressionAttributeValues": {":v": S("v")}},
                     "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too "
                     "long; size of key: 256")
        self.refused("Scan", {"TableName": "lim_hash", "FilterExpression": "#n = %sv" % value, "Limit": 1,
                              "ExpressionAttributeNames": {"#n": "x"}, "ExpressionAttributeValues": {value + "v": S("v")}},
                     "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;")

    # --- table definitions ---

    def test_projected_attributes_are_at_most_100_across_indexes(self):
        message = "One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of 100"
        attrs = ["a%d" % i for i in range(101)]
        defs = [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "l")]
        keys = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]

        def body(name, gsi_include, lsi_include):
            return {"TableName": name, "BillingMode": "PAY_PER_REQUEST", "KeySchema": keys, "AttributeDefinitions": defs,
                    "GlobalSecondaryIndexes": [index("by_sk", "sk", include=gsi_include), index("all_sk", "sk")],
                    "LocalSecondaryIndexes": [index("lsi_l", "pk", "l", include=lsi_include)]}
        # The same name in two indexes counts twice; ALL projections count nothing.
        self.ok("CreateTable", body("lim_pr100", attrs[:50], attrs[:50]))
        self.refused("CreateTable", body("lim_pr101", attrs[:50], attrs[:51]), message)
        self.refused("UpdateTable", {"TableName": "lim_pr100", "AttributeDefinitions": defs,
                                     "GlobalSecondaryIndexUpdates": [{"Create": index("more", "sk", include=["z"])}]}, message)

    def test_tags(self):
        arn = self.ddb.describe_table(TableName="lim_hash")["Table"]["TableArn"]
        tags = [{"Key": "k%02d" % i, "Value": "v"} for i in range(51)]
        self.assertEqual(self.create("lim_tags50", Tags=tags[:50])[0], 200)
        self.refused("CreateTable", {"TableName": "lim_tags51", "BillingMode": "PAY_PER_REQUEST", "Tags": tags,
                                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
                     "Number of Tags exceed the current limit for the provided ResourceArn")
        self.refused("TagResource", {"ResourceArn": arn, "Tags": tags}, "Number of Tags exceed the current limit for the provided ResourceArn")
        self.refused("CreateTable", {"TableName": "lim_tagkey", "BillingMode": "PAY_PER_REQUEST",
                                     "Tags": [{"Key": "k" * 129, "Value": "v" * 257}],
                                     "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                     "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]},
                     "2 validation errors detected: Value '%s' at 'tags.1.member.key' failed to satisfy constraint: Member must "
                     "have length less than or equal to 128; Value '%s' at 'tags.1.member.value' failed to satisfy constraint: "
                     "Member must have length less than or equal to 256" % ("k" * 129, "v" * 257))
        self.ok("TagResource", {"ResourceArn": arn, "Tags": [{"Key": "k" * 128, "Value": "v" * 256}]})
        # Contents after the constraints, with DynamoDB's own texts (recorded from the service).
        for tag_list, message in [
                ([{"Key": "aws:x", "Value": "v"}], "Tag Key cannot be prefixed with aws:, Key: aws:x"),
                ([{"Key": "a*b", "Value": "v"}], "The Tag Key provided is invalid, Key: a*b"),
                ([{"Key": "a", "Value": "v#"}], "The Tag Value provided is invalid, Value: v#"),
                ([{"Key": "a"}], "The Tag Value provided is invalid, Value: null"),
                ([{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}], "Duplicate Tag Keys provided as input: Duplicate Tag Key found a")]:
            self.refused("TagResource", {"ResourceArn": arn, "Tags": tag_list}, message)
        self.ok("TagResource", {"ResourceArn": arn, "Tags": [{"Key": "Name with space_.:/=+-@ é", "Value": ""}]})
        self.refused("UntagResource", {"ResourceArn": arn, "TagKeys": ["a*b"]}, "The Tag Key provided is invalid, Key: a*b")
        self.ok("UntagResource", {"ResourceArn": arn, "TagKeys": ["k" * 128]})
        self.refused("UntagResource", {"ResourceArn": arn, "TagKeys": ["a", "k" * 129]},
                     "1 validation error detected: Value '[a, %s]' at 'tagKeys' failed to satisfy constraint: Member must satisfy "
                     "constraint: [Member must have length less than or equal to 128, Member must have length greater than or "
                     "equal to 1]" % ("k" * 129))

    def test_list_tables_limit_is_1_to_100(self):
        self.assertIn("TableNames", self.ok("ListTables", {"Limit": 100}))
        self.refused("ListTables", {"Limit": 101},
                     "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value "
                     "less than or equal to 100")


if __name__ == "__main__":
    unittest.main()
