// Expenzez access patterns (seed 001) with the AWS SDK for JavaScript v3 DocumentClient, on the
// table that `dynarock --init examples/expenzez` creates and fills.
//   AWS_ENDPOINT_URL=http://localhost:8000 node access-patterns.mjs
import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

const TableName = process.env.EXPENZEZ_TABLE ?? "expenzez-local";
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL }));
const PK = "USER#u-john";

const byEmail = await doc.send(new QueryCommand({
  TableName, IndexName: "GSI1", KeyConditionExpression: "GSI1PK = :e", ExpressionAttributeValues: { ":e": "john@example.com" },
}));
assert.deepEqual(byEmail.Items.map((i) => i.userId), ["u-john"]);

const transport = await doc.send(new QueryCommand({
  TableName, IndexName: "GSI3",
  KeyConditionExpression: "GSI3PK = :pk AND begins_with(GSI3SK, :c)",
  ExpressionAttributeValues: { ":pk": PK, ":c": "CATEGORY#transport#" },
}));
assert.ok(transport.Items.length >= 1);
assert.ok(transport.Items.every((t) => t.amount < 0));

// Mark notifications read; the TTL attribute is a number of epoch seconds.
const n = await doc.send(new GetCommand({ TableName, Key: { PK, SK: "NOTIFICATION#n1" }, ConsistentRead: true }));
assert.equal(typeof n.Item.TTL, "number");
const read = await doc.send(new UpdateCommand({
  TableName, Key: { PK, SK: "NOTIFICATION#n1" }, UpdateExpression: "SET #s = :r",
  ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":r": "read" }, ReturnValues: "UPDATED_NEW",
}));
assert.equal(read.Attributes.status, "read");
console.log("expenzez (javascript): ok");
