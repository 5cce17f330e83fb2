// Time to Live through the AWS SDK for JavaScript v3: UpdateTimeToLive / DescribeTimeToLive, the
// SDK's typed error for a repeated enable, and expiry through the admin sweep endpoint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTableCommand, UpdateTimeToLiveCommand, DescribeTimeToLiveCommand, PutItemCommand, GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import { startServer } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer("--ttl-interval", "0");
  await server.client.send(new CreateTableCommand({
    TableName: "Sessions",
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
});
after(() => server.stop());

async function sweep() {
  const res = await fetch(server.url + "/_dynarock/ttl/sweep", { method: "POST" });
  assert.equal(res.status, 200);
  return (await res.json()).deleted;
}

test("enable, describe, and the errors of a repeated change", async () => {
  const before = await server.client.send(new DescribeTimeToLiveCommand({ TableName: "Sessions" }));
  assert.deepEqual(before.TimeToLiveDescription, { TimeToLiveStatus: "DISABLED" });
  const out = await server.client.send(new UpdateTimeToLiveCommand({
    TableName: "Sessions", TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" },
  }));
  assert.deepEqual(out.TimeToLiveSpecification, { Enabled: true, AttributeName: "expiresAt" });
  const d = await server.client.send(new DescribeTimeToLiveCommand({ TableName: "Sessions" }));
  assert.deepEqual(d.TimeToLiveDescription, { TimeToLiveStatus: "ENABLED", AttributeName: "expiresAt" });
  await assert.rejects(
    server.client.send(new UpdateTimeToLiveCommand({
      TableName: "Sessions", TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" },
    })),
    (e) => e.name === "ValidationException" && e.message === "TimeToLive is already enabled");
  await assert.rejects(
    server.client.send(new DescribeTimeToLiveCommand({ TableName: "Missing" })),
    (e) => e.name === "ResourceNotFoundException");
});

test("expired sessions go at the next sweep, live ones stay", async () => {
  const now = Math.floor(Date.now() / 1000);
  await server.client.send(new PutItemCommand({ TableName: "Sessions", Item: { id: { S: "old" }, expiresAt: { N: String(now - 30) } } }));
  await server.client.send(new PutItemCommand({ TableName: "Sessions", Item: { id: { S: "live" }, expiresAt: { N: String(now + 3600) } } }));
  const unswept = await server.client.send(new GetItemCommand({ TableName: "Sessions", Key: { id: { S: "old" } } }));
  assert.ok(unswept.Item, "expired but not yet swept items stay readable");
  assert.equal(await sweep(), 1);
  const gone = await server.client.send(new GetItemCommand({ TableName: "Sessions", Key: { id: { S: "old" } } }));
  assert.equal(gone.Item, undefined);
  const live = await server.client.send(new GetItemCommand({ TableName: "Sessions", Key: { id: { S: "live" } } }));
  assert.equal(live.Item.expiresAt.N, String(now + 3600));
});
