"""The HTTP edges of the wire protocol over raw HTTP, against the answers DynamoDB gives (as
recorded by dynalite's connection tests, including their x-amz-crc32 values, which pin the exact
body bytes): other methods and content types get DynamoDB's 404 page, content types with
parameters, a body that is not JSON before a missing target before missing authentication,
authentication parsing errors, CORS, the GET health text; gzip request and response bodies."""
import gzip
import http.client
import json
import os
import re
import socket
import unittest
import zlib

import boto3
from botocore.config import Config

from harness import Server

AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDRAW/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
NOT_FOUND = b"<UnknownOperationException/>\n"


def call(server, method="POST", path="/", body=None, headers=None):
    """(status, lower-case headers, raw body) of one request sent exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest(method, path, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    data = body.encode() if isinstance(body, str) else body
    if data is not None:
        conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, raw


class RecordedAnswersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(env=dict(os.environ, AWS_REGION="us-east-1")).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def assert_request_id(self, headers):
        self.assertRegex(headers.get("x-amzn-requestid", ""), r"^[0-9A-Z]{52}$")

    def assert_not_found(self, answer):
        status, headers, body = answer
        self.assertEqual(status, 404)
        self.assertEqual(body, NOT_FOUND)
        self.assertEqual(headers["x-amz-crc32"], "3552371480")
        self.assertEqual(headers["content-length"], "29")
        self.assert_request_id(headers)

    def assert_body(self, answer, expected, crc, content_type="application/json"):
        status, headers, body = answer
        self.assertEqual(status, 400, body)
        self.assertEqual(json.loads(body), expected)
        self.assertEqual(headers["x-amz-crc32"], str(crc), body)
        self.assertEqual(zlib.crc32(body), crc)
        self.assertEqual(headers["content-type"], content_type)
        self.assert_request_id(headers)

    def assert_serialization(self, answer, content_type="application/json"):
        self.assert_body(answer, {"__type": "com.amazon.coral.service#SerializationException"}, 3948637019, content_type)

    def assert_unknown_operation(self, answer, content_type="application/json"):
        self.assert_body(answer, {"__type": "com.amazon.coral.service#UnknownOperationException"}, 1368724161,
                         content_type)

    def assert_missing_token(self, answer):
        self.assert_body(answer, {"__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
                                  "message": "Request is missing Authentication Token"}, 2088342776)

    def assert_incomplete(self, answer, message, crc):
        self.assert_body(answer, {"__type": "com.amazon.coral.service#IncompleteSignatureException",
                                  "message": message}, crc)

    def test_get_answers_the_health_text_on_any_path(self):
        for path in ("/", "/anything?x=1"):
            with self.subTest(path):
                status, headers, body = call(self.server, "GET", path)
                self.assertEqual(status, 200)
                self.assertEqual(body, b"healthy: dynamodb.us-east-1.amazonaws.com ")
                self.assertEqual(headers["x-amz-crc32"], "3128867991")
                self.assertEqual(headers["content-length"], "42")
                self.assert_request_id(headers)

    def test_other_methods_get_the_404_page(self):
        for method in ("PUT", "DELETE", "OPTIONS", "PATCH"):
            with self.subTest(method):
                self.assert_not_found(call(self.server, method))

    def test_head_gets_a_404_without_a_body(self):
        status, headers, body = call(self.server, "HEAD")
        self.assertEqual((status, body), (404, b""))

    def test_a_body_of_another_content_type_gets_the_404_page(self):
        for content_type in (None, "whatever", "application/jsonasdf", "text/plain"):
            with self.subTest(content_type):
                headers = {"Content-Type": content_type} if content_type else {}
                self.assert_not_found(call(self.server, body="hi", headers=headers))

    def test_a_body_that_is_not_json_comes_before_the_target(self):
        for content_type in ("application/json", "application/json;", "  application/json  ;   asfd",
                             "application/json;blahblah"):
            with self.subTest(content_type):
                self.assert_serialization(call(self.server, body="hi", headers={"Content-Type": content_type}))
        for content_type in ("application/x-amz-json-1.0", "application/x-amz-json-1.0;blahblah"):
            with self.subTest(content_type):
                self.assert_serialization(call(self.server, body="hi", headers={"Content-Type": content_type}),
                                          "application/x-amz-json-1.0")
        # ... and before authentication.
        self.assert_serialization(call(self.server, body="hi", headers={
            "Content-Type": "application/json", "X-Amz-Target": "DynamoDB_20120810.ListTables"}))

    def test_missing_or_unknown_target(self):
        self.assert_unknown_operation(call(self.server))
        self.assert_unknown_operation(call(self.server, body="{}", headers={"Content-Type": "application/json"}))
        self.assert_unknown_operation(call(self.server, body="{}", headers={
            "Content-Type": "application/json;charset=asfdsaf"}))
        self.assert_unknown_operation(call(self.server, body="{}", headers={
            "Content-Type": "application/x-amz-json-1.0"}), "application/x-amz-json-1.0")
        for target in ("whatever", "DynamoDB_20120810.ListTable"):
            with self.subTest(target):
                self.assert_unknown_operation(call(self.server, headers={"X-Amz-Target": target}))

    def test_missing_authentication(self):
        target = {"X-Amz-Target": "DynamoDB_20120810.ListTables"}
        self.assert_missing_token(call(self.server, headers=target))
        self.assert_missing_token(call(self.server, headers=dict(target, Authorization="AWS4")))
        self.assert_missing_token(call(self.server, path="/?X-Amz-Algorith", headers=dict(target, Authorization="X")))
        self.assert_missing_token(call(self.server, path="/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c"
                                       "&X-Amz-Date=d", headers=target))

    def test_header_and_query_signing_together(self):
        self.assert_body(call(self.server, path="/?X-Amz-Algorithm", headers={
            "X-Amz-Target": "DynamoDB_20120810.ListTables", "Authorization": "X"}),
            {"__type": "com.amazon.coral.service#InvalidSignatureException",
             "message": "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."},
            2139606068)

    def test_incomplete_signatures(self):
        target = {"X-Amz-Target": "DynamoDB_20120810.ListTables"}
        self.assert_incomplete(call(self.server, headers=dict(target, Authorization="AWS4-")),
                               "Authorization header requires 'Credential' parameter. Authorization header requires "
                               "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                               "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                               "Authorization=AWS4-", 1828866742)
        for auth, crc in (("AWS4- Signature=b Credential=a", 15336762), ("AWS4- Signature=b,Credential=a", 1159703774),
                          ("AWS4- Signature=b, Credential=a", 164353342)):
            with self.subTest(auth):
                self.assert_incomplete(call(self.server, headers=dict(target, Authorization=auth, Date="a")),
                                       "Authorization header requires 'SignedHeaders' parameter. Authorization=" + auth,
                                       crc)
        self.assert_incomplete(call(self.server, path="/?X-Amz-Algorithm", headers=target),
                               "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters "
                               "must include 'X-Amz-Credential'. AWS query-string parameters must include "
                               "'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS "
                               "query-string parameters must include 'X-Amz-Date'. Re-examine the query-string "
                               "parameters.", 2900502663)
        self.assert_incomplete(call(self.server, path="/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c"
                                    "&X-Amz-Date=d", headers=target),
                               "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the "
                               "query-string parameters.", 3712057481)

    def test_an_empty_body_is_refused_after_authentication(self):
        headers = {"X-Amz-Target": "DynamoDB_20120810.ListTables", "Authorization": AUTH, "X-Amz-Date": "20260101T000000Z",
                   "Content-Type": "application/x-amz-json-1.0"}
        self.assert_serialization(call(self.server, body="", headers=headers), "application/x-amz-json-1.0")
        status, _, body = call(self.server, body="[1]", headers=headers)
        self.assertEqual((status, json.loads(body)["__type"]), (400, "com.amazon.coral.service#SerializationException"))

    def test_any_path_serves_dynamodb_requests(self):
        status, _, body = call(self.server, path="/some/where?x=1", body="{}", headers={
            "X-Amz-Target": "DynamoDB_20120810.ListTables", "Authorization": AUTH,
            "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual((status, json.loads(body)), (200, {"TableNames": []}))

    def test_no_cors_headers_without_the_flag(self):
        status, headers, _ = call(self.server, "OPTIONS", headers={"Origin": "http://example.test"})
        self.assertEqual(status, 404)
        self.assertNotIn("access-control-allow-origin", headers)


class CorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--cors", "*").start()
        cls.one = Server("--cors", "http://allowed.test").start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        cls.one.cleanup()

    def preflight(self, server, **headers):
        return call(server, "OPTIONS", headers=dict({"Origin": "whatever"}, **headers))

    def test_preflight(self):
        status, headers, body = self.preflight(self.server)
        self.assertEqual((status, body), (200, b""))
        self.assertRegex(headers["x-amzn-requestid"], r"^[0-9A-Z]{52}$")
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertEqual(headers["access-control-max-age"], "172800")
        self.assertEqual(headers["content-length"], "0")
        self.assertNotIn("access-control-allow-headers", headers)
        status, headers, body = self.preflight(self.server, **{"Access-Control-Request-Headers": "a, b, c"})
        self.assertEqual(headers["access-control-allow-headers"], "a, b, c")
        status, headers, body = self.preflight(self.server, **{"Access-Control-Request-Headers": "a, b, c",
                                                               "Access-Control-Request-Method": "d"})
        self.assertEqual(headers["access-control-allow-headers"], "a, b, c")
        self.assertEqual(headers["access-control-allow-methods"], "d")

    def test_every_answer_carries_the_allowed_origin(self):
        status, headers, body = call(self.server, headers={"Origin": "whatever"})
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body), {"__type": "com.amazon.coral.service#UnknownOperationException"})
        self.assertEqual(headers["access-control-allow-origin"], "*")
        for method in ("GET", "PUT"):
            status, headers, body = call(self.server, method, headers={"Origin": "whatever"})
            self.assertEqual(headers["access-control-allow-origin"], "*", method)
        # Without an Origin, no CORS headers.
        status, headers, body = call(self.server)
        self.assertNotIn("access-control-allow-origin", headers)

    def test_a_single_allowed_origin(self):
        status, headers, _ = self.preflight(self.one, Origin="http://allowed.test")
        self.assertEqual((status, headers["access-control-allow-origin"]), (200, "http://allowed.test"))
        status, headers, _ = self.preflight(self.one, Origin="http://other.test")
        self.assertEqual(status, 404)
        self.assertNotIn("access-control-allow-origin", headers)


class CompressionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--shared-db").start()  # raw requests and boto3 use different keys
        cls.ddb = cls.server.client()
        cls.ddb.create_table(TableName="gzt", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def legacy_client(self):
        return boto3.client("dynamodb", endpoint_url=self.server.url, region_name="us-east-1",
                            aws_access_key_id="AKIDTEST", aws_secret_access_key="secret",
                            config=Config(retries={"max_attempts": 1, "mode": "legacy"}))

    def post(self, target, body, extra=None, compress=True):
        headers = {"X-Amz-Target": "DynamoDB_20120810." + target, "Authorization": AUTH,
                   "Content-Type": "application/x-amz-json-1.0"}
        if compress:
            headers["Content-Encoding"] = "gzip"
        headers.update(extra or {})
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return call(self.server, body=gzip.compress(data) if compress else data, headers=headers)

    def test_gzip_request_body(self):
        status, _, body = self.post("PutItem", {"TableName": "gzt", "Item": {"pk": {"S": "a"}, "v": {"S": "x" * 5000}}})
        self.assertEqual((status, json.loads(body)), (200, {}))
        item = self.ddb.get_item(TableName="gzt", Key={"pk": {"S": "a"}})["Item"]
        self.assertEqual(item["v"]["S"], "x" * 5000)
        # zlib framing (Content-Encoding: deflate) too.
        status, _, body = call(self.server, body=zlib.compress(b'{"TableName":"gzt","Key":{"pk":{"S":"a"}}}'), headers={
            "X-Amz-Target": "DynamoDB_20120810.GetItem", "Authorization": AUTH,
            "Content-Type": "application/x-amz-json-1.0", "Content-Encoding": "deflate"})
        self.assertEqual(json.loads(body)["Item"]["pk"], {"S": "a"})

    def test_corrupt_gzip_is_a_serialization_error(self):
        for data in (b"not gzip at all", gzip.compress(b'{"TableName":"gzt"}')[:-6]):
            status, _, body = self.post("DescribeTable", data, compress=False, extra={"Content-Encoding": "gzip"})
            self.assertEqual((status, json.loads(body)), (400, {"__type": "com.amazon.coral.service#SerializationException"}))

    def test_gzip_bomb_is_refused_not_inflated(self):
        # 17 MB of spaces inflate past the 16 MB body limit from a ~17 KB body.
        bomb = gzip.compress(b'{"TableName":"gzt"' + b" " * (17 * 1024 * 1024) + b"}")
        self.assertLess(len(bomb), 100 * 1024)
        status, headers, body = self.post("DescribeTable", bomb, compress=False, extra={"Content-Encoding": "gzip"})
        self.assertEqual(status, 413)
        self.assertEqual(json.loads(body)["__type"], "com.amazon.coral.service#RequestEntityTooLarge")
        # Just under the limit is fine.
        ok = gzip.compress(b'{"TableName":"gzt"' + b" " * (15 * 1024 * 1024) + b"}")
        status, _, body = self.post("DescribeTable", ok, compress=False, extra={"Content-Encoding": "gzip"})
        self.assertEqual(status, 200)

    def test_compressed_over_deep_body_is_refused(self):
        deep = b'{"TableName":"gzt","Item":' + b"[" * 300 + b"]" * 300 + b"}"
        status, _, body = self.post("PutItem", deep)
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["__type"], "com.amazon.coral.service#SerializationException")

    def test_gzip_response_and_its_crc32(self):
        self.ddb.put_item(TableName="gzt", Item={"pk": {"S": "big"}, "v": {"S": "y" * 10000}})
        request = {"TableName": "gzt", "Key": {"pk": {"S": "big"}}}
        for accept in ("gzip", "gzip, deflate", "br;q=1.0, gzip;q=0.8", "identity, GZIP"):
            with self.subTest(accept):
                status, headers, raw = self.post("GetItem", request, {"Accept-Encoding": accept}, compress=False)
                self.assertEqual(status, 200)
                self.assertEqual(headers["content-encoding"], "gzip")
                self.assertLess(len(raw), 1000)
                # x-amz-crc32 covers the bytes sent, i.e. the compressed ones.
                self.assertEqual(int(headers["x-amz-crc32"]), zlib.crc32(raw))
                self.assertEqual(json.loads(gzip.decompress(raw))["Item"]["v"]["S"], "y" * 10000)
        for accept in (None, "identity", "gzip;q=0", "deflate"):
            with self.subTest(accept):
                status, headers, raw = self.post("GetItem", request, {"Accept-Encoding": accept} if accept else {},
                                                 compress=False)
                self.assertNotIn("content-encoding", headers)
                self.assertEqual(int(headers["x-amz-crc32"]), zlib.crc32(raw))
                self.assertEqual(json.loads(raw)["Item"]["pk"], {"S": "big"})

    def test_errors_are_gzipped_too(self):
        status, headers, raw = self.post("DescribeTable", {"TableName": "missing"}, {"Accept-Encoding": "gzip"})
        self.assertEqual(status, 400)
        self.assertEqual(int(headers["x-amz-crc32"]), zlib.crc32(raw))
        self.assertEqual(json.loads(gzip.decompress(raw))["__type"],
                         "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException")

    def test_boto3_sending_gzip_bodies_and_checking_crc32(self):
        # botocore checks x-amz-crc32 against the body it received (and retries on a mismatch).
        ddb = self.legacy_client()

        def compress(request, **_):
            request.headers["Content-Encoding"] = "gzip"
            request.body = gzip.compress(request.body if isinstance(request.body, bytes) else request.body.encode())
            request.headers["Content-Length"] = str(len(request.body))

        ddb.meta.events.register("before-send.dynamodb.*", lambda request, **kw: compress(request))
        ddb.put_item(TableName="gzt", Item={"pk": {"S": "boto"}, "n": {"N": "7"}})
        self.assertEqual(ddb.get_item(TableName="gzt", Key={"pk": {"S": "boto"}})["Item"]["n"], {"N": "7"})
        with self.assertRaises(ddb.exceptions.ResourceNotFoundException):
            ddb.describe_table(TableName="nope")

    def test_boto3_with_gzip_responses(self):
        # botocore's legacy retry mode raises ChecksumError when x-amz-crc32 does not match the
        # bytes received (http_response.content, still compressed); a hook then decodes the body.
        ddb = self.legacy_client()
        seen = []

        def ask(request, **_):
            request.headers["Accept-Encoding"] = "gzip"

        def decode(response_dict, **_):
            if response_dict["headers"].get("Content-Encoding") == "gzip":
                seen.append(int(response_dict["headers"]["x-amz-crc32"]) == zlib.crc32(response_dict["body"]))
                response_dict["body"] = gzip.decompress(response_dict["body"])

        ddb.meta.events.register("before-send.dynamodb.*", ask)
        ddb.meta.events.register("before-parse.dynamodb.*", decode)
        self.assertIn("gzt", ddb.list_tables()["TableNames"])
        with self.assertRaises(ddb.exceptions.ResourceNotFoundException):
            ddb.describe_table(TableName="nope")
        self.assertEqual(seen, [True, True])

if __name__ == "__main__":
    unittest.main()
