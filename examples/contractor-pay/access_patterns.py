"""Contractor pay access patterns (seed 004) with boto3 on the single table that
`dynarock --init examples/contractor-pay` creates and fills.

    AWS_ENDPOINT_URL=http://localhost:8000 python3 access_patterns.py
"""
import os

import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL"), region_name=os.environ.get("AWS_REGION", "us-east-1")).Table(
    os.environ.get("CONTRACTOR_PAY_TABLE", "ContractorPay"))


def contractor_can_be_paid(contractor_id, umbrella_id, period_start, period_end):
    """Many-to-many: a contractor's umbrella associations live in the contractor's partition."""
    response = table.query(KeyConditionExpression=Key("PK").eq("CONTRACTOR#" + contractor_id) & Key("SK").begins_with("UMBRELLA#"))
    for item in response["Items"]:
        if item["UmbrellaID"] == umbrella_id:
            valid_to = item.get("ValidTo")
            if item["ValidFrom"] <= period_start and (valid_to is None or valid_to >= period_end):
                return True
    return False


def contractors_of_umbrella(umbrella_id):
    return table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("UMBRELLA#" + umbrella_id))["Items"]


def contractor_by_name(name):
    return table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq("NAME#" + name.lower()))["Items"]


def is_permanent_staff(name):
    return table.get_item(Key={"PK": "PERMANENT#" + name.lower(), "SK": "PROFILE"}).get("Item") is not None


def latest_batches(limit):
    return table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq("BATCHES"),
                       ScanIndexForward=False, Limit=limit)["Items"]


def files_with_status(status):
    return table.query(IndexName="GSI3", KeyConditionExpression="GSI3PK = :pk", FilterExpression="#status = :s",
                       ExpressionAttributeNames={"#status": "Status"},
                       ExpressionAttributeValues={":pk": "FILES", ":s": status})["Items"]


def audit_log(day):
    return table.query(KeyConditionExpression=Key("PK").eq("AUDIT#" + day), ScanIndexForward=False)["Items"]


def open_periods():
    out = table.scan(FilterExpression=Attr("EntityType").eq("Period") & Attr("Status").eq("OPEN"))
    return sorted(int(i["PeriodNumber"]) for i in out["Items"])


def main():
    assert contractor_can_be_paid("david-hunt-id", "nasa-id", "2025-08-01", "2025-08-31")
    assert not contractor_can_be_paid("david-hunt-id", "parasol-id", "2025-08-01", "2025-08-31")  # ended in March
    assert {i["ContractorID"] for i in contractors_of_umbrella("nasa-id")} == {"david-hunt-id", "donna-smith-id"}
    assert [i["ContractorID"] for i in contractor_by_name("Donna Smith")] == ["donna-smith-id"]
    assert is_permanent_staff("Martin Alabone") and not is_permanent_staff("David Hunt")
    assert [b["BatchID"] for b in latest_batches(1)] == ["b-aug"]
    assert sorted(f["FileID"] for f in files_with_status("UPLOADED")) == ["f-nasa-old", "f-parasol"]
    assert [a["AuditID"] for a in audit_log("2025-09-01")] == ["a2", "a1"]
    assert open_periods() == list(range(9, 14))
    print("contractor-pay (python): ok")


if __name__ == "__main__":
    main()
