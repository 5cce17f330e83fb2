#!/usr/bin/env python3
"""Allocations and server CPU per request, measured from outside the server.

usage: bench/alloc_per_request.py [--bin build/dynarock] [--requests 20000] [--label L]

Builds bench/alloc_count.c into a preload library (cc), starts the server in memory with it,
creates a table, then for GetItem and PutItem sends --requests requests over one keep-alive
connection and reports, per request: malloc/calloc/realloc/memalign calls, bytes asked for,
and the server's CPU time (utime+stime from /proc). Counts include everything the server does
while the requests run (its background threads too), so they are an upper bound.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDALLOC/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def request(op, body):
    data = json.dumps(body).encode()
    head = ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
            "X-Amz-Target: DynamoDB_20120810.%s\r\nX-Amz-Date: 20260101T000000Z\r\nAuthorization: %s\r\n"
            "Content-Length: %d\r\n\r\n" % (op, AUTH, len(data))).encode()
    return head + data


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def call(self, raw):
        self.s.sendall(raw)
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.s.recv(65536)
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(rest) < length:
            rest += self.s.recv(65536)
        self.buf = rest[length:]
        status = int(head.split(b" ")[1])
        return status, rest[:length]


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def counts(pid, path):
    os.kill(pid, signal.SIGUSR1)
    for _ in range(200):
        time.sleep(0.01)
        try:
            with open(path) as f:
                text = f.read()
            if text.endswith("\n"):
                os.unlink(path)
                return [int(x) for x in text.split()]
        except FileNotFoundError:
            pass
    raise RuntimeError("no counts from the server")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "dynarock"))
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--port", type=int, default=8177)
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    lib = os.path.join(tmp, "alloc_count.so")
    subprocess.check_call(["cc", "-O2", "-shared", "-fPIC", "-o", lib, os.path.join(HERE, "alloc_count.c")])
    path = os.path.join(tmp, "counts")
    env = dict(os.environ, LD_PRELOAD=lib, ALLOC_COUNT_FILE=path)
    server = subprocess.Popen([args.bin, "--port", str(args.port), "--in-memory"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(500):
            try:
                c = Conn(args.port)
                break
            except OSError:
                time.sleep(0.01)
        c.call(request("CreateTable", {"TableName": "alloc", "BillingMode": "PAY_PER_REQUEST",
                                       "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                       "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}))
        value = "x" * 180
        c.call(request("PutItem", {"TableName": "alloc", "Item": {"pk": {"S": "k0000001"}, "v": {"S": value}}}))
        get = request("GetItem", {"TableName": "alloc", "Key": {"pk": {"S": "k0000001"}}})
        puts = [request("PutItem", {"TableName": "alloc", "Item": {"pk": {"S": "p%07d" % i}, "v": {"S": value}}})
                for i in range(args.requests)]
        for name, bodies in (("GetItem", [get] * args.requests), ("PutItem", puts)):
            for raw in bodies[:200]:  # warm up
                c.call(raw)
            before, cpu0 = counts(server.pid, path), cpu_seconds(server.pid)
            for raw in bodies:
                status, body = c.call(raw)
                if status != 200:
                    sys.exit("%s answered %d: %s" % (name, status, body[:200]))
            after, cpu1 = counts(server.pid, path), cpu_seconds(server.pid)
            n = len(bodies)
            print("%s\t%s\tallocs/request %.1f\tfrees/request %.1f\tbytes/request %.0f\tcpu_us/request %.1f" % (
                args.label, name, (after[0] - before[0]) / n, (after[1] - before[1]) / n,
                (after[2] - before[2]) / n, (cpu1 - cpu0) * 1e6 / n))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
