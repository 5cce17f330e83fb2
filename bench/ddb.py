#!/usr/bin/env python3
"""Minimal DynamoDB JSON wire-protocol client for the benchmarks (Python standard library only).

Used by bench/run.sh (as a command) and bench/resources.py (as a module). It speaks to any
endpoint the same way: POST / with X-Amz-Target and a SigV4-shaped Authorization header that no
emulator verifies. Loading uses PutItem (not BatchWriteItem) so it works on every server.

  ddb.py wait  URL [--timeout S]                  until the endpoint answers ListTables
  ddb.py setup URL [--items N] [--threads T]      create bench_get (loaded with N items) and bench_put
  ddb.py reset-put URL                            drop and recreate bench_put (empty)
"""
import argparse
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse

ACCESS_KEY = "bench"  # must match bench/wrk/common.lua: dynarock keeps tables per access key + region
GET_TABLE = "bench_get"
PUT_TABLE = "bench_put"


def item(key):
    """The ~200-byte item (DynamoDB size accounting); the same shape as bench/wrk/common.lua."""
    return {"pk": {"S": key}, "seq": {"N": "4711"}, "price": {"N": "12.50"}, "active": {"BOOL": True},
            "name": {"S": "benchmark item name"}, "payload": {"S": "x" * 130}}


def key_of(i):
    return "k%07d" % i


class Client:
    """One keep-alive connection."""

    def __init__(self, url, timeout=30.0):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.timeout = timeout
        self.conn = None

    def call(self, operation, payload, target="DynamoDB_20120810"):
        body = json.dumps(payload, separators=(",", ":"))
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": target + "." + operation,
            "X-Amz-Date": "20250101T000000Z",
            "Authorization": "AWS4-HMAC-SHA256 Credential=%s/20250101/us-east-1/dynamodb/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=%s"
                             % (ACCESS_KEY, "0" * 64),
        }
        for attempt in range(2):  # one reconnect if the server closed the idle connection
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                self.conn.request("POST", "/", body, headers)
                resp = self.conn.getresponse()
                data = resp.read()
                return resp.status, (json.loads(data) if data else {})
            except (ConnectionError, http.client.HTTPException, socket.timeout):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def error_type(body):
    return str(body.get("__type", "")).split("#")[-1]


def wait_ready(url, timeout=60.0, interval=0.002):
    """Seconds until the endpoint answers ListTables with HTTP 200; raises TimeoutError."""
    start = time.monotonic()
    client = Client(url, timeout=5.0)
    while True:
        try:
            status, _ = client.call("ListTables", {})
            if status == 200:
                client.close()
                return time.monotonic() - start
        except (OSError, http.client.HTTPException, ValueError):
            client.close()
        if time.monotonic() - start > timeout:
            raise TimeoutError("%s did not answer within %.0f s" % (url, timeout))
        time.sleep(interval)


def wait_active(client, table, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = client.call("DescribeTable", {"TableName": table})
        if status == 200 and body.get("Table", {}).get("TableStatus") == "ACTIVE":
            return
        time.sleep(0.05)
    raise TimeoutError("table %s not ACTIVE after %.0f s" % (table, timeout))


def wait_gone(client, table, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = client.call("DescribeTable", {"TableName": table})
        if status == 400 and error_type(body) == "ResourceNotFoundException":
            return
        time.sleep(0.05)
    raise TimeoutError("table %s still exists after %.0f s" % (table, timeout))


def create_table(client, table):
    """Creates a table with string hash key pk (on-demand); an existing table is kept."""
    status, body = client.call("CreateTable", {
        "TableName": table,
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    })
    if status != 200 and error_type(body) != "ResourceInUseException":
        raise RuntimeError("CreateTable %s: HTTP %d %s" % (table, status, body))
    wait_active(client, table)


def delete_table(client, table):
    status, body = client.call("DeleteTable", {"TableName": table})
    if status != 200 and error_type(body) != "ResourceNotFoundException":
        raise RuntimeError("DeleteTable %s: HTTP %d %s" % (table, status, body))
    wait_gone(client, table)


def count_loaded(client, table, n):
    """True when the last key of the range is present (a previous run loaded the table)."""
    status, body = client.call("GetItem", {"TableName": table, "Key": {"pk": {"S": key_of(n - 1)}}})
    return status == 200 and "Item" in body


def load(url, table, n, threads=4, start=0):
    """PutItem of keys start .. start+n-1 over `threads` keep-alive connections; returns items/s."""
    errors = []
    next_index = [start]
    lock = threading.Lock()

    def worker():
        client = Client(url)
        try:
            while not errors:
                with lock:
                    i = next_index[0]
                    if i >= start + n:
                        return
                    next_index[0] = i + 1
                for attempt in range(5):
                    status, body = client.call("PutItem", {"TableName": table, "Item": item(key_of(i))})
                    if status == 200:
                        break
                    if status < 500 and error_type(body) not in ("ThrottlingException",
                                                                   "ProvisionedThroughputExceededException"):
                        errors.append("PutItem %s: HTTP %d %s" % (key_of(i), status, body))
                        return
                    time.sleep(0.05 * (attempt + 1))
                else:
                    errors.append("PutItem %s kept failing: HTTP %d %s" % (key_of(i), status, body))
        except Exception as e:  # noqa: BLE001 - reported to the caller below
            errors.append("%s: %s" % (type(e).__name__, e))
        finally:
            client.close()

    t0 = time.monotonic()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if errors:
        raise RuntimeError(errors[0])
    return n / max(time.monotonic() - t0, 1e-9)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["wait", "setup", "reset-put"])
    ap.add_argument("url")
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    if args.command == "wait":
        try:
            print("%.3f" % wait_ready(args.url, args.timeout))
        except TimeoutError as e:
            sys.exit(str(e))
        return
    client = Client(args.url)
    if args.command == "setup":
        create_table(client, GET_TABLE)
        if count_loaded(client, GET_TABLE, args.items):
            print("%s already holds key %s: not reloading" % (GET_TABLE, key_of(args.items - 1)), file=sys.stderr)
        else:
            rate = load(args.url, GET_TABLE, args.items, args.threads)
            print("loaded %d items into %s at %.0f items/s" % (args.items, GET_TABLE, rate), file=sys.stderr)
            if not count_loaded(client, GET_TABLE, args.items):
                sys.exit("GetItem of %s after loading did not return the item" % key_of(args.items - 1))
        create_table(client, PUT_TABLE)
    else:
        delete_table(client, PUT_TABLE)
        create_table(client, PUT_TABLE)
    client.close()


if __name__ == "__main__":
    main()
