"""Conditional writes under contention, through boto3 with one client per thread: a condition and
the update it guards are one atomic step, so concurrent debits never overdraw a balance or lose
an update, and optimistic locking on a version attribute lets exactly one writer win each
version."""
import random
import threading
import unittest

from harness import ServerTestCase

THREADS = 32


class ConcurrencyTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.table = "concurrency"
        cls.ddb.create_table(TableName=cls.table, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        # Clients are made up front: creating boto3 clients is not thread-safe.
        cls.clients = [cls.server.client() for _ in range(THREADS)]

    def run_threads(self, target):
        errors = []

        def guarded(i):
            try:
                target(i, self.clients[i])
            except Exception as e:  # noqa: BLE001 -- reported to the test thread below
                errors.append(e)

        threads = [threading.Thread(target=guarded, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertFalse(any(t.is_alive() for t in threads), "threads did not finish")
        if errors:
            raise errors[0]

    def test_concurrent_debits_never_overdraw(self):
        start = 3000
        key = {"pk": {"S": "balance"}}
        self.ddb.put_item(TableName=self.table, Item=dict(key, balance={"N": str(start)}))
        lock = threading.Lock()
        successes, failures = [], []  # (amount, new balance) / amount

        def debit(i, ddb):
            rng = random.Random(i)
            for _ in range(200):
                amount = rng.randint(7, 13)
                try:
                    out = ddb.update_item(TableName=self.table, Key=key, UpdateExpression="SET balance = balance - :a",
                                          ConditionExpression="balance >= :a",
                                          ExpressionAttributeValues={":a": {"N": str(amount)}}, ReturnValues="UPDATED_NEW")
                    with lock:
                        successes.append((amount, int(out["Attributes"]["balance"]["N"])))
                except ddb.exceptions.ConditionalCheckFailedException as e:
                    self.assertEqual(e.response["Error"]["Message"], "The conditional request failed")
                    with lock:
                        failures.append(amount)
                    if amount == 7:  # the balance is below every amount from now on
                        return

        self.run_threads(debit)
        final = int(self.ddb.get_item(TableName=self.table, Key=key, ConsistentRead=True)["Item"]["balance"]["N"])
        self.assertEqual(final, start - sum(a for a, _ in successes))
        self.assertGreaterEqual(final, 0)
        self.assertLess(final, 7)
        self.assertGreaterEqual(len(failures), THREADS)  # every thread stopped on a failed debit of 7
        # Each success saw the balance the previous one left: replaying them in order of the balances
        # they returned rebuilds the history, so no update was lost or applied twice.
        balance = start
        for amount, new_balance in sorted(successes, key=lambda s: -s[1]):
            self.assertEqual(new_balance, balance - amount)
            balance = new_balance
        self.assertEqual(balance, final)

    def test_optimistic_locking_one_winner_per_version(self):
        key = {"pk": {"S": "versioned"}}
        self.ddb.put_item(TableName=self.table, Item=dict(key, version={"N": "0"}, owner={"S": "none"}))
        target_version = 60
        lock = threading.Lock()
        wins = {}  # version -> writer
        losses = [0]

        def writer(i, ddb):
            while True:
                item = ddb.get_item(TableName=self.table, Key=key, ConsistentRead=True)["Item"]
                current = int(item["version"]["N"])
                if current >= target_version:
                    return
                try:
                    ddb.put_item(TableName=self.table,
                                 Item=dict(key, version={"N": str(current + 1)}, owner={"S": "w%d" % i}),
                                 ConditionExpression="version = :v",
                                 ExpressionAttributeValues={":v": {"N": str(current)}})
                    with lock:
                        self.assertNotIn(current + 1, wins, "two writers won version %d" % (current + 1))
                        wins[current + 1] = "w%d" % i
                except ddb.exceptions.ConditionalCheckFailedException:
                    with lock:
                        losses[0] += 1

        self.run_threads(writer)
        item = self.ddb.get_item(TableName=self.table, Key=key, ConsistentRead=True)["Item"]
        self.assertEqual(int(item["version"]["N"]), target_version)
        self.assertEqual(sorted(wins), list(range(1, target_version + 1)))
        self.assertEqual(item["owner"]["S"], wins[target_version])
        self.assertGreater(losses[0], 0)  # 32 writers on one item do collide


if __name__ == "__main__":
    unittest.main()
