"""dynarock dump / load over the wire: tables (definitions and items) to and from a folder in the
DynamoDB JSON export layout, which --init also reads; an interrupted load resumes."""
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import BINARY, Server


def read_json(path):
    with open(path) as f:
        return json.load(f)


def read_lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f]


def run(*args, env=None):
    proc = subprocess.run([BINARY, *args], capture_output=True, timeout=120,
                          env=dict(os.environ, **(env or {})))
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


class DumpLoadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.source = Server("--shared-db").start()
        ddb = cls.source.client()
        ddb.create_table(TableName="Orders", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                               {"AttributeName": "sk", "AttributeType": "N"},
                                               {"AttributeName": "g", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                         GlobalSecondaryIndexes=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                  "Projection": {"ProjectionType": "ALL"}}])
        ddb.create_table(TableName="Empty", AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "B"}],
                         KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         ProvisionedThroughput={"ReadCapacityUnits": 2, "WriteCapacityUnits": 3})
        cls.items = []
        for i in range(260):
            item = {"pk": {"S": "p%d" % (i % 7)}, "sk": {"N": str(i)}, "g": {"S": "g%d" % (i % 3)},
                    "nested": {"M": {"l": {"L": [{"N": "1.5"}, {"NULL": True}, {"SS": ["a", "b"]}]}}}}
            cls.items.append(item)
        for start in range(0, len(cls.items), 25):
            ddb.batch_write_item(RequestItems={"Orders": [{"PutRequest": {"Item": i}} for i in cls.items[start:start + 25]]})

    @classmethod
    def tearDownClass(cls):
        cls.source.cleanup()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dynarock-dump-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def dump(self):
        status, out, err = run("dump", "--endpoint", self.source.url, "--out", self.dir, "--segments", "3")
        self.assertEqual(status, 0, err)
        return out

    def test_dump_writes_the_export_layout(self):
        out = self.dump()
        self.assertIn("dumped 260 items, 2 tables", out)
        self.assertIn("items/s", out)
        manifest = read_json(os.path.join(self.dir, "Orders", "manifest-summary.json"))
        self.assertEqual(manifest["itemCount"], 260)
        self.assertTrue(manifest["tableArn"].endswith(":table/Orders"))
        self.assertEqual(manifest["exportFormat"], "DYNAMODB_JSON")
        lines = []
        for f in sorted(glob.glob(os.path.join(self.dir, "Orders", "data", "*.json"))):
            lines += read_lines(f)
        self.assertEqual(len(glob.glob(os.path.join(self.dir, "Orders", "data", "*.json"))), 3)
        self.assertEqual(sorted(int(l["Item"]["sk"]["N"]) for l in lines), list(range(260)))
        table = read_json(os.path.join(self.dir, "Empty", "table.json"))
        self.assertEqual(table["ProvisionedThroughput"], {"ReadCapacityUnits": 2, "WriteCapacityUnits": 3})

    def test_load_into_another_server_and_init_from_a_dump(self):
        self.dump()
        target = Server().start()
        try:
            status, out, err = run("load", "--endpoint", target.url, "--in", self.dir,
                                   env={"AWS_ACCESS_KEY_ID": "AKIDLOAD", "AWS_REGION": "eu-west-1"})
            self.assertEqual(status, 0, err)
            self.assertIn("loaded 260 items, 2 tables", out)
            ddb = target.client(access_key="AKIDLOAD", region="eu-west-1")
            self.assertEqual(ddb.list_tables()["TableNames"], ["Empty", "Orders"])
            t = ddb.describe_table(TableName="Orders")["Table"]
            self.assertEqual(t["GlobalSecondaryIndexes"][0]["IndexName"], "byG")
            got = ddb.get_item(TableName="Orders", Key={"pk": {"S": "p3"}, "sk": {"N": "17"}})["Item"]
            self.assertEqual(got, self.items[17])
            self.assertEqual(ddb.scan(TableName="Orders", Select="COUNT")["Count"], 260)
            self.assertFalse(os.path.exists(os.path.join(self.dir, "Orders", ".load-progress.json")))
        finally:
            target.cleanup()
        init = Server("--init", self.dir, "--shared-db").start()
        try:
            self.assertEqual(init.client().scan(TableName="Orders", Select="COUNT")["Count"], 260)
        finally:
            init.cleanup()

    def test_interrupted_load_resumes(self):
        self.dump()
        data = [f for f in sorted(glob.glob(os.path.join(self.dir, "Orders", "data", "*.json"))) if read_lines(f)]
        first = os.path.basename(data[0])
        done = len(read_lines(data[0]))
        # As an interrupted load leaves it: the first file fully loaded.
        with open(os.path.join(self.dir, "Orders", ".load-progress.json"), "w") as f:
            json.dump({first: done}, f)
        target = Server("--shared-db").start()
        try:
            status, out, err = run("load", "--endpoint", target.url, "--in", self.dir, "Orders")
            self.assertEqual(status, 0, err)
            self.assertIn("Orders: resumed after %d items loaded earlier" % done, out)
            self.assertIn("loaded %d items, 1 tables" % (260 - done), out)
            self.assertEqual(target.client().scan(TableName="Orders", Select="COUNT")["Count"], 260 - done)
            self.assertEqual(target.client().list_tables()["TableNames"], ["Orders"])
        finally:
            target.cleanup()

    def test_errors(self):
        status, _, err = run("dump", "--endpoint", self.source.url)
        self.assertEqual(status, 2)
        self.assertIn("missing --out DIR", err)
        status, _, err = run("dump", "--endpoint", self.source.url, "--out", self.dir, "Missing")
        self.assertEqual(status, 1)
        self.assertIn("ResourceNotFoundException", err)
        status, _, err = run("load", "--endpoint", "http://127.0.0.1:1", "--in", self.dir)
        self.assertEqual(status, 1)


if __name__ == "__main__":
    unittest.main()
