"""Crash safety: writers do puts, conditional (optimistic-lock) updates and transactions while the
server, on a data directory, is killed with SIGKILL at random moments and restarted. After every
restart: each acknowledged write is there, transactions were all-or-nothing (transfers conserve
the total and match their receipts), and the GSI agrees with a scan of the table.
DYNAROCK_DURABILITY_CYCLES sets the number of kill cycles (default 20)."""
import os
import random
import shutil
import tempfile
import threading
import time
import unittest

import boto3
from botocore.config import Config

from harness import Server

CYCLES = int(os.environ.get("DYNAROCK_DURABILITY_CYCLES", "20"))
ACCOUNTS = 8
START_BALANCE = 1000
GROUPS = ["g0", "g1", "g2", "g3"]
TABLE = "ledger"


def client(server):
    return boto3.client("dynamodb", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id="AKIDDUR",
                        aws_secret_access_key="secret",
                        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10))


class Acknowledged:
    """What the server confirmed (a 200 answer) before it was killed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = {}        # pk -> (grp, version) last acknowledged put/update
        self.counter = 0       # last acknowledged value of the optimistic-lock counter
        self.receipts = set()  # transaction ids acknowledged


class DurabilityTest(unittest.TestCase):
    def setUp(self):
        self.data_dir = tempfile.mkdtemp(prefix="dynarock-durability-")
        self.rng = random.Random(int(os.environ.get("DYNAROCK_DURABILITY_SEED", "0")) or None)
        self.ack = Acknowledged()
        self.next_id = 0
        self.id_lock = threading.Lock()

    def tearDown(self):
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def fresh_id(self):
        with self.id_lock:
            self.next_id += 1
            return self.next_id

    def start(self):
        return Server(in_memory=False, data_dir=self.data_dir).start()

    def create(self, ddb):
        ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "grp", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[{"IndexName": "by_grp", "KeySchema": [{"AttributeName": "grp", "KeyType": "HASH"},
                                                                         {"AttributeName": "pk", "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}}])
        for i in range(ACCOUNTS):
            ddb.put_item(TableName=TABLE, Item={"pk": {"S": "acct#%d" % i}, "balance": {"N": str(START_BALANCE)}})
        ddb.put_item(TableName=TABLE, Item={"pk": {"S": "counter"}, "n": {"N": "0"}})

    # --- writers: each stops at its first failed request (the server is gone) ---

    def items_writer(self, ddb, stop, rng, lane):
        # Each writer owns its keys, so the last acknowledged write to a key is well defined.
        mine = lambda pk: pk.startswith("item#%d#" % lane) or pk.startswith("hot#%d#" % lane)
        while not stop.is_set():
            with self.ack.lock:
                own = sorted(pk for pk in self.ack.items if mine(pk))
            if rng.random() < 0.6 or not own:
                pk = "item#%d#%d" % (lane, self.fresh_id()) if rng.random() < 0.7 else "hot#%d#%d" % (lane, rng.randrange(20))
                grp, version = rng.choice(GROUPS), self.fresh_id()
                ddb.put_item(TableName=TABLE, Item={"pk": {"S": pk}, "grp": {"S": grp}, "version": {"N": str(version)},
                                                    "pad": {"S": "x" * rng.randrange(2000)}})
            else:
                pk = rng.choice(own)
                grp, version = rng.choice(GROUPS), self.fresh_id()
                # Moves the item to another group: the index entry must move with it.
                ddb.update_item(TableName=TABLE, Key={"pk": {"S": pk}},
                                UpdateExpression="SET grp = :g, version = :v",
                                ConditionExpression="attribute_exists(pk)",
                                ExpressionAttributeValues={":g": {"S": grp}, ":v": {"N": str(version)}})
            with self.ack.lock:
                old = self.ack.items.get(pk)
                if old is None or old[1] < version:
                    self.ack.items[pk] = (grp, version)

    def counter_writer(self, ddb, stop, rng, lane):
        while not stop.is_set():
            n = int(ddb.get_item(TableName=TABLE, Key={"pk": {"S": "counter"}}, ConsistentRead=True)["Item"]["n"]["N"])
            try:
                ddb.update_item(TableName=TABLE, Key={"pk": {"S": "counter"}}, UpdateExpression="SET n = :next",
                                ConditionExpression="n = :seen",
                                ExpressionAttributeValues={":seen": {"N": str(n)}, ":next": {"N": str(n + 1)}})
            except ddb.exceptions.ConditionalCheckFailedException:
                continue
            with self.ack.lock:
                self.ack.counter = max(self.ack.counter, n + 1)

    def transfer_writer(self, ddb, stop, rng, lane):
        while not stop.is_set():
            a, b = rng.sample(range(ACCOUNTS), 2)
            amount, tx = rng.randint(1, 50), "tx#%d" % self.fresh_id()
            try:
                ddb.transact_write_items(TransactItems=[
                    {"Update": {"TableName": TABLE, "Key": {"pk": {"S": "acct#%d" % a}},
                                "UpdateExpression": "SET balance = balance - :amt",
                                "ConditionExpression": "balance >= :amt",
                                "ExpressionAttributeValues": {":amt": {"N": str(amount)}}}},
                    {"Update": {"TableName": TABLE, "Key": {"pk": {"S": "acct#%d" % b}},
                                "UpdateExpression": "SET balance = balance + :amt",
                                "ExpressionAttributeValues": {":amt": {"N": str(amount)}}}},
                    {"Put": {"TableName": TABLE, "Item": {"pk": {"S": tx}, "from": {"N": str(a)}, "to": {"N": str(b)},
                                                          "amount": {"N": str(amount)}},
                             "ConditionExpression": "attribute_not_exists(pk)"}},
                ])
            except ddb.exceptions.TransactionCanceledException:
                continue
            with self.ack.lock:
                self.ack.receipts.add(tx)

    def run_writers(self, server, seconds):
        stop = threading.Event()
        errors = []

        def run(fn, seed, lane):
            try:
                fn(client(server), stop, random.Random(seed), lane)
            except Exception as e:  # the kill ends each writer with a connection error
                errors.append(e)

        threads = [threading.Thread(target=run, args=(fn, self.rng.random(), lane)) for lane, fn in
                   enumerate((self.items_writer, self.items_writer, self.counter_writer, self.transfer_writer))]
        for t in threads:
            t.start()
        time.sleep(seconds)
        return stop, threads

    # --- checks after a restart ---

    def scan_all(self, ddb, **kw):
        items, start = [], None
        while True:
            page = ddb.scan(TableName=TABLE, ConsistentRead=not kw.get("IndexName"),
                            **kw, **({"ExclusiveStartKey": start} if start else {}))
            items += page["Items"]
            start = page.get("LastEvaluatedKey")
            if not start:
                return items

    def verify(self, server, cycle):
        ddb = client(server)
        items = {it["pk"]["S"]: it for it in self.scan_all(ddb)}
        with self.ack.lock:
            acked_items, counter, receipts = dict(self.ack.items), self.ack.counter, set(self.ack.receipts)
        for pk, (grp, version) in acked_items.items():
            self.assertIn(pk, items, "cycle %d: acknowledged write of %s lost" % (cycle, pk))
            self.assertGreaterEqual(int(items[pk]["version"]["N"]), version, "cycle %d: %s went back" % (cycle, pk))
        self.assertGreaterEqual(int(items["counter"]["n"]["N"]), counter, "cycle %d: counter went back" % cycle)
        # Transactions: all or nothing. Every receipt present (acknowledged or not) is one applied
        # transfer, and nothing else moved money.
        balances = [START_BALANCE] * ACCOUNTS
        for pk, it in items.items():
            if pk.startswith("tx#"):
                amount = int(it["amount"]["N"])
                balances[int(it["from"]["N"])] -= amount
                balances[int(it["to"]["N"])] += amount
        for i in range(ACCOUNTS):
            self.assertEqual(int(items["acct#%d" % i]["balance"]["N"]), balances[i], "cycle %d: acct#%d" % (cycle, i))
        self.assertEqual(sum(balances), ACCOUNTS * START_BALANCE)
        missing = receipts - set(items)
        self.assertFalse(missing, "cycle %d: acknowledged transactions lost: %s" % (cycle, sorted(missing)[:5]))
        # The index agrees with the table: the same keys, groups and versions, via Query and Scan.
        expected = {pk: (it["grp"]["S"], it["version"]["N"]) for pk, it in items.items() if "grp" in it}
        via_query = {}
        for grp in GROUPS:
            start = None
            while True:
                page = ddb.query(TableName=TABLE, IndexName="by_grp", KeyConditionExpression="grp = :g",
                                 ExpressionAttributeValues={":g": {"S": grp}},
                                 **({"ExclusiveStartKey": start} if start else {}))
                for it in page["Items"]:
                    self.assertNotIn(it["pk"]["S"], via_query, "cycle %d: index lists %s twice" % (cycle, it["pk"]["S"]))
                    via_query[it["pk"]["S"]] = (it["grp"]["S"], it["version"]["N"])
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
        self.assertEqual(via_query, expected, "cycle %d: GSI query disagrees with table scan" % cycle)
        via_scan = {it["pk"]["S"]: (it["grp"]["S"], it["version"]["N"]) for it in self.scan_all(ddb, IndexName="by_grp")}
        self.assertEqual(via_scan, expected, "cycle %d: GSI scan disagrees with table scan" % cycle)
        return len(items)

    def test_acknowledged_writes_survive_sigkill(self):
        server = self.start()
        self.create(client(server))
        try:
            for cycle in range(1, CYCLES + 1):
                stop, threads = self.run_writers(server, self.rng.uniform(0.2, 1.0))
                server.stop(kill=True)  # SIGKILL mid-write
                stop.set()
                for t in threads:
                    t.join(timeout=30)
                server = self.start()
                count = self.verify(server, cycle)
            self.assertGreater(count, ACCOUNTS + 1, "the writers wrote nothing")
            print("\n%d SIGKILL cycles: %d items, %d acknowledged transactions, counter %d" %
                  (CYCLES, count, len(self.ack.receipts), self.ack.counter))
            self.assertGreater(len(self.ack.receipts), 0)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
