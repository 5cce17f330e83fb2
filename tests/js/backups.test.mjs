// Backups and point-in-time recovery through the AWS SDK for JavaScript v3.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTableCommand, PutItemCommand, CreateBackupCommand, ListBackupsCommand, DescribeBackupCommand,
  RestoreTableFromBackupCommand, GetItemCommand, UpdateContinuousBackupsCommand, DescribeContinuousBackupsCommand,
  RestoreTableToPointInTimeCommand, BackupNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { startServer } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
  await server.client.send(new CreateTableCommand({
    TableName: "Expenses",
    AttributeDefinitions: [{ AttributeName: "PK", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "PK", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  }));
  await server.client.send(new PutItemCommand({ TableName: "Expenses", Item: { PK: { S: "u1" }, total: { N: "12.5" } } }));
});
after(() => server.stop());

test("create, list, describe and restore a backup", async () => {
  const created = await server.client.send(new CreateBackupCommand({ TableName: "Expenses", BackupName: "daily" }));
  assert.equal(created.BackupDetails.BackupStatus, "AVAILABLE");
  assert.ok(created.BackupDetails.BackupCreationDateTime instanceof Date);
  const listed = await server.client.send(new ListBackupsCommand({ TableName: "Expenses" }));
  assert.deepEqual(listed.BackupSummaries.map((b) => b.BackupName), ["daily"]);
  const described = await server.client.send(new DescribeBackupCommand({ BackupArn: created.BackupDetails.BackupArn }));
  assert.equal(described.BackupDescription.SourceTableDetails.ItemCount, 1);
  await server.client.send(new RestoreTableFromBackupCommand({ TargetTableName: "ExpensesCopy", BackupArn: created.BackupDetails.BackupArn }));
  const got = await server.client.send(new GetItemCommand({ TableName: "ExpensesCopy", Key: { PK: { S: "u1" } } }));
  assert.deepEqual(got.Item.total, { N: "12.5" });
  await assert.rejects(
    server.client.send(new DescribeBackupCommand({ BackupArn: created.BackupDetails.BackupArn + "0" })),
    (e) => e instanceof BackupNotFoundException);
});

test("point-in-time recovery", async () => {
  const on = await server.client.send(new UpdateContinuousBackupsCommand({
    TableName: "Expenses", PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  }));
  assert.equal(on.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus, "ENABLED");
  const d = await server.client.send(new DescribeContinuousBackupsCommand({ TableName: "Expenses" }));
  assert.ok(d.ContinuousBackupsDescription.PointInTimeRecoveryDescription.EarliestRestorableDateTime instanceof Date);
  await server.client.send(new PutItemCommand({ TableName: "Expenses", Item: { PK: { S: "u2" } } }));
  await server.client.send(new RestoreTableToPointInTimeCommand({
    SourceTableName: "Expenses", TargetTableName: "ExpensesNow", UseLatestRestorableTime: true,
  }));
  const got = await server.client.send(new GetItemCommand({ TableName: "ExpensesNow", Key: { PK: { S: "u2" } } }));
  assert.deepEqual(got.Item, { PK: { S: "u2" } });
});
