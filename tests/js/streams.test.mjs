// DynamoDB Streams through the AWS SDK for JavaScript v3 streams client, same endpoint URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand,
  UpdateTableCommand, TransactWriteItemsCommand, BatchWriteItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DynamoDBStreamsClient, ListStreamsCommand, DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand,
  ExpiredIteratorException, TrimmedDataAccessException, ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb-streams";
import { startServer } from "./harness.mjs";

let server, streams, arn;
before(async () => {
  server = await startServer("--stream-shard-records", "4");
  streams = new DynamoDBStreamsClient({
    endpoint: server.url, region: "us-east-1",
    credentials: { accessKeyId: "AKIDJS", secretAccessKey: "secret" }, maxAttempts: 1,
  });
  await server.client.send(new CreateTableCommand({
    TableName: "Audit", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
  }));
  arn = (await server.client.send(new DescribeTableCommand({ TableName: "Audit" }))).Table.LatestStreamArn;
});
after(() => {
  streams.destroy();
  server.stop();
});

async function readStream(streamArn) {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const out = [];
  for (const shard of StreamDescription.Shards) {
    let { ShardIterator: it } = await streams.send(new GetShardIteratorCommand({
      StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    while (it) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
      out.push(...page.Records);
      if (!page.Records.length) break;
      it = page.NextShardIterator;
    }
  }
  return out;
}

test("writes, batches and transactions appear in order across shards", async () => {
  await server.client.send(new PutItemCommand({ TableName: "Audit", Item: { id: { S: "a" }, n: { N: "1" } } }));
  await server.client.send(new UpdateItemCommand({ TableName: "Audit", Key: { id: { S: "a" } },
    UpdateExpression: "SET n = n + :one", ExpressionAttributeValues: { ":one": { N: "1" } } }));
  await server.client.send(new BatchWriteItemCommand({ RequestItems: { Audit: [
    { PutRequest: { Item: { id: { S: "b" } } } }, { PutRequest: { Item: { id: { S: "c" } } } }] } }));
  await server.client.send(new TransactWriteItemsCommand({ TransactItems: [
    { Delete: { TableName: "Audit", Key: { id: { S: "a" } } } },
    { Put: { TableName: "Audit", Item: { id: { S: "d" } } } }] }));
  await server.client.send(new DeleteItemCommand({ TableName: "Audit", Key: { id: { S: "b" } } }));
  const records = await readStream(arn);
  assert.deepEqual(records.map((r) => r.eventName), ["INSERT", "MODIFY", "INSERT", "INSERT", "REMOVE", "INSERT", "REMOVE"]);
  const seqs = records.map((r) => BigInt(r.dynamodb.SequenceNumber));
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1]);
  assert.deepEqual(records[1].dynamodb.OldImage, { id: { S: "a" }, n: { N: "1" } });
  assert.deepEqual(records[1].dynamodb.NewImage, { id: { S: "a" }, n: { N: "2" } });
  assert.ok(records[0].dynamodb.ApproximateCreationDateTime instanceof Date);
  assert.equal(records[0].eventSource, "aws:dynamodb");
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  assert.equal(StreamDescription.Shards.length, 2);
  assert.equal(StreamDescription.Shards[1].ParentShardId, StreamDescription.Shards[0].ShardId);
});

test("list streams and the iterator types", async () => {
  const { Streams } = await streams.send(new ListStreamsCommand({ TableName: "Audit" }));
  assert.equal(Streams.length, 1);
  assert.equal(Streams[0].StreamArn, arn);
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  const shard = StreamDescription.Shards.at(-1);
  const { ShardIterator } = await streams.send(new GetShardIteratorCommand({
    StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: "LATEST" }));
  await server.client.send(new PutItemCommand({ TableName: "Audit", Item: { id: { S: "latest" } } }));
  const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
  assert.deepEqual(page.Records.map((r) => r.dynamodb.Keys.id.S), ["latest"]);
  const seq = page.Records[0].dynamodb.SequenceNumber;
  for (const [type, expected] of [["AT_SEQUENCE_NUMBER", 1], ["AFTER_SEQUENCE_NUMBER", 0]]) {
    const it = await streams.send(new GetShardIteratorCommand({
      StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: type, SequenceNumber: seq }));
    const got = await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    assert.equal(got.Records.length, expected);
  }
});

test("errors come back as the SDK's modelled exceptions", async () => {
  await assert.rejects(streams.send(new DescribeStreamCommand({
    StreamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/none/stream/2020-01-01T00:00:00.000" })),
  (e) => e instanceof ResourceNotFoundException);
  await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: "not-an-iterator" })),
    (e) => e.name === "ValidationException" && e.message === "Invalid ShardIterator");
  assert.ok(ExpiredIteratorException && TrimmedDataAccessException);  // modelled, exercised in the boto3 suite
});

test("disabling closes the stream", async () => {
  await server.client.send(new UpdateTableCommand({ TableName: "Audit", StreamSpecification: { StreamEnabled: false } }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  assert.equal(StreamDescription.StreamStatus, "DISABLED");
  assert.ok(StreamDescription.Shards.at(-1).SequenceNumberRange.EndingSequenceNumber);
});
