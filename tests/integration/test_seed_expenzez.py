"""Seed 001 (Expenzez): a single-table design through boto3.

One pay-per-request table with PK/SK, GSI1 (email lookup), GSI2 (timestamp) and GSI3 (category),
each projecting the attributes the document lists; many entity types in one partition, nested
maps and lists, a TTL attribute (UpdateTimeToLive at setup, as the seed does; expired records are
deleted by the sweep), optimistic locking on a
version field, a transaction that records a bank transaction and moves the account balance,
batch reads and writes, and strongly consistent reads.
"""
import time
import unittest
import uuid
from decimal import Decimal

from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from harness import ServerTestCase

TABLE = "expenzez-test"


def user_pk(user_id):
    return "USER#" + user_id


class ExpenzezSeedTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        keys = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK"]

        def gsi(n, include):
            return {"IndexName": "GSI%d" % n,
                    "KeySchema": [{"AttributeName": "GSI%dPK" % n, "KeyType": "HASH"},
                                  {"AttributeName": "GSI%dSK" % n, "KeyType": "RANGE"}],
                    "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": include}}
        cls.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True, "SSEType": "KMS"},
            AttributeDefinitions=[{"AttributeName": k, "AttributeType": "S"} for k in keys],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[gsi(1, ["userId", "name", "status", "createdAt"]),
                                    gsi(2, ["entityType", "amount", "category"]),
                                    gsi(3, ["entityId", "amount", "timestamp"])])
        cls.ddb.update_time_to_live(TableName=TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "TTL"})
        cls.resource = cls.server.resource()
        cls.table = cls.resource.Table(TABLE)

    def new_user(self):
        user_id = str(uuid.uuid4())
        email = "u%s@example.com" % uuid.uuid4().hex[:8]
        profile = {
            "PK": user_pk(user_id), "SK": "PROFILE", "userId": user_id, "email": email, "name": "John Doe",
            "createdAt": "2025-08-20T10:00:00Z", "updatedAt": "2025-08-20T15:30:00Z",
            "preferences": {
                "theme": "dark", "currency": "GBP",
                "notifications": {"transactions": True, "budgets": True, "security": True, "marketing": False},
                "privacy": {"shareAnalytics": False, "biometricEnabled": True, "pinEnabled": True},
                "language": "en", "timezone": "Europe/London",
            },
            "status": "active", "emailVerified": True,
            "kyc": {"status": "pending", "documents": ["passport"]},
            "platform": "ios", "appVersion": "1.0.0",
            "GSI1PK": email, "GSI1SK": "USER",
        }
        self.table.put_item(Item=profile)
        return user_id, profile

    def add_transaction(self, user_id, tx_id, amount, ts, category, account_id="acc-1"):
        item = {
            "PK": user_pk(user_id), "SK": "TRANSACTION#" + tx_id, "transactionId": tx_id, "accountId": account_id,
            "userId": user_id, "amount": Decimal(amount), "currency": "GBP", "description": "tx " + tx_id,
            "timestamp": ts, "category": {"primary": category, "confidence": Decimal("0.93"), "userModified": False},
            "merchant": {"name": "Tesco Express", "location": {"city": "London", "country": "GB",
                                                              "coordinates": {"lat": Decimal("51.5072"), "lng": Decimal("-0.1276")}}},
            "transactionType": "debit" if Decimal(amount) < 0 else "credit", "isHidden": False,
            "tags": ["groceries"], "createdAt": ts, "updatedAt": ts,
            "entityType": "TRANSACTION", "entityId": tx_id,
            "GSI2PK": user_pk(user_id), "GSI2SK": ts,
            "GSI3PK": user_pk(user_id), "GSI3SK": "CATEGORY#" + category,
        }
        self.table.put_item(Item=item)
        return item

    # --- table ---------------------------------------------------------------------------------

    def test_table_and_index_projections_are_described(self):
        t = self.ddb.describe_table(TableName=TABLE)["Table"]
        self.assertEqual(t["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        gsis = {ix["IndexName"]: ix for ix in t["GlobalSecondaryIndexes"]}
        self.assertEqual(sorted(gsis), ["GSI1", "GSI2", "GSI3"])
        self.assertEqual(gsis["GSI1"]["Projection"],
                         {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["userId", "name", "status", "createdAt"]})
        self.assertEqual(gsis["GSI3"]["KeySchema"], [{"AttributeName": "GSI3PK", "KeyType": "HASH"},
                                                     {"AttributeName": "GSI3SK", "KeyType": "RANGE"}])
        self.assertEqual(gsis["GSI2"]["IndexStatus"], "ACTIVE")

    # --- users -----------------------------------------------------------------------------------

    def test_user_profile_round_trips_with_consistent_read(self):
        user_id, profile = self.new_user()
        got = self.table.get_item(Key={"PK": user_pk(user_id), "SK": "PROFILE"}, ConsistentRead=True)["Item"]
        self.assertEqual(got, profile)
        self.assertIs(got["preferences"]["notifications"]["marketing"], False)

    def test_user_by_email_returns_projected_attributes_only(self):
        user_id, profile = self.new_user()
        items = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq(profile["email"])
                                 & Key("GSI1SK").eq("USER"))["Items"]
        self.assertEqual(items, [{"PK": user_pk(user_id), "SK": "PROFILE", "GSI1PK": profile["email"], "GSI1SK": "USER",
                                  "userId": user_id, "name": "John Doe", "status": "active",
                                  "createdAt": "2025-08-20T10:00:00Z"}])
        # Duplicate email check: Select COUNT on the index.
        out = self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq(profile["email"]), Select="COUNT")
        self.assertEqual(out["Count"], 1)
        self.assertNotIn("Items", out)
        self.assertEqual(self.table.query(IndexName="GSI1", KeyConditionExpression=Key("GSI1PK").eq("none@example.com"))["Items"], [])

    def test_nested_preference_updates(self):
        user_id, profile = self.new_user()
        out = self.table.update_item(
            Key={"PK": user_pk(user_id), "SK": "PROFILE"},
            UpdateExpression="SET preferences.theme = :t, preferences.notifications.marketing = :m, lastLoginAt = :now, "
                             "kyc.documents = list_append(kyc.documents, :docs), kyc.#s = :approved "
                             "REMOVE preferences.privacy.pinEnabled",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":t": "light", ":m": True, ":now": "2025-08-21T09:00:00Z",
                                       ":docs": ["utility_bill"], ":approved": "approved"},
            ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {
            "preferences": {"theme": "light", "notifications": {"marketing": True}},
            "lastLoginAt": "2025-08-21T09:00:00Z",
            "kyc": {"documents": ["passport", "utility_bill"], "status": "approved"},
        })
        got = self.table.get_item(Key={"PK": user_pk(user_id), "SK": "PROFILE"}, ConsistentRead=True)["Item"]
        expected = profile
        expected["preferences"]["theme"] = "light"
        expected["preferences"]["notifications"]["marketing"] = True
        del expected["preferences"]["privacy"]["pinEnabled"]
        expected["lastLoginAt"] = "2025-08-21T09:00:00Z"
        expected["kyc"] = {"status": "approved", "documents": ["passport", "utility_bill"]}
        self.assertEqual(got, expected)

    def test_status_is_reserved_in_expressions(self):
        user_id, _ = self.new_user()
        with self.assertRaises(ClientError) as cm:
            self.table.update_item(Key={"PK": user_pk(user_id), "SK": "PROFILE"}, UpdateExpression="SET kyc.status = :s",
                                   ExpressionAttributeValues={":s": "x"})
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status")

    def test_setting_a_path_through_a_missing_map_is_rejected(self):
        user_id, _ = self.new_user()
        with self.assertRaises(ClientError) as cm:
            self.table.update_item(Key={"PK": user_pk(user_id), "SK": "PROFILE"},
                                   UpdateExpression="SET lastError.retryCount = :n", ExpressionAttributeValues={":n": 1})
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "The document path provided in the update expression is invalid for update")

    # --- transactions and indexes -------------------------------------------------------------------

    def seed_partition(self):
        user_id, _ = self.new_user()
        pk = user_pk(user_id)
        self.table.put_item(Item={"PK": pk, "SK": "BANK#conn-1", "connectionId": "conn-1", "bankName": "Barclays",
                                  "status": "active", "consent": {"grantedAt": "2025-08-01T00:00:00Z",
                                                                  "permissions": ["accounts", "transactions", "balance"]}})
        self.table.put_item(Item={"PK": pk, "SK": "ACCOUNT#acc-1", "accountId": "acc-1", "accountName": "Main",
                                  "balance": {"available": Decimal("100"), "current": Decimal("100"), "currency": "GBP"}})
        self.table.put_item(Item={"PK": pk, "SK": "TOKEN#device-1", "token": "fcm-token", "platform": "ios"})
        txs = [
            self.add_transaction(user_id, "t1", "-12.50", "2025-08-01T08:00:00Z", "food_and_drink"),
            self.add_transaction(user_id, "t2", "-40", "2025-08-03T12:00:00Z", "transport"),
            self.add_transaction(user_id, "t3", "2500", "2025-08-05T09:00:00Z", "income"),
            self.add_transaction(user_id, "t4", "-7.25", "2025-08-09T19:30:00Z", "food_and_drink"),
            self.add_transaction(user_id, "t5", "-60", "2025-08-15T10:00:00Z", "shopping"),
        ]
        self.table.put_item(Item={"PK": pk, "SK": "TRANSACTION#t6", "transactionId": "t6", "amount": Decimal("-1"),
                                  "timestamp": "2025-08-16T00:00:00Z"})  # no GSI keys: not in GSI2/GSI3
        return user_id, txs

    def test_user_transactions_by_sort_key_prefix(self):
        user_id, txs = self.seed_partition()
        out = self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)) & Key("SK").begins_with("TRANSACTION#"))
        self.assertEqual([i["SK"] for i in out["Items"]], ["TRANSACTION#t%d" % i for i in range(1, 7)])
        self.assertEqual(out["Items"][0], txs[0])
        everything = self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)), ConsistentRead=True)
        self.assertEqual([i["SK"] for i in everything["Items"]],
                         ["ACCOUNT#acc-1", "BANK#conn-1", "PROFILE", "TOKEN#device-1"] + ["TRANSACTION#t%d" % i for i in range(1, 7)])

    def test_transactions_by_date_range_on_gsi2(self):
        user_id, _ = self.seed_partition()
        out = self.table.query(IndexName="GSI2",
                               KeyConditionExpression=Key("GSI2PK").eq(user_pk(user_id))
                               & Key("GSI2SK").between("2025-08-02", "2025-08-10"))
        self.assertEqual([i["transactionId"] if "transactionId" in i else i["SK"] for i in out["Items"]],
                         ["TRANSACTION#t2", "TRANSACTION#t3", "TRANSACTION#t4"])
        # Only keys and the projected attributes come back from the index.
        self.assertEqual(out["Items"][0], {"PK": user_pk(user_id), "SK": "TRANSACTION#t2", "GSI2PK": user_pk(user_id),
                                           "GSI2SK": "2025-08-03T12:00:00Z", "entityType": "TRANSACTION",
                                           "amount": Decimal("-40"),
                                           "category": {"primary": "transport", "confidence": Decimal("0.93"),
                                                        "userModified": False}})
        recent = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq(user_pk(user_id)),
                                  ScanIndexForward=False, Limit=2)
        self.assertEqual([i["SK"] for i in recent["Items"]], ["TRANSACTION#t5", "TRANSACTION#t4"])
        self.assertEqual(recent["LastEvaluatedKey"], {"PK": user_pk(user_id), "SK": "TRANSACTION#t4",
                                                      "GSI2PK": user_pk(user_id), "GSI2SK": "2025-08-09T19:30:00Z"})
        rest = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq(user_pk(user_id)),
                                ScanIndexForward=False, ExclusiveStartKey=recent["LastEvaluatedKey"])
        self.assertEqual([i["SK"] for i in rest["Items"]], ["TRANSACTION#t3", "TRANSACTION#t2", "TRANSACTION#t1"])

    def test_spending_by_category_on_gsi3(self):
        user_id, _ = self.seed_partition()
        out = self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq(user_pk(user_id))
                               & Key("GSI3SK").eq("CATEGORY#food_and_drink"))
        self.assertEqual(sorted(i["entityId"] for i in out["Items"]), ["t1", "t4"])
        self.assertEqual(sum(i["amount"] for i in out["Items"]), Decimal("-19.75"))
        self.assertEqual(set(out["Items"][0]), {"PK", "SK", "GSI3PK", "GSI3SK", "entityId", "amount", "timestamp"})
        spending = self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq(user_pk(user_id))
                                    & Key("GSI3SK").begins_with("CATEGORY#"), FilterExpression=Attr("amount").lt(0))
        self.assertEqual(spending["Count"], 4)
        self.assertEqual(spending["ScannedCount"], 5)
        self.assertEqual(sum(i["amount"] for i in spending["Items"]), Decimal("-119.75"))
        with self.assertRaises(ClientError) as cm:
            self.table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq(user_pk(user_id)), ConsistentRead=True)
        self.assertEqual(cm.exception.response["Error"]["Message"],
                         "Consistent reads are not supported on global secondary indexes")

    # --- TTL --------------------------------------------------------------------------------------

    def test_ttl_attribute_is_stored(self):
        user_id, _ = self.new_user()
        ttl = int(time.time()) + 30 * 24 * 3600
        msg = {"PK": user_pk(user_id), "SK": "CHAT#2025-08-20T10:00:00Z#m1", "messageId": "m1", "userId": user_id,
               "role": "user", "content": "How much did I spend?", "contentType": "text",
               "timestamp": "2025-08-20T10:00:00Z", "TTL": ttl, "status": "sent",
               "processingMetadata": {"model": "m", "processingTime": 812, "tokens": {"input": 120, "output": 300},
                                      "temperature": Decimal("0.7")}}
        self.table.put_item(Item=msg)
        got = self.table.get_item(Key={"PK": user_pk(user_id), "SK": msg["SK"]}, ConsistentRead=True)["Item"]
        self.assertEqual(got["TTL"], Decimal(ttl))
        self.assertEqual(got["processingMetadata"]["tokens"], {"input": Decimal(120), "output": Decimal(300)})
        expiring = self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)) & Key("SK").begins_with("CHAT#"),
                                    FilterExpression=Attr("TTL").gt(int(time.time())))
        self.assertEqual([i["messageId"] for i in expiring["Items"]], ["m1"])

    def test_expired_chat_messages_are_deleted(self):
        self.assertEqual(self.ddb.describe_time_to_live(TableName=TABLE)["TimeToLiveDescription"],
                         {"TimeToLiveStatus": "ENABLED", "AttributeName": "TTL"})
        user_id, _ = self.new_user()
        for i, ttl in enumerate([int(time.time()) - 3600, int(time.time()) + 3600]):
            self.table.put_item(Item={"PK": user_pk(user_id), "SK": "CHAT#2025-08-20T10:00:0%dZ#m%d" % (i, i),
                                      "messageId": "m%d" % i, "TTL": ttl, "GSI2PK": user_pk(user_id), "GSI2SK": "CHAT#%d" % i})
        query = lambda **kw: self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)) & Key("SK").begins_with("CHAT#"), **kw)
        for _ in range(200):  # the server sweeps every second (--ttl-interval)
            if len(query(ConsistentRead=True)["Items"]) == 1:
                break
            time.sleep(0.05)
        self.assertEqual([i["messageId"] for i in query(ConsistentRead=True)["Items"]], ["m1"])
        gsi = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq(user_pk(user_id)))
        self.assertEqual([i["GSI2SK"] for i in gsi["Items"]], ["CHAT#1"])

    # --- nested lists --------------------------------------------------------------------------------

    def test_budget_lists_of_maps(self):
        user_id, _ = self.new_user()
        key = {"PK": user_pk(user_id), "SK": "BUDGET#b1"}
        self.table.put_item(Item={**key, "budgetId": "b1", "name": "Groceries", "category": "food_and_drink",
                                  "limit": Decimal(300), "spent": Decimal(0), "version": 1,
                                  "alerts": {"enabled": True, "thresholds": [50, 80, 100], "alertCount": 0},
                                  "history": [{"period": "2025-07", "budgeted": 300, "spent": 280, "variance": 20,
                                               "achievement": Decimal("93.3")}]})
        self.table.update_item(Key=key, UpdateExpression="SET history[0].spent = :s, history[1] = :h, alerts.alertCount = alerts.alertCount + :one",
                               ExpressionAttributeValues={":s": 290, ":one": 1,
                                                          ":h": {"period": "2025-08", "budgeted": 300, "spent": 0}})
        got = self.table.get_item(Key=key, ConsistentRead=True)["Item"]
        self.assertEqual(got["history"], [
            {"period": "2025-07", "budgeted": 300, "spent": 290, "variance": 20, "achievement": Decimal("93.3")},
            {"period": "2025-08", "budgeted": 300, "spent": 0}])
        self.assertEqual(got["alerts"]["alertCount"], 1)
        hit = self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)) & Key("SK").begins_with("BUDGET#"),
                               FilterExpression=Attr("alerts.thresholds").contains(80) & Attr("history[1].period").eq("2025-08"))
        self.assertEqual(hit["Count"], 1)
        miss = self.table.query(KeyConditionExpression=Key("PK").eq(user_pk(user_id)) & Key("SK").begins_with("BUDGET#"),
                                FilterExpression=Attr("alerts.thresholds").contains(90))
        self.assertEqual(miss["Count"], 0)

    # --- optimistic locking ----------------------------------------------------------------------------

    def test_version_checked_optimistic_locking(self):
        user_id, _ = self.new_user()
        key = {"PK": user_pk(user_id), "SK": "BUDGET#lock"}
        self.table.put_item(Item={**key, "budgetId": "lock", "spent": Decimal(0), "version": 1})

        def save(spent, expected_version):
            return self.table.update_item(
                Key=key, UpdateExpression="SET spent = :spent, version = version + :one",
                ConditionExpression="version = :expected",
                ExpressionAttributeValues={":spent": spent, ":one": 1, ":expected": expected_version},
                ReturnValues="ALL_NEW")["Attributes"]

        # Two writers read version 1; the first save wins, the stale one fails.
        a = self.table.get_item(Key=key, ConsistentRead=True)["Item"]
        b = self.table.get_item(Key=key, ConsistentRead=True)["Item"]
        self.assertEqual(save(Decimal("10"), a["version"])["version"], 2)
        with self.assertRaises(ClientError) as cm:
            save(Decimal("99"), b["version"])
        self.assertEqual(cm.exception.response["Error"]["Code"], "ConditionalCheckFailedException")
        self.assertEqual(cm.exception.response["Error"]["Message"], "The conditional request failed")
        got = self.table.get_item(Key=key, ConsistentRead=True)["Item"]
        self.assertEqual((got["spent"], got["version"]), (Decimal("10"), 2))
        # The stale writer can ask for the current item with the failure, then retry on it.
        with self.assertRaises(ClientError) as cm:
            self.ddb.update_item(TableName=TABLE, Key={"PK": {"S": key["PK"]}, "SK": {"S": key["SK"]}},
                                 UpdateExpression="SET spent = :spent, version = version + :one",
                                 ConditionExpression="version = :expected",
                                 ExpressionAttributeValues={":spent": {"N": "99"}, ":one": {"N": "1"}, ":expected": {"N": "1"}},
                                 ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(cm.exception.response["Item"]["version"], {"N": "2"})
        self.assertEqual(save(Decimal("99"), got["version"])["version"], 3)

    def test_conditional_create_does_not_overwrite(self):
        user_id, _ = self.new_user()
        item = {"PK": user_pk(user_id), "SK": "PROFILE", "name": "Impostor"}
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException):
            self.table.put_item(Item=item, ConditionExpression="attribute_not_exists(PK)")
        self.assertEqual(self.table.get_item(Key={"PK": item["PK"], "SK": "PROFILE"})["Item"]["name"], "John Doe")

    # --- transaction + balance update ---------------------------------------------------------------------

    def record_transaction(self, user_id, tx_id, amount):
        """Writes the transaction record and moves the account balance atomically (the seed's pattern)."""
        pk = user_pk(user_id)
        return self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": TABLE, "ConditionExpression": "attribute_not_exists(PK)",
                     "Item": {"PK": {"S": pk}, "SK": {"S": "TRANSACTION#" + tx_id}, "transactionId": {"S": tx_id},
                              "accountId": {"S": "acc-1"}, "amount": {"N": amount},
                              "GSI2PK": {"S": pk}, "GSI2SK": {"S": "2025-08-20T10:00:00Z#" + tx_id}}}},
            {"Update": {"TableName": TABLE, "Key": {"PK": {"S": pk}, "SK": {"S": "ACCOUNT#acc-1"}},
                        "UpdateExpression": "SET balance.available = balance.available + :amt, "
                                            "balance.#cur = balance.#cur + :amt, "
                                            "transactionSummary.totalTransactions = transactionSummary.totalTransactions + :one",
                        "ConditionExpression": "attribute_exists(PK) AND balance.available >= :need",
                        "ExpressionAttributeNames": {"#cur": "current"},
                        "ExpressionAttributeValues": {":amt": {"N": amount}, ":one": {"N": "1"},
                                                      ":need": {"N": str(max(Decimal(0), -Decimal(amount)))}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        ])

    def test_transaction_and_balance_update_commit_together(self):
        user_id, _ = self.new_user()
        account_key = {"PK": user_pk(user_id), "SK": "ACCOUNT#acc-1"}
        self.table.put_item(Item={**account_key, "accountId": "acc-1",
                                  "balance": {"available": Decimal("100.00"), "current": Decimal("100.00"), "currency": "GBP"},
                                  "transactionSummary": {"totalTransactions": 0}})
        self.record_transaction(user_id, "tx1", "-42.75")
        self.record_transaction(user_id, "tx2", "250.5")
        acct = self.table.get_item(Key=account_key, ConsistentRead=True)["Item"]
        self.assertEqual(acct["balance"], {"available": Decimal("307.75"), "current": Decimal("307.75"), "currency": "GBP"})
        self.assertEqual(acct["transactionSummary"]["totalTransactions"], 2)

        # Overdraft: the balance guard fails, and the transaction record is not written either.
        with self.assertRaises(ClientError) as cm:
            self.record_transaction(user_id, "tx3", "-1000")
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual(err["Error"]["Message"],
                         "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
        self.assertEqual(err["CancellationReasons"][0], {"Code": "None"})
        self.assertEqual(err["CancellationReasons"][1]["Code"], "ConditionalCheckFailed")
        self.assertEqual(err["CancellationReasons"][1]["Message"], "The conditional request failed")
        self.assertEqual(err["CancellationReasons"][1]["Item"]["balance"]["M"]["available"], {"N": "307.75"})
        self.assertNotIn("Item", self.table.get_item(Key={"PK": user_pk(user_id), "SK": "TRANSACTION#tx3"}, ConsistentRead=True))

        # Replaying a recorded transaction id: the record guard fails, the balance is untouched.
        with self.assertRaises(ClientError) as cm:
            self.record_transaction(user_id, "tx1", "-42.75")
        self.assertEqual([r["Code"] for r in cm.exception.response["CancellationReasons"]], ["ConditionalCheckFailed", "None"])
        self.assertEqual(self.table.get_item(Key=account_key, ConsistentRead=True)["Item"], acct)
        dated = self.table.query(IndexName="GSI2", KeyConditionExpression=Key("GSI2PK").eq(user_pk(user_id)))["Items"]
        self.assertEqual([i["SK"] for i in dated], ["TRANSACTION#tx1", "TRANSACTION#tx2"])

    # --- batch get / write -----------------------------------------------------------------------------------

    def test_batch_write_and_batch_get(self):
        user_id, _ = self.new_user()
        pk = user_pk(user_id)
        with self.table.batch_writer() as batch:
            for i in range(30):
                batch.put_item(Item={"PK": pk, "SK": "NOTIFICATION#2025-08-20T10:%02d:00Z#n%d" % (i, i),
                                     "notificationId": "n%d" % i, "title": "t%d" % i, "type": "transaction",
                                     "deliveryAttempts": [{"timestamp": "2025-08-20T10:00:00Z", "channel": "push",
                                                           "deviceId": "d1", "status": "success"}],
                                     "TTL": 1_900_000_000 + i})
        items = self.table.query(KeyConditionExpression=Key("PK").eq(pk) & Key("SK").begins_with("NOTIFICATION#"))["Items"]
        self.assertEqual(len(items), 30)

        keys = [{"PK": pk, "SK": "NOTIFICATION#2025-08-20T10:%02d:00Z#n%d" % (i, i)} for i in range(0, 30, 3)]
        missing = {"PK": pk, "SK": "NOTIFICATION#missing"}
        out = self.resource.batch_get_item(RequestItems={TABLE: {
            "Keys": keys + [missing, {"PK": pk, "SK": "PROFILE"}], "ConsistentRead": True,
            "ProjectionExpression": "notificationId, #t, deliveryAttempts[0].#s",
            "ExpressionAttributeNames": {"#t": "TTL", "#s": "status"}}})
        self.assertEqual(out["UnprocessedKeys"], {})
        got = sorted(out["Responses"][TABLE], key=lambda i: i.get("notificationId", ""))
        self.assertEqual(len(got), 11)
        self.assertEqual(got[0], {})  # the profile has none of the projected attributes
        self.assertEqual(got[1], {"notificationId": "n0", "TTL": Decimal(1_900_000_000),
                                  "deliveryAttempts": [{"status": "success"}]})
        self.assertEqual(sorted(i["notificationId"] for i in got[1:]), sorted("n%d" % i for i in range(0, 30, 3)))

        with self.table.batch_writer() as batch:
            for i in range(30):
                if i % 2:
                    batch.delete_item(Key={"PK": pk, "SK": "NOTIFICATION#2025-08-20T10:%02d:00Z#n%d" % (i, i)})
        left = self.table.query(KeyConditionExpression=Key("PK").eq(pk) & Key("SK").begins_with("NOTIFICATION#"),
                                ProjectionExpression="notificationId")["Items"]
        self.assertEqual(sorted(i["notificationId"] for i in left), sorted("n%d" % i for i in range(0, 30, 2)))

    def test_system_config_values_of_any_type(self):
        pk = "CONFIG#SYSTEM#" + uuid.uuid4().hex[:6]
        values = {"maxUploads": 5, "maintenance": False, "banner": "hello", "limits": {"daily": 100, "monthly": 2000},
                  "regions": ["uk", "ie"], "unset": None}
        with self.table.batch_writer() as batch:
            for name, value in values.items():
                batch.put_item(Item={"PK": pk, "SK": "SETTING#" + name, "settingName": name, "value": value,
                                     "isActive": name != "banner"})
        out = self.table.query(KeyConditionExpression=Key("PK").eq(pk) & Key("SK").begins_with("SETTING#"),
                               FilterExpression=Attr("isActive").eq(True), ConsistentRead=True)
        got = {i["settingName"]: i["value"] for i in out["Items"]}
        self.assertEqual(got, {"maxUploads": 5, "maintenance": False, "limits": {"daily": 100, "monthly": 2000},
                               "regions": ["uk", "ie"], "unset": None})
        self.assertEqual(out["ScannedCount"], 6)
        typed = self.table.query(KeyConditionExpression=Key("PK").eq(pk),
                                 FilterExpression=Attr("value").attribute_type("M") | Attr("value").attribute_type("L"))
        self.assertEqual(sorted(i["settingName"] for i in typed["Items"]), ["limits", "regions"])


if __name__ == "__main__":
    unittest.main()
