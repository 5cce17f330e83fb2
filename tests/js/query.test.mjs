// Query and Scan through the AWS SDK for JavaScript v3: a GSI queried with begins_with, paged by hand
// and with the SDK paginators, on both the low-level client and the document client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTableCommand, PutItemCommand, QueryCommand, ScanCommand, paginateQuery, paginateScan,
} from "@aws-sdk/client-dynamodb";
import { QueryCommand as DocQueryCommand, paginateQuery as paginateDocQuery } from "@aws-sdk/lib-dynamodb";
import { startServer } from "./harness.mjs";

const TABLE = "Orders";
const ORDERS = [];
for (let i = 0; i < 25; i++) {
  ORDERS.push({
    customer: `c${i % 3}`,
    orderId: `o${String(i).padStart(3, "0")}`,
    // GSI partition: month; GSI sort: "<status>#<day>" so begins_with selects a status.
    month: i % 2 === 0 ? "2026-01" : "2026-02",
    statusDay: `${i % 4 === 0 ? "SHIPPED" : "PENDING"}#${String(30 - i).padStart(2, "0")}`,
    total: i * 10,
  });
}

let server;
before(async () => {
  server = await startServer();
  await server.client.send(new CreateTableCommand({
    TableName: TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "customer", AttributeType: "S" },
      { AttributeName: "orderId", AttributeType: "S" },
      { AttributeName: "month", AttributeType: "S" },
      { AttributeName: "statusDay", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "customer", KeyType: "HASH" }, { AttributeName: "orderId", KeyType: "RANGE" }],
    GlobalSecondaryIndexes: [{
      IndexName: "byMonth",
      KeySchema: [{ AttributeName: "month", KeyType: "HASH" }, { AttributeName: "statusDay", KeyType: "RANGE" }],
      Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["total"] },
    }],
  }));
  for (const o of ORDERS) {
    await server.client.send(new PutItemCommand({
      TableName: TABLE,
      Item: {
        customer: { S: o.customer }, orderId: { S: o.orderId }, month: { S: o.month },
        statusDay: { S: o.statusDay }, total: { N: String(o.total) }, note: { S: "not projected" },
      },
    }));
  }
  // Not in the index: no month.
  await server.client.send(new PutItemCommand({ TableName: TABLE, Item: { customer: { S: "c9" }, orderId: { S: "x" } } }));
});
after(() => server.stop());

function expected(month, prefix) {
  return ORDERS.filter((o) => o.month === month && o.statusDay.startsWith(prefix))
    .sort((a, b) => (a.statusDay < b.statusDay ? -1 : a.statusDay > b.statusDay ? 1 : 0));
}

const byMonthPending = {
  TableName: TABLE,
  IndexName: "byMonth",
  KeyConditionExpression: "#m = :m AND begins_with(statusDay, :p)",
  ExpressionAttributeNames: { "#m": "month" },
  ExpressionAttributeValues: { ":m": { S: "2026-02" }, ":p": { S: "PENDING#" } },
};

test("GSI query with begins_with returns the projected attributes in index order", async () => {
  const out = await server.client.send(new QueryCommand(byMonthPending));
  const want = expected("2026-02", "PENDING#");
  assert.equal(out.Count, want.length);
  assert.equal(out.ScannedCount, want.length);
  assert.equal(out.LastEvaluatedKey, undefined);
  assert.deepEqual(out.Items.map((i) => i.statusDay.S), want.map((o) => o.statusDay));
  for (const item of out.Items) {
    assert.deepEqual(Object.keys(item).sort(), ["customer", "month", "orderId", "statusDay", "total"]);
  }
  const shipped = await server.client.send(new QueryCommand({
    ...byMonthPending, ExpressionAttributeValues: { ":m": { S: "2026-01" }, ":p": { S: "SHIPPED#" } },
  }));
  assert.deepEqual(shipped.Items.map((i) => i.orderId.S), expected("2026-01", "SHIPPED#").map((o) => o.orderId));
});

