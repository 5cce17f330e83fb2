"""HTTPS with --tls-cert/--tls-key/--tls-port against a self-signed certificate made here with the
openssl CLI: boto3 and the AWS CLI over TLS, HTTP beside it or HTTPS only, TLS 1.2 as the floor."""
import json
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import unittest

import boto3
from botocore.config import Config

from harness import BINARY, Server, free_port


def make_certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", key, "-out", cert, "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def https_client(port, cert):
    return boto3.client("dynamodb", endpoint_url="https://127.0.0.1:%d" % port, region_name="us-east-1",
                        aws_access_key_id="AKIDTLS", aws_secret_access_key="secret", verify=cert,
                        config=Config(retries={"max_attempts": 1}))


class TlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="dynarock-tls-")
        cls.cert, cls.key = make_certificate(cls.dir)
        cls.tls_port = free_port()
        cls.server = Server("--tls-cert", cls.cert, "--tls-key", cls.key, "--tls-port", str(cls.tls_port)).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_boto3_over_https_sees_the_same_tables_as_http(self):
        ddb = https_client(self.tls_port, self.cert)
        ddb.create_table(TableName="secure", BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        ddb.put_item(TableName="secure", Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        self.assertEqual(ddb.get_item(TableName="secure", Key={"pk": {"S": "a"}})["Item"]["v"], {"N": "1"})
        plain = self.server.client(access_key="AKIDTLS")
        self.assertIn("secure", plain.list_tables()["TableNames"])

    def test_aws_cli_over_https(self):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDCLI", AWS_SECRET_ACCESS_KEY="secret",
                   AWS_DEFAULT_REGION="us-east-1", AWS_CA_BUNDLE=self.cert)
        out = subprocess.run(["aws", "dynamodb", "list-tables", "--endpoint-url", "https://127.0.0.1:%d" % self.tls_port,
                              "--output", "json"], env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout), {"TableNames": []})

    def test_tls_below_1_2_is_refused(self):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(self.cert)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        with socket.create_connection(("127.0.0.1", self.tls_port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                self.assertIn(tls.version(), ("TLSv1.2", "TLSv1.3"))
        # The server's answer to a TLS 1.0 ClientHello is a protocol_version alert, whatever the
        # client's own library allows.
        hello = bytes.fromhex(
            "16030100" "2f" "01" "00002b" "0301" + "00" * 32 + "00" "0004" "002f0035" "01" "00")
        with socket.create_connection(("127.0.0.1", self.tls_port), timeout=10) as raw:
            raw.sendall(hello)
            reply = raw.recv(100)
        self.assertEqual(reply[:1], b"\x15")  # alert record, no ServerHello

    def test_plain_http_on_the_tls_port_is_not_served(self):
        with socket.create_connection(("127.0.0.1", self.tls_port), timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            reply = s.recv(100)
        self.assertFalse(reply.startswith(b"HTTP/1.1 200"))


class TlsOnlyTest(unittest.TestCase):
    def test_tls_port_equal_to_port_serves_https_only(self):
        directory = tempfile.mkdtemp(prefix="dynarock-tls-")
        try:
            cert, key = make_certificate(directory)
            port = free_port()
            proc = subprocess.Popen([BINARY, "--port", str(port), "--tls-port", str(port), "--tls-cert", cert,
                                     "--tls-key", key, "--in-memory", "--log-level", "warn"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                ddb = https_client(port, cert)
                deadline = time.time() + 20
                while True:
                    try:
                        self.assertEqual(ddb.list_tables()["TableNames"], [])
                        break
                    except Exception:
                        self.assertIsNone(proc.poll())
                        self.assertLess(time.time(), deadline)
                        time.sleep(0.05)
            finally:
                proc.terminate()
                self.assertEqual(proc.wait(timeout=20), 0)
                proc.stderr.close()
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def test_missing_key_is_a_startup_error(self):
        out = subprocess.run([BINARY, "--port", "0", "--tls-port", "0", "--tls-cert", "/nonexistent.pem",
                              "--in-memory"], capture_output=True, text=True, timeout=20)
        self.assertEqual(out.returncode, 1)
        self.assertIn("--tls-key", out.stdout + out.stderr)


if __name__ == "__main__":
    unittest.main()
