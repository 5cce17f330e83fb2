"""SigV4 as DynamoDB checks it. Without --require-auth: the Authorization parsing errors every
request gets. With --require-auth: requests signed by boto3, the AWS CLI and botocore's signer
(header and presigned query string, with and without session tokens) are accepted; tampered
bodies, headers, dates, keys and tokens get DynamoDB's errors."""
import datetime
import hashlib
import http.client
import json
import os
import random
import subprocess
import tempfile
import unittest
from unittest import mock
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
import boto3

from harness import BINARY, Server

MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            "Access Key and signing method. Consult the service documentation for details.")
BAD_TOKEN = "The security token included in the request is invalid."
CREDENTIALS = """# test keys
AKIDONE secretone
AKIDTWO secrettwo
ASIATEMP secrettemp TOKEN/temp+token=
"""


def send(server, method, path, headers, body):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, json.loads(data) if data else None


def signed(server, target, body, key="AKIDONE", secret="secretone", token=None, region="us-east-1",
           when=None, extra_headers=None, query="", presign_expires=None):
    """A request signed by botocore's own signer (optionally at a fixed time): (path, headers, body)."""
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + target}
    headers.update(extra_headers or {})
    url = server.url + "/" + (("?" + query) if query else "")
    creds = Credentials(key, secret, token)
    if presign_expires is not None:
        # botocore's query signer moves a body into the query string (query protocols); DynamoDB's
        # body stays a JSON body, so its hash goes in as X-Amz-Content-SHA256, which botocore signs.
        headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
        req = AWSRequest(method="POST", url=url, data=b"", headers=headers)
        signer = SigV4QueryAuth(creds, "dynamodb", region, expires=presign_expires)
    else:
        req = AWSRequest(method="POST", url=url, data=body, headers=headers)
        signer = SigV4Auth(creds, "dynamodb", region)
    with mock.patch("botocore.auth.get_current_datetime",
                    return_value=when or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)):
        signer.add_auth(req)
    parts = urlsplit(req.url)
    return "POST", parts.path + ("?" + parts.query if parts.query else ""), dict(req.headers.items()), body


