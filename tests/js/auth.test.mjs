// SigV4 verification (--require-auth) with requests signed by the AWS SDK for JavaScript v3.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DynamoDBClient, ListTablesCommand, CreateTableCommand, PutItemCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startServer } from "./harness.mjs";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key " +
  "and signing method. Consult the service documentation for details.";
let server;
let credsFile;

before(async () => {
  credsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dynarock-js-")), "creds");
  fs.writeFileSync(credsFile, "AKIDJS secret\nASIAJS tempsecret session/token+=\n");
  server = await startServer("--require-auth", "--credentials", credsFile);
});

after(() => {
  server.stop();
  fs.rmSync(path.dirname(credsFile), { recursive: true, force: true });
});

function client(credentials) {
  return new DynamoDBClient({ endpoint: server.url, region: "eu-central-1", credentials, maxAttempts: 1 });
}

test("requests signed with a known key are served", async () => {
  const c = client({ accessKeyId: "AKIDJS", secretAccessKey: "secret" });
  await c.send(new CreateTableCommand({
    TableName: "js_auth", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  }));
  await c.send(new PutItemCommand({ TableName: "js_auth", Item: { pk: { S: "ü/ +?" }, v: { N: "1" } } }));
  const got = await c.send(new GetItemCommand({ TableName: "js_auth", Key: { pk: { S: "ü/ +?" } } }));
  assert.deepEqual(got.Item, { pk: { S: "ü/ +?" }, v: { N: "1" } });
  c.destroy();
});

test("session credentials need their token", async () => {
  const ok = client({ accessKeyId: "ASIAJS", secretAccessKey: "tempsecret", sessionToken: "session/token+=" });
  assert.deepEqual((await ok.send(new ListTablesCommand({}))).TableNames, []);
  ok.destroy();
  const bad = client({ accessKeyId: "ASIAJS", secretAccessKey: "tempsecret", sessionToken: "other" });
  await assert.rejects(bad.send(new ListTablesCommand({})), (e) =>
    e.name === "UnrecognizedClientException" && e.message === "The security token included in the request is invalid.");
  bad.destroy();
});

test("a wrong secret or an unknown key is refused", async () => {
  const wrong = client({ accessKeyId: "AKIDJS", secretAccessKey: "not-the-secret" });
  await assert.rejects(wrong.send(new ListTablesCommand({})), (e) =>
    e.name === "InvalidSignatureException" && e.message === MISMATCH && e.$metadata.httpStatusCode === 400);
  wrong.destroy();
  const unknown = client({ accessKeyId: "AKIDNOPE", secretAccessKey: "secret" });
  await assert.rejects(unknown.send(new ListTablesCommand({})), (e) => e.name === "UnrecognizedClientException");
  unknown.destroy();
});

test("a clock 20 minutes fast is refused with the skew message", async () => {
  const c = new DynamoDBClient({
    endpoint: server.url, region: "eu-central-1", maxAttempts: 1,
    credentials: { accessKeyId: "AKIDJS", secretAccessKey: "secret" },
    systemClockOffset: 20 * 60 * 1000,
  });
  await assert.rejects(c.send(new ListTablesCommand({})), (e) =>
    e.name === "InvalidSignatureException" && /^Signature not yet current: \d{8}T\d{6}Z is still later than/.test(e.message));
  c.destroy();
});
