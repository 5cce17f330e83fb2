"""Loans + Borrowers access patterns (seed 000) with boto3, against the tables and data that
`dynarock --init examples/loans-borrowers` creates. The endpoint comes from AWS_ENDPOINT_URL.

    AWS_ENDPOINT_URL=http://localhost:8000 python3 access_patterns.py
"""
import os
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Key

dynamodb = boto3.resource("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"), region_name=os.environ.get("AWS_REGION", "us-east-1"))
loans = dynamodb.Table(os.environ.get("LOANS_TABLE", "local-loans"))
borrowers = dynamodb.Table(os.environ.get("BORROWERS_TABLE", "local-borrowers"))


def now_iso():
    return datetime.now(timezone.utc).isoformat()


def create_loan(borrower_id, amount, rate, months):
    ts = now_iso()
    loan = {"loanId": str(uuid.uuid4()), "borrowerId": borrower_id, "amount": Decimal(amount),
            "interestRate": Decimal(rate), "termMonths": months, "status": "pending", "createdAt": ts, "updatedAt": ts}
    loans.put_item(Item=loan, ConditionExpression="attribute_not_exists(loanId)")
    return loan


def loans_by_borrower(borrower_id):
    return loans.query(IndexName="BorrowerIdIndex", KeyConditionExpression=Key("borrowerId").eq(borrower_id))["Items"]


def loans_by_status(status):
    # `status` is a reserved word: it must go through ExpressionAttributeNames.
    return loans.query(IndexName="StatusIndex", KeyConditionExpression="#status = :status",
                       ExpressionAttributeNames={"#status": "status"}, ExpressionAttributeValues={":status": status})["Items"]


def update_loan_status(loan_id, status):
    return loans.update_item(Key={"loanId": loan_id}, UpdateExpression="SET #status = :s, updatedAt = :u",
                             ExpressionAttributeNames={"#status": "status"},
                             ExpressionAttributeValues={":s": status, ":u": now_iso()}, ReturnValues="ALL_NEW")["Attributes"]


def all_loans(page_size):
    items, pages, kwargs = [], 0, {"Limit": page_size}
    while True:
        page = loans.scan(**kwargs)
        items += page["Items"]
        pages += 1
        if "LastEvaluatedKey" not in page:
            return items, pages
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def borrower_by_email(email):
    items = borrowers.query(IndexName="EmailIndex", KeyConditionExpression=Key("email").eq(email))["Items"]
    return items[0] if items else None


def main():
    ada = borrower_by_email("ada@example.com")
    assert ada and ada["borrowerId"] == "b-ada", ada
    print("borrower by email:", ada["name"])

    seeded = sorted(l["loanId"] for l in loans_by_borrower("b-ada"))
    assert seeded == ["loan-001", "loan-002"], seeded
    assert loans.get_item(Key={"loanId": "loan-001"})["Item"]["amount"] == Decimal("25000")

    loan = create_loan("b-alan", "999.99", "3.5", 12)
    assert loan["loanId"] in {l["loanId"] for l in loans_by_status("pending")}
    updated = update_loan_status(loan["loanId"], "approved")
    assert updated["status"] == "approved" and updated["amount"] == Decimal("999.99")
    assert loan["loanId"] not in {l["loanId"] for l in loans_by_status("pending")}
    print("pending loans:", sorted(l["loanId"] for l in loans_by_status("pending")))

    items, pages = all_loans(page_size=2)
    assert len(items) >= 6 and pages >= 3, (len(items), pages)
    print("scanned %d loans in %d pages" % (len(items), pages))
    loans.delete_item(Key={"loanId": loan["loanId"]})
    print("loans-borrowers: ok")


if __name__ == "__main__":
    main()
