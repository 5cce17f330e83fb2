"""Seed 003 (balance management): getCurrentBalance and an idempotent transact() through boto3.

Tables UserBalances (userId) and Transactions (idempotentKey), created with provisioned throughput
as in the seed's CLI commands. A missing balance reads as 100. transact() writes the Transactions
record (attribute_not_exists(idempotentKey)) and moves the balance in one TransactWriteItems; a
debit is guarded by `balance >= :amt` (or the default when the user has no row yet), so the
balance never goes below 0 and a repeated idempotency key is applied once.
"""
import threading
import unittest
import uuid

from botocore.exceptions import ClientError

from harness import ServerTestCase

DEFAULT_BALANCE = 100


class InsufficientFunds(Exception):
    pass


def get_current_balance(client, user_id):
    item = client.get_item(TableName="UserBalances", Key={"userId": {"S": user_id}}, ConsistentRead=True).get("Item")
    return int(item["balance"]["N"]) if item else DEFAULT_BALANCE


def transact(client, idempotent_key, user_id, amount, type_):
    """Returns "applied" or "duplicate"; raises InsufficientFunds when a debit would go below 0."""
    if amount <= 0 or type_ not in ("credit", "debit"):
        raise ValueError("bad transaction")
    if type_ == "credit":
        update = {"UpdateExpression": "SET balance = if_not_exists(balance, :default) + :amt"}
    else:
        update = {"UpdateExpression": "SET balance = if_not_exists(balance, :default) - :amt",
                  "ConditionExpression": "(attribute_not_exists(balance) AND :default >= :amt) OR balance >= :amt"}
    try:
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": "Transactions", "ConditionExpression": "attribute_not_exists(idempotentKey)",
                     "Item": {"idempotentKey": {"S": idempotent_key}, "userId": {"S": user_id},
                              "amount": {"N": str(amount)}, "type": {"S": type_}}}},
            {"Update": {"TableName": "UserBalances", "Key": {"userId": {"S": user_id}},
                        "ExpressionAttributeValues": {":amt": {"N": str(amount)}, ":default": {"N": str(DEFAULT_BALANCE)}},
                        **update}},
        ])
        return "applied"
    except ClientError as e:
        if e.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        codes = [r["Code"] for r in e.response["CancellationReasons"]]
        if codes[0] == "ConditionalCheckFailed":
            return "duplicate"
        if codes[1] == "ConditionalCheckFailed":
            raise InsufficientFunds() from e
        raise


class BalancesSeedTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, key in (("UserBalances", "userId"), ("Transactions", "idempotentKey")):
            cls.ddb.create_table(TableName=name, AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
                                 KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
                                 ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})

    def user(self):
        return "user-" + uuid.uuid4().hex[:8]

    def records_for(self, user_id):
        items = self.ddb.scan(TableName="Transactions", FilterExpression="userId = :u",
                              ExpressionAttributeValues={":u": {"S": user_id}}, ConsistentRead=True)["Items"]
        return {i["idempotentKey"]["S"]: (i["type"]["S"], int(i["amount"]["N"])) for i in items}

    def test_tables_have_provisioned_throughput(self):
        for name in ("UserBalances", "Transactions"):
            t = self.ddb.describe_table(TableName=name)["Table"]
            self.assertEqual(t["ProvisionedThroughput"]["ReadCapacityUnits"], 5)
            self.assertEqual(t["ProvisionedThroughput"]["WriteCapacityUnits"], 5)
        self.assertEqual(self.ddb.describe_table(TableName="Transactions")["Table"]["KeySchema"],
                         [{"AttributeName": "idempotentKey", "KeyType": "HASH"}])

    def test_default_balance(self):
        self.assertEqual(get_current_balance(self.ddb, self.user()), 100)

    def test_credit_and_debit(self):
        u = self.user()
        self.assertEqual(transact(self.ddb, u + "-1", u, 50, "credit"), "applied")
        self.assertEqual(get_current_balance(self.ddb, u), 150)
        self.assertEqual(transact(self.ddb, u + "-2", u, 30, "debit"), "applied")
        self.assertEqual(get_current_balance(self.ddb, u), 120)
        self.assertEqual(self.records_for(u), {u + "-1": ("credit", 50), u + "-2": ("debit", 30)})

    def test_first_debit_uses_the_default(self):
        u = self.user()
        self.assertEqual(transact(self.ddb, u + "-1", u, 100, "debit"), "applied")
        self.assertEqual(get_current_balance(self.ddb, u), 0)
        with self.assertRaises(InsufficientFunds):
            transact(self.ddb, u + "-2", u, 1, "debit")
        self.assertEqual(get_current_balance(self.ddb, u), 0)
        v = self.user()
        with self.assertRaises(InsufficientFunds):
            transact(self.ddb, v + "-1", v, 101, "debit")
        self.assertEqual(get_current_balance(self.ddb, v), 100)
        # Nothing of a refused debit is kept: no record, no balance row.
        self.assertEqual(self.records_for(v), {})
        self.assertNotIn("Item", self.ddb.get_item(TableName="UserBalances", Key={"userId": {"S": v}}))

    def test_idempotent_keys(self):
        u = self.user()
        self.assertEqual(transact(self.ddb, u + "-k", u, 40, "debit"), "applied")
        self.assertEqual(transact(self.ddb, u + "-k", u, 40, "debit"), "duplicate")
        self.assertEqual(transact(self.ddb, u + "-k", u, 40, "credit"), "duplicate")
        self.assertEqual(get_current_balance(self.ddb, u), 60)
        with self.assertRaises(InsufficientFunds) as cm:
            transact(self.ddb, u + "-x", u, 61, "debit")
        self.assertEqual(cm.exception.__cause__.response["CancellationReasons"],
                         [{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}])
        self.assertEqual(get_current_balance(self.ddb, u), 60)
        self.assertEqual(self.records_for(u), {u + "-k": ("debit", 40)})

    def test_concurrent_debits_never_overdraw(self):
        u = self.user()
        self.assertEqual(transact(self.ddb, u + "-seed", u, 5, "credit"), "applied")  # balance 105
        threads_n, amount = 32, 7
        keys = ["%s-d%d" % (u, i % 24) for i in range(threads_n)]  # 8 keys are used twice
        clients = [self.server.client() for _ in range(threads_n)]
        barrier = threading.Barrier(threads_n)
        results, lock = [], threading.Lock()
        observed = []

        def worker(i):
            barrier.wait()
            try:
                outcome = transact(clients[i], keys[i], u, amount, "debit")
            except InsufficientFunds:
                outcome = "insufficient"
            except ClientError as e:
                outcome = "error:" + e.response["Error"]["Code"]
            balance = get_current_balance(clients[i], u)
            with lock:
                results.append((keys[i], outcome))
                observed.append(balance)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        self.assertEqual(len(results), threads_n)
        self.assertEqual([o for _, o in results if o.startswith("error:")], [])
        applied = [k for k, o in results if o == "applied"]
        self.assertEqual(len(applied), len(set(applied)), "an idempotency key was applied twice")
        # 105 // 7 = 15 debits fit; every other distinct key is refused or a duplicate.
        self.assertEqual(len(applied), 15)
        final = get_current_balance(self.ddb, u)
        self.assertEqual(final, 105 - amount * len(set(applied)))
        self.assertEqual(final, 0)
        self.assertTrue(all(b >= 0 for b in observed), observed)
        debits = {k: v for k, v in self.records_for(u).items() if v[0] == "debit"}
        self.assertEqual(set(debits), set(applied))
        # A duplicate key never reports "applied" after its first success.
        for k, o in results:
            if o == "duplicate":
                self.assertIn(k, applied)


if __name__ == "__main__":
    unittest.main()
