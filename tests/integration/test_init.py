"""--init: tables from CloudFormation / SAM templates, CreateTable and DescribeTable JSON, items from
BatchWriteItem files and DynamoDB JSON exports; idempotent restarts; bad files stop the start with
the file, line and problem."""
import gzip
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest

from harness import BINARY, Server, free_port

TEMPLATE = textwrap.dedent("""\
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Env: {Type: String, Default: test}
      Capacity: {Type: Number, Default: 3}
    Mappings:
      Sizes: {test: {Read: 4}}
    Conditions:
      IsTest: !Equals [!Ref Env, test]
      NotTest: !Not [!Condition IsTest]
    Resources:
      Orders:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: !Sub "${Env}-orders-${AWS::Region}"
          AttributeDefinitions:
            - {AttributeName: pk, AttributeType: S}
            - {AttributeName: sk, AttributeType: S}
            - {AttributeName: status, AttributeType: S}
            - {AttributeName: created, AttributeType: N}
          KeySchema:
            - {AttributeName: pk, KeyType: HASH}
            - {AttributeName: sk, KeyType: RANGE}
          ProvisionedThroughput:
            ReadCapacityUnits: !FindInMap [Sizes, !Ref Env, Read]
            WriteCapacityUnits: !Ref Capacity
          GlobalSecondaryIndexes:
            - IndexName: byStatus
              KeySchema: [{AttributeName: status, KeyType: HASH}]
              Projection: {ProjectionType: KEYS_ONLY}
              ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
              ContributorInsightsSpecification: {Enabled: false}
          LocalSecondaryIndexes:
            - IndexName: byCreated
              KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: created, KeyType: RANGE}]
              Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [total]}
          StreamSpecification: {StreamViewType: NEW_IMAGE}
          SSESpecification: {SSEEnabled: true}
          TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
          Tags:
            - {Key: team, Value: !Join ["-", [a, b, !Select [1, !Split [",", "x,c"]]]]}
      Skipped:
        Type: AWS::DynamoDB::Table
        Condition: NotTest
        Properties:
          TableName: never
          AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
          KeySchema: [{AttributeName: id, KeyType: HASH}]
      Simple:
        Type: AWS::Serverless::SimpleTable
        Properties:
          PrimaryKey: {Name: num, Type: Number}
      Queue:
        Type: AWS::SQS::Queue
    """)

ITEMS = {"test-orders-us-east-1": [
    {"PutRequest": {"Item": {"pk": {"S": "o1"}, "sk": {"S": "a"}, "status": {"S": "new"}, "created": {"N": "1"}}}},
    {"PutRequest": {"Item": {"pk": {"S": "o2"}, "sk": {"S": "a"}, "total": {"N": "9.5"}}}},
]}


def write(folder, name, text):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text if isinstance(text, str) else json.dumps(text, indent=1))
    return path


def start_fails(*args):
    """Runs dynarock expecting a refused start; returns (exit status, stderr)."""
    proc = subprocess.run([BINARY, "--in-memory", "--port", "0"] + list(args), capture_output=True, timeout=30)
    return proc.returncode, proc.stderr.decode()


class InitTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dynarock-init-")
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.cleanup()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, *args, **kw):
        s = Server(*args, **kw)
        self.servers.append(s)
        return s.start()

    def test_template_tables_indexes_and_items(self):
        folder = os.path.join(self.dir, "init")
        write(folder, "stack.yaml", TEMPLATE)
        write(folder, "data/orders.json", ITEMS)
        server = self.start("--init", folder, "--shared-db")
        ddb = server.client()
        self.assertEqual(ddb.list_tables()["TableNames"], ["Simple", "test-orders-us-east-1"])
        t = ddb.describe_table(TableName="test-orders-us-east-1")["Table"]
        self.assertEqual(t["ProvisionedThroughput"]["ReadCapacityUnits"], 4)
        self.assertEqual(t["ProvisionedThroughput"]["WriteCapacityUnits"], 3)
        self.assertEqual([g["IndexName"] for g in t["GlobalSecondaryIndexes"]], ["byStatus"])
        self.assertEqual(t["LocalSecondaryIndexes"][0]["Projection"], {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]})
        self.assertEqual(t["StreamSpecification"], {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        self.assertEqual(t["SSEDescription"]["Status"], "ENABLED")
        tags = ddb.list_tags_of_resource(ResourceArn=t["TableArn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "a-b-c"}])
        simple = ddb.describe_table(TableName="Simple")["Table"]
        self.assertEqual(simple["KeySchema"], [{"AttributeName": "num", "KeyType": "HASH"}])
        self.assertEqual(simple["AttributeDefinitions"], [{"AttributeName": "num", "AttributeType": "N"}])
        self.assertEqual(simple["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        items = ddb.scan(TableName="test-orders-us-east-1")["Items"]
        self.assertEqual(sorted(i["pk"]["S"] for i in items), ["o1", "o2"])
        self.assertEqual(ddb.query(TableName="test-orders-us-east-1", IndexName="byStatus",
                                   KeyConditionExpression="#s = :s", ExpressionAttributeNames={"#s": "status"},
                                   ExpressionAttributeValues={":s": {"S": "new"}})["Count"], 1)

    def test_ttl_is_applied_or_reported(self):
        path = write(self.dir, "stack.yaml", TEMPLATE)
        proc = subprocess.Popen([BINARY, "--in-memory", "--port", str(free_port()), "--shared-db", "--init", path],
                                stderr=subprocess.PIPE)
        try:
            line = b""
            while b"listening" not in line:
                line = proc.stderr.readline()
                self.assertTrue(line, "server exited")
                if b"TTL" in line:
                    self.assertIn(b"TTL on attribute expires not applied", line)
                    self.assertIn(b"UpdateTimeToLive", line)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            proc.stderr.close()

    def test_point_in_time_recovery_is_applied(self):
        path = write(self.dir, "pitr.yaml", textwrap.dedent("""\
            Resources:
              Loans:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: Loans
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: loanId, AttributeType: S}]
                  KeySchema: [{AttributeName: loanId, KeyType: HASH}]
                  PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 14}
            """))
        ddb = self.start("--init", path, "--shared-db").client()
        p = ddb.describe_continuous_backups(TableName="Loans")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        self.assertEqual((p["PointInTimeRecoveryStatus"], p["RecoveryPeriodInDays"]), ("ENABLED", 14))

    def test_restart_keeps_tables_and_changed_data(self):
        folder = os.path.join(self.dir, "init")
        write(folder, "stack.yaml", TEMPLATE)
        write(folder, "data/orders.json", ITEMS)
        data = os.path.join(self.dir, "data")
        server = self.start("--init", folder, "--shared-db", in_memory=False, data_dir=data)
        ddb = server.client()
        ddb.put_item(TableName="test-orders-us-east-1", Item={"pk": {"S": "o1"}, "sk": {"S": "a"}, "changed": {"BOOL": True}})
        ddb.delete_item(TableName="test-orders-us-east-1", Key={"pk": {"S": "o2"}, "sk": {"S": "a"}})
        server.stop()
        server.start()
        ddb = server.client()
        items = ddb.scan(TableName="test-orders-us-east-1")["Items"]
        self.assertEqual(items, [{"pk": {"S": "o1"}, "sk": {"S": "a"}, "changed": {"BOOL": True}}])

    def test_per_credential_tables_go_to_the_environment_credential(self):
        path = write(self.dir, "t.json", {"TableName": "mine", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                                          "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                                          "BillingMode": "PAY_PER_REQUEST"})
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDINIT", AWS_REGION="eu-west-1")
        old = os.environ.copy()
        os.environ.update(env)
        try:
            server = self.start("--init", path)
        finally:
            os.environ.clear()
            os.environ.update(old)
        self.assertEqual(server.client(access_key="AKIDINIT", region="eu-west-1").list_tables()["TableNames"], ["mine"])
        self.assertEqual(server.client(access_key="OTHER", region="eu-west-1").list_tables()["TableNames"], [])

    def test_create_table_describe_table_and_export_files(self):
        create = write(self.dir, "create.json", {
            "TableName": "Created", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]})
        described = write(self.dir, "described.json", {"Table": {
            "TableName": "Described", "TableStatus": "ACTIVE", "ItemCount": 0,
            "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "N"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 3, "NumberOfDecreasesToday": 0}}})
        export = os.path.join(self.dir, "export")
        write(export, "manifest-summary.json", {"tableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/Created",
                                                "exportFormat": "DYNAMODB_JSON", "itemCount": 3})
        os.makedirs(os.path.join(export, "data"))
        with gzip.open(os.path.join(export, "data", "part-0.json.gz"), "wt") as f:
            for i in range(3):
                f.write(json.dumps({"Item": {"id": {"S": "i%d" % i}, "n": {"N": str(i)}}}) + "\n")
        server = self.start("--init", create, "--init", described, "--init", export, "--shared-db")
        ddb = server.client()
        self.assertEqual(ddb.scan(TableName="Created")["Count"], 3)
        t = ddb.describe_table(TableName="Described")["Table"]
        self.assertEqual((t["ProvisionedThroughput"]["ReadCapacityUnits"], t["ProvisionedThroughput"]["WriteCapacityUnits"]), (2, 3))

    def test_init_param_overrides_parameters_and_stack_name(self):
        path = write(self.dir, "stack.yaml", textwrap.dedent("""\
            Parameters:
              Env: {Type: String}
            Resources:
              T:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub "${AWS::StackName}-${Env}"
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
            """))
        status, err = start_fails("--init", path)
        self.assertEqual(status, 1)
        self.assertIn("stack.yaml:7: parameter Env has no Default", err)
        server = self.start("--init", path, "--init-param", "Env=prod", "--init-param", "AWS::StackName=shop", "--shared-db")
        self.assertEqual(server.client().list_tables()["TableNames"], ["shop-prod"])

    def test_bad_files_name_the_file_line_and_problem(self):
        cases = [
            ("syntax.yaml", "Resources:\n  T:\n    Type: [unclosed\n", "syntax.yaml:4: not valid YAML/JSON"),
            ("syntax.json", '{"TableName": "x",\n "KeySchema": [}\n', "syntax.json:2: not valid JSON"),
            ("unknown.yaml", "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableNme: x\n",
             "unknown.yaml:5: unknown property TableNme of AWS::DynamoDB::Table"),
            ("getatt.yaml", "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: !GetAtt Other.Arn\n",
             "getatt.yaml:5: Fn::GetAtt cannot be resolved without a deployed stack"),
            ("invalid.yaml", "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: tbl\n"
             "      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"
             "      AttributeDefinitions: [{AttributeName: other, AttributeType: S}]\n",
             "invalid.yaml:3: CreateTable tbl refused: ValidationException: One or more parameter values were invalid"),
            ("other.json", '{"hello": "world"}', "other.json:1: not a CloudFormation/SAM template"),
        ]
        for name, text, expected in cases:
            with self.subTest(name):
                status, err = start_fails("--init", write(self.dir, name, text))
                self.assertEqual(status, 1, err)
                self.assertIn(expected, err)
                self.assertNotIn("listening", err)
        status, err = start_fails("--init", os.path.join(self.dir, "missing.yaml"))
        self.assertIn("missing.yaml: no such file or directory", err)

    def test_bad_item_names_its_line(self):
        table = write(self.dir, "a.json", {"TableName": "Tbl", "BillingMode": "PAY_PER_REQUEST",
                                           "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                                           "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}]})
        items = write(self.dir, "b.json", '{"Tbl": [\n {"PutRequest": {"Item": {"id": {"S": "1"}}}},\n'
                                          ' {"PutRequest": {"Item": {"id": {"N": "2"}}}}\n]}\n')
        status, err = start_fails("--init", table, "--init", items)
        self.assertEqual(status, 1)
        self.assertIn("b.json:3: item refused by table Tbl: ValidationException", err)
        missing = write(self.dir, "c.json", {"Nope": [{"PutRequest": {"Item": {"id": {"S": "1"}}}}]})
        status, err = start_fails("--init", missing)
        self.assertIn("c.json:3: table Nope does not exist and no --init file defines it", err)


if __name__ == "__main__":
    unittest.main()
