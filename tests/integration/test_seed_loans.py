"""Seed 000 (Loans + Borrowers): the Python DynamoDBService layer through the boto3 resource API.

Two pay-per-request tables with SSE, string keys, GSIs BorrowerIdIndex / StatusIndex / EmailIndex,
Decimal numbers, `status` (a reserved word) behind ExpressionAttributeNames, and a paginated Scan.
The endpoint comes from AWS_ENDPOINT_URL, as in the seed's local-testing section.
"""
import os
import unittest
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import Server

LOANS_TABLE = "local-loans"
BORROWERS_TABLE = "local-borrowers"


def now_iso():
    return datetime.now(timezone.utc).isoformat()


class DynamoDBService:
    """The seed's service layer: create/get/update loans, queries by borrower and status, Scan."""

    def __init__(self):
        # No endpoint_url: boto3 picks up AWS_ENDPOINT_URL from the environment.
        self.dynamodb = boto3.resource(
            "dynamodb", region_name="us-east-1", aws_access_key_id="AKIDLOANS",
            aws_secret_access_key="secret", config=Config(retries={"max_attempts": 1}))
        self.loans = self.dynamodb.Table(os.environ["LOANS_TABLE"])
        self.borrowers = self.dynamodb.Table(os.environ["BORROWERS_TABLE"])

    def create_loan(self, loan_data):
        ts = now_iso()
        loan = {
            "loanId": str(uuid.uuid4()),
            "borrowerId": loan_data["borrowerId"],
            "amount": Decimal(str(loan_data["amount"])),
            "interestRate": Decimal(str(loan_data["interestRate"])),
            "termMonths": int(loan_data["termMonths"]),
            "status": "pending",
            "createdAt": ts,
            "updatedAt": ts,
        }
        self.loans.put_item(Item=loan, ConditionExpression="attribute_not_exists(loanId)")
        return loan

    def get_loan(self, loan_id):
        return self.loans.get_item(Key={"loanId": loan_id}).get("Item")

    def get_all_loans(self, page_size=None):
        kwargs = {"Limit": page_size} if page_size else {}
        items, pages = [], 0
        response = self.loans.scan(**kwargs)
        items.extend(response["Items"])
        pages += 1
        while "LastEvaluatedKey" in response:
            response = self.loans.scan(ExclusiveStartKey=response["LastEvaluatedKey"], **kwargs)
            items.extend(response["Items"])
            pages += 1
        return items, pages

    def get_loans_by_borrower(self, borrower_id):
        response = self.loans.query(IndexName="BorrowerIdIndex", KeyConditionExpression=Key("borrowerId").eq(borrower_id))
        return response["Items"]

    def get_loans_by_status(self, status):
        response = self.loans.query(
            IndexName="StatusIndex", KeyConditionExpression="#status = :status",
            ExpressionAttributeNames={"#status": "status"}, ExpressionAttributeValues={":status": status})
        return response["Items"]

    def update_loan_status(self, loan_id, status):
        ts = now_iso()
        expr = "SET #status = :status, updatedAt = :updatedAt"
        values = {":status": status, ":updatedAt": ts}
        if status == "approved":
            expr += ", approvedAt = :ts"
            values[":ts"] = ts
        elif status == "active":
            expr += ", disbursedAt = :ts"
            values[":ts"] = ts
        response = self.loans.update_item(
            Key={"loanId": loan_id}, UpdateExpression=expr, ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues=values, ConditionExpression="attribute_exists(loanId)", ReturnValues="ALL_NEW")
        return response["Attributes"]

    def update_loan(self, loan_id, updates):
        names, values, sets = {}, {":updatedAt": now_iso()}, ["updatedAt = :updatedAt"]
        for i, (k, v) in enumerate(updates.items()):
            names["#f%d" % i] = k
            values[":v%d" % i] = v
            sets.append("#f%d = :v%d" % (i, i))
        response = self.loans.update_item(
            Key={"loanId": loan_id}, UpdateExpression="SET " + ", ".join(sets), ExpressionAttributeNames=names,
            ExpressionAttributeValues=values, ConditionExpression="attribute_exists(loanId)", ReturnValues="ALL_NEW")
        return response["Attributes"]

    def create_borrower(self, name, email, phone, credit_score=None):
        ts = now_iso()
        borrower = {"borrowerId": str(uuid.uuid4()), "name": name, "email": email, "phone": phone,
                    "status": "active", "createdAt": ts, "updatedAt": ts}
        if credit_score is not None:
            borrower["creditScore"] = credit_score
        self.borrowers.put_item(Item=borrower)
        return borrower

    def get_borrower_by_email(self, email):
        items = self.borrowers.query(IndexName="EmailIndex", KeyConditionExpression=Key("email").eq(email))["Items"]
        return items[0] if items else None


class LoansSeedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.saved_env = {k: os.environ.get(k) for k in ("AWS_ENDPOINT_URL", "LOANS_TABLE", "BORROWERS_TABLE")}
        os.environ.update(AWS_ENDPOINT_URL=cls.server.url, LOANS_TABLE=LOANS_TABLE, BORROWERS_TABLE=BORROWERS_TABLE)
        cls.db = DynamoDBService()
        client = cls.db.dynamodb.meta.client
        client.create_table(
            TableName=LOANS_TABLE, BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True, "SSEType": "KMS"},
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("loanId", "borrowerId", "status")],
            KeySchema=[{"AttributeName": "loanId", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[
                {"IndexName": "BorrowerIdIndex", "KeySchema": [{"AttributeName": "borrowerId", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}},
                {"IndexName": "StatusIndex", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}},
            ])
        client.create_table(
            TableName=BORROWERS_TABLE, BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True, "SSEType": "KMS"},
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("borrowerId", "email")],
            KeySchema=[{"AttributeName": "borrowerId", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[
                {"IndexName": "EmailIndex", "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}},
            ])
        client.get_waiter("table_exists").wait(TableName=LOANS_TABLE, WaiterConfig={"Delay": 0.1})

    @classmethod
    def tearDownClass(cls):
        for k, v in cls.saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        cls.server.cleanup()

    def borrower_id(self):
        return "b-" + uuid.uuid4().hex[:10]

    def test_tables_are_described_as_created(self):
        client = self.db.dynamodb.meta.client
        t = client.describe_table(TableName=LOANS_TABLE)["Table"]
        self.assertEqual(t["TableStatus"], "ACTIVE")
        self.assertEqual(t["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(t["KeySchema"], [{"AttributeName": "loanId", "KeyType": "HASH"}])
        self.assertEqual(sorted(ix["IndexName"] for ix in t["GlobalSecondaryIndexes"]), ["BorrowerIdIndex", "StatusIndex"])
        self.assertEqual(t["SSEDescription"]["Status"], "ENABLED")
        self.assertEqual(t["SSEDescription"]["SSEType"], "KMS")
        self.assertEqual(sorted(client.list_tables()["TableNames"]), [BORROWERS_TABLE, LOANS_TABLE])

    def test_create_and_get_loan_keeps_decimals(self):
        loan = self.db.create_loan({"borrowerId": "abc-123", "amount": 10000, "interestRate": 5.5, "termMonths": 36})
        got = self.db.get_loan(loan["loanId"])
        self.assertEqual(got, loan)
        self.assertEqual(got["amount"], Decimal("10000"))
        self.assertEqual(got["interestRate"], Decimal("5.5"))
        self.assertEqual(got["termMonths"], Decimal(36))
        self.assertEqual(got["status"], "pending")
        self.assertIsNone(self.db.get_loan("no-such-loan"))

    def test_update_loan_status_with_reserved_word(self):
        loan = self.db.create_loan({"borrowerId": "abc-123", "amount": 2500, "interestRate": "7.25", "termMonths": 12})
        approved = self.db.update_loan_status(loan["loanId"], "approved")
        self.assertEqual(approved["status"], "approved")
        self.assertIn("approvedAt", approved)
        self.assertNotIn("disbursedAt", approved)
        active = self.db.update_loan_status(loan["loanId"], "active")
        self.assertEqual(active["status"], "active")
        self.assertEqual(active["approvedAt"], approved["approvedAt"])
        self.assertIn("disbursedAt", active)
        self.assertEqual(self.db.get_loan(loan["loanId"]), active)

    def test_status_without_placeholder_is_rejected(self):
        loan = self.db.create_loan({"borrowerId": "abc-123", "amount": 1, "interestRate": 1, "termMonths": 1})
        with self.assertRaises(ClientError) as cm:
            self.db.loans.update_item(Key={"loanId": loan["loanId"]}, UpdateExpression="SET status = :s",
                                      ExpressionAttributeValues={":s": "approved"})
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status")
        with self.assertRaises(ClientError) as cm:
            self.db.loans.query(IndexName="StatusIndex", KeyConditionExpression="status = :s",
                                ExpressionAttributeValues={":s": "pending"})
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: status")
        self.assertEqual(self.db.get_loan(loan["loanId"])["status"], "pending")

    def test_update_status_of_missing_loan_fails_condition(self):
        with self.assertRaises(ClientError) as cm:
            self.db.update_loan_status("missing-loan", "approved")
        self.assertEqual(cm.exception.response["Error"]["Code"], "ConditionalCheckFailedException")
        self.assertEqual(cm.exception.response["Error"]["Message"], "The conditional request failed")
        self.assertIsNone(self.db.get_loan("missing-loan"))

    def test_update_loan_amount(self):
        loan = self.db.create_loan({"borrowerId": "abc-123", "amount": 10000, "interestRate": "5.5", "termMonths": 36})
        updated = self.db.update_loan(loan["loanId"], {"amount": Decimal("15000"), "termMonths": 48})
        self.assertEqual(updated["amount"], Decimal("15000"))
        self.assertEqual(updated["termMonths"], Decimal(48))
        self.assertEqual(updated["interestRate"], Decimal("5.5"))
        self.assertEqual(self.db.get_loan(loan["loanId"])["amount"], Decimal("15000"))

    def test_get_loans_by_borrower(self):
        b1, b2 = self.borrower_id(), self.borrower_id()
        mine = [self.db.create_loan({"borrowerId": b1, "amount": 1000 * (i + 1), "interestRate": "4.5", "termMonths": 24})
                for i in range(3)]
        self.db.create_loan({"borrowerId": b2, "amount": 99, "interestRate": "9.9", "termMonths": 6})
        got = self.db.get_loans_by_borrower(b1)
        self.assertEqual(sorted(l["loanId"] for l in got), sorted(l["loanId"] for l in mine))
        self.assertEqual(sorted(l["amount"] for l in got), [Decimal(1000), Decimal(2000), Decimal(3000)])
        self.assertEqual(len(self.db.get_loans_by_borrower(b2)), 1)
        self.assertEqual(self.db.get_loans_by_borrower("nobody"), [])

    def test_get_loans_by_status_follows_updates(self):
        b = self.borrower_id()
        loans = [self.db.create_loan({"borrowerId": b, "amount": 500, "interestRate": 3, "termMonths": 12}) for _ in range(3)]
        self.db.update_loan_status(loans[0]["loanId"], "defaulted")
        self.db.update_loan_status(loans[1]["loanId"], "paid")
        defaulted = [l["loanId"] for l in self.db.get_loans_by_status("defaulted")]
        self.assertEqual(defaulted, [loans[0]["loanId"]])
        paid = [l["loanId"] for l in self.db.get_loans_by_status("paid")]
        self.assertEqual(paid, [loans[1]["loanId"]])
        pending = {l["loanId"] for l in self.db.get_loans_by_status("pending")}
        self.assertIn(loans[2]["loanId"], pending)
        self.assertNotIn(loans[0]["loanId"], pending)
        self.assertNotIn(loans[1]["loanId"], pending)

    def test_gsi_query_rejects_consistent_read(self):
        with self.assertRaises(ClientError) as cm:
            self.db.loans.query(IndexName="BorrowerIdIndex", KeyConditionExpression=Key("borrowerId").eq("x"),
                                ConsistentRead=True)
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Consistent reads are not supported on global secondary indexes")

    def test_get_all_loans_paginates(self):
        b = self.borrower_id()
        for i in range(7):
            self.db.create_loan({"borrowerId": b, "amount": i + 1, "interestRate": "1.5", "termMonths": 3})
        everything, one_page = self.db.get_all_loans()
        self.assertEqual(one_page, 1)
        paged, pages = self.db.get_all_loans(page_size=3)
        self.assertEqual(len(paged), len(everything))
        self.assertEqual(sorted(l["loanId"] for l in paged), sorted(l["loanId"] for l in everything))
        self.assertEqual(len({l["loanId"] for l in paged}), len(paged))
        # Limit counts every item read; the last page may be empty when the count divides evenly.
        self.assertIn(pages, (-(-len(paged) // 3), -(-len(paged) // 3) + 1))
        self.assertEqual(sorted(l["amount"] for l in paged if l["borrowerId"] == b), [Decimal(i + 1) for i in range(7)])

    def test_scan_with_filter_on_status(self):
        b = self.borrower_id()
        loan = self.db.create_loan({"borrowerId": b, "amount": 42, "interestRate": 2, "termMonths": 2})
        self.db.update_loan_status(loan["loanId"], "approved")
        items = self.db.loans.scan(FilterExpression=Attr("status").eq("approved") & Attr("borrowerId").eq(b))["Items"]
        self.assertEqual([i["loanId"] for i in items], [loan["loanId"]])

    def test_borrowers_by_email(self):
        email = "ann.%s@example.com" % uuid.uuid4().hex[:6]
        borrower = self.db.create_borrower("Ann Lee", email, "+1-555-0100", credit_score=720)
        self.db.create_borrower("No Score", "other." + email, "+1-555-0101")
        got = self.db.get_borrower_by_email(email)
        self.assertEqual(got, borrower)
        self.assertEqual(got["creditScore"], Decimal(720))
        self.assertIsNone(self.db.get_borrower_by_email("nobody@example.com"))
        no_score = self.db.get_borrower_by_email("other." + email)
        self.assertNotIn("creditScore", no_score)


if __name__ == "__main__":
    unittest.main()
