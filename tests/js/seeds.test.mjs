// Seed scenarios through the AWS SDK for JavaScript v3: seed 003 (the TypeScript balance service:
// getCurrentBalance and an idempotent transact() on TransactWriteItems) and a seed 002 read
// pattern (loans of a user by date on GSI2 with begins_with).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { CreateTableCommand, DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { startServer } from "./harness.mjs";

const DEFAULT_BALANCE = 100;

class InsufficientFundsError extends Error {}

async function getCurrentBalance(doc, { userId }) {
  const out = await doc.send(new GetCommand({ TableName: "UserBalances", Key: { userId }, ConsistentRead: true }));
  return out.Item ? out.Item.balance : DEFAULT_BALANCE;
}

// Returns "applied" or "duplicate"; throws InsufficientFundsError when a debit would go below 0.
async function transact(doc, { idempotentKey, userId, amount, type }) {
  if (!(amount > 0) || !["credit", "debit"].includes(type)) throw new Error("invalid transaction");
  const update = type === "credit"
    ? { UpdateExpression: "SET balance = if_not_exists(balance, :default) + :amt" }
    : {
        UpdateExpression: "SET balance = if_not_exists(balance, :default) - :amt",
        ConditionExpression: "(attribute_not_exists(balance) AND :default >= :amt) OR balance >= :amt",
      };
  try {
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: "Transactions",
            Item: { idempotentKey, userId, amount, type, createdAt: new Date().toISOString() },
            ConditionExpression: "attribute_not_exists(idempotentKey)",
          },
        },
        {
          Update: {
            TableName: "UserBalances",
            Key: { userId },
            ExpressionAttributeValues: { ":amt": amount, ":default": DEFAULT_BALANCE },
            ...update,
          },
        },
      ],
    }));
    return "applied";
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const codes = err.CancellationReasons.map((r) => r.Code);
    if (codes[0] === "ConditionalCheckFailed") return "duplicate";
    if (codes[1] === "ConditionalCheckFailed") throw new InsufficientFundsError(err.message);
    throw err;
  }
}

let server;
const clients = [];
function newDocClient() {
  const client = new DynamoDBClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDJS", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  clients.push(client);
  return DynamoDBDocumentClient.from(client);
}

before(async () => {
  server = await startServer();
  for (const [TableName, key] of [["UserBalances", "userId"], ["Transactions", "idempotentKey"]]) {
    await server.client.send(new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: key, AttributeType: "S" }],
      KeySchema: [{ AttributeName: key, KeyType: "HASH" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }));
  }
  const names = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK"];
  await server.client.send(new CreateTableCommand({
    TableName: "test-loc-service",
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: names.map((n) => ({ AttributeName: n, AttributeType: "S" })),
    KeySchema: [{ AttributeName: "PK", KeyType: "HASH" }, { AttributeName: "SK", KeyType: "RANGE" }],
    GlobalSecondaryIndexes: [1, 2, 3].map((i) => ({
      IndexName: `GSI${i}`,
      KeySchema: [{ AttributeName: `GSI${i}PK`, KeyType: "HASH" }, { AttributeName: `GSI${i}SK`, KeyType: "RANGE" }],
      Projection: { ProjectionType: "ALL" },
    })),
  }));
});

after(() => {
  for (const c of clients) c.destroy();
  server.stop();
});

test("003: a user without a balance row has the default balance", async () => {
  assert.equal(await getCurrentBalance(server.doc, { userId: "nobody" }), 100);
});

test("003: credits and debits move the balance and are recorded", async () => {
  const userId = "u-credit";
  assert.equal(await transact(server.doc, { idempotentKey: "c-1", userId, amount: 50, type: "credit" }), "applied");
  assert.equal(await getCurrentBalance(server.doc, { userId }), 150);
  assert.equal(await transact(server.doc, { idempotentKey: "c-2", userId, amount: 30.5, type: "debit" }), "applied");
  assert.equal(await getCurrentBalance(server.doc, { userId }), 119.5);
  const rec = await server.doc.send(new GetCommand({ TableName: "Transactions", Key: { idempotentKey: "c-2" } }));
  assert.deepEqual({ ...rec.Item, createdAt: undefined },
    { idempotentKey: "c-2", userId, amount: 30.5, type: "debit", createdAt: undefined });
});

test("003: a repeated idempotency key is applied once", async () => {
  const userId = "u-idem";
  assert.equal(await transact(server.doc, { idempotentKey: "i-1", userId, amount: 40, type: "debit" }), "applied");
  assert.equal(await transact(server.doc, { idempotentKey: "i-1", userId, amount: 40, type: "debit" }), "duplicate");
  assert.equal(await getCurrentBalance(server.doc, { userId }), 60);
});