test("GSI query pages by hand with Limit and LastEvaluatedKey, both directions", async () => {
  for (const forward of [true, false]) {
    const want = expected("2026-02", "PENDING#").map((o) => o.orderId);
    if (!forward) want.reverse();
    const got = [];
    let start;
    let pages = 0;
    do {
      const out = await server.client.send(new QueryCommand({
        ...byMonthPending, Limit: 3, ScanIndexForward: forward, ExclusiveStartKey: start,
      }));
      pages++;
      got.push(...out.Items.map((i) => i.orderId.S));
      start = out.LastEvaluatedKey;
      if (start) {
        // The key carries the index key and the table key of the last item read.
        assert.deepEqual(Object.keys(start).sort(), ["customer", "month", "orderId", "statusDay"]);
        assert.deepEqual(start.orderId, out.Items[out.Items.length - 1].orderId);
      }
    } while (start);
    assert.deepEqual(got, want);
    assert.equal(pages, Math.floor(want.length / 3) + 1);
  }
});

test("SDK paginators over the GSI and a filtered scan", async () => {
  const got = [];
  let pages = 0;
  for await (const page of paginateQuery({ client: server.client, pageSize: 2 }, byMonthPending)) {
    pages++;
    assert.ok(page.Items.length <= 2);
    got.push(...page.Items.map((i) => i.orderId.S));
  }
  assert.deepEqual(got, expected("2026-02", "PENDING#").map((o) => o.orderId));
  assert.ok(pages >= 3);

  const scanned = [];
  for await (const page of paginateScan({ client: server.client, pageSize: 4 }, {
    TableName: TABLE, FilterExpression: "#t >= :t", ExpressionAttributeNames: { "#t": "total" },
    ExpressionAttributeValues: { ":t": { N: "200" } },
  })) {
    assert.ok(page.ScannedCount <= 4);
    scanned.push(...page.Items.map((i) => i.orderId.S));
  }
  assert.deepEqual(scanned.sort(), ORDERS.filter((o) => o.total >= 200).map((o) => o.orderId).sort());
});

test("document client: begins_with on the GSI, paged with the lib-dynamodb paginator", async () => {
  const input = {
    TableName: TABLE,
    IndexName: "byMonth",
    KeyConditionExpression: "#m = :m AND begins_with(statusDay, :p)",
    FilterExpression: "#t > :min",
    ExpressionAttributeNames: { "#m": "month", "#t": "total" },
    ExpressionAttributeValues: { ":m": "2026-01", ":p": "PENDING#", ":min": 50 },
  };
  const want = expected("2026-01", "PENDING#").filter((o) => o.total > 50);
  const first = await server.doc.send(new DocQueryCommand({ ...input, Limit: 1 }));
  assert.equal(first.ScannedCount, 1);
  assert.ok(first.LastEvaluatedKey);
  assert.equal(typeof first.LastEvaluatedKey.month, "string");

  const items = [];
  for await (const page of paginateDocQuery({ client: server.doc, pageSize: 2 }, input)) items.push(...page.Items);
  assert.deepEqual(items.map((i) => i.orderId), want.map((o) => o.orderId));
  assert.deepEqual(items.map((i) => i.total), want.map((o) => o.total));
  assert.equal(items[0].note, undefined);
});

test("errors: begins_with on the GSI partition key, ConsistentRead on a GSI, bad start key", async () => {
  await assert.rejects(
    server.client.send(new QueryCommand({
      ...byMonthPending, KeyConditionExpression: "begins_with(#m, :m)",
      ExpressionAttributeValues: { ":m": { S: "2026" } },
    })),
    (e) => e.name === "ValidationException" && e.message === "Query key condition not supported",
  );
  await assert.rejects(
    server.client.send(new QueryCommand({ ...byMonthPending, ConsistentRead: true })),
    (e) => e.name === "ValidationException" && e.message === "Consistent reads are not supported on global secondary indexes",
  );
  await assert.rejects(
    server.client.send(new ScanCommand({ TableName: TABLE, IndexName: "byMonth", Select: "ALL_ATTRIBUTES" })),
    (e) => e.name === "ValidationException" && e.message ===
      "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byMonth because its projection type is not ALL",
  );
  await assert.rejects(
    server.client.send(new QueryCommand({
      ...byMonthPending,
      ExclusiveStartKey: { customer: { S: "c0" }, orderId: { S: "o001" }, month: { S: "2026-01" }, statusDay: { S: "PENDING#29" } },
    })),
    (e) => e.name === "ValidationException" && e.message.startsWith("The provided starting key"),
  );
});
