"""Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups, RestoreTableToPointInTime."""
import datetime
import math
import time
import unittest

from harness import Server, ServerTestCase


def snapshot(ddb, table):
    return {i["pk"]["S"]: i.get("v", {}).get("N") for i in ddb.scan(TableName=table, ConsistentRead=True)["Items"]}


def moment():
    """A whole second strictly between the writes before and after it (the SDKs send whole seconds)."""
    t = math.floor(time.time()) + 1
    while time.time() < t + 0.05:
        time.sleep(0.05)
    return datetime.datetime.fromtimestamp(t, tz=datetime.timezone.utc)


class PitrTest(ServerTestCase):
    def test_describe_default_and_enable(self):
        name = self.make_table()
        d = self.ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        self.assertEqual(d, {"ContinuousBackupsStatus": "ENABLED",
                             "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}})
        out = self.ddb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 7})
        p = out["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        self.assertEqual(p["PointInTimeRecoveryStatus"], "ENABLED")
        self.assertEqual(p["RecoveryPeriodInDays"], 7)
        self.assertLessEqual(p["EarliestRestorableDateTime"], p["LatestRestorableDateTime"])
        # Enabling again keeps the window and takes the new period.
        again = self.ddb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 35})
        q = again["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        self.assertEqual(q["EarliestRestorableDateTime"], p["EarliestRestorableDateTime"])
        self.assertEqual(q["RecoveryPeriodInDays"], 35)
        off = self.ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})
        self.assertEqual(off["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"], {"PointInTimeRecoveryStatus": "DISABLED"})

    def test_restore_three_points(self):
        name = self.make_table()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "before"}, "v": {"N": "0"}})
        self.ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        t1 = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"N": "2"}})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "v": {"N": "2"}})
        t2 = moment()
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "a"}})
        self.ddb.delete_item(TableName=name, Key={"pk": {"S": "before"}})
        self.ddb.update_item(TableName=name, Key={"pk": {"S": "b"}}, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"N": "3"}})
        t3 = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "c"}, "v": {"N": "4"}})
        expected = {t1: {"before": "0", "a": "1"}, t2: {"before": "0", "a": "2", "b": "2"}, t3: {"b": "3"}}
        for when, state in expected.items():
            target = self.unique("pitr")
            out = self.ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName=target, RestoreDateTime=when)
            self.assertEqual(out["TableDescription"]["RestoreSummary"]["SourceTableArn"], out["TableDescription"]["TableArn"].replace(target, name))
            self.ddb.get_waiter("table_exists").wait(TableName=target, WaiterConfig={"Delay": 1})
            self.assertEqual(snapshot(self.ddb, target), state)
            self.assertEqual(self.ddb.describe_table(TableName=target)["Table"]["ItemCount"], len(state))
        latest = self.unique("latest")
        arn = self.ddb.describe_table(TableName=name)["Table"]["TableArn"]
        self.ddb.restore_table_to_point_in_time(SourceTableArn=arn, TargetTableName=latest, UseLatestRestorableTime=True)
        self.assertEqual(snapshot(self.ddb, latest), {"b": "3", "c": "4"})
        # A restored table does not inherit point-in-time recovery.
        d = self.ddb.describe_continuous_backups(TableName=latest)["ContinuousBackupsDescription"]
        self.assertEqual(d["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")

    def test_restore_rebuilds_indexes(self):
        name = self.make_table(gsis=[{"name": "by_g", "keys": [("g", "S")]}])
        self.ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "x"}, "g": {"S": "one"}})
        t = moment()
        self.ddb.put_item(TableName=name, Item={"pk": {"S": "x"}, "g": {"S": "two"}})
        target = self.unique("ix")
        self.ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName=target, RestoreDateTime=t)
        q = self.ddb.query(TableName=target, IndexName="by_g", KeyConditionExpression="g = :g",
                           ExpressionAttributeValues={":g": {"S": "one"}})
        self.assertEqual([i["pk"]["S"] for i in q["Items"]], ["x"])

    def test_errors(self):
        self.assertError("TableNotFoundException", "Table not found: nope", self.ddb.describe_continuous_backups, TableName="nope")
        self.assertError("TableNotFoundException", "Table not found: nope", self.ddb.update_continuous_backups,
                         TableName="nope", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.assertError("ValidationException",
                         "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' "
                         "failed to satisfy constraint: Member must have value less than or equal to 35",
                         self.unchecked.update_continuous_backups, TableName="x",
                         PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 36})
        self.assertError("ValidationException",
                         "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' "
                         "failed to satisfy constraint: Member must not be null",
                         self.unchecked.update_continuous_backups, TableName="x", PointInTimeRecoverySpecification={})
        name = self.make_table()
        self.assertError("PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table '%s'" % name,
                         self.ddb.restore_table_to_point_in_time, SourceTableName=name, TargetTableName=self.unique(),
                         UseLatestRestorableTime=True)
        self.ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        self.assertError("InvalidRestoreTimeException", None, self.ddb.restore_table_to_point_in_time, SourceTableName=name,
                         TargetTableName=self.unique(), RestoreDateTime=datetime.datetime(2020, 1, 1))
        self.assertError("TableAlreadyExistsException", "Table already exists: " + name, self.ddb.restore_table_to_point_in_time,
                         SourceTableName=name, TargetTableName=name, UseLatestRestorableTime=True)
        self.assertError("TableNotFoundException", "Table not found: nope", self.ddb.restore_table_to_point_in_time,
                         SourceTableName="nope", TargetTableName=self.unique(), UseLatestRestorableTime=True)


class PitrRestartTest(unittest.TestCase):
    def test_history_survives_restart(self):
        server = Server(in_memory=False).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="tbl", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            ddb.update_continuous_backups(TableName="tbl", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True,
                                                                                           "RecoveryPeriodInDays": 3})
            ddb.put_item(TableName="tbl", Item={"pk": {"S": "a"}, "v": {"N": "1"}})
            t = moment()
            ddb.put_item(TableName="tbl", Item={"pk": {"S": "a"}, "v": {"N": "2"}})
            server.stop()
            server.start()
            ddb = server.client()
            p = ddb.describe_continuous_backups(TableName="tbl")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
            self.assertEqual((p["PointInTimeRecoveryStatus"], p["RecoveryPeriodInDays"]), ("ENABLED", 3))
            ddb.restore_table_to_point_in_time(SourceTableName="tbl", TargetTableName="tbl_then", RestoreDateTime=t)
            self.assertEqual(snapshot(ddb, "tbl_then"), {"a": "1"})
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
