// Update, condition and projection expressions through the AWS SDK for JavaScript v3 (the
// document client's UpdateCommand and the low-level client's exceptions) against a real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { CreateTableCommand, UpdateItemCommand, ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand, GetCommand, UpdateCommand, DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startServer } from "./harness.mjs";

const TableName = "Accounts";
let server;

before(async () => {
  server = await startServer();
  await server.client.send(new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }, { AttributeName: "seq", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }, { AttributeName: "seq", KeyType: "RANGE" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
});
after(() => server.stop());

test("UpdateCommand with SET, ADD and REMOVE", async () => {
  await server.doc.send(new PutCommand({
    TableName,
    Item: { id: "a1", seq: 1, balance: 100, tags: new Set(["new"]), profile: { name: "Ann", langs: ["en"] }, scratch: "x" },
  }));
  const out = await server.doc.send(new UpdateCommand({
    TableName,
    Key: { id: "a1", seq: 1 },
    UpdateExpression: "SET balance = balance - :amount, profile.langs = list_append(profile.langs, :more), #st = :st " +
      "ADD visits :one, tags :tag REMOVE scratch",
    ExpressionAttributeNames: { "#st": "status", "#n": "name" },
    ExpressionAttributeValues: { ":amount": 25.5, ":more": ["fr"], ":st": "active", ":one": 1, ":tag": new Set(["vip"]) },
    ConditionExpression: "balance >= :amount AND attribute_exists(profile.#n)",
    ReturnValues: "ALL_NEW",
  }));
  assert.deepEqual(out.Attributes, {
    id: "a1", seq: 1, balance: 74.5, tags: new Set(["new", "vip"]), profile: { name: "Ann", langs: ["en", "fr"] },
    status: "active", visits: 1,
  });
  const got = await server.doc.send(new GetCommand({ TableName, Key: { id: "a1", seq: 1 }, ProjectionExpression: "balance, profile.langs[1]" }));
  assert.deepEqual(got.Item, { balance: 74.5, profile: { langs: ["fr"] } });
});

test("UpdateCommand creates the item and returns UPDATED_NEW", async () => {
  const out = await server.doc.send(new UpdateCommand({
    TableName,
    Key: { id: "a2", seq: 1 },
    UpdateExpression: "SET balance = if_not_exists(balance, :zero) + :dep ADD deposits :one",
    ExpressionAttributeValues: { ":zero": 0, ":dep": 40, ":one": 1 },
    ReturnValues: "UPDATED_NEW",
  }));
  assert.deepEqual(out.Attributes, { balance: 40, deposits: 1 });
});

test("a failed condition is a ConditionalCheckFailedException carrying the old item", async () => {
  await server.doc.send(new PutCommand({ TableName, Item: { id: "a3", seq: 1, balance: 10 } }));
  await assert.rejects(
    server.doc.send(new UpdateCommand({
      TableName,
      Key: { id: "a3", seq: 1 },
      UpdateExpression: "SET balance = balance - :amount",
      ConditionExpression: "balance >= :amount",
      ExpressionAttributeValues: { ":amount": 11 },
    })),
    (e) => e instanceof ConditionalCheckFailedException && e.name === "ConditionalCheckFailedException" &&
      e.message === "The conditional request failed" && e.Item === undefined,
  );
  await assert.rejects(
    server.client.send(new UpdateItemCommand({
      TableName,
      Key: { id: { S: "a3" }, seq: { N: "1" } },
      UpdateExpression: "SET balance = balance - :amount",
      ConditionExpression: "balance >= :amount",
      ExpressionAttributeValues: { ":amount": { N: "11" } },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    })),
    (e) => {
      assert.ok(e instanceof ConditionalCheckFailedException);
      assert.deepEqual(e.Item, { id: { S: "a3" }, seq: { N: "1" }, balance: { N: "10" } });
      return true;
    },
  );
  await assert.rejects(
    server.doc.send(new DeleteCommand({ TableName, Key: { id: "a3", seq: 1 }, ConditionExpression: "attribute_not_exists(id)" })),
    (e) => e.name === "ConditionalCheckFailedException",
  );
  const got = await server.doc.send(new GetCommand({ TableName, Key: { id: "a3", seq: 1 } }));
  assert.equal(got.Item.balance, 10);
});

test("expression errors carry DynamoDB's messages", async () => {
  await assert.rejects(
    server.doc.send(new UpdateCommand({
      TableName, Key: { id: "a4", seq: 1 }, UpdateExpression: "SET status = :s", ExpressionAttributeValues: { ":s": "x" },
    })),
    (e) => e.name === "ValidationException" &&
      e.message === "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
  );
  await assert.rejects(
    server.doc.send(new UpdateCommand({
      TableName, Key: { id: "a4", seq: 1 }, UpdateExpression: "SET a = :a", ExpressionAttributeValues: { ":a": 1, ":x": 2 },
    })),
    (e) => e.name === "ValidationException" &&
      e.message === "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}",
  );
  await assert.rejects(
    server.doc.send(new UpdateCommand({
      TableName, Key: { id: "a4", seq: 1 }, UpdateExpression: "SET seq = :a", ExpressionAttributeValues: { ":a": 2 },
    })),
    (e) => e.name === "ValidationException" &&
      e.message === "One or more parameter values were invalid: Cannot update attribute seq. This attribute is part of the key",
  );
});

test("query with a filter and a projection", async () => {
  for (let seq = 1; seq <= 5; seq++) {
    await server.doc.send(new PutCommand({ TableName, Item: { id: "q", seq, amount: seq * 10, kind: seq % 2 ? "odd" : "even" } }));
  }
  const out = await server.doc.send(new QueryCommand({
    TableName,
    KeyConditionExpression: "id = :id AND seq BETWEEN :lo AND :hi",
    FilterExpression: "kind = :k OR amount > :big",
    ProjectionExpression: "seq, amount",
    ExpressionAttributeValues: { ":id": "q", ":lo": 2, ":hi": 5, ":k": "even", ":big": 45 },
  }));
  assert.deepEqual(out.Items, [{ seq: 2, amount: 20 }, { seq: 4, amount: 40 }, { seq: 5, amount: 50 }]);
  assert.equal(out.ScannedCount, 4);
});
