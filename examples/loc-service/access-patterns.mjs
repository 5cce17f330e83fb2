// loc-service access patterns (seed 002) with the AWS SDK for JavaScript v3 DocumentClient.
//   AWS_ENDPOINT_URL=http://localhost:8000 node access-patterns.mjs
import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";

const TableName = process.env.LOANS_TABLE ?? "loc-loans-local";
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL }));

// A new loan for user u-300, written only if it does not exist yet.
const created = "2026-04-01";
const dateKey = `LOAN#DATE#${created}#LOAN#l-9`;
await doc.send(new PutCommand({
  TableName,
  Item: {
    PK: "USER#u-300", SK: "LOAN#l-9", GSI1PK: "USER#u-300#STATUS#OPEN", GSI1SK: dateKey,
    GSI2PK: "USER#u-300", GSI2SK: dateKey, GSI3PK: "USER#u-300", GSI3SK: "LOAN#LOANAPP#a-9",
    loc_loan_id: "l-9", loc_loan_amount: 120000, loc_origination_fee: 3000, loc_status: "OPEN", loc_created_date: created,
  },
  ConditionExpression: "attribute_not_exists(PK) AND attribute_not_exists(SK)",
}));

// Loans of a user by date, newest first (GSI2 with begins_with on the sort key).
const byDate = await doc.send(new QueryCommand({
  TableName, IndexName: "GSI2",
  KeyConditionExpression: "GSI2PK = :pk AND begins_with(GSI2SK, :d)",
  ExpressionAttributeValues: { ":pk": "USER#u-100", ":d": "LOAN#DATE#2026-" },
  ScanIndexForward: false,
}));
assert.deepEqual(byDate.Items.map((i) => i.loc_loan_id), ["l-3", "l-2", "l-1"]);

const open = await doc.send(new QueryCommand({
  TableName, IndexName: "GSI1", KeyConditionExpression: "GSI1PK = :pk",
  ExpressionAttributeValues: { ":pk": "USER#u-300#STATUS#OPEN" },
}));
assert.equal(open.Items[0].loc_loan_amount + open.Items[0].loc_origination_fee, 123000);
console.log("loc-service (javascript): ok");
