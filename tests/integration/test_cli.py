"""The AWS CLI against a real server, as the seed READMEs use it."""
import json
import os
import subprocess
import unittest

from harness import Server


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDCLI", AWS_SECRET_ACCESS_KEY="secret",
                       AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def aws(self, *args, check=True):
        return self.aws_service("dynamodb", *args, check=check)

    def aws_service(self, service, *args, check=True):
        out = subprocess.run(["aws", service, "--endpoint-url", self.server.url, "--output", "json"] + list(args),
                             capture_output=True, text=True, env=self.env, timeout=60)
        if check:
            self.assertEqual(out.returncode, 0, out.stderr)
            return json.loads(out.stdout) if out.stdout.strip() else {}
        return out

    def test_seed_create_table_commands(self):
        out = self.aws("create-table", "--table-name", "Transactions",
                       "--attribute-definitions", "AttributeName=idempotentKey,AttributeType=S",
                       "--key-schema", "AttributeName=idempotentKey,KeyType=HASH",
                       "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5")
        self.assertEqual(out["TableDescription"]["TableName"], "Transactions")
        self.aws("wait", "table-exists", "--table-name", "Transactions")
        self.aws("put-item", "--table-name", "Transactions", "--item",
                 json.dumps({"idempotentKey": {"S": "k1"}, "amount": {"N": "25"}}))
        got = self.aws("get-item", "--table-name", "Transactions", "--key", json.dumps({"idempotentKey": {"S": "k1"}}))
        self.assertEqual(got["Item"]["amount"], {"N": "25"})
        listed = self.aws("list-tables")
        self.assertIn("Transactions", listed["TableNames"])

    def test_cli_reports_service_errors(self):
        out = self.aws("describe-table", "--table-name", "does_not_exist", check=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("ResourceNotFoundException", out.stderr)
        self.assertIn("Requested resource not found: Table: does_not_exist not found", out.stderr)

    def test_read_a_stream_with_the_cli(self):
        self.aws("create-table", "--table-name", "Orders", "--billing-mode", "PAY_PER_REQUEST",
                 "--attribute-definitions", "AttributeName=id,AttributeType=S",
                 "--key-schema", "AttributeName=id,KeyType=HASH",
                 "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE")
        self.aws("put-item", "--table-name", "Orders", "--item", json.dumps({"id": {"S": "o1"}, "total": {"N": "12.5"}}))
        arn = self.aws_service("dynamodbstreams", "list-streams", "--table-name", "Orders")["Streams"][0]["StreamArn"]
        desc = self.aws_service("dynamodbstreams", "describe-stream", "--stream-arn", arn)["StreamDescription"]
        self.assertEqual(desc["StreamStatus"], "ENABLED")
        shard = desc["Shards"][0]["ShardId"]
        it = self.aws_service("dynamodbstreams", "get-shard-iterator", "--stream-arn", arn, "--shard-id", shard,
                              "--shard-iterator-type", "TRIM_HORIZON")["ShardIterator"]
        page = self.aws_service("dynamodbstreams", "get-records", "--shard-iterator", it)
        self.assertEqual(len(page["Records"]), 1)
        self.assertEqual(page["Records"][0]["eventName"], "INSERT")
        self.assertEqual(page["Records"][0]["dynamodb"]["NewImage"], {"id": {"S": "o1"}, "total": {"N": "12.5"}})
        self.assertIn("NextShardIterator", page)

    def test_cli_reports_streams_errors(self):
        out = self.aws_service("dynamodbstreams", "get-records", "--shard-iterator", "bogus", check=False)
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("ValidationException", out.stderr)
        self.assertIn("Invalid ShardIterator", out.stderr)

    def test_backup_and_point_in_time_commands(self):
        self.aws("create-table", "--table-name", "Loans", "--billing-mode", "PAY_PER_REQUEST",
                 "--attribute-definitions", "AttributeName=loanId,AttributeType=S",
                 "--key-schema", "AttributeName=loanId,KeyType=HASH")
        self.aws("put-item", "--table-name", "Loans", "--item", json.dumps({"loanId": {"S": "L1"}}))
        out = self.aws("update-continuous-backups", "--table-name", "Loans",
                       "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays=10")
        self.assertEqual(out["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"], 10)
        backup = self.aws("create-backup", "--table-name", "Loans", "--backup-name", "nightly")["BackupDetails"]
        self.assertEqual(backup["BackupStatus"], "AVAILABLE")
        listed = self.aws("list-backups", "--table-name", "Loans")["BackupSummaries"]
        self.assertEqual([b["BackupName"] for b in listed], ["nightly"])
        self.aws("restore-table-from-backup", "--target-table-name", "LoansCopy", "--backup-arn", backup["BackupArn"])
        self.aws("wait", "table-exists", "--table-name", "LoansCopy")
        self.aws("restore-table-to-point-in-time", "--source-table-name", "Loans", "--target-table-name", "LoansNow",
                 "--use-latest-restorable-time")
        got = self.aws("get-item", "--table-name", "LoansNow", "--key", json.dumps({"loanId": {"S": "L1"}}))
        self.assertEqual(got["Item"], {"loanId": {"S": "L1"}})
        self.aws("delete-backup", "--backup-arn", backup["BackupArn"])
        out = self.aws("describe-backup", "--backup-arn", backup["BackupArn"], check=False)
        self.assertIn("BackupNotFoundException", out.stderr)


if __name__ == "__main__":
    unittest.main()
