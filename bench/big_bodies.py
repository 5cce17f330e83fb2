#!/usr/bin/env python3
"""GetItem latency and server memory while other clients loop huge request bodies. See
docs/benchmarks.md.

Starts build/dynarock (or --binary) in memory on a free port, loads a small table, then runs
--hogs clients that each send ~15 MB PutItem bodies back to back (--shape wide: one item with a
list of small numbers, refused by the item size limit after parsing; --shape deep: nested lists,
refused while reading) for --seconds, while one client sends GetItem requests one at a time on a
keep-alive connection. Prints GetItem p50/p99/max, the big requests completed, and the server's
peak and final RSS.

usage: bench/big_bodies.py [--binary build/dynarock] [--hogs 2] [--seconds 20] [--shape wide|deep]
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(conn, op, body):
    conn.request("POST", "/", body=body, headers={"Content-Type": "application/x-amz-json-1.0",
                                                  "X-Amz-Target": "DynamoDB_20120810." + op, "Authorization": AUTH})
    resp = conn.getresponse()
    return resp.status, resp.read()


def status_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "dynarock"))
    ap.add_argument("--hogs", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--shape", choices=["wide", "deep"], default="wide")
    args = ap.parse_args()

    port = free_port()
    proc = subprocess.Popen([args.binary, "--port", str(port), "--in-memory", "--log-level", "warn"])
    try:
        for _ in range(200):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                call(conn, "ListTables", b"{}")
                break
            except OSError:
                time.sleep(0.05)
        created = call(conn, "CreateTable", json.dumps({
            "TableName": "bench_kv", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}).encode())
        assert created[0] == 200, created
        for i in range(100):
            call(conn, "PutItem", json.dumps({"TableName": "bench_kv", "Item": {"pk": {"S": "k%d" % i}, "v": {"S": "x" * 200}}}).encode())
        base_rss = status_kb(proc.pid, "VmRSS")

        if args.shape == "wide":
            big = ('{"TableName":"bench_kv","Item":{"pk":{"S":"big"},"v":{"L":[%s]}}}'
                   % ",".join(['{"N":"1"}'] * 1_500_000)).encode()
        else:
            big = b'{"TableName":"bench_kv","Item":{"pk":{"S":"big"},"v":' + b"[" * 15_000_000
        stop = threading.Event()
        done = [0] * args.hogs

        def hog(n):
            while not stop.is_set():
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                try:
                    call(c, "PutItem", big)
                    done[n] += 1
                except OSError:
                    pass
                finally:
                    c.close()

        threads = [threading.Thread(target=hog, args=(n,)) for n in range(args.hogs)]
        for t in threads:
            t.start()
        latencies = []
        end = time.time() + args.seconds
        i = 0
        while time.time() < end:
            body = ('{"TableName":"bench_kv","Key":{"pk":{"S":"k%d"}}}' % (i % 100)).encode()
            t0 = time.perf_counter()
            status, _ = call(conn, "GetItem", body)
            latencies.append((time.perf_counter() - t0) * 1000)
            assert status == 200, (status, _)
            i += 1
        stop.set()
        for t in threads:
            t.join()
        time.sleep(1)
        latencies.sort()
        pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))]
        print("shape=%s body=%.1f MB hogs=%d: %d big requests done; GetItem n=%d p50=%.2f ms p99=%.2f ms max=%.1f ms; "
              "RSS base %.0f MB, peak %.0f MB, after %.0f MB"
              % (args.shape, len(big) / 1e6, args.hogs, sum(done), len(latencies), pct(0.5), pct(0.99), latencies[-1],
                 base_rss / 1024, status_kb(proc.pid, "VmHWM") / 1024, status_kb(proc.pid, "VmRSS") / 1024))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
