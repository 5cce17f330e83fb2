"""ItemCollectionMetrics (ReturnItemCollectionMetrics SIZE): reported for tables with a local
secondary index only, keyed by the item's partition key, with a [lower, upper] GB estimate written
as doubles (0.0, not 0). Checked through boto3 and, where the bytes matter, raw HTTP."""
from harness import ServerTestCase, raw_text
SMALL = [0.0, 1.0]


class ItemCollectionMetricsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        helper = cls("test_put_item")
        cls.lsi = helper.make_table(range_key=("sk", "S"),
                                    lsis=[{"name": "by_l", "keys": [("pk", "S"), ("l", "S")], "projection": "ALL"}])
        cls.plain = helper.make_table(range_key=("sk", "S"))
        cls.gsi_only = helper.make_table(range_key=("sk", "S"), gsis=[{"name": "by_g", "keys": [("g", "S")]}])

    def raw(self, operation, body):
        status, text = raw_text(self.server, operation, body)
        self.assertEqual(status, 200, text)
        return text

    def item(self, pk, sk, **attrs):
        out = {"pk": {"S": pk}, "sk": {"S": sk}}
        out.update({k: {"S": v} for k, v in attrs.items()})
        return out

    def metrics(self, pk):
        return {"ItemCollectionKey": {"pk": {"S": pk}}, "SizeEstimateRangeGB": SMALL}

    # Single-item operations.

    def test_put_item(self):
        r = self.ddb.put_item(TableName=self.lsi, Item=self.item("p1", "a", l="x"), ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(r["ItemCollectionMetrics"], self.metrics("p1"))
        # An item outside the LSI (no sort key of the index) is still in its collection.
        r = self.ddb.put_item(TableName=self.lsi, Item=self.item("p1", "b"), ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(r["ItemCollectionMetrics"], self.metrics("p1"))
        for rv in ("NONE", None):
            kw = {"ReturnItemCollectionMetrics": rv} if rv else {}
            r = self.ddb.put_item(TableName=self.lsi, Item=self.item("p1", "c"), **kw)
            self.assertNotIn("ItemCollectionMetrics", r)

    def test_tables_without_lsi_leave_it_out(self):
        for table in (self.plain, self.gsi_only):
            item = self.item("q", "a", g="v")
            r = self.ddb.put_item(TableName=table, Item=item, ReturnItemCollectionMetrics="SIZE")
            self.assertNotIn("ItemCollectionMetrics", r)
            r = self.ddb.update_item(TableName=table, Key={"pk": {"S": "q"}, "sk": {"S": "a"}},
                                     UpdateExpression="SET n = :n", ExpressionAttributeValues={":n": {"N": "1"}},
                                     ReturnItemCollectionMetrics="SIZE")
            self.assertNotIn("ItemCollectionMetrics", r)
            r = self.ddb.delete_item(TableName=table, Key={"pk": {"S": "q"}, "sk": {"S": "a"}},
                                     ReturnItemCollectionMetrics="SIZE")
            self.assertNotIn("ItemCollectionMetrics", r)
        self.assertEqual(self.raw("PutItem", {"TableName": self.plain, "Item": self.item("q", "b"),
                                              "ReturnItemCollectionMetrics": "SIZE"}), "{}")

    def test_update_item_creating_and_changing(self):
        key = {"pk": {"S": "u1"}, "sk": {"S": "a"}}
        for _ in range(2):  # creates the item, then updates it
            r = self.ddb.update_item(TableName=self.lsi, Key=key, UpdateExpression="SET l = :l",
                                     ExpressionAttributeValues={":l": {"S": "v"}}, ReturnValues="ALL_NEW",
                                     ReturnItemCollectionMetrics="SIZE")
            self.assertEqual(r["ItemCollectionMetrics"], self.metrics("u1"))
            self.assertEqual(r["Attributes"]["l"], {"S": "v"})
        r = self.ddb.update_item(TableName=self.lsi, Key=key, UpdateExpression="SET l = :l",
                                 ExpressionAttributeValues={":l": {"S": "w"}}, ReturnItemCollectionMetrics="NONE")
        self.assertNotIn("ItemCollectionMetrics", r)

    def test_delete_item(self):
        self.ddb.put_item(TableName=self.lsi, Item=self.item("d1", "a", l="x"))
        key = {"pk": {"S": "d1"}, "sk": {"S": "a"}}
        r = self.ddb.delete_item(TableName=self.lsi, Key=key, ReturnValues="ALL_OLD", ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(r["ItemCollectionMetrics"], self.metrics("d1"))
        self.assertEqual(r["Attributes"]["l"], {"S": "x"})
        self.assertIsNone(self.ddb.get_item(TableName=self.lsi, Key=key).get("Item"))
        # Deleting nothing still names the key's collection.
        r = self.ddb.delete_item(TableName=self.lsi, Key=key, ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(r["ItemCollectionMetrics"], self.metrics("d1"))
        r = self.ddb.delete_item(TableName=self.lsi, Key=key, ReturnItemCollectionMetrics="NONE")
        self.assertNotIn("ItemCollectionMetrics", r)

    def test_failed_condition_is_an_error_without_metrics(self):
        self.ddb.put_item(TableName=self.lsi, Item=self.item("c1", "a"))
        e = self.assertError("ConditionalCheckFailedException", "The conditional request failed", self.ddb.put_item,
                             TableName=self.lsi, Item=self.item("c1", "a"), ConditionExpression="attribute_not_exists(pk)",
                             ReturnItemCollectionMetrics="SIZE")
        self.assertNotIn("ItemCollectionMetrics", e.response)

    def test_number_and_binary_partition_keys(self):
        for typ, value in (("N", "12.50"), ("B", b"\x00\x01")):
            table = self.make_table(hash_key=("h", typ), range_key=("r", "S"),
                                    lsis=[{"name": "by_x", "keys": [("h", typ), ("x", "N")], "projection": "KEYS_ONLY"}])
            r = self.ddb.put_item(TableName=table, Item={"h": {typ: value}, "r": {"S": "1"}, "x": {"N": "3"}},
                                  ReturnItemCollectionMetrics="SIZE")
            expected = {"N": "12.5"} if typ == "N" else {"B": value}
            self.assertEqual(r["ItemCollectionMetrics"], {"ItemCollectionKey": {"h": expected}, "SizeEstimateRangeGB": SMALL})

    def test_wire_form(self):
        # The member comes last (model order) and the bounds are written as Java writes doubles.
        text = self.raw("PutItem", {"TableName": self.lsi, "Item": self.item("w1", "a", l="x"),
                                    "ReturnValues": "ALL_OLD", "ReturnConsumedCapacity": "TOTAL",
                                    "ReturnItemCollectionMetrics": "SIZE"})
        self.assertEqual(text, '{"ConsumedCapacity":{"TableName":"%s","CapacityUnits":2.0},'
                               '"ItemCollectionMetrics":{"ItemCollectionKey":{"pk":{"S":"w1"}},'
                               '"SizeEstimateRangeGB":[0.0,1.0]}}' % self.lsi)
        text = self.raw("DeleteItem", {"TableName": self.lsi, "Key": {"pk": {"S": "w1"}, "sk": {"S": "a"}},
                                       "ReturnItemCollectionMetrics": "SIZE"})
        self.assertEqual(text, '{"ItemCollectionMetrics":{"ItemCollectionKey":{"pk":{"S":"w1"}},'
                               '"SizeEstimateRangeGB":[0.0,1.0]}}')

    # BatchWriteItem.

    def test_batch_write_item_one_entry_per_collection(self):
        # Two writes to collection b1 and one to b2 give two entries; a table without an LSI none.
        r = self.ddb.batch_write_item(RequestItems={
            self.lsi: [{"PutRequest": {"Item": self.item("b1", "a", l="x")}},
                       {"PutRequest": {"Item": self.item("b2", "a")}},
                       {"DeleteRequest": {"Key": {"pk": {"S": "b1"}, "sk": {"S": "zz"}}}}],
            self.plain: [{"PutRequest": {"Item": self.item("b1", "a")}}]},
            ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(r["UnprocessedItems"], {})
        self.assertEqual(list(r["ItemCollectionMetrics"]), [self.lsi])
        entries = r["ItemCollectionMetrics"][self.lsi]
        self.assertEqual(sorted(e["ItemCollectionKey"]["pk"]["S"] for e in entries), ["b1", "b2"])
        for e in entries:
            self.assertEqual(e["SizeEstimateRangeGB"], SMALL)

    def test_batch_write_item_order_is_dynamodb_partition_order(self):
        # The AWS CLI's documented answer lists "No One You Know" before "Acme Band" whatever the
        # request order: DynamoDB's partition (hash) order.
        for first, second in (("No One You Know", "Acme Band"), ("Acme Band", "No One You Know")):
            r = self.ddb.batch_write_item(RequestItems={self.lsi: [
                {"PutRequest": {"Item": self.item(first, "a")}}, {"PutRequest": {"Item": self.item(second, "a")}}]},
                ReturnItemCollectionMetrics="SIZE")
            keys = [e["ItemCollectionKey"]["pk"]["S"] for e in r["ItemCollectionMetrics"][self.lsi]]
            self.assertEqual(keys, ["No One You Know", "Acme Band"])

    def test_batch_write_item_without_lsi_or_size(self):
        r = self.ddb.batch_write_item(RequestItems={self.plain: [{"PutRequest": {"Item": self.item("n1", "a")}}]},
                                      ReturnItemCollectionMetrics="SIZE")
        self.assertNotIn("ItemCollectionMetrics", r)
        r = self.ddb.batch_write_item(RequestItems={self.lsi: [{"PutRequest": {"Item": self.item("n1", "a")}}]},
                                      ReturnItemCollectionMetrics="NONE")
        self.assertNotIn("ItemCollectionMetrics", r)
        text = self.raw("BatchWriteItem", {"RequestItems": {self.lsi: [{"PutRequest": {"Item": self.item("n2", "a")}}]},
                                           "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE"})
        self.assertEqual(text, '{"UnprocessedItems":{},"ItemCollectionMetrics":{"%s":[{"ItemCollectionKey":{"pk":'
                               '{"S":"n2"}},"SizeEstimateRangeGB":[0.0,1.0]}]},"ConsumedCapacity":[{"TableName":"%s",'
                               '"CapacityUnits":1.0}]}' % (self.lsi, self.lsi))

    # TransactWriteItems.

    def test_transact_write_items(self):
        self.ddb.put_item(TableName=self.lsi, Item=self.item("t2", "a"))
        r = self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": self.lsi, "Item": self.item("t1", "a", l="x")}},
            {"Update": {"TableName": self.lsi, "Key": {"pk": {"S": "t1"}, "sk": {"S": "b"}}, "UpdateExpression": "SET l = :l",
                        "ExpressionAttributeValues": {":l": {"S": "y"}}}},
            {"Delete": {"TableName": self.lsi, "Key": {"pk": {"S": "t2"}, "sk": {"S": "a"}}}},
            {"ConditionCheck": {"TableName": self.lsi, "Key": {"pk": {"S": "t3"}, "sk": {"S": "a"}},
                                "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Put": {"TableName": self.plain, "Item": self.item("t1", "a")}}],
            ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(list(r["ItemCollectionMetrics"]), [self.lsi])
        keys = sorted(e["ItemCollectionKey"]["pk"]["S"] for e in r["ItemCollectionMetrics"][self.lsi])
        self.assertEqual(keys, ["t1", "t2"])  # the condition check's t3 wrote nothing
        for e in r["ItemCollectionMetrics"][self.lsi]:
            self.assertEqual(e["SizeEstimateRangeGB"], SMALL)

    def test_transact_write_items_order_and_wire_form(self):
        text = self.raw("TransactWriteItems", {"TransactItems": [
            {"Put": {"TableName": self.lsi, "Item": self.item("Acme Band", "x")}},
            {"Put": {"TableName": self.lsi, "Item": self.item("No One You Know", "x")}}],
            "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE"})
        self.assertEqual(text, '{"ConsumedCapacity":[{"TableName":"%s","CapacityUnits":4.0,"WriteCapacityUnits":4.0}],'
                               '"ItemCollectionMetrics":'
                               '{"%s":[{"ItemCollectionKey":{"pk":{"S":"No One You Know"}},"SizeEstimateRangeGB":[0.0,1.0]},'
                               '{"ItemCollectionKey":{"pk":{"S":"Acme Band"}},"SizeEstimateRangeGB":[0.0,1.0]}]}}'
                               % (self.lsi, self.lsi))

    def test_transact_write_items_without_lsi_none_or_cancelled(self):
        put = {"Put": {"TableName": self.plain, "Item": self.item("x1", "a")}}
        self.assertEqual(self.raw("TransactWriteItems", {"TransactItems": [put], "ReturnItemCollectionMetrics": "SIZE"}), "{}")
        lsi_put = {"Put": {"TableName": self.lsi, "Item": self.item("x1", "a")}}
        r = self.ddb.transact_write_items(TransactItems=[lsi_put], ReturnItemCollectionMetrics="NONE")
        self.assertNotIn("ItemCollectionMetrics", r)
        check = {"ConditionCheck": {"TableName": self.lsi, "Key": {"pk": {"S": "x1"}, "sk": {"S": "a"}},
                                    "ConditionExpression": "attribute_not_exists(pk)"}}
        e = self.assertError("TransactionCanceledException", None, self.ddb.transact_write_items,
                             TransactItems=[check, {"Put": {"TableName": self.lsi, "Item": self.item("x2", "a")}}],
                             ReturnItemCollectionMetrics="SIZE")
        self.assertNotIn("ItemCollectionMetrics", e.response)
        # Only condition checks: nothing written, nothing reported.
        ok = {"ConditionCheck": {"TableName": self.lsi, "Key": {"pk": {"S": "x1"}, "sk": {"S": "a"}},
                                 "ConditionExpression": "attribute_exists(pk)"}}
        self.assertEqual(self.raw("TransactWriteItems", {"TransactItems": [ok], "ReturnItemCollectionMetrics": "SIZE"}), "{}")

    def test_transact_write_items_token_replay(self):
        items = [{"Put": {"TableName": self.lsi, "Item": self.item("r1", "a")}}]
        for _ in range(2):  # the first call and its replay answer alike
            r = self.ddb.transact_write_items(TransactItems=items, ClientRequestToken="icm-token-1",
                                              ReturnItemCollectionMetrics="SIZE")
            self.assertEqual(r["ItemCollectionMetrics"], {self.lsi: [self.metrics("r1")]})


if __name__ == "__main__":
    import unittest
    unittest.main()
