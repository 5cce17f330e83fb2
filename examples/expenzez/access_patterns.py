"""Expenzez access patterns (seed 001) with boto3 on the single table that
`dynarock --init examples/expenzez` creates and fills. The endpoint comes from AWS_ENDPOINT_URL.

    AWS_ENDPOINT_URL=http://localhost:8000 python3 access_patterns.py
"""
import os
import time
import uuid
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

REGION = os.environ.get("AWS_REGION", "us-east-1")
TABLE_NAME = os.environ.get("EXPENZEZ_TABLE", "expenzez-local")
client = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"), region_name=REGION)
table = boto3.resource("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"), region_name=REGION).Table(TABLE_NAME)
PK = "USER#u-john"


def profile_by_email(email):
    return table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq(email))["Items"]


def recent_transactions(user_pk, since, limit):
    return table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq(user_pk) & Key("GSI2SK").gte(since),
                       ScanIndexForward=False, Limit=limit)["Items"]


def spending_in(user_pk, category):
    return table.query(IndexName="GSI3",
                       KeyConditionExpression=Key("GSI3PK").eq(user_pk) & Key("GSI3SK").begins_with("CATEGORY#%s#" % category))["Items"]


def save_budget(spent, expected_version):
    """Optimistic locking: the write succeeds only if nobody saved since we read."""
    return table.update_item(Key={"PK": PK, "SK": "BUDGET#groceries"},
                             UpdateExpression="SET spent = :spent, version = version + :one",
                             ConditionExpression="version = :expected",
                             ExpressionAttributeValues={":spent": spent, ":one": 1, ":expected": expected_version},
                             ReturnValues="ALL_NEW")["Attributes"]


def record_transaction(amount, category):
    """A bank transaction and the account balance move together, or not at all."""
    tid = uuid.uuid4().hex[:8]
    ts = "2025-08-09T10:00:00Z"
    client.transact_write_items(TransactItems=[
        {"Put": {"TableName": TABLE_NAME, "ConditionExpression": "attribute_not_exists(PK)",
                 "Item": {"PK": {"S": PK}, "SK": {"S": "TXN#%s#%s" % (ts, tid)}, "entityType": {"S": "transaction"},
                          "entityId": {"S": tid}, "amount": {"N": str(amount)}, "category": {"S": category},
                          "GSI2PK": {"S": PK}, "GSI2SK": {"S": ts}, "GSI3PK": {"S": PK},
                          "GSI3SK": {"S": "CATEGORY#%s#%s" % (category, ts)}}}},
        {"Update": {"TableName": TABLE_NAME, "Key": {"PK": {"S": PK}, "SK": {"S": "ACCOUNT#acc-1"}},
                    "UpdateExpression": "SET balance = balance + :amt", "ConditionExpression": "balance >= :need",
                    "ExpressionAttributeValues": {":amt": {"N": str(amount)}, ":need": {"N": str(max(-amount, 0))}}}},
    ])
    return tid


def main():
    profile = profile_by_email("john@example.com")
    assert [p["userId"] for p in profile] == ["u-john"], profile
    print("profile by email:", profile[0]["name"])

    everything = table.query(KeyConditionExpression=Key("PK").eq(PK), ConsistentRead=True)["Items"]
    assert {i["SK"].split("#")[0] for i in everything} == {"PROFILE", "ACCOUNT", "BUDGET", "TXN", "NOTIFICATION"}
    prefs = table.get_item(Key={"PK": PK, "SK": "PROFILE"}, ConsistentRead=True)["Item"]["preferences"]
    assert prefs["notifications"]["budgets"] is True

    recent = recent_transactions(PK, "2025-08-03", 2)
    assert [(t["GSI2SK"], t["category"]) for t in recent] == [("2025-08-07T08:15:00Z", "groceries"), ("2025-08-05T18:30:00Z", "transport")], recent
    groceries = spending_in(PK, "groceries")
    assert sum(t["amount"] for t in groceries) == Decimal("-60.85"), groceries
    print("groceries spending:", sum(t["amount"] for t in groceries))

    budget = table.get_item(Key={"PK": PK, "SK": "BUDGET#groceries"}, ConsistentRead=True)["Item"]
    saved = save_budget(Decimal("60.85"), budget["version"])
    try:
        save_budget(Decimal("1"), budget["version"])
        raise AssertionError("a stale version must be refused")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "ConditionalCheckFailedException"
    print("budget version:", saved["version"])

    before = table.get_item(Key={"PK": PK, "SK": "ACCOUNT#acc-1"}, ConsistentRead=True)["Item"]["balance"]
    record_transaction(Decimal("-50"), "transport")
    after = table.get_item(Key={"PK": PK, "SK": "ACCOUNT#acc-1"}, ConsistentRead=True)["Item"]["balance"]
    assert after == before - 50, (before, after)
    try:
        record_transaction(Decimal("-100000"), "holiday")
        raise AssertionError("an overdraft must cancel the transaction")
    except ClientError as e:
        assert e.response["Error"]["Code"] == "TransactionCanceledException"
    print("balance after transaction:", after)

    keys = [{"PK": {"S": PK}, "SK": {"S": sk}} for sk in ("PROFILE", "ACCOUNT#acc-1", "BUDGET#missing")]
    got = client.batch_get_item(RequestItems={TABLE_NAME: {"Keys": keys, "ConsistentRead": True}})["Responses"][TABLE_NAME]
    assert len(got) == 2, got

    # TTL: the template enables it on `TTL` (epoch seconds); dynarock deletes an expired item within
    # its --ttl-interval (1 s by default), DynamoDB within days.
    ttl = client.describe_time_to_live(TableName=TABLE_NAME)["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "TTL"}, ttl
    stale = {"PK": PK, "SK": "NOTIFICATION#expired", "message": "old news", "TTL": int(time.time()) - 60}
    table.put_item(Item=stale)
    for _ in range(200):
        if "Item" not in table.get_item(Key={"PK": PK, "SK": stale["SK"]}, ConsistentRead=True):
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the expired notification was not deleted")
    print("expired notification deleted by TTL")
    print("expenzez (python): ok")


if __name__ == "__main__":
    main()
