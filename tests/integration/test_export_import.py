"""ExportTableToPointInTime, DescribeExport, ListExports, ImportTable, DescribeImport, ListImports
against a local folder standing in for S3 (--s3-dir)."""
import datetime
import gzip
import json
import os
import shutil
import struct
import subprocess
import tempfile
import unittest

from harness import Server, ServerTestCase
from test_pitr import moment

BUCKET = "exports-bucket"


def zstd_raw_frame(data):
    """A valid zstd frame holding `data` in raw (stored) blocks, so no zstd library is needed."""
    out = struct.pack("<I", 0xFD2FB528) + bytes([0x00, 0x58])  # no content size; 2 MB window
    blocks = [data[i:i + 100000] for i in range(0, len(data), 100000)] or [b""]
    for n, block in enumerate(blocks):
        header = (len(block) << 3) | (1 if n == len(blocks) - 1 else 0)
        out += struct.pack("<I", header)[:3] + block
    return out


def sample_items(n):
    items = []
    for i in range(n):
        item = {"pk": {"S": "user#%03d" % (i % 7)}, "sk": {"N": str(i)}, "name": {"S": "n\u00e9e \"%d\"\n" % i},
                "gk": {"S": "g%d" % (i % 3)}, "flag": {"BOOL": i % 2 == 0}, "nothing": {"NULL": True},
                "blob": {"B": bytes([i % 256, 0, 255])}, "tags": {"SS": ["a", "b%d" % i]}, "nums": {"NS": ["1.5", str(-i)]},
                "bins": {"BS": [b"\x00", bytes([i % 256 + 1 if i % 256 < 255 else 1])]},
                "doc": {"M": {"list": {"L": [{"N": "1E+20"}, {"S": "x"}, {"M": {}}]}, "n": {"N": "-0.000123"}}}}
        items.append(item)
    return items


class ExportImportTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.s3 = tempfile.mkdtemp(prefix="dynarock-s3-")
        os.makedirs(os.path.join(cls.s3, BUCKET))
        cls.server_args = ("--s3-dir", cls.s3)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.s3, ignore_errors=True)

    def table_with_pitr(self, items=()):
        name = self.make_table(range_key=("sk", "N"), gsis=[{"name": "by_g", "keys": [("gk", "S")]}])
        for item in items:
            self.ddb.put_item(TableName=name, Item=item)
        self.ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        return name

    def arn(self, name):
        return self.ddb.describe_table(TableName=name)["Table"]["TableArn"]

    def scan_all(self, name):
        items, kwargs = [], {}
        while True:
            page = self.ddb.scan(TableName=name, ConsistentRead=True, **kwargs)
            items += page["Items"]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        return sorted(items, key=lambda i: (i["pk"]["S"], int(i["sk"]["N"])))

    def export(self, name, **kw):
        out = self.ddb.export_table_to_point_in_time(TableArn=self.arn(name), S3Bucket=BUCKET, **kw)["ExportDescription"]
        self.assertEqual(out["ExportStatus"], "IN_PROGRESS")
        d = self.ddb.describe_export(ExportArn=out["ExportArn"])["ExportDescription"]
        return d

    def read_lines(self, d):
        """The export's manifests and data lines, read from the folder as a consumer of S3 would."""
        root = os.path.join(self.s3, BUCKET)
        with open(os.path.join(root, d["ExportManifest"])) as f:
            summary = json.load(f)
        with open(os.path.join(root, summary["manifestFilesS3Key"])) as f:
            files = [json.loads(line) for line in f]
        lines = []
        for f in files:
            with gzip.open(os.path.join(root, f["dataFileS3Key"]), "rt", encoding="utf-8") as data:
                got = [line for line in data.read().split("\n") if line]
            self.assertEqual(len(got), f["itemCount"])
            lines += got
        return summary, files, lines

    def import_from(self, d, fmt, target, key_prefix=None, compression="GZIP", source_table=None, **kw):
        params = {"TableName": target, "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                               {"AttributeName": "sk", "AttributeType": "N"},
                                                               {"AttributeName": "gk", "AttributeType": "S"}],
                  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                  "BillingMode": "PAY_PER_REQUEST",
                  "GlobalSecondaryIndexes": [{"IndexName": "by_g", "KeySchema": [{"AttributeName": "gk", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}]}
        if key_prefix is None:
            key_prefix = d["ExportManifest"].rsplit("/", 1)[0] + "/data/"
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": key_prefix}, InputFormat=fmt,
                                    InputCompressionType=compression, TableCreationParameters=params, **kw)
        started = out["ImportTableDescription"]
        self.assertEqual(started["ImportStatus"], "IN_PROGRESS")
        return self.ddb.describe_import(ImportArn=started["ImportArn"])["ImportTableDescription"]

    def round_trip(self, fmt):
        items = sample_items(40)
        name = self.table_with_pitr(items)
        d = self.export(name, ExportFormat=fmt, S3Prefix="nightly/run1")
        self.assertEqual(d["ExportStatus"], "COMPLETED")
        self.assertEqual(d["ItemCount"], 40)
        self.assertEqual(d["ExportFormat"], fmt)
        self.assertEqual(d["ExportType"], "FULL_EXPORT")
        self.assertEqual(d["S3Prefix"], "nightly/run1")
        export_id = d["ExportArn"].rsplit("/", 1)[1]
        self.assertEqual(d["ExportManifest"], "nightly/run1/AWSDynamoDB/%s/manifest-summary.json" % export_id)
        summary, files, lines = self.read_lines(d)
        self.assertEqual(summary["exportArn"], d["ExportArn"])
        self.assertEqual(summary["itemCount"], 40)
        self.assertEqual(summary["outputFormat"], fmt)
        self.assertEqual(summary["exportType"], "FULL_EXPORT")
        self.assertTrue(all(f["dataFileS3Key"].startswith("nightly/run1/AWSDynamoDB/%s/data/" % export_id) for f in files))
        self.assertEqual(len(lines), 40)
        if fmt == "DYNAMODB_JSON":
            self.assertEqual(sorted(json.dumps(json.loads(l)["Item"]["pk"]) for l in lines)[0], '{"S": "user#000"}')
        else:
            self.assertTrue(all(l.startswith("$ion_1_0 {Item:{") for l in lines), lines[0])
            self.assertIn('"tags":$dynamodb_SS::[', lines[0])
        target = self.unique("imported")
        imp = self.import_from(d, fmt, target)
        self.assertEqual(imp["ImportStatus"], "COMPLETED", imp)
        self.assertEqual((imp["ProcessedItemCount"], imp["ImportedItemCount"], imp["ErrorCount"]), (40, 40, 0))
        self.assertGreater(imp["ProcessedSizeBytes"], 0)
        self.assertEqual(imp["TableArn"], self.arn(target))
        self.assertEqual(self.scan_all(target), self.scan_all(name))
        self.assertEqual(self.ddb.describe_table(TableName=target)["Table"]["ItemCount"], 40)
        # The imported table's index was built from the imported items.
        got = self.ddb.query(TableName=target, IndexName="by_g", KeyConditionExpression="gk = :g",
                             ExpressionAttributeValues={":g": {"S": "g1"}})["Items"]
        self.assertEqual(len(got), len([i for i in items if i["gk"]["S"] == "g1"]))

    def test_round_trip_dynamodb_json(self):
        self.round_trip("DYNAMODB_JSON")

    def test_round_trip_ion(self):
        self.round_trip("ION")

    def test_export_time_in_the_past(self):
        name = self.table_with_pitr([{"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"N": "1"}}])
        t1 = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"N": "2"}})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "2"}})
        d = self.export(name, ExportTime=t1)
        self.assertEqual(d["ItemCount"], 1)
        _, _, lines = self.read_lines(d)
        self.assertEqual([json.loads(l)["Item"]["v"] for l in lines], [{"N": "1"}])
        now = self.export(name)
        self.assertEqual(now["ItemCount"], 2)

    def test_incremental_export(self):
        name = self.table_with_pitr([{"pk": {"S": "keep"}, "sk": {"N": "1"}}, {"pk": {"S": "gone"}, "sk": {"N": "1"}},
                                     {"pk": {"S": "upd"}, "sk": {"N": "1"}, "v": {"N": "1"}}])
        t1 = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "upd"}, "sk": {"N": "1"}, "v": {"N": "2"}})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "new"}, "sk": {"N": "1"}})
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "gone"}, "sk": {"N": "1"}})
        t2 = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "later"}, "sk": {"N": "1"}})
        d = self.export(name, ExportType="INCREMENTAL_EXPORT",
                        IncrementalExportSpecification={"ExportFromTime": t1, "ExportToTime": t2})
        self.assertEqual(d["ExportStatus"], "COMPLETED")
        self.assertEqual(d["IncrementalExportSpecification"]["ExportViewType"], "NEW_AND_OLD_IMAGES")
        summary, _, lines = self.read_lines(d)
        self.assertEqual(summary["exportType"], "INCREMENTAL_EXPORT")
        records = {json.loads(l)["Keys"]["pk"]["S"]: json.loads(l) for l in lines}
        self.assertEqual(sorted(records), ["gone", "new", "upd"])
        self.assertEqual(records["upd"]["NewImage"]["v"], {"N": "2"})
        self.assertEqual(records["upd"]["OldImage"]["v"], {"N": "1"})
        self.assertNotIn("OldImage", records["new"])
        self.assertNotIn("NewImage", records["gone"])
        self.assertEqual(records["gone"]["OldImage"]["pk"], {"S": "gone"})
        self.assertIn("WriteTimestampMicros", records["upd"]["Metadata"])
        only_new = self.export(name, ExportType="INCREMENTAL_EXPORT", IncrementalExportSpecification={
            "ExportFromTime": t1, "ExportToTime": t2, "ExportViewType": "NEW_IMAGE"})
        _, _, lines = self.read_lines(only_new)
        self.assertFalse(any("OldImage" in json.loads(l) for l in lines))

    def test_export_errors(self):
        plain = self.make_table()
        arn = self.arn(plain)
        self.assertError("PointInTimeRecoveryUnavailableException", None, self.ddb.export_table_to_point_in_time,
                         TableArn=arn, S3Bucket=BUCKET)
        self.assertError("TableNotFoundException", None, self.ddb.export_table_to_point_in_time,
                         TableArn=arn.replace(plain, "missing_table"), S3Bucket=BUCKET)
        name = self.table_with_pitr()
        self.assertError("ValidationException", None, self.unchecked.export_table_to_point_in_time,
                         TableArn=self.arn(name), S3Bucket=BUCKET, ExportFormat="CSV")
        e = self.assertError("ValidationException", None, self.ddb.export_table_to_point_in_time,
                             TableArn=self.arn(name), S3Bucket="-bad bucket-")
        self.assertIn("s3Bucket", e.response["Error"]["Message"])
        self.assertError("InvalidExportTimeException", None, self.ddb.export_table_to_point_in_time,
                         TableArn=self.arn(name), S3Bucket=BUCKET, ExportTime=datetime.datetime(2030, 1, 1))
        self.assertError("ValidationException", None, self.ddb.export_table_to_point_in_time,
                         TableArn=self.arn(name), S3Bucket=BUCKET, ExportType="INCREMENTAL_EXPORT")
        # A bucket that does not exist: the export is accepted and fails, as on DynamoDB.
        out = self.ddb.export_table_to_point_in_time(TableArn=self.arn(name), S3Bucket="no-such-bucket")["ExportDescription"]
        d = self.ddb.describe_export(ExportArn=out["ExportArn"])["ExportDescription"]
        self.assertEqual((d["ExportStatus"], d["FailureCode"]), ("FAILED", "S3NoSuchBucket"))
        self.assertError("ExportNotFoundException", None, self.ddb.describe_export,
                         ExportArn=self.arn(name) + "/export/01234567890123-abcdef01")
        self.assertError("ValidationException", None, self.unchecked.describe_export, ExportArn="arn:short")

    def test_client_token(self):
        name = self.table_with_pitr()
        first = self.ddb.export_table_to_point_in_time(TableArn=self.arn(name), S3Bucket=BUCKET, ClientToken="tok-1")
        again = self.ddb.export_table_to_point_in_time(TableArn=self.arn(name), S3Bucket=BUCKET, ClientToken="tok-1")
        self.assertEqual(first["ExportDescription"]["ExportArn"], again["ExportDescription"]["ExportArn"])
        self.assertEqual(again["ExportDescription"]["ClientToken"], "tok-1")
        self.assertError("ExportConflictException", None, self.ddb.export_table_to_point_in_time,
                         TableArn=self.arn(name), S3Bucket=BUCKET, ClientToken="tok-1", ExportFormat="ION")

    def test_list_exports_and_imports(self):
        name = self.table_with_pitr(sample_items(3))
        arns = [self.export(name)["ExportArn"] for _ in range(3)]
        page = self.ddb.list_exports(TableArn=self.arn(name), MaxResults=2)
        self.assertEqual([s["ExportArn"] for s in page["ExportSummaries"]], arns[:2])
        self.assertEqual(page["ExportSummaries"][0]["ExportStatus"], "COMPLETED")
        self.assertEqual(page["ExportSummaries"][0]["ExportType"], "FULL_EXPORT")
        rest = self.ddb.list_exports(TableArn=self.arn(name), MaxResults=2, NextToken=page["NextToken"])
        self.assertEqual([s["ExportArn"] for s in rest["ExportSummaries"]], arns[2:])
        self.assertNotIn("NextToken", rest)
        d = self.ddb.describe_export(ExportArn=arns[0])["ExportDescription"]
        targets = [self.unique("imp") for _ in range(2)]
        imports = [self.import_from(d, "DYNAMODB_JSON", t)["ImportArn"] for t in targets]
        listed = self.ddb.list_imports(PageSize=25)["ImportSummaryList"]
        self.assertTrue(set(imports) <= {s["ImportArn"] for s in listed})
        one = self.ddb.list_imports(TableArn=self.arn(targets[1]))["ImportSummaryList"]
        self.assertEqual([s["ImportArn"] for s in one], imports[1:])
        self.assertEqual(one[0]["ImportStatus"], "COMPLETED")
        self.assertEqual(one[0]["InputFormat"], "DYNAMODB_JSON")
        paged = self.ddb.list_imports(PageSize=1)
        self.assertEqual(len(paged["ImportSummaryList"]), 1)
        self.assertEqual(len(paged["NextToken"]) % 16, 0)
        second = self.ddb.list_imports(PageSize=1, NextToken=paged["NextToken"])["ImportSummaryList"]
        self.assertNotEqual(second[0]["ImportArn"], paged["ImportSummaryList"][0]["ImportArn"])

    def write_object(self, key, data):
        path = os.path.join(self.s3, BUCKET, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def simple_params(self, name):
        return {"TableName": name, "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}

    def test_import_csv_zstd_and_malformed_lines(self):
        prefix = self.unique("csv") + "/"
        self.write_object(prefix + "a.csv", b'id;name;note\n1;ann;"semi;colon"\n2;bob;\n3;"broken\n')
        name = self.unique("csv")
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}, InputFormat="CSV",
                                    InputFormatOptions={"Csv": {"Delimiter": ";"}}, InputCompressionType="NONE",
                                    TableCreationParameters=self.simple_params(name))["ImportTableDescription"]
        d = self.ddb.describe_import(ImportArn=out["ImportArn"])["ImportTableDescription"]
        self.assertEqual(d["ImportStatus"], "COMPLETED")
        self.assertEqual(d["ErrorCount"], 1)  # the unterminated quote spoils the file's last row
        self.assertEqual(d["ImportedItemCount"], 0)
        self.assertTrue(d["CloudWatchLogGroupArn"].startswith("arn:aws:logs:us-east-1:"))

        prefix = self.unique("csv") + "/"
        self.write_object(prefix + "a.csv", b'1,ann,"semi,colon"\n2,bob,\nx,bad\n')
        name = self.unique("csv")
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}, InputFormat="CSV",
                                    InputFormatOptions={"Csv": {"HeaderList": ["id", "name", "note"]}},
                                    TableCreationParameters=self.simple_params(name))["ImportTableDescription"]
        d = self.ddb.describe_import(ImportArn=out["ImportArn"])["ImportTableDescription"]
        self.assertEqual((d["ProcessedItemCount"], d["ImportedItemCount"], d["ErrorCount"]), (3, 2, 1))
        got = self.ddb.get_item(TableName=name, Key={"id": {"N": "1"}})["Item"]
        self.assertEqual(got, {"id": {"N": "1"}, "name": {"S": "ann"}, "note": {"S": "semi,colon"}})
        self.assertEqual(self.ddb.get_item(TableName=name, Key={"id": {"N": "2"}})["Item"], {"id": {"N": "2"}, "name": {"S": "bob"}})

        prefix = self.unique("zst") + "/"
        lines = b'{"Item":{"id":{"N":"1"},"v":{"S":"one"}}}\nnot json\n{"Item":{"v":{"S":"no key"}}}\n{"Item":{"id":{"N":"2"}}}\n'
        self.write_object(prefix + "part.json.zst", zstd_raw_frame(lines))
        name = self.unique("zst")
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}, InputFormat="DYNAMODB_JSON",
                                    InputCompressionType="ZSTD", TableCreationParameters=self.simple_params(name))
        d = self.ddb.describe_import(ImportArn=out["ImportTableDescription"]["ImportArn"])["ImportTableDescription"]
        self.assertEqual((d["ProcessedItemCount"], d["ImportedItemCount"], d["ErrorCount"]), (4, 2, 2))
        self.assertEqual(self.ddb.get_item(TableName=name, Key={"id": {"N": "1"}})["Item"]["v"], {"S": "one"})
        if shutil.which("zstd"):
            packed = subprocess.run(["zstd", "-c", "-q"], input=lines * 50, capture_output=True, check=True).stdout
            self.write_object(prefix + "real/part.zst", packed)
            name = self.unique("zst")
            out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix + "real/"},
                                        InputFormat="DYNAMODB_JSON", InputCompressionType="ZSTD",
                                        TableCreationParameters=self.simple_params(name))
            d = self.ddb.describe_import(ImportArn=out["ImportTableDescription"]["ImportArn"])["ImportTableDescription"]
            self.assertEqual((d["ImportedItemCount"], d["ErrorCount"]), (100, 100))

    def test_import_errors(self):
        existing = self.make_table()
        self.assertError("ResourceInUseException", None, self.ddb.import_table,
                         S3BucketSource={"S3Bucket": BUCKET}, InputFormat="DYNAMODB_JSON",
                         TableCreationParameters=dict(self.simple_params(existing)))
        self.assertError("ValidationException", None, self.unchecked.import_table,
                         S3BucketSource={"S3Bucket": BUCKET}, InputFormat="PARQUET",
                         TableCreationParameters=self.simple_params(self.unique()))
        self.assertError("ValidationException", None, self.unchecked.import_table,
                         S3BucketSource={"S3Bucket": BUCKET}, InputFormat="CSV", InputFormatOptions={"Csv": {"Delimiter": "x"}},
                         TableCreationParameters=self.simple_params(self.unique()))
        name = self.unique()
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": "no-such-bucket"}, InputFormat="ION",
                                    TableCreationParameters=self.simple_params(name))["ImportTableDescription"]
        d = self.ddb.describe_import(ImportArn=out["ImportArn"])["ImportTableDescription"]
        self.assertEqual((d["ImportStatus"], d["FailureCode"]), ("FAILED", "S3NoSuchBucket"))
        self.assertNotIn(name, self.ddb.list_tables()["TableNames"])
        self.assertError("ImportNotFoundException", None, self.ddb.describe_import,
                         ImportArn="arn:aws:dynamodb:us-east-1:000000000000:table/x/import/01234567890123-abcdef01")
        # Items PutItem would refuse are errors too: an index key of the wrong type, an oversized item.
        prefix = self.unique("chk") + "/"
        big = "x" * (400 * 1024)
        self.write_object(prefix + "items.json", (
            '{"Item":{"pk":{"S":"a"},"sk":{"N":"1"},"gk":{"N":"5"}}}\n'
            '{"Item":{"pk":{"S":"b"},"sk":{"N":"1"},"big":{"S":"%s"}}}\n'
            '{"Item":{"pk":{"S":"c"},"sk":{"N":"1"},"gk":{"S":"ok"}}}\n' % big).encode())
        d = self.import_from(None, "DYNAMODB_JSON", self.unique("chk"), key_prefix=prefix, compression="NONE")
        self.assertEqual((d["ProcessedItemCount"], d["ImportedItemCount"], d["ErrorCount"]), (3, 1, 2))
        # Bad gzip: the object is one error, the import still completes.
        prefix = self.unique("gz") + "/"
        self.write_object(prefix + "bad.gz", b"not gzip at all")
        out = self.ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}, InputFormat="DYNAMODB_JSON",
                                    InputCompressionType="GZIP", TableCreationParameters=self.simple_params(self.unique()))
        d = self.ddb.describe_import(ImportArn=out["ImportTableDescription"]["ImportArn"])["ImportTableDescription"]
        self.assertEqual((d["ImportStatus"], d["ErrorCount"], d["ImportedItemCount"]), ("COMPLETED", 1, 0))


