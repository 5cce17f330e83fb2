// PartiQL through the AWS SDK for JavaScript v3: ExecuteStatement (every statement form, paging,
// an index read), BatchExecuteStatement with a per-statement failure, ExecuteTransaction with a
// cancellation, on the low-level client and the document client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  BatchExecuteStatementCommand, CreateTableCommand, ExecuteStatementCommand, ExecuteTransactionCommand,
} from "@aws-sdk/client-dynamodb";
import { ExecuteStatementCommand as DocExecuteStatementCommand } from "@aws-sdk/lib-dynamodb";
import { startServer } from "./harness.mjs";

const TABLE = "Songs";
let server;

before(async () => {
  server = await startServer();
  await server.client.send(new CreateTableCommand({
    TableName: TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "artist", AttributeType: "S" },
      { AttributeName: "n", AttributeType: "N" },
      { AttributeName: "genre", AttributeType: "S" },
    ],
    KeySchema: [{ AttributeName: "artist", KeyType: "HASH" }, { AttributeName: "n", KeyType: "RANGE" }],
    GlobalSecondaryIndexes: [{
      IndexName: "byGenre",
      KeySchema: [{ AttributeName: "genre", KeyType: "HASH" }, { AttributeName: "n", KeyType: "RANGE" }],
      Projection: { ProjectionType: "ALL" },
    }],
  }));
  for (let i = 1; i <= 12; i++) {
    await server.doc.send(new DocExecuteStatementCommand({
      Statement: `INSERT INTO "${TABLE}" VALUE {'artist': ?, 'n': ?, 'genre': ?, 'title': ?}`,
      Parameters: [i % 2 ? "odd" : "even", i, i % 3 ? "pop" : "jazz", `song ${i}`],
    }));
  }
});
after(() => server.stop());

const run = (Statement, extra = {}) => server.client.send(new ExecuteStatementCommand({ Statement, ...extra }));

test("SELECT by partition, with a sort-key range and a projection", async () => {
  const out = await run(`SELECT n, title FROM "${TABLE}" WHERE artist = 'odd' AND n BETWEEN 3 AND 7`);
  assert.deepEqual(out.Items.map((i) => Number(i.n.N)), [3, 5, 7]);
  assert.equal(out.Items[0].title.S, "song 3");
  assert.equal(out.NextToken, undefined);
});

test("SELECT pages with Limit and NextToken", async () => {
  const got = [];
  let NextToken;
  do {
    const out = await run(`SELECT n FROM "${TABLE}" WHERE artist = 'even'`, { Limit: 4, NextToken });
    got.push(...out.Items.map((i) => Number(i.n.N)));
    NextToken = out.NextToken;
  } while (NextToken);
  assert.deepEqual(got, [2, 4, 6, 8, 10, 12]);
});

test("SELECT on an index through the document client", async () => {
  const out = await server.doc.send(new DocExecuteStatementCommand({
    Statement: `SELECT artist, n FROM "${TABLE}"."byGenre" WHERE genre = ? ORDER BY n DESC`,
    Parameters: ["jazz"],
  }));
  assert.deepEqual(out.Items.map((i) => i.n), [12, 9, 6, 3]);
});

test("UPDATE with RETURNING, DELETE, and INSERT of an existing item", async () => {
  const upd = await run(`UPDATE "${TABLE}" SET plays = 1 SET tags = <<'a'>> WHERE artist = 'odd' AND n = 1 RETURNING ALL NEW *`);
  assert.equal(upd.Items[0].plays.N, "1");
  assert.deepEqual(upd.Items[0].tags.SS, ["a"]);
  const del = await run(`DELETE FROM "${TABLE}" WHERE artist = 'odd' AND n = 11 RETURNING ALL OLD *`);
  assert.equal(del.Items[0].title.S, "song 11");
  await assert.rejects(run(`INSERT INTO "${TABLE}" VALUE {'artist': 'odd', 'n': 1}`), (err) => {
    assert.equal(err.name, "DuplicateItemException");
    assert.equal(err.message, "Duplicate primary key exists in table");
    return true;
  });
  await assert.rejects(run(`UPDATE "${TABLE}" SET plays = 2 WHERE artist = 'odd'`), (err) => {
    assert.equal(err.name, "ValidationException");
    assert.equal(err.message, "Where clause does not contain a mandatory equality on all key attributes");
    return true;
  });
});

test("BatchExecuteStatement answers each statement", async () => {
  const out = await server.client.send(new BatchExecuteStatementCommand({
    Statements: [
      { Statement: `UPDATE "${TABLE}" SET plays = 5 WHERE artist = 'even' AND n = 2` },
      { Statement: `UPDATE "${TABLE}" SET plays = 5 WHERE artist = 'even' AND n = 2 AND plays = 99` },
    ],
  }));
  assert.equal(out.Responses[0].Error, undefined);
  assert.equal(out.Responses[1].Error.Code, "ConditionalCheckFailed");
});

test("ExecuteTransaction commits all or nothing", async () => {
  await server.client.send(new ExecuteTransactionCommand({
    TransactStatements: [
      { Statement: `INSERT INTO "${TABLE}" VALUE {'artist': 'tx', 'n': 1}` },
      { Statement: `INSERT INTO "${TABLE}" VALUE {'artist': 'tx', 'n': 2}` },
    ],
  }));
  await assert.rejects(server.client.send(new ExecuteTransactionCommand({
    TransactStatements: [
      { Statement: `INSERT INTO "${TABLE}" VALUE {'artist': 'tx', 'n': 3}` },
      { Statement: `INSERT INTO "${TABLE}" VALUE {'artist': 'tx', 'n': 1}` },
    ],
  })), (err) => {
    assert.equal(err.name, "TransactionCanceledException");
    assert.deepEqual(err.CancellationReasons.map((r) => r.Code), ["None", "DuplicateItem"]);
    return true;
  });
  const read = await server.client.send(new ExecuteTransactionCommand({
    TransactStatements: [
      { Statement: `SELECT n FROM "${TABLE}" WHERE artist = 'tx' AND n = 2` },
      { Statement: `SELECT n FROM "${TABLE}" WHERE artist = 'tx' AND n = 3` },
    ],
  }));
  assert.deepEqual(read.Responses, [{ Item: { n: { N: "2" } } }, {}]);
});
