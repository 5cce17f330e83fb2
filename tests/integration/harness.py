"""Test harness: starts a real dynarock process on a free port and hands out real clients."""
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
import uuid

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("DYNAROCK_BIN", os.path.join(ROOT, "build", "dynarock"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A dynarock process. in_memory=False keeps data in a temporary directory across restarts."""

    def __init__(self, *args, in_memory=True, data_dir=None, env=None):
        self.args = list(args)
        self.env = env
        self.in_memory = in_memory
        self.data_dir = data_dir
        self.owns_dir = False
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        cmd = [BINARY, "--port", str(self.port), "--log-level", "warn"] + self.args
        if self.in_memory:
            cmd.append("--in-memory")
        else:
            if self.data_dir is None:
                self.data_dir = tempfile.mkdtemp(prefix="dynarock-test-")
                self.owns_dir = True
            cmd += ["--data-dir", self.data_dir]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=self.env)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("dynarock exited: " + self.proc.stderr.read().decode())
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("dynarock did not start")

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def stop(self, kill=False):
        if self.proc and self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            self.proc.wait(timeout=20)
        log = b""
        if self.proc and self.proc.stderr:
            log = self.proc.stderr.read()
            self.proc.stderr.close()
        self.proc = None
        # Under the sanitizer build any report (leak, UB, memory error) fails the suite.
        if b"Sanitizer" in log or b"runtime error:" in log:
            raise AssertionError("sanitizer report from dynarock:\n" + log.decode(errors="replace")[-4000:])

    def cleanup(self):
        self.stop()
        if self.owns_dir and self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def client(self, access_key="AKIDTEST", region="us-east-1", **kw):
        return boto3.client(
            "dynamodb", endpoint_url=self.url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key="secret",
            config=Config(retries={"max_attempts": 1}, **kw))

    def resource(self, access_key="AKIDTEST", region="us-east-1"):
        return boto3.resource(
            "dynamodb", endpoint_url=self.url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key="secret",
            config=Config(retries={"max_attempts": 1}))


class ServerTestCase(unittest.TestCase):
    """One in-memory server per test class; `self.ddb` is a boto3 client for it."""

    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = Server(*cls.server_args).start()
        cls.ddb = cls.server.client()
        # Skips botocore's client-side checks so the server's own validation is what is tested.
        cls.unchecked = cls.server.client(parameter_validation=False)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def unique(self, prefix="t"):
        return "%s_%s" % (prefix, uuid.uuid4().hex[:12])

    def make_table(self, hash_key=("pk", "S"), range_key=None, gsis=None, lsis=None, name=None, **extra):
        name = name or self.unique()
        defs = {hash_key[0]: hash_key[1]}
        schema = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
        if range_key:
            defs[range_key[0]] = range_key[1]
            schema.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
        params = {"TableName": name, "KeySchema": schema, "BillingMode": "PAY_PER_REQUEST"}
        for ix in (gsis or []) + (lsis or []):
            for k in ix["keys"]:
                defs[k[0]] = k[1]
        def index(ix):
            ks = [{"AttributeName": ix["keys"][0][0], "KeyType": "HASH"}]
            if len(ix["keys"]) > 1:
                ks.append({"AttributeName": ix["keys"][1][0], "KeyType": "RANGE"})
            proj = {"ProjectionType": ix.get("projection", "ALL")}
            if ix.get("include"):
                proj["NonKeyAttributes"] = ix["include"]
            return {"IndexName": ix["name"], "KeySchema": ks, "Projection": proj}
        if gsis:
            params["GlobalSecondaryIndexes"] = [index(ix) for ix in gsis]
        if lsis:
            params["LocalSecondaryIndexes"] = [index(ix) for ix in lsis]
        params["AttributeDefinitions"] = [{"AttributeName": k, "AttributeType": v} for k, v in defs.items()]
        params.update(extra)
        self.ddb.create_table(**params)
        return name

    def assertError(self, code, message, fn, *args, **kwargs):
        """Calls fn and asserts DynamoDB's exact error code and message."""
        try:
            fn(*args, **kwargs)
        except self.ddb.exceptions.ClientError as e:
            self.assertEqual(e.response["Error"]["Code"], code, e.response["Error"])
            if message is not None:
                self.assertEqual(e.response["Error"]["Message"], message)
            return e
        self.fail("expected %s" % code)


def raw_text(server, operation, body, access_key="AKIDTEST"):
    """One DynamoDB request over plain HTTP, past any client-side validation: (status, body text,
    byte for byte). `body` is a JSON-able value or raw bytes. The signature is not checked (no
    --require-auth); the access key picks the tables seen (AKIDTEST: those of `server.client()`)."""
    auth = ("AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=host;x-amz-date;x-amz-target, Signature=%s" % (access_key, "0" * 64))
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request("POST", "/", body=data, headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + operation,
        "Authorization": auth})
    resp = conn.getresponse()
    out = resp.status, resp.read().decode()
    conn.close()
    return out


def raw_call(server, operation, body, access_key="AKIDTEST"):
    """raw_text with the body parsed: (status, parsed body)."""
    status, text = raw_text(server, operation, body, access_key)
    return status, json.loads(text)