class ExportImportRestartTest(unittest.TestCase):
    def test_records_survive_restart_and_default_folder(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            os.makedirs(os.path.join(server.data_dir, "s3", BUCKET))
            ddb.create_table(TableName="src", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
            ddb.put_item(TableName="src", Item={"pk": {"S": "a"}, "n": {"N": "7"}})
            ddb.update_continuous_backups(TableName="src", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
            arn = ddb.describe_table(TableName="src")["Table"]["TableArn"]
            export = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket=BUCKET)["ExportDescription"]["ExportArn"]
            d = ddb.describe_export(ExportArn=export)["ExportDescription"]
            self.assertTrue(os.path.exists(os.path.join(server.data_dir, "s3", BUCKET, d["ExportManifest"])))
            prefix = d["ExportManifest"].rsplit("/", 1)[0] + "/data/"
            imp = ddb.import_table(S3BucketSource={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}, InputFormat="DYNAMODB_JSON",
                                   InputCompressionType="GZIP", TableCreationParameters={
                                       "TableName": "dst", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                       "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"})
            import_arn = imp["ImportTableDescription"]["ImportArn"]
            server.stop()
            server.start()
            ddb = server.client()
            self.assertEqual(ddb.describe_export(ExportArn=export)["ExportDescription"], d)
            self.assertEqual(ddb.describe_import(ImportArn=import_arn)["ImportTableDescription"]["ImportedItemCount"], 1)
            self.assertEqual([s["ExportArn"] for s in ddb.list_exports()["ExportSummaries"]], [export])
            self.assertEqual(ddb.get_item(TableName="dst", Key={"pk": {"S": "a"}})["Item"]["n"], {"N": "7"})
        finally:
            server.cleanup()

    def test_in_memory_without_s3_dir_fails_the_export(self):
        server = Server().start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="tbl", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
            ddb.update_continuous_backups(TableName="tbl", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
            arn = ddb.describe_table(TableName="tbl")["Table"]["TableArn"]
            out = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket=BUCKET)["ExportDescription"]
            d = ddb.describe_export(ExportArn=out["ExportArn"])["ExportDescription"]
            self.assertEqual(d["ExportStatus"], "FAILED")
            self.assertIn("--s3-dir", d["FailureMessage"])
        finally:
            server.cleanup()


class ExportImportCliTest(unittest.TestCase):
    """The AWS CLI's export and import commands."""

    def test_cli_export_then_import(self):
        s3 = tempfile.mkdtemp(prefix="dynarock-s3-")
        os.makedirs(os.path.join(s3, BUCKET))
        server = Server("--s3-dir", s3).start()
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDCLI", AWS_SECRET_ACCESS_KEY="secret", AWS_DEFAULT_REGION="us-east-1",
                   AWS_PAGER="")

        def aws(*args):
            out = subprocess.run(["aws", "dynamodb", "--endpoint-url", server.url, "--output", "json"] + list(args),
                                 capture_output=True, text=True, env=env, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr)
            return json.loads(out.stdout) if out.stdout.strip() else {}
        try:
            arn = aws("create-table", "--table-name", "Orders", "--billing-mode", "PAY_PER_REQUEST",
                      "--attribute-definitions", "AttributeName=id,AttributeType=S",
                      "--key-schema", "AttributeName=id,KeyType=HASH")["TableDescription"]["TableArn"]
            aws("put-item", "--table-name", "Orders", "--item", json.dumps({"id": {"S": "o1"}, "total": {"N": "12.50"}}))
            aws("update-continuous-backups", "--table-name", "Orders",
                "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true")
            started = aws("export-table-to-point-in-time", "--table-arn", arn, "--s3-bucket", BUCKET,
                          "--export-format", "ION")["ExportDescription"]
            d = aws("describe-export", "--export-arn", started["ExportArn"])["ExportDescription"]
            self.assertEqual((d["ExportStatus"], d["ItemCount"]), ("COMPLETED", 1))
            self.assertIn(started["ExportArn"], [e["ExportArn"] for e in aws("list-exports")["ExportSummaries"]])
            prefix = d["ExportManifest"].rsplit("/", 1)[0] + "/data/"
            imp = aws("import-table", "--s3-bucket-source", "S3Bucket=%s,S3KeyPrefix=%s" % (BUCKET, prefix),
                      "--input-format", "ION", "--input-compression-type", "GZIP", "--table-creation-parameters",
                      json.dumps({"TableName": "OrdersCopy", "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                                  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"}))
            done = aws("describe-import", "--import-arn", imp["ImportTableDescription"]["ImportArn"])["ImportTableDescription"]
            self.assertEqual((done["ImportStatus"], done["ImportedItemCount"]), ("COMPLETED", 1))
            got = aws("get-item", "--table-name", "OrdersCopy", "--key", json.dumps({"id": {"S": "o1"}}))
            self.assertEqual(got["Item"], {"id": {"S": "o1"}, "total": {"N": "12.5"}})
        finally:
            server.cleanup()
            shutil.rmtree(s3, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
