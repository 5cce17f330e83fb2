"""On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup."""
import threading
import unittest

from harness import Server, ServerTestCase


def items_of(ddb, table):
    out, kwargs = {}, {"TableName": table, "ConsistentRead": True}
    while True:
        page = ddb.scan(**kwargs)
        for item in page["Items"]:
            out[item["pk"]["S"]] = item
        if "LastEvaluatedKey" not in page:
            return out
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


class BackupTest(ServerTestCase):
    def filled_table(self, n=5, **kw):
        name = self.make_table(gsis=[{"name": "by_g", "keys": [("g", "S")]}], **kw)
        for i in range(n):
            self.ddb.put_item(TableName=name, Item={"pk": {"S": "k%d" % i}, "g": {"S": "g%d" % (i % 2)}, "v": {"N": str(i)}})
        return name

    def test_create_describe_and_restore(self):
        name = self.filled_table()
        details = self.ddb.create_backup(TableName=name, BackupName="daily-1")["BackupDetails"]
        self.assertEqual(details["BackupName"], "daily-1")
        self.assertEqual(details["BackupStatus"], "AVAILABLE")
        self.assertEqual(details["BackupType"], "USER")
        self.assertRegex(details["BackupArn"], r"^arn:aws:dynamodb:us-east-1:\d{12}:table/%s/backup/\d{14}-[0-9a-f]{8}$" % name)
        self.assertGreater(details["BackupSizeBytes"], 0)
        # Writes after the backup are not in it.
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "late"}, "g": {"S": "g0"}})
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "k0"}})

        desc = self.ddb.describe_backup(BackupArn=details["BackupArn"])["BackupDescription"]
        self.assertEqual(desc["SourceTableDetails"]["TableName"], name)
        self.assertEqual(desc["SourceTableDetails"]["ItemCount"], 5)
        self.assertEqual(desc["SourceTableDetails"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(desc["SourceTableFeatureDetails"]["GlobalSecondaryIndexes"][0]["IndexName"], "by_g")

        target = self.unique("restored")
        out = self.ddb.restore_table_from_backup(TargetTableName=target, BackupArn=details["BackupArn"])["TableDescription"]
        self.assertEqual(out["TableStatus"], "CREATING")
        self.assertEqual(out["RestoreSummary"]["SourceBackupArn"], details["BackupArn"])
        self.assertTrue(out["RestoreSummary"]["RestoreInProgress"])
        self.ddb.get_waiter("table_exists").wait(TableName=target, WaiterConfig={"Delay": 1})
        table = self.ddb.describe_table(TableName=target)["Table"]
        self.assertEqual(table["ItemCount"], 5)
        self.assertFalse(table["RestoreSummary"]["RestoreInProgress"])
        restored = items_of(self.ddb, target)
        self.assertEqual(sorted(restored), ["k0", "k1", "k2", "k3", "k4"])
        # The restored table's index is built.
        q = self.ddb.query(TableName=target, IndexName="by_g", KeyConditionExpression="g = :g",
                           ExpressionAttributeValues={":g": {"S": "g1"}})
        self.assertEqual(sorted(i["pk"]["S"] for i in q["Items"]), ["k1", "k3"])

    def test_restore_overrides_drop_index_and_change_billing(self):
        name = self.filled_table(n=3)
        arn = self.ddb.create_backup(TableName=name, BackupName="bkp")["BackupDetails"]["BackupArn"]
        target = self.unique("r")
        out = self.ddb.restore_table_from_backup(
            TargetTableName=target, BackupArn=arn, BillingModeOverride="PROVISIONED",
            ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
            GlobalSecondaryIndexOverride=[], SSESpecificationOverride={"Enabled": True})["TableDescription"]
        self.assertNotIn("GlobalSecondaryIndexes", out)
        self.assertEqual(out["BillingModeSummary"]["BillingMode"], "PROVISIONED")
        self.assertEqual(out["ProvisionedThroughput"]["ReadCapacityUnits"], 3)
        self.assertEqual(out["SSEDescription"]["Status"], "ENABLED")
        self.assertEqual([d["AttributeName"] for d in out["AttributeDefinitions"]], ["pk"])
        self.assertEqual(self.ddb.describe_table(TableName=target)["Table"]["ItemCount"], 3)

    def test_backup_survives_source_deletion(self):
        name = self.filled_table(n=2)
        arn = self.ddb.create_backup(TableName=name, BackupName="keep")["BackupDetails"]["BackupArn"]
        self.ddb.delete_table(TableName=name)
        self.ddb.restore_table_from_backup(TargetTableName=name, BackupArn=arn)
        self.assertEqual(sorted(items_of(self.ddb, name)), ["k0", "k1"])

    def test_list_filters_and_paging(self):
        a, b = self.filled_table(n=1), self.filled_table(n=1)
        arns = [self.ddb.create_backup(TableName=a, BackupName="bkp_a%d" % i)["BackupDetails"]["BackupArn"] for i in range(3)]
        self.ddb.create_backup(TableName=b, BackupName="bkp_b0")
        listed = self.ddb.list_backups(TableName=a)["BackupSummaries"]
        self.assertEqual([s["BackupArn"] for s in listed], arns)
        self.assertEqual({s["TableName"] for s in listed}, {a})
        page = self.ddb.list_backups(TableName=a, Limit=2)
        self.assertEqual(len(page["BackupSummaries"]), 2)
        self.assertEqual(page["LastEvaluatedBackupArn"], arns[1])
        rest = self.ddb.list_backups(TableName=a, Limit=2, ExclusiveStartBackupArn=page["LastEvaluatedBackupArn"])
        self.assertEqual([s["BackupArn"] for s in rest["BackupSummaries"]], arns[2:])
        self.assertNotIn("LastEvaluatedBackupArn", rest)
        self.assertEqual(self.ddb.list_backups(TableName=a, BackupType="SYSTEM")["BackupSummaries"], [])
        created = listed[0]["BackupCreationDateTime"]
        self.assertEqual(self.ddb.list_backups(TableName=a, TimeRangeUpperBound=created.timestamp() - 60)["BackupSummaries"], [])

    def test_delete_backup(self):
        name = self.filled_table(n=1)
        arn = self.ddb.create_backup(TableName=name, BackupName="gone")["BackupDetails"]["BackupArn"]
        out = self.ddb.delete_backup(BackupArn=arn)["BackupDescription"]
        self.assertEqual(out["BackupDetails"]["BackupStatus"], "DELETED")
        self.assertError("BackupNotFoundException", "Backup not found: " + arn, self.ddb.describe_backup, BackupArn=arn)
        self.assertError("BackupNotFoundException", "Backup not found: " + arn, self.ddb.delete_backup, BackupArn=arn)

    def test_errors(self):
        self.assertError("TableNotFoundException", "Table not found: nope", self.ddb.create_backup, TableName="nope", BackupName="bkp")
        self.assertError("ValidationException", None, self.unchecked.create_backup, TableName="x", BackupName="a b")
        name = self.filled_table(n=1)
        arn = self.ddb.create_backup(TableName=name, BackupName="bkp")["BackupDetails"]["BackupArn"]
        self.assertError("TableAlreadyExistsException", "Table already exists: " + name,
                         self.ddb.restore_table_from_backup, TargetTableName=name, BackupArn=arn)
        missing = arn[:-8] + "00000000"
        self.assertError("BackupNotFoundException", "Backup not found: " + missing,
                         self.ddb.restore_table_from_backup, TargetTableName=self.unique(), BackupArn=missing)
        self.assertError("ValidationException",
                         "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
                         self.unchecked.list_backups, Limit=101)

    def test_backup_under_concurrent_writes_is_a_snapshot(self):
        name = self.make_table()
        for i in range(300):
            self.ddb.put_item(TableName=name, Item={"pk": {"S": "k%03d" % i}, "v": {"N": "0"}})
        stop = threading.Event()
        client = self.server.client()

        def writer():
            n = 1
            while not stop.is_set():
                # Each round bumps every item to n, in key order: a snapshot holds a prefix at n
                # and the rest at n - 1 (never a mix out of order).
                for i in range(300):
                    client.put_item(TableName=name, Item={"pk": {"S": "k%03d" % i}, "v": {"N": str(n)}})
                n += 1
        t = threading.Thread(target=writer)
        t.start()
        try:
            arn = self.ddb.create_backup(TableName=name, BackupName="busy")["BackupDetails"]["BackupArn"]
        finally:
            stop.set()
            t.join()
        target = self.unique("snap")
        self.ddb.restore_table_from_backup(TargetTableName=target, BackupArn=arn)
        restored = items_of(self.ddb, target)
        self.assertEqual(len(restored), 300)
        values = [int(restored["k%03d" % i]["v"]["N"]) for i in range(300)]
        self.assertTrue(all(a >= b for a, b in zip(values, values[1:])), values)
        self.assertLessEqual(values[0] - values[-1], 1)


class BackupRestartTest(unittest.TestCase):
    def test_backups_survive_restart(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="tbl", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            ddb.put_item(TableName="tbl", Item={"pk": {"S": "a"}})
            arn = ddb.create_backup(TableName="tbl", BackupName="bkp")["BackupDetails"]["BackupArn"]
            server.stop()
            server.start()
            ddb = server.client()
            self.assertEqual([s["BackupArn"] for s in ddb.list_backups()["BackupSummaries"]], [arn])
            ddb.restore_table_from_backup(TargetTableName="tbl2", BackupArn=arn)
            self.assertEqual(ddb.get_item(TableName="tbl2", Key={"pk": {"S": "a"}})["Item"], {"pk": {"S": "a"}})
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
