#!/usr/bin/env python3
"""Streams benchmark: PutItem throughput into a table with a NEW_AND_OLD_IMAGES stream against one
without (wrk, bench/wrk/put.lua, interleaved), then GetRecords throughput reading the stream back
(1000-record pages over one keep-alive connection). Starts its own in-memory dynarock.

  bench/streams.py [--duration 10] [--conns 32] [--repeat 3]
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ddb  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STREAMS = "DynamoDBStreams_20120810"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def create(client, name, stream):
    body = {"TableName": name, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}
    if stream:
        body["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    status, out = client.call("CreateTable", body)
    assert status == 200, out
    return out["TableDescription"].get("LatestStreamArn")


def cpu_seconds(pid):
    """User + system CPU the process has used (robust to other load, unlike req/s)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk_put(url, table, duration, conns, pid):
    """(req/s, server CPU microseconds per request) of one wrk PutItem run."""
    env = dict(os.environ, BENCH_PUT_TABLE=table)
    cpu0 = cpu_seconds(pid)
    threads = "1" if conns == 1 else "2"
    out = subprocess.run(["wrk", "-t" + threads, "-c%d" % conns, "-d%ds" % duration, "-s",
                          os.path.join(ROOT, "bench", "wrk", "put.lua"), url],
                         capture_output=True, text=True, env=env, check=True).stdout
    cpu = cpu_seconds(pid) - cpu0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1e6 * cpu / max(requests, 1)


def read_stream(client, arn):
    status, out = client.call("DescribeStream", {"StreamArn": arn}, STREAMS)
    assert status == 200, out
    records, pages, start = 0, 0, time.perf_counter()
    for shard in out["StreamDescription"]["Shards"]:
        _, it = client.call("GetShardIterator", {"StreamArn": arn, "ShardId": shard["ShardId"],
                                                 "ShardIteratorType": "TRIM_HORIZON"}, STREAMS)
        it = it["ShardIterator"]
        while it:
            status, page = client.call("GetRecords", {"ShardIterator": it, "Limit": 1000}, STREAMS)
            assert status == 200, page
            pages += 1
            records += len(page["Records"])
            if not page["Records"]:
                break
            it = page.get("NextShardIterator")
    return records, pages, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--conns", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "dynarock"))
    args = ap.parse_args()
    port = free_port()
    url = "http://127.0.0.1:%d" % port
    server = subprocess.Popen([args.binary, "--in-memory", "--port", str(port), "--log-level", "warn"])
    try:
        ddb.wait_ready(url)
        client = ddb.Client(url)
        create(client, "bench_plain", False)
        arn = create(client, "bench_stream", True)
        plain, streamed = [], []
        for _ in range(args.repeat):
            plain.append(wrk_put(url, "bench_plain", args.duration, args.conns, server.pid))
            streamed.append(wrk_put(url, "bench_stream", args.duration, args.conns, server.pid))
        med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
        p, s = med([r for r, _ in plain]), med([r for r, _ in streamed])
        pc, sc = med([c for _, c in plain]), med([c for _, c in streamed])
        print("| PutItem, c=%d (medians of %d) | req/s | server CPU us/request |" % (args.conns, args.repeat))
        print("| --- | --- | --- |")
        print("| no stream | %.0f | %.1f |" % (p, pc))
        print("| NEW_AND_OLD_IMAGES stream | %.0f | %.1f |" % (s, sc))
        print("| overhead | %.1f %% | %.1f %% |" % (100.0 * (p - s) / p, 100.0 * (sc - pc) / pc))
        cpu0 = cpu_seconds(server.pid)
        records, pages, secs = read_stream(client, arn)
        cpu = cpu_seconds(server.pid) - cpu0
        print()
        print("GetRecords: %d records in %d pages in %.2f s: %.0f records/s, %.0f pages/s; server CPU %.1f ms per "
              "1000-record page" % (records, pages, secs, records / secs, pages / secs, 1000.0 * cpu / max(pages, 1)))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
