#!/usr/bin/env python3
"""Export and import rates (items/s) through the server. See docs/benchmarks.md.

Starts dynarock (on-disk data in a temporary folder, --s3-dir beside it), loads N items of about
200 bytes with BatchWriteItem, turns point-in-time recovery on, then times:
  export   ExportTableToPointInTime (DYNAMODB_JSON, then ION): the call writes the files
  import   ImportTable of each export's data files (GZIP) into a new table
Exports and imports finish within their call here, so the call's wall time is the job's time.
Each figure is the median of --repeat runs.

usage: bench/export_import.py [--items 50000] [--repeat 3] [--bin build/dynarock]
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=50000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "dynarock"))
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="dynarock-bench-")
    s3 = os.path.join(work, "s3")
    os.makedirs(os.path.join(s3, "bench"))
    port = free_port()
    proc = subprocess.Popen([args.bin, "--port", str(port), "--data-dir", os.path.join(work, "data"), "--s3-dir", s3,
                             "--log-level", "warn"])
    url = "http://127.0.0.1:%d" % port
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        ddb = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDBENCH",
                           aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}))
        ddb.create_table(TableName="src", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                                 {"AttributeName": "sk", "AttributeType": "N"}],
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                         BillingMode="PAY_PER_REQUEST")

        def load(part, parts):
            c = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDBENCH",
                             aws_secret_access_key="x")
            batch = []
            for i in range(part, args.items, parts):
                batch.append({"PutRequest": {"Item": {"pk": {"S": "user#%06d" % (i // 10)}, "sk": {"N": str(i)},
                                                      "name": {"S": "name %d" % i}, "amount": {"N": "%d.25" % i},
                                                      "tags": {"SS": ["a", "b"]}, "note": {"S": "x" * 100}}}})
                if len(batch) == 25:
                    c.batch_write_item(RequestItems={"src": batch})
                    batch = []
            if batch:
                c.batch_write_item(RequestItems={"src": batch})
        threads = [threading.Thread(target=load, args=(p, 4)) for p in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ddb.update_continuous_backups(TableName="src", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        arn = ddb.describe_table(TableName="src")["Table"]["TableArn"]

        rates = {}
        for run in range(args.repeat):
            for fmt in ("DYNAMODB_JSON", "ION"):
                start = time.perf_counter()
                out = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="bench", ExportFormat=fmt)["ExportDescription"]
                took = time.perf_counter() - start
                d = ddb.describe_export(ExportArn=out["ExportArn"])["ExportDescription"]
                assert d["ExportStatus"] == "COMPLETED" and d["ItemCount"] == args.items, d
                rates.setdefault("export " + fmt, []).append(args.items / took)
                prefix = d["ExportManifest"].rsplit("/", 1)[0] + "/data/"
                start = time.perf_counter()
                imp = ddb.import_table(S3BucketSource={"S3Bucket": "bench", "S3KeyPrefix": prefix}, InputFormat=fmt,
                                       InputCompressionType="GZIP", TableCreationParameters={
                                           "TableName": "dst_%s_%d" % (fmt.lower(), run),
                                           "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                                    {"AttributeName": "sk", "AttributeType": "N"}],
                                           "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                         {"AttributeName": "sk", "KeyType": "RANGE"}],
                                           "BillingMode": "PAY_PER_REQUEST"})["ImportTableDescription"]
                took = time.perf_counter() - start
                done = ddb.describe_import(ImportArn=imp["ImportArn"])["ImportTableDescription"]
                assert done["ImportedItemCount"] == args.items and done["ErrorCount"] == 0, done
                rates.setdefault("import " + fmt, []).append(args.items / took)
        print("| step | items | items/s (median of %d) |" % args.repeat)
        print("| --- | --- | --- |")
        for name, values in rates.items():
            print("| %s | %d | %.0f |" % (name, args.items, statistics.median(values)))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
