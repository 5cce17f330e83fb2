// The AWS SDK for JavaScript v3 (client and document client) against a real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTableCommand, DescribeTableCommand, ListTablesCommand, PutItemCommand, GetItemCommand,
  DeleteItemCommand, DeleteTableCommand,
} from "@aws-sdk/client-dynamodb";
import { PutCommand, GetCommand, BatchWriteCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { startServer } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
  await server.client.send(new CreateTableCommand({
    TableName: "UserBalances",
    AttributeDefinitions: [{ AttributeName: "userId", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "userId", KeyType: "HASH" }],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
  }));
});
after(() => server.stop());

test("create, describe and list tables", async () => {
  const d = await server.client.send(new DescribeTableCommand({ TableName: "UserBalances" }));
  assert.equal(d.Table.TableStatus, "ACTIVE");
  assert.equal(d.Table.ProvisionedThroughput.ReadCapacityUnits, 5);
  const l = await server.client.send(new ListTablesCommand({}));
  assert.deepEqual(l.TableNames, ["UserBalances"]);
});

test("put and get through the low-level client", async () => {
  await server.client.send(new PutItemCommand({
    TableName: "UserBalances",
    Item: { userId: { S: "u1" }, balance: { N: "100" }, tags: { SS: ["a"] }, raw: { B: new Uint8Array([0, 1, 2]) } },
  }));
  const got = await server.client.send(new GetItemCommand({ TableName: "UserBalances", Key: { userId: { S: "u1" } }, ConsistentRead: true }));
  assert.deepEqual(got.Item.balance, { N: "100" });
  assert.deepEqual(got.Item.tags, { SS: ["a"] });
  assert.deepEqual(Array.from(got.Item.raw.B), [0, 1, 2]);
});

test("document client marshals numbers, maps and lists", async () => {
  await server.doc.send(new PutCommand({
    TableName: "UserBalances",
    Item: { userId: "u2", balance: 42.5, profile: { name: "Ann", langs: ["en", "fr"] }, active: true, none: null },
  }));
  const got = await server.doc.send(new GetCommand({ TableName: "UserBalances", Key: { userId: "u2" } }));
  assert.deepEqual(got.Item, { userId: "u2", balance: 42.5, profile: { name: "Ann", langs: ["en", "fr"] }, active: true, none: null });
});

test("errors carry DynamoDB's names and messages", async () => {
  await assert.rejects(
    server.client.send(new GetItemCommand({ TableName: "Missing", Key: { userId: { S: "x" } } })),
    (e) => e.name === "ResourceNotFoundException" && e.message === "Requested resource not found",
  );
  await assert.rejects(
    server.client.send(new PutItemCommand({ TableName: "UserBalances", Item: { other: { S: "x" } } })),
    (e) => e.name === "ValidationException" && e.message === "One or more parameter values were invalid: Missing the key userId in the item",
  );
});

test("delete item and table", async () => {
  const del = await server.client.send(new DeleteItemCommand({ TableName: "UserBalances", Key: { userId: { S: "u1" } }, ReturnValues: "ALL_OLD" }));
  assert.deepEqual(del.Attributes.userId, { S: "u1" });
  const out = await server.client.send(new DeleteTableCommand({ TableName: "UserBalances" }));
  assert.equal(out.TableDescription.TableStatus, "DELETING");
});

test("item collection metrics of a table with a local secondary index", async () => {
  await server.client.send(new CreateTableCommand({
    TableName: "Songs",
    AttributeDefinitions: [
      { AttributeName: "artist", AttributeType: "S" }, { AttributeName: "song", AttributeType: "S" },
      { AttributeName: "album", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "artist", KeyType: "HASH" }, { AttributeName: "song", KeyType: "RANGE" }],
    LocalSecondaryIndexes: [{
      IndexName: "by_album",
      KeySchema: [{ AttributeName: "artist", KeyType: "HASH" }, { AttributeName: "album", KeyType: "RANGE" }],
      Projection: { ProjectionType: "KEYS_ONLY" },
    }],
    BillingMode: "PAY_PER_REQUEST",
  }));
  const put = await server.doc.send(new PutCommand({
    TableName: "Songs", Item: { artist: "Acme", song: "Day", album: "Life" }, ReturnItemCollectionMetrics: "SIZE",
  }));
  assert.deepEqual(put.ItemCollectionMetrics, { ItemCollectionKey: { artist: "Acme" }, SizeEstimateRangeGB: [0, 1] });
  const batch = await server.doc.send(new BatchWriteCommand({
    RequestItems: { Songs: [{ PutRequest: { Item: { artist: "Acme", song: "Night" } } }, { DeleteRequest: { Key: { artist: "Zed", song: "x" } } }] },
    ReturnItemCollectionMetrics: "SIZE",
  }));
  assert.deepEqual(batch.ItemCollectionMetrics.Songs.map((m) => m.ItemCollectionKey.artist).sort(), ["Acme", "Zed"]);
  const tx = await server.doc.send(new TransactWriteCommand({
    TransactItems: [{ Delete: { TableName: "Songs", Key: { artist: "Acme", song: "Day" } } }],
    ReturnItemCollectionMetrics: "SIZE",
  }));
  assert.deepEqual(tx.ItemCollectionMetrics, { Songs: [{ ItemCollectionKey: { artist: "Acme" }, SizeEstimateRangeGB: [0, 1] }] });
  const none = await server.doc.send(new PutCommand({ TableName: "Songs", Item: { artist: "Acme", song: "Eve" }, ReturnItemCollectionMetrics: "NONE" }));
  assert.equal(none.ItemCollectionMetrics, undefined);
});
