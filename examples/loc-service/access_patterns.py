"""loc-service access patterns (seed 002) with boto3: loans by user, status and date, lookup by
application id, and the OPEN -> CLOSED transition. Amounts are integer cents.

    AWS_ENDPOINT_URL=http://localhost:8000 python3 access_patterns.py
"""
import os

import boto3
from botocore.exceptions import ClientError

TABLE = os.environ.get("LOANS_TABLE", "loc-loans-local")
ddb = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"), region_name=os.environ.get("AWS_REGION", "us-east-1"))


def loans_of(user_id):
    out = ddb.query(TableName=TABLE, KeyConditionExpression="PK = :pk AND begins_with(SK, :loan)",
                    ExpressionAttributeValues={":pk": {"S": "USER#" + user_id}, ":loan": {"S": "LOAN#"}})
    return out["Items"]


def loans_by_status(user_id, status):
    out = ddb.query(TableName=TABLE, IndexName="GSI1", KeyConditionExpression="GSI1PK = :pk",
                    ExpressionAttributeValues={":pk": {"S": "USER#%s#STATUS#%s" % (user_id, status)}})
    return [i["loc_loan_id"]["S"] for i in out["Items"]]


def loans_since(user_id, date):
    out = ddb.query(TableName=TABLE, IndexName="GSI2", KeyConditionExpression="GSI2PK = :pk AND GSI2SK >= :d",
                    ExpressionAttributeValues={":pk": {"S": "USER#" + user_id}, ":d": {"S": "LOAN#DATE#" + date}},
                    ScanIndexForward=False)
    return [i["loc_loan_id"]["S"] for i in out["Items"]]


def loan_by_application(user_id, application_id):
    out = ddb.query(TableName=TABLE, IndexName="GSI3", KeyConditionExpression="GSI3PK = :pk AND GSI3SK = :app",
                    ExpressionAttributeValues={":pk": {"S": "USER#" + user_id}, ":app": {"S": "LOAN#LOANAPP#" + application_id}})
    return out["Items"][0] if out["Items"] else None


def close_loan(user_id, loan_id, date_key):
    """OPEN -> CLOSED, only from OPEN: the status key of GSI1 moves with it."""
    ddb.update_item(
        TableName=TABLE, Key={"PK": {"S": "USER#" + user_id}, "SK": {"S": "LOAN#" + loan_id}},
        UpdateExpression="SET loc_status = :closed, GSI1PK = :gsi, loc_outstanding_balance = :zero",
        ConditionExpression="loc_status = :open",
        ExpressionAttributeValues={":closed": {"S": "CLOSED"}, ":open": {"S": "OPEN"}, ":zero": {"N": "0"},
                                   ":gsi": {"S": "USER#%s#STATUS#CLOSED" % user_id}})


def main():
    assert len(loans_of("u-100")) == 3
    assert sorted(loans_by_status("u-100", "OPEN")) == ["l-1", "l-3"]
    assert loans_since("u-100", "2026-02") == ["l-3", "l-2"], loans_since("u-100", "2026-02")
    loan = loan_by_application("u-100", "a-3")
    assert loan["loc_loan_id"]["S"] == "l-3" and int(loan["loc_total_amount"]["N"]) == 82000

    close_loan("u-100", "l-1", None)
    assert loans_by_status("u-100", "OPEN") == ["l-3"]
    assert "l-1" in loans_by_status("u-100", "CLOSED")
    try:
        close_loan("u-200", "l-4", None)  # DEFAULTED loans cannot be closed
        raise AssertionError("closing a defaulted loan must fail")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "ConditionalCheckFailedException"

    # DynamoDB refuses begins_with on a partition key; so does dynarock.
    try:
        ddb.query(TableName=TABLE, KeyConditionExpression="begins_with(PK, :p)", ExpressionAttributeValues={":p": {"S": "USER#"}})
        raise AssertionError("begins_with on the partition key must be refused")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "ValidationException"
    print("loc-service (python): ok")


if __name__ == "__main__":
    main()
