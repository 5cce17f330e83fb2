// Balance management (seed 003) with the AWS SDK for JavaScript v3: getCurrentBalance (default
// 100 for a user never seen) and an idempotent credit/debit that never takes a balance below 0,
// both tables changed in one transaction.
//   AWS_ENDPOINT_URL=http://localhost:8000 node access-patterns.mjs
import assert from "node:assert/strict";
import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";

const DEFAULT_BALANCE = 100;
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL }));

class InsufficientFundsError extends Error {}

async function getCurrentBalance(userId) {
  const out = await doc.send(new GetCommand({ TableName: "UserBalances", Key: { userId }, ConsistentRead: true }));
  return out.Item ? out.Item.balance : DEFAULT_BALANCE;
}

// Returns "applied", or "duplicate" when this idempotentKey was already processed.
async function transact({ idempotentKey, userId, amount, type }) {
  const update = type === "credit"
    ? { UpdateExpression: "SET balance = if_not_exists(balance, :default) + :amt" }
    : {
        UpdateExpression: "SET balance = if_not_exists(balance, :default) - :amt",
        ConditionExpression: "(attribute_not_exists(balance) AND :default >= :amt) OR balance >= :amt",
      };
  try {
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: "Transactions", Item: { idempotentKey, userId, amount, type, createdAt: new Date().toISOString() },
                 ConditionExpression: "attribute_not_exists(idempotentKey)" } },
        { Update: { TableName: "UserBalances", Key: { userId },
                    ExpressionAttributeValues: { ":amt": amount, ":default": DEFAULT_BALANCE }, ...update } },
      ],
    }));
    return "applied";
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const codes = err.CancellationReasons.map((r) => r.Code);
    if (codes[0] === "ConditionalCheckFailed") return "duplicate";
    if (codes[1] === "ConditionalCheckFailed") throw new InsufficientFundsError("insufficient funds");
    throw err;
  }
}

assert.equal(await getCurrentBalance("alice"), 250);
assert.equal(await getCurrentBalance("carol"), DEFAULT_BALANCE);

assert.equal(await transact({ idempotentKey: "k-1", userId: "alice", amount: 50, type: "debit" }), "applied");
assert.equal(await transact({ idempotentKey: "k-1", userId: "alice", amount: 50, type: "debit" }), "duplicate");
assert.equal(await getCurrentBalance("alice"), 200);
assert.equal(await transact({ idempotentKey: "seed-alice-1", userId: "alice", amount: 150, type: "credit" }), "duplicate");

await assert.rejects(transact({ idempotentKey: "k-2", userId: "bob", amount: 6, type: "debit" }), InsufficientFundsError);
assert.equal(await getCurrentBalance("bob"), 5);

// Concurrent debits of a new user's default balance: exactly the ones that fit are applied.
const results = await Promise.allSettled(
  [1, 2, 3, 4, 5].map((i) => transact({ idempotentKey: `race-${i}`, userId: "dave", amount: 30, type: "debit" })));
const applied = results.filter((r) => r.status === "fulfilled").length;
assert.equal(await getCurrentBalance("dave"), DEFAULT_BALANCE - 30 * applied);
assert.ok(applied >= 1 && applied <= 3, `applied ${applied}`);
console.log(`balances (javascript): ok (${applied} of 5 concurrent debits applied)`);