test("003: the balance never drops below zero", async () => {
  const userId = "u-floor";
  await assert.rejects(transact(server.doc, { idempotentKey: "f-1", userId, amount: 101, type: "debit" }), (err) => {
    assert.ok(err instanceof InsufficientFundsError);
    assert.equal(err.message, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
    return true;
  });
  assert.equal(await getCurrentBalance(server.doc, { userId }), 100);
  const rec = await server.doc.send(new GetCommand({ TableName: "Transactions", Key: { idempotentKey: "f-1" }, ConsistentRead: true }));
  assert.equal(rec.Item, undefined);
  assert.equal(await transact(server.doc, { idempotentKey: "f-2", userId, amount: 100, type: "debit" }), "applied");
  assert.equal(await getCurrentBalance(server.doc, { userId }), 0);
});

test("003: the low-level error carries the cancellation reasons", async () => {
  const userId = "u-raw";
  await transact(server.doc, { idempotentKey: "raw-1", userId, amount: 1, type: "credit" });
  await assert.rejects(
    server.doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: "Transactions", Item: { idempotentKey: "raw-1" }, ConditionExpression: "attribute_not_exists(idempotentKey)",
                 ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
        { Update: { TableName: "UserBalances", Key: { userId }, UpdateExpression: "SET balance = balance - :a",
                    ConditionExpression: "balance >= :a", ExpressionAttributeValues: { ":a": 1000 } } },
      ],
    })),
    (err) => {
      assert.equal(err.name, "TransactionCanceledException");
      assert.equal(err.CancellationReasons.length, 2);
      assert.equal(err.CancellationReasons[0].Code, "ConditionalCheckFailed");
      assert.equal(err.CancellationReasons[0].Message, "The conditional request failed");
      assert.deepEqual(err.CancellationReasons[0].Item.idempotentKey, { S: "raw-1" });
      assert.equal(err.CancellationReasons[1].Code, "ConditionalCheckFailed");
      assert.equal(err.$metadata.httpStatusCode, 400);
      return true;
    });
  assert.equal(await getCurrentBalance(server.doc, { userId }), 101);
});

test("003: concurrent debits from separate clients never overdraw", async () => {
  const userId = "u-race";
  const n = 24;
  const docs = Array.from({ length: n }, () => newDocClient());
  const keys = Array.from({ length: n }, (_, i) => `race-${i % 18}`); // 6 keys are sent twice
  const results = await Promise.all(docs.map(async (doc, i) => {
    try {
      return [keys[i], await transact(doc, { idempotentKey: keys[i], userId, amount: 9, type: "debit" })];
    } catch (err) {
      if (err instanceof InsufficientFundsError) return [keys[i], "insufficient"];
      throw err;
    }
  }));
  const applied = results.filter(([, r]) => r === "applied").map(([k]) => k);
  assert.equal(new Set(applied).size, applied.length);
  assert.equal(applied.length, 11); // floor(100 / 9)
  const balance = await getCurrentBalance(server.doc, { userId });
  assert.equal(balance, 100 - 9 * applied.length);
  assert.equal(balance, 1);
  const recorded = await server.doc.send(new ScanCommand({
    TableName: "Transactions", FilterExpression: "userId = :u", ExpressionAttributeValues: { ":u": userId },
  }));
  assert.deepEqual(recorded.Items.map((i) => i.idempotentKey).sort(), [...applied].sort());
});

test("002: list a user's loans by date on GSI2 with begins_with", async () => {
  const user = "USER#js-user";
  const loans = [["2025-02-01T00:00:00Z", "l2"], ["2025-01-15T00:00:00Z", "l1"], ["2025-03-01T00:00:00Z", "l3"]];
  for (const [created, id] of loans) {
    const dateKey = `LOAN#DATE#${created}#LOAN#${id}`;
    await server.doc.send(new PutCommand({
      TableName: "test-loc-service",
      Item: {
        PK: user, SK: `LOAN#${id}`, GSI1PK: `${user}#STATUS#OPEN`, GSI1SK: dateKey, GSI2PK: user, GSI2SK: dateKey,
        GSI3PK: user, GSI3SK: `LOAN#LOANAPP#app-${id}`, loc_loan_id: id, loc_loan_amount: 50000, loc_status: "OPEN",
      },
    }));
  }
  await server.doc.send(new PutCommand({
    TableName: "test-loc-service", Item: { PK: user, SK: "APP#1", GSI2PK: user, GSI2SK: "LOANAPP#DATE#2025-01-01" },
  }));
  const out = await server.doc.send(new QueryCommand({
    TableName: "test-loc-service",
    IndexName: "GSI2",
    KeyConditionExpression: "GSI2PK = :pk AND begins_with(GSI2SK, :prefix)",
    ExpressionAttributeValues: { ":pk": user, ":prefix": "LOAN#DATE#" },
  }));
  assert.deepEqual(out.Items.map((i) => i.loc_loan_id), ["l1", "l2", "l3"]);
  assert.equal(out.Items[0].loc_loan_amount, 50000);
  assert.equal(out.Count, 3);
  const newest = await server.doc.send(new QueryCommand({
    TableName: "test-loc-service",
    IndexName: "GSI2",
    KeyConditionExpression: "GSI2PK = :pk AND begins_with(GSI2SK, :prefix)",
    ExpressionAttributeValues: { ":pk": user, ":prefix": "LOAN#DATE#" },
    ScanIndexForward: false,
    Limit: 1,
  }));
  assert.deepEqual(newest.Items.map((i) => i.loc_loan_id), ["l3"]);
  assert.deepEqual(newest.LastEvaluatedKey, { PK: user, SK: "LOAN#l3", GSI2PK: user, GSI2SK: "LOAN#DATE#2025-03-01T00:00:00Z#LOAN#l3" });
});
