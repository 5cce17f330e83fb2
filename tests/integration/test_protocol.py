"""The wire protocol over raw HTTP, credential/region isolation, persistence across restarts,
and the command line."""
import http.client
import json
import socket
import subprocess
import unittest
import zlib

from harness import BINARY, Server, ServerTestCase

AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDRAW/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def raw(server, target, body, auth=AUTH, content_type="application/x-amz-json-1.0", method="POST", path="/"):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = {"Content-Type": content_type}
    if target:
        headers["X-Amz-Target"] = target
    if auth:
        headers["Authorization"] = auth
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp, data


class WireTest(ServerTestCase):
    def test_success_headers_and_crc32(self):
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{}")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "application/x-amz-json-1.0")
        self.assertEqual(int(resp.getheader("x-amz-crc32")), zlib.crc32(data))
        self.assertEqual(len(resp.getheader("x-amzn-RequestId")), 52)
        self.assertEqual(json.loads(data), {"TableNames": []})

    def test_json_1_1_gets_the_404_page(self):
        # x-amz-json-1.1 is another AWS JSON protocol; DynamoDB speaks 1.0 and answers 1.1 as it
        # answers any other content type.
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{}", content_type="application/x-amz-json-1.1")
        self.assertEqual(resp.status, 404)
        self.assertEqual(data, b"<UnknownOperationException/>\n")

    def test_error_envelopes(self):
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{}", auth=None)
        self.assertEqual(resp.status, 400)
        self.assertEqual(json.loads(data), {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                                            "message": "Request is missing Authentication Token"})
        self.assertEqual(int(resp.getheader("x-amz-crc32")), zlib.crc32(data))
        resp, data = raw(self.server, "DynamoDB_20120810.NoSuchThing", b"{}")
        self.assertEqual(resp.status, 400)
        self.assertEqual(json.loads(data)["__type"], "com.amazon.coral.service#UnknownOperationException")
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{not json")
        self.assertEqual(resp.status, 400)
        self.assertEqual(json.loads(data)["__type"], "com.amazon.coral.service#SerializationException")
        resp, data = raw(self.server, "DynamoDB_20120810.DescribeTable", b'{"TableName": "missing_table"}')
        self.assertEqual(json.loads(data), {"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                                            "message": "Requested resource not found: Table: missing_table not found"})
        resp, data = raw(self.server, "DynamoDB_20120810.DescribeTable", b'{"TableName": 5}')
        self.assertEqual(json.loads(data)["__type"], "com.amazon.coral.service#SerializationException")
        resp, data = raw(self.server, "DynamoDB_20120810.DescribeTable", b"{}")
        self.assertEqual(json.loads(data), {
            "__type": "com.amazon.coral.validate#ValidationException",
            "message": "The parameter 'TableName' is required but was not present in the request"})

    def test_body_is_strict_json_and_a_repeated_name_keeps_its_last_value(self):
        # A NUL byte after the value is not JSON.
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{}\x00junk")
        self.assertEqual(resp.status, 400)
        self.assertEqual(json.loads(data), {"__type": "com.amazon.coral.service#SerializationException"})
        # A namespace of its own, so other tests' raw ListTables still see none.
        auth = AUTH.replace("AKIDRAW", "AKIDREPEAT")
        ddb = self.server.client(access_key="AKIDREPEAT")
        ddb.create_table(TableName="repeat", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        body = (b'{"TableName":"nope","TableName":"repeat","Item":{"pk":{"S":"a"},"v":{"N":"1"},'
                b'"v":{"S":"two","N":"x","N":null},"pk":{"S":"k"}}}')
        resp, data = raw(self.server, "DynamoDB_20120810.PutItem", body, auth=auth)
        self.assertEqual(resp.status, 200, data)
        item = ddb.get_item(TableName="repeat", Key={"pk": {"S": "k"}})["Item"]
        self.assertEqual(item, {"pk": {"S": "k"}, "v": {"S": "two"}})
        self.assertNotIn("Item", ddb.get_item(TableName="repeat", Key={"pk": {"S": "a"}}))

    def test_attribute_value_shape_errors(self):
        self.ddb.create_table(TableName="shape", BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                              KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        body = json.dumps({"TableName": "shape", "Item": {"pk": {"S": "a"}, "v": {"S": "x", "N": "1"}}}).encode()
        resp, data = raw(self.server, "DynamoDB_20120810.PutItem", body)
        self.assertEqual(json.loads(data)["message"],
                         "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        body = json.dumps({"TableName": "shape", "Item": {"pk": {"S": "a"}, "v": {}}}).encode()
        resp, data = raw(self.server, "DynamoDB_20120810.PutItem", body)
        self.assertEqual(json.loads(data)["message"],
                         "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")

    def test_get_endpoints(self):
        resp, data = raw(self.server, None, None, method="GET")
        self.assertEqual(resp.status, 200)
        self.assertRegex(data.decode(), r"^healthy: dynamodb\.[a-z0-9-]+\.amazonaws\.com $")
        resp, data = raw(self.server, None, None, method="GET", path="/health")
        self.assertEqual(resp.status, 200)
        self.assertEqual(json.loads(data), {"status": "ok"})
        resp, data = raw(self.server, None, None, method="GET", path="/metrics")
        self.assertIn(b"dynarock_requests_total", data)
        resp, data = raw(self.server, None, None, method="GET", path="/nope")
        self.assertEqual(resp.status, 200)  # DynamoDB answers any GET with its health text
        self.assertTrue(data.startswith(b"healthy: dynamodb."))

    def test_body_limit(self):
        # Announce a body over DynamoDB's 16 MB limit: the server answers 413 without reading it all.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                       "X-Amz-Target: DynamoDB_20120810.PutItem\r\nAuthorization: %s\r\n"
                       "Content-Length: %d\r\n\r\n{" % (AUTH, 16 * 1024 * 1024 + 10)).encode())
            s.sendall(b" " * 100000)
            reply = b""
            while b"\r\n\r\n" not in reply:
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:100])
        # The server keeps serving.
        resp, data = raw(self.server, "DynamoDB_20120810.ListTables", b"{}")
        self.assertEqual(resp.status, 200)

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        for _ in range(50):
            conn.request("POST", "/", body=b"{}", headers={"Content-Type": "application/x-amz-json-1.0",
                                                          "X-Amz-Target": "DynamoDB_20120810.ListTables",
                                                          "Authorization": AUTH})
            resp = conn.getresponse()
            self.assertEqual(resp.status, 200)
            resp.read()
        conn.close()


class IsolationTest(unittest.TestCase):
    def test_tables_are_per_access_key_and_region_by_default(self):
        server = Server().start()
        try:
            a = server.client("AKIDA", "us-east-1")
            b = server.client("AKIDB", "us-east-1")
            c = server.client("AKIDA", "eu-west-1")
            a.create_table(TableName="mine", BillingMode="PAY_PER_REQUEST",
                           AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                           KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
            self.assertEqual(a.list_tables()["TableNames"], ["mine"])
            self.assertEqual(b.list_tables()["TableNames"], [])
            self.assertEqual(c.list_tables()["TableNames"], [])
            arn = a.describe_table(TableName="mine")["Table"]["TableArn"]
            self.assertEqual(arn, "arn:aws:dynamodb:us-east-1:000000000000:table/mine")
        finally:
            server.cleanup()

    def test_shared_db_shows_one_set_of_tables(self):
        server = Server("-sharedDb").start()
        try:
            a = server.client("AKIDA", "us-east-1")
            b = server.client("AKIDB", "ap-south-1")
            a.create_table(TableName="shared", BillingMode="PAY_PER_REQUEST",
                           AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                           KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
            self.assertEqual(b.list_tables()["TableNames"], ["shared"])
        finally:
            server.cleanup()


class PersistenceTest(unittest.TestCase):
    def test_data_survives_restart_and_kill(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="durable", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"},
                                                   {"AttributeName": "g", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                             GlobalSecondaryIndexes=[{"IndexName": "byg", "Projection": {"ProjectionType": "ALL"},
                                                      "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}])
            for i in range(100):
                ddb.put_item(TableName="durable", Item={"k": {"S": "k%d" % i}, "g": {"S": "g"}, "n": {"N": str(i)}})
            server.stop()  # clean shutdown
            server.start()
            ddb = server.client()
            self.assertEqual(ddb.describe_table(TableName="durable")["Table"]["ItemCount"], 100)
            ddb.put_item(TableName="durable", Item={"k": {"S": "after"}, "n": {"N": "7"}})
            server.stop(kill=True)  # kill -9: acknowledged writes are in the WAL
            server.start()
            ddb = server.client()
            self.assertEqual(ddb.get_item(TableName="durable", Key={"k": {"S": "after"}})["Item"]["n"], {"N": "7"})
            self.assertEqual(ddb.get_item(TableName="durable", Key={"k": {"S": "k42"}})["Item"]["n"], {"N": "42"})
            self.assertEqual(ddb.describe_table(TableName="durable")["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"], 100)
        finally:
            server.cleanup()


class CommandLineTest(unittest.TestCase):
    def test_help_and_version(self):
        out = subprocess.run([BINARY, "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 0)
        self.assertIn("--in-memory", out.stdout)
        self.assertIn("-sharedDb", out.stdout)
        out = subprocess.run([BINARY, "--version"], capture_output=True, text=True, timeout=10)
        self.assertTrue(out.stdout.startswith("dynarock "))
        out = subprocess.run([BINARY, "--bogus"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 2)
        self.assertIn("unknown option: --bogus", out.stderr)

    def test_dynamodb_local_spellings(self):
        server = Server("-inMemory", "-disableTelemetry", "-delayTransientStatuses", in_memory=False).start()
        try:
            ddb = server.client()
            out = ddb.create_table(TableName="slow", BillingMode="PAY_PER_REQUEST",
                                   AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                                   KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}])
            self.assertEqual(out["TableDescription"]["TableStatus"], "CREATING")
            ddb.get_waiter("table_exists").wait(TableName="slow", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
            self.assertEqual(ddb.describe_table(TableName="slow")["Table"]["TableStatus"], "ACTIVE")
        finally:
            server.cleanup()

    def test_cors(self):
        server = Server("--cors", "*").start()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request("OPTIONS", "/", headers={"Origin": "http://example.test",
                                                  "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "x-amz-target,content-type"})
            resp = conn.getresponse()
            resp.read()
            self.assertEqual(resp.status, 200)
            self.assertEqual(resp.getheader("Access-Control-Allow-Origin"), "*")
            self.assertEqual(resp.getheader("Access-Control-Allow-Headers"), "x-amz-target,content-type")
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