class ParsingWithoutRequireAuthTest(unittest.TestCase):
    """Every request's Authorization is parsed as DynamoDB parses it, even when not verified."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, auth=None, path="/", extra=None):
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables"}
        if auth is not None:
            headers["Authorization"] = auth
        headers.update(extra or {})
        return send(self.server, "POST", path, headers, b"{}")

    def test_missing_and_incomplete(self):
        self.assertEqual(self.call("AWS4"), (400, {
            "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
            "message": "Request is missing Authentication Token"}))
        self.assertEqual(self.call("AWS4-"), (400, {
            "__type": "com.amazon.coral.service#IncompleteSignatureException",
            "message": "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                       "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires "
                       "existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-"}))
        status, body = self.call("AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=0")
        self.assertEqual(body["message"], "Credential must have exactly 5 slash-delimited elements, e.g. "
                                          "keyid/date/region/service/term, got 'a/b/c/d'")
        status, body = self.call("AWS4-HMAC-SHA1 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0")
        self.assertEqual(body, {"__type": "com.amazon.coral.service#IncompleteSignatureException",
                                "message": "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). "})

    def test_header_and_query_signing_together(self):
        status, body = self.call("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0",
                                 path="/?X-Amz-Algorithm=AWS4-HMAC-SHA256")
        self.assertEqual((status, body), (400, {
            "__type": "com.amazon.coral.service#InvalidSignatureException",
            "message": "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."}))

    def test_incomplete_query_string(self):
        status, body = self.call(None, path="/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-SignedHeaders=host")
        self.assertEqual(body["__type"], "com.amazon.coral.service#IncompleteSignatureException")
        self.assertEqual(body["message"], "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string "
                                          "parameters must include 'X-Amz-Signature'. AWS query-string parameters must "
                                          "include 'X-Amz-Date'. Re-examine the query-string parameters.")

    def test_any_secret_accepted(self):
        status, body = send(self.server, *signed(self.server, "ListTables", b"{}", secret="whatever"))
        self.assertEqual((status, body), (200, {"TableNames": []}))
        status, body = send(self.server, *signed(self.server, "ListTables", b"{}", presign_expires=60))
        self.assertEqual((status, body), (200, {"TableNames": []}))


class RequireAuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        fd, cls.creds_path = tempfile.mkstemp(prefix="dynarock-creds-")
        with os.fdopen(fd, "w") as f:
            f.write(CREDENTIALS)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDENV", AWS_SECRET_ACCESS_KEY="secretenv")
        env.pop("AWS_SESSION_TOKEN", None)
        cls.server = Server("--require-auth", "--credentials", cls.creds_path, env=env).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        os.unlink(cls.creds_path)

    def client(self, key, secret, token=None, region="us-east-1"):
        return boto3.client("dynamodb", endpoint_url=self.server.url, region_name=region, aws_access_key_id=key,
                            aws_secret_access_key=secret, aws_session_token=token,
                            config=Config(retries={"max_attempts": 1}))

    def assertRefused(self, code, message, fn, **kwargs):
        with self.assertRaises(Exception) as ctx:
            fn(**kwargs)
        err = ctx.exception.response["Error"]
        self.assertEqual((err["Code"], err["Message"]), (code, message))
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_boto3_with_file_env_and_session_credentials(self):
        for key, secret, token in (("AKIDONE", "secretone", None), ("AKIDENV", "secretenv", None),
                                   ("ASIATEMP", "secrettemp", "TOKEN/temp+token=")):
            ddb = self.client(key, secret, token)
            name = "t_" + key.lower()
            ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
            ddb.put_item(TableName=name, Item={"pk": {"S": "a b/c?d=é"}, "v": {"S": "x" * 1000}})
            self.assertEqual(ddb.get_item(TableName=name, Key={"pk": {"S": "a b/c?d=é"}})["Item"]["v"]["S"], "x" * 1000)
            # Tables stay per access key and region.
            self.assertEqual(ddb.list_tables()["TableNames"], [name])

    def test_boto3_refusals(self):
        self.assertRefused("InvalidSignatureException", MISMATCH, self.client("AKIDONE", "wrong").list_tables)
        self.assertRefused("UnrecognizedClientException", BAD_TOKEN, self.client("AKIDNOBODY", "secretone").list_tables)
        self.assertRefused("UnrecognizedClientException", BAD_TOKEN,
                           self.client("ASIATEMP", "secrettemp", "other-token").list_tables)
        self.assertRefused("UnrecognizedClientException", BAD_TOKEN, self.client("ASIATEMP", "secrettemp").list_tables)
        self.assertRefused("UnrecognizedClientException", BAD_TOKEN,
                           self.client("AKIDONE", "secretone", "unexpected-token").list_tables)

    def test_missing_authentication(self):
        status, body = send(self.server, "POST", "/", {"Content-Type": "application/x-amz-json-1.0",
                                                       "X-Amz-Target": "DynamoDB_20120810.ListTables"}, b"{}")
        self.assertEqual((status, body["__type"]), (400, "com.amazon.coral.service#MissingAuthenticationTokenException"))

    def test_aws_cli(self):
        def cli(key, secret):
            env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret, AWS_DEFAULT_REGION="us-east-1",
                       AWS_PAGER="")
            env.pop("AWS_SESSION_TOKEN", None)
            return subprocess.run(["aws", "dynamodb", "list-tables", "--endpoint-url", self.server.url, "--output", "json"],
                                  capture_output=True, text=True, env=env, timeout=60)
        ok = cli("AKIDTWO", "secrettwo")
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertEqual(json.loads(ok.stdout), {"TableNames": []})
        bad = cli("AKIDTWO", "secretone")
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("(InvalidSignatureException)", bad.stderr)
        self.assertIn(MISMATCH, bad.stderr)

    def test_botocore_signer_over_varied_requests(self):
        # Cross-check against botocore's signer: odd header spacing, repeated query keys, encoded
        # characters, long bodies, other regions; every one must verify.
        rng = random.Random(7)
        for i in range(40):
            extra = {"X-Custom-%d" % i: "  a   b\t c  " * rng.randint(0, 3), "User-Agent": "probe/%d" % i}
            query = "&".join(rng.choice(["a=1", "a=0", "b=%2F%20x", "c=~", "d=", "e=%E2%82%AC", "z=Z"])
                             for _ in range(rng.randint(0, 4)))
            body = json.dumps({"Limit": rng.randint(1, 100), "ExclusiveStartTableName": "t" * rng.randint(3, 200)}).encode()
            region = rng.choice(["us-east-1", "eu-west-1", "local"])
            status, reply = send(self.server, *signed(self.server, "ListTables", body, region=region,
                                                      extra_headers=extra, query=query))
            self.assertEqual(status, 200, (reply, extra, query))

    def test_tampering(self):
        _, path, headers, body = signed(self.server, "ListTables", b'{"Limit": 5}')
        earlier = (datetime.datetime.strptime(headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ") -
                   datetime.timedelta(seconds=1)).strftime("%Y%m%dT%H%M%SZ")
        self.assertEqual(send(self.server, "POST", path, headers, body)[0], 200)
        cases = [
            ("body", path, headers, b'{"Limit": 6}'),
            ("signed header", path, dict(headers, **{"X-Amz-Target": "DynamoDB_20120810.DescribeLimits"}), body),
            ("date", path, dict(headers, **{"X-Amz-Date": earlier}), body),
            ("path", "/other", headers, body),
            ("query", "/?x=1", headers, body),
        ]
        for what, p, h, b in cases:
            status, reply = send(self.server, "POST", p, h, b)
            self.assertEqual((status, reply), (400, {"__type": "com.amazon.coral.service#InvalidSignatureException",
                                                     "message": MISMATCH}), what)
        # An unsigned header may change.
        self.assertEqual(send(self.server, "POST", path, dict(headers, **{"Accept": "x"}), body)[0], 200)

    def test_clock_skew(self):
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        for minutes, ok in ((-14, True), (14, True), (-16, False), (16, False)):
            status, reply = send(self.server, *signed(self.server, "ListTables", b"{}",
                                                      when=now + datetime.timedelta(minutes=minutes)))
            if ok:
                self.assertEqual(status, 200, reply)
            else:
                self.assertEqual(reply["__type"], "com.amazon.coral.service#InvalidSignatureException")
                prefix = "Signature expired: " if minutes < 0 else "Signature not yet current: "
                self.assertTrue(reply["message"].startswith(prefix), reply)
                self.assertTrue(reply["message"].endswith(" - 15 min.)" if minutes < 0 else " + 15 min.)"), reply)

    def test_presigned_query_string(self):
        status, reply = send(self.server, *signed(self.server, "ListTables", b"{}", presign_expires=120))
        self.assertEqual(status, 200, reply)
        self.assertIn("TableNames", reply)
        status, reply = send(self.server, *signed(self.server, "ListTables", b"{}", key="ASIATEMP", secret="secrettemp",
                                                  token="TOKEN/temp+token=", presign_expires=120))
        self.assertEqual(status, 200, reply)
        old = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=30)
        status, reply = send(self.server, *signed(self.server, "ListTables", b"{}", when=old, presign_expires=3600))
        self.assertEqual(status, 200, reply)  # still within X-Amz-Expires
        status, reply = send(self.server, *signed(self.server, "ListTables", b"{}", when=old, presign_expires=1200))
        self.assertTrue(reply["message"].startswith("Signature expired: "), reply)
        _, path, headers, body = signed(self.server, "ListTables", b"{}", presign_expires=120)
        status, reply = send(self.server, "POST", path, headers, b'{"Limit": 1}')
        self.assertEqual(reply["message"], MISMATCH)

    def test_scope_errors(self):
        _, path, headers, body = signed(self.server, "ListTables", b"{}")
        auth = headers["Authorization"].replace("/dynamodb/", "/dynamo/")
        status, reply = send(self.server, "POST", path, dict(headers, Authorization=auth), body)
        self.assertEqual(reply, {"__type": "com.amazon.coral.service#InvalidSignatureException",
                                 "message": "Credential should be scoped to correct service: 'dynamodb'."})
        auth = headers["Authorization"].replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;")
        status, reply = send(self.server, "POST", path, dict(headers, Authorization=auth), body)
        self.assertEqual(reply["message"], "'Host' must be a 'SignedHeader' in the AWS Authorization.")


class StartupTest(unittest.TestCase):
    def test_require_auth_needs_credentials(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        out = subprocess.run([BINARY, "--require-auth", "--in-memory"], capture_output=True, text=True, env=env, timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--require-auth needs --credentials FILE", out.stderr)
        with tempfile.NamedTemporaryFile("w", suffix=".creds") as f:
            f.write("AKID only-one-field-and\nAKID2\n")
            f.flush()
            out = subprocess.run([BINARY, "--require-auth", "--credentials", f.name, "--in-memory"], capture_output=True,
                                 text=True, env=env, timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn(":2: expected ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]", out.stderr)


if __name__ == "__main__":
    unittest.main()
