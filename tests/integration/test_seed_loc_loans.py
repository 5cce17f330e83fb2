"""Seed 002 (loc-service Loans): installment loans in one table, through the boto3 low-level client.

PK USER#<user_id> / SK LOAN#<loan_id>; GSI1 (user + status), GSI2 (user + creation date), GSI3
(application id); begins_with sort-key conditions; amounts in integer cents; status transitions
OPEN -> CLOSED / DEFAULTED / OPEN guarded by the current status.
"""
import unittest
import uuid

from botocore.exceptions import ClientError

from harness import ServerTestCase

TABLE = "test-loc-service"


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


class LocLoansSeedTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        names = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK"]
        cls.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "GSI%d" % i,
                                     "KeySchema": [{"AttributeName": "GSI%dPK" % i, "KeyType": "HASH"},
                                                   {"AttributeName": "GSI%dSK" % i, "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}} for i in (1, 2, 3)])

    # --- the repository -------------------------------------------------------------------------

    def create_loan(self, user_id, created, amount=50000, fee=1250, status="OPEN"):
        loan_id, app_id = str(uuid.uuid4()), str(uuid.uuid4())
        date_key = "LOAN#DATE#%s#LOAN#%s" % (created, loan_id)
        item = {
            "PK": S("USER#" + user_id), "SK": S("LOAN#" + loan_id),
            "GSI1PK": S("USER#%s#STATUS#%s" % (user_id, status)), "GSI1SK": S(date_key),
            "GSI2PK": S("USER#" + user_id), "GSI2SK": S(date_key),
            "GSI3PK": S("USER#" + user_id), "GSI3SK": S("LOAN#LOANAPP#" + app_id),
            "loc_user_id": S(user_id), "loc_loan_id": S(loan_id), "loc_loan_application_id": S(app_id),
            "loc_loan_number": S("FM-%06d" % (abs(hash(loan_id)) % 1000000)),
            "loc_loan_amount": N(amount), "loc_origination_fee": N(fee), "loc_fee_percent": N("2.5"),
            "loc_fee_type": S("percentage"), "loc_total_amount": N(amount + fee), "loc_amount_disbursed": N(amount),
            "loc_outstanding_balance": N(amount + fee), "loc_status": S(status), "loc_repayment_cadence": S("biweekly"),
            "loc_disbursement_date": S(created), "loc_disbursement_method": S("ach"), "loc_account_last_four": S("6789"),
            "loc_confirmation_id": S("conf-" + loan_id[:8]), "auto_pay_enabled": {"BOOL": True},
            "loc_created_date": S(created), "loc_last_updated": S(created),
        }
        self.ddb.put_item(TableName=TABLE, Item=item, ConditionExpression="attribute_not_exists(PK) AND attribute_not_exists(SK)")
        return item

    def get_loan(self, user_id, loan_id):
        out = self.ddb.query(TableName=TABLE, KeyConditionExpression="PK = :pk AND SK = :sk",
                             ExpressionAttributeValues={":pk": S("USER#" + user_id), ":sk": S("LOAN#" + loan_id)})
        return out["Items"]

    def list_loans(self, user_id, newest_first=False):
        out = self.ddb.query(TableName=TABLE, IndexName="GSI2",
                             KeyConditionExpression="GSI2PK = :pk AND begins_with(GSI2SK, :prefix)",
                             ExpressionAttributeValues={":pk": S("USER#" + user_id), ":prefix": S("LOAN#DATE#")},
                             ScanIndexForward=not newest_first)
        return out["Items"]

    def list_loans_in_status(self, user_id, status):
        out = self.ddb.query(TableName=TABLE, IndexName="GSI1",
                             KeyConditionExpression="GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
                             ExpressionAttributeValues={":pk": S("USER#%s#STATUS#%s" % (user_id, status)),
                                                        ":prefix": S("LOAN#DATE#")})
        return out["Items"]

    def get_by_application(self, user_id, app_id):
        out = self.ddb.query(TableName=TABLE, IndexName="GSI3", KeyConditionExpression="GSI3PK = :pk AND GSI3SK = :sk",
                             ExpressionAttributeValues={":pk": S("USER#" + user_id), ":sk": S("LOAN#LOANAPP#" + app_id)})
        return out["Items"]

    def transition(self, user_id, loan_id, expected, new_status, now):
        expr = "SET loc_status = :new, GSI1PK = :gsi1pk, loc_last_updated = :now"
        values = {":new": S(new_status), ":gsi1pk": S("USER#%s#STATUS#%s" % (user_id, new_status)), ":now": S(now),
                  ":expected": S(expected)}
        if new_status == "CLOSED":
            expr += ", loc_completion_date = :now, loc_outstanding_balance = :zero"
            values[":zero"] = N(0)
        return self.ddb.update_item(TableName=TABLE, Key={"PK": S("USER#" + user_id), "SK": S("LOAN#" + loan_id)},
                                    UpdateExpression=expr, ConditionExpression="loc_status = :expected",
                                    ExpressionAttributeValues=values, ReturnValues="ALL_NEW")["Attributes"]

    def pay(self, user_id, loan_id, cents, now):
        return self.ddb.update_item(
            TableName=TABLE, Key={"PK": S("USER#" + user_id), "SK": S("LOAN#" + loan_id)},
            UpdateExpression="SET loc_outstanding_balance = loc_outstanding_balance - :p, loc_last_updated = :now",
            ConditionExpression="loc_status = :open AND loc_outstanding_balance >= :p",
            ExpressionAttributeValues={":p": N(cents), ":now": S(now), ":open": S("OPEN")},
            ReturnValues="UPDATED_NEW")["Attributes"]

    def user(self):
        return str(uuid.uuid4())

    # --- tests ---------------------------------------------------------------------------------------

    def test_get_loan_by_user_and_id(self):
        u = self.user()
        loan = self.create_loan(u, "2025-03-01T10:00:00Z")
        self.assertEqual(self.get_loan(u, loan["loc_loan_id"]["S"]), [loan])
        got = self.ddb.get_item(TableName=TABLE, Key={"PK": loan["PK"], "SK": loan["SK"]}, ConsistentRead=True)["Item"]
        self.assertEqual(got, loan)
        self.assertEqual(got["loc_loan_amount"], N(50000))
        self.assertEqual(got["loc_total_amount"], N(51250))
        self.assertEqual(got["loc_fee_percent"], N("2.5"))
        self.assertEqual(got["auto_pay_enabled"], {"BOOL": True})
        self.assertEqual(self.get_loan(u, "missing"), [])
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException):
            self.ddb.put_item(TableName=TABLE, Item=loan, ConditionExpression="attribute_not_exists(PK) AND attribute_not_exists(SK)")

    def test_list_loans_for_user_by_date(self):
        u, other = self.user(), self.user()
        l2 = self.create_loan(u, "2025-02-01T00:00:00Z")
        l1 = self.create_loan(u, "2025-01-15T00:00:00Z")
        l3 = self.create_loan(u, "2025-03-20T00:00:00Z", status="CLOSED")
        self.create_loan(other, "2025-01-01T00:00:00Z")
        # Another entity under the same GSI2 partition does not match the prefix.
        self.ddb.put_item(TableName=TABLE, Item={"PK": S("USER#" + u), "SK": S("APP#1"), "GSI2PK": S("USER#" + u),
                                                 "GSI2SK": S("LOANAPP#DATE#2025-01-01")})
        ids = [i["loc_loan_id"]["S"] for i in self.list_loans(u)]
        self.assertEqual(ids, [l1["loc_loan_id"]["S"], l2["loc_loan_id"]["S"], l3["loc_loan_id"]["S"]])
        newest = [i["loc_loan_id"]["S"] for i in self.list_loans(u, newest_first=True)]
        self.assertEqual(newest, list(reversed(ids)))
        self.assertEqual(self.list_loans(self.user()), [])
        page = self.ddb.query(TableName=TABLE, IndexName="GSI2", Limit=2,
                              KeyConditionExpression="GSI2PK = :pk AND begins_with(GSI2SK, :prefix)",
                              ExpressionAttributeValues={":pk": S("USER#" + u), ":prefix": S("LOAN#DATE#")})
        self.assertEqual(page["Count"], 2)
        self.assertEqual(page["LastEvaluatedKey"], {"PK": l2["PK"], "SK": l2["SK"], "GSI2PK": l2["GSI2PK"], "GSI2SK": l2["GSI2SK"]})

    def test_list_loans_in_status_and_by_application(self):
        u = self.user()
        open1 = self.create_loan(u, "2025-01-01T00:00:00Z")
        open2 = self.create_loan(u, "2025-01-02T00:00:00Z")
        closed = self.create_loan(u, "2025-01-03T00:00:00Z", status="CLOSED")
        self.assertEqual([i["loc_loan_id"] for i in self.list_loans_in_status(u, "OPEN")],
                         [open1["loc_loan_id"], open2["loc_loan_id"]])
        self.assertEqual([i["loc_loan_id"] for i in self.list_loans_in_status(u, "CLOSED")], [closed["loc_loan_id"]])
        self.assertEqual(self.list_loans_in_status(u, "DEFAULTED"), [])
        app_id = open2["loc_loan_application_id"]["S"]
        self.assertEqual(self.get_by_application(u, app_id), [open2])
        self.assertEqual(self.get_by_application(self.user(), app_id), [])

    def test_open_to_closed_then_no_second_transition(self):
        u = self.user()
        loan = self.create_loan(u, "2025-04-01T00:00:00Z")
        loan_id = loan["loc_loan_id"]["S"]
        paid = self.pay(u, loan_id, 20000, "2025-04-15T00:00:00Z")
        self.assertEqual(paid, {"loc_outstanding_balance": N(31250), "loc_last_updated": S("2025-04-15T00:00:00Z")})
        closed = self.transition(u, loan_id, "OPEN", "CLOSED", "2025-05-01T00:00:00Z")
        self.assertEqual(closed["loc_status"], S("CLOSED"))
        self.assertEqual(closed["loc_completion_date"], S("2025-05-01T00:00:00Z"))
        self.assertEqual(closed["loc_outstanding_balance"], N(0))
        self.assertEqual(closed["GSI1PK"], S("USER#%s#STATUS#CLOSED" % u))
        # The loan moved between the GSI1 status partitions.
        self.assertEqual(self.list_loans_in_status(u, "OPEN"), [])
        self.assertEqual([i["loc_loan_id"]["S"] for i in self.list_loans_in_status(u, "CLOSED")], [loan_id])
        # A second transition from CLOSED is refused, and changes nothing.
        for target in ("DEFAULTED", "CLOSED"):
            with self.assertRaises(ClientError) as cm:
                self.transition(u, loan_id, "OPEN", target, "2025-06-01T00:00:00Z")
            self.assertEqual(cm.exception.response["Error"]["Code"], "ConditionalCheckFailedException")
            self.assertEqual(cm.exception.response["Error"]["Message"], "The conditional request failed")
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException):
            self.pay(u, loan_id, 1, "2025-06-01T00:00:00Z")
        self.assertEqual(self.get_loan(u, loan_id), [closed])
        self.assertEqual(self.list_loans_in_status(u, "DEFAULTED"), [])

    def test_open_to_defaulted_and_overpayment_refused(self):
        u = self.user()
        loan = self.create_loan(u, "2025-04-01T00:00:00Z", amount=10000, fee=0)
        loan_id = loan["loc_loan_id"]["S"]
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException):
            self.pay(u, loan_id, 10001, "2025-04-02T00:00:00Z")
        ongoing = self.transition(u, loan_id, "OPEN", "OPEN", "2025-04-03T00:00:00Z")  # OPEN -> OPEN (ongoing)
        self.assertEqual(ongoing["loc_status"], S("OPEN"))
        defaulted = self.transition(u, loan_id, "OPEN", "DEFAULTED", "2025-07-01T00:00:00Z")
        self.assertEqual(defaulted["loc_outstanding_balance"], N(10000))
        self.assertNotIn("loc_completion_date", defaulted)
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException):
            self.transition(u, loan_id, "OPEN", "CLOSED", "2025-07-02T00:00:00Z")
        self.assertEqual([i["loc_status"]["S"] for i in self.list_loans_in_status(u, "DEFAULTED")], ["DEFAULTED"])

    def test_sort_key_prefix_on_the_table(self):
        u = self.user()
        loans = [self.create_loan(u, "2025-0%d-01T00:00:00Z" % m) for m in (1, 2)]
        self.ddb.put_item(TableName=TABLE, Item={"PK": S("USER#" + u), "SK": S("PROFILE")})
        out = self.ddb.query(TableName=TABLE, KeyConditionExpression="PK = :pk AND begins_with(SK, :p)",
                             ExpressionAttributeValues={":pk": S("USER#" + u), ":p": S("LOAN#")}, Select="COUNT")
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 2))
        # begins_with only applies to a sort key: on the partition key DynamoDB refuses the query.
        with self.assertRaises(ClientError) as cm:
            self.ddb.query(TableName=TABLE, KeyConditionExpression="begins_with(PK, :p)",
                           ExpressionAttributeValues={":p": S("USER#")})
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"], "Query key condition not supported")
        self.assertEqual(len(loans), 2)


if __name__ == "__main__":
    unittest.main()
