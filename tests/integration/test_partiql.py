"""PartiQL through boto3: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction.

Each statement form runs against a real server; rejections assert DynamoDB's error type and text.
The seed access patterns (loans by borrower and by status; loans by user and status) run both as
Query and as PartiQL and must give the same items.
"""
import http.client
import json
import os
import subprocess
import unittest

from botocore.exceptions import ClientError

from harness import Server, ServerTestCase

MALFORMED = "Statement wasn't well formed, can't be processed: "
NO_KEY = "Where clause does not contain a mandatory equality on all key attributes"


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


class PartiQLTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(TableName="pq_hash", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        cls.ddb.create_table(
            TableName="pq_comp", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "N"},
                                  {"AttributeName": "g", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                                                                        {"AttributeName": "sk", "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}}])
        for p in ("a", "b", "c"):
            for s in range(1, 6):
                cls.ddb.put_item(TableName="pq_comp", Item={"pk": S(p), "sk": N(s), "g": S("g" + str(s % 2)),
                                                            "v": N(s * 10), "tag": S(p + str(s))})

    def run_stmt(self, statement, params=None, **kw):
        args = {"Statement": statement}
        if params is not None:
            args["Parameters"] = params
        args.update(kw)
        return self.ddb.execute_statement(**args)

    def rejects(self, statement, code, message, params=None, **kw):
        with self.assertRaises(ClientError) as cm:
            self.run_stmt(statement, params, **kw)
        self.assertEqual(cm.exception.response["Error"]["Code"], code)
        if message is not None:
            self.assertEqual(cm.exception.response["Error"]["Message"], message)
        return cm.exception.response

    # --- INSERT / SELECT / UPDATE / DELETE -------------------------------------------------------

    def test_insert_then_select_every_type(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'types', 's': 'x', 'n': 1.50, 'b': true, 'nul': NULL, "
                      "'m': {'k': [1, 'a']}, 'ss': <<'a', 'b'>>, 'ns': <<1, 2>>, 'bin': ?}", [{"B": b"\x01\x02"}])
        item = self.run_stmt('SELECT * FROM "pq_hash" WHERE pk = ?', [S("types")])["Items"][0]
        self.assertEqual(item["s"], S("x"))
        self.assertEqual(item["n"], N("1.5"))
        self.assertEqual(item["b"], {"BOOL": True})
        self.assertEqual(item["nul"], {"NULL": True})
        self.assertEqual(item["m"], {"M": {"k": {"L": [N(1), S("a")]}}})
        self.assertEqual(sorted(item["ss"]["SS"]), ["a", "b"])
        self.assertEqual(sorted(item["ns"]["NS"]), ["1", "2"])
        self.assertEqual(item["bin"], {"B": b"\x01\x02"})

    def test_insert_existing_item_is_duplicate(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'dup'}")
        self.rejects("INSERT INTO pq_hash VALUE {'pk': 'dup', 'x': 1}", "DuplicateItemException",
                     "Duplicate primary key exists in table")

    def test_insert_forms_refused(self):
        self.rejects("INSERT INTO pq_hash VALUE {'pk': 'x'} RETURNING ALL OLD *", "ValidationException",
                     "RETURNING is not supported in INSERT")
        self.rejects("INSERT INTO pq_hash VALUE [1]", "ValidationException",
                     "Unsupported format in item expression. Please use struct format {...} to express item values "
                     "for insert statement.")
        self.rejects("INSERT INTO pq_hash VALUE {'nokey': 1}", "ValidationException", None)
        self.rejects("INSERT INTO pq_hash VALUE {'pk': 'x', 's': <<>>}", "ValidationException",
                     "Empty bags are not supported")

    def test_select_query_projection_and_sort_key(self):
        items = self.run_stmt("SELECT sk, v FROM pq_comp WHERE pk = 'a' AND sk >= 2 AND sk < 4")["Items"]
        self.assertEqual(items, [{"sk": N(2), "v": N(20)}, {"sk": N(3), "v": N(30)}])
        items = self.run_stmt("SELECT sk FROM pq_comp WHERE pk = 'a' AND sk BETWEEN 4 AND 9 ORDER BY sk DESC")["Items"]
        self.assertEqual(items, [{"sk": N(5)}, {"sk": N(4)}])

    def test_select_with_filter_and_functions(self):
        items = self.run_stmt("SELECT tag FROM pq_comp WHERE pk = 'b' AND v > 20 AND begins_with(tag, 'b')")["Items"]
        self.assertEqual([i["tag"]["S"] for i in items], ["b3", "b4", "b5"])
        items = self.run_stmt("SELECT tag FROM pq_comp WHERE pk = 'b' AND (v = 10 OR contains(tag, '5'))")["Items"]
        self.assertEqual([i["tag"]["S"] for i in items], ["b1", "b5"])
        items = self.run_stmt("SELECT tag FROM pq_comp WHERE pk = 'b' AND nothing IS MISSING AND v IS NOT MISSING "
                              "AND attribute_type(tag, 'S') AND size(tag) = 2 AND NOT v IN [10, 20, 30]")["Items"]
        self.assertEqual([i["tag"]["S"] for i in items], ["b4", "b5"])

    def test_select_in_partition_keys_and_scan(self):
        items = self.run_stmt("SELECT pk, sk FROM pq_comp WHERE pk IN ['c', 'a'] AND sk = 1")["Items"]
        self.assertEqual(items, [{"pk": S("c"), "sk": N(1)}, {"pk": S("a"), "sk": N(1)}])
        items = self.run_stmt("SELECT pk FROM pq_comp WHERE pk = 'a' OR pk = 'b'")["Items"]
        self.assertEqual(len(items), 10)
        items = self.run_stmt("SELECT * FROM pq_comp WHERE v = 30")["Items"]  # a Scan with a filter
        self.assertEqual(sorted(i["pk"]["S"] for i in items), ["a", "b", "c"])

    def test_select_on_index(self):
        items = self.run_stmt('SELECT pk, sk FROM "pq_comp"."by_g" WHERE g = ? AND sk > 3', [S("g1")])["Items"]
        self.assertEqual(sorted((i["pk"]["S"], i["sk"]["N"]) for i in items), [("a", "5"), ("b", "5"), ("c", "5")])
        self.rejects('SELECT * FROM "pq_comp"."nope" WHERE g = \'x\'', "ValidationException", None)

    def test_paging_with_limit_and_next_token(self):
        seen = []
        token = None
        pages = 0
        while True:
            kw = {"Limit": 2}
            if token:
                kw["NextToken"] = token
            resp = self.run_stmt("SELECT pk, sk FROM pq_comp WHERE pk IN ['a', 'b']", **kw)
            seen += [(i["pk"]["S"], int(i["sk"]["N"])) for i in resp["Items"]]
            pages += 1
            token = resp.get("NextToken")
            if not token:
                break
        self.assertEqual(seen, [("a", s) for s in range(1, 6)] + [("b", s) for s in range(1, 6)])
        self.assertGreaterEqual(pages, 5)
        # Scans page the same way.
        resp = self.run_stmt("SELECT * FROM pq_comp", Limit=4)
        self.assertEqual(len(resp["Items"]), 4)
        self.assertIn("NextToken", resp)
        self.rejects("SELECT * FROM pq_comp", "ValidationException", "Invalid NextToken", NextToken="garbage!")
        self.rejects("SELECT * FROM pq_comp WHERE v = 1", "ValidationException", "The provided starting key is invalid",
                     NextToken=resp["NextToken"])

    def test_consumed_capacity_and_consistent_read(self):
        resp = self.run_stmt("SELECT * FROM pq_comp WHERE pk = 'a'", ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
        self.assertEqual(resp["ConsumedCapacity"]["TableName"], "pq_comp")
        self.assertEqual(resp["ConsumedCapacity"]["CapacityUnits"], 1.0)
        resp = self.run_stmt("SELECT * FROM pq_comp WHERE pk = 'a'", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(resp["ConsumedCapacity"]["CapacityUnits"], 0.5)
        resp = self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'cap'}", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(resp["ConsumedCapacity"]["CapacityUnits"], 1.0)
        # A SELECT of a whole key reads like GetItem, with and without capacity.
        resp = self.run_stmt("SELECT * FROM pq_hash WHERE pk = 'cap'", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(resp["Items"], [{"pk": S("cap")}])
        self.assertEqual(resp["ConsumedCapacity"]["TableName"], "pq_hash")
        self.assertEqual(resp["ConsumedCapacity"]["CapacityUnits"], 0.5)
        self.assertEqual(self.run_stmt("SELECT * FROM pq_hash WHERE pk = 'cap'")["Items"], [{"pk": S("cap")}])
        self.assertEqual(self.run_stmt("SELECT * FROM pq_hash WHERE pk = 'nothing'")["Items"], [])
        # Two partitions of an IN: one capacity, summed.
        resp = self.run_stmt("SELECT * FROM pq_comp WHERE pk IN ['a', 'b']", ReturnConsumedCapacity="TOTAL")
        self.assertEqual(resp["ConsumedCapacity"]["TableName"], "pq_comp")
        self.assertEqual(resp["ConsumedCapacity"]["CapacityUnits"], 1.0)

    def test_update_set_remove_and_returning(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'u1', 'n': 1, 'l': [1], 's': <<'a'>>, 'gone': 'x', "
                      "'m': {'depth': 1}}")
        resp = self.run_stmt("UPDATE pq_hash SET n = n + 5 SET l = list_append(l, [2, 3]) SET s = set_add(s, <<'b'>>) "
                             "SET m.depth = 'deep' REMOVE gone WHERE pk = 'u1' RETURNING ALL NEW *")
        item = resp["Items"][0]
        self.assertEqual(item["n"], N(6))
        self.assertEqual(item["l"], {"L": [N(1), N(2), N(3)]})
        self.assertEqual(sorted(item["s"]["SS"]), ["a", "b"])
        self.assertEqual(item["m"], {"M": {"depth": S("deep")}})
        self.assertNotIn("gone", item)
        resp = self.run_stmt("UPDATE pq_hash SET s = set_delete(s, <<'a'>>) WHERE pk = 'u1' RETURNING MODIFIED OLD *")
        self.assertEqual(resp["Items"], [{"s": {"SS": ["a", "b"]}}])
        resp = self.run_stmt("UPDATE pq_hash SET n = 0 WHERE pk = 'u1'")
        self.assertEqual(resp["Items"], [])
        resp = self.run_stmt("UPDATE pq_hash SET n = 1 WHERE pk = 'u1' RETURNING MODIFIED NEW *")
        self.assertEqual(resp["Items"], [{"n": N(1)}])

    def test_update_conditions(self):
        self.rejects("UPDATE pq_hash SET a = 1 WHERE pk = 'never'", "ConditionalCheckFailedException",
                     "The conditional request failed")
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'u2', 'n': 1}")
        resp = self.rejects("UPDATE pq_hash SET n = 2 WHERE pk = 'u2' AND n = 5", "ConditionalCheckFailedException",
                            "The conditional request failed", ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(resp["Item"], {"pk": S("u2"), "n": N(1)})
        self.run_stmt("UPDATE pq_hash SET n = 2 WHERE pk = 'u2' AND n = 1")
        self.rejects("UPDATE pq_hash SET n = 2 WHERE n = 1", "ValidationException", NO_KEY)
        self.rejects("UPDATE pq_comp SET n = 2 WHERE pk = 'a'", "ValidationException", NO_KEY)
        self.rejects("UPDATE pq_hash SET s = set_add(t, <<'a'>>) WHERE pk = 'u2'", "ValidationException",
                     "The first argument to SET_ADD must equal the assignment value")

    def test_delete(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'd1', 'x': 1}")
        resp = self.run_stmt("DELETE FROM pq_hash WHERE pk = 'd1' RETURNING ALL OLD *")
        self.assertEqual(resp["Items"], [{"pk": S("d1"), "x": N(1)}])
        self.assertEqual(self.run_stmt("SELECT * FROM pq_hash WHERE pk = 'd1'")["Items"], [])
        self.assertEqual(self.run_stmt("DELETE FROM pq_hash WHERE pk = 'd1'")["Items"], [])  # missing: no error
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'd2', 'x': 1}")
        self.rejects("DELETE FROM pq_hash WHERE pk = 'd2' AND x = 2", "ConditionalCheckFailedException", None)
        self.rejects("DELETE FROM pq_hash WHERE x = 1", "ValidationException", NO_KEY)
        self.rejects("DELETE FROM pq_hash WHERE pk = 'd2' RETURNING ALL NEW *", "ValidationException",
                     "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE "
                     "statements.")

    def test_quoted_identifiers_and_nested_paths(self):
        self.run_stmt("INSERT INTO \"pq_hash\" VALUE {'pk': 'q1', 'a.b': 1, 'select': 'kw', "
                      "'m': {'l': [{'x': 'deep'}]}}")
        items = self.run_stmt('SELECT "a.b", "select", m.l[0].x FROM pq_hash WHERE "pk" = \'q1\'')["Items"]
        self.assertEqual(items[0]["a.b"], N(1))
        self.assertEqual(items[0]["select"], S("kw"))
        self.assertEqual(items[0]["x"], S("deep"))  # a nested path comes back under its last name
        self.assertNotIn("m", items[0])
        items = self.run_stmt("SELECT m.l[0], pk FROM pq_hash WHERE pk = 'q1'")["Items"]
        self.assertEqual(items, [{"l[0]": {"M": {"x": S("deep")}}, "pk": S("q1")}])
        items = self.run_stmt("SELECT pk FROM pq_hash WHERE pk = 'q1' AND m.l[0].x = 'deep'")["Items"]
        self.assertEqual(items, [{"pk": S("q1")}])

    # --- rejections --------------------------------------------------------------------------------

    def test_syntax_errors(self):
        cases = {
            "SELECT * FROM pq_hash WHERE": MALFORMED + "Unexpected term",
            "SELECT * FROM pq_hash WHERE pk = 'a' AND": MALFORMED + "Missing right-hand side expression of infix operator",
            "SELECT * FROM pq_hash WHERE pk = 'a' foo": MALFORMED + "Unexpected token after expression",
            "SELECT * FROM pq_hash WHERE pk = 1)": MALFORMED + "Unexpected token after expression",
            "SELECT * FROM pq_hash WHERE ORDER BY pk": MALFORMED + "Unexpected keyword",
            "SELECT * FROM pq_hash WHERE IS NULL": MALFORMED + "Unexpected operator",
            "SELECT * FROM": MALFORMED + "Unexpected term",
            "DELETE FROM": MALFORMED + "Expected identifier for simple path",
            "SELECT * FROM pq_hash WHERE pk = 1 /* open": MALFORMED,
            "SELECT * FROM pq_hash t WHERE pk = 'x'": "Aliasing is not supported",
            "SELECT *, pk FROM pq_hash": "Other attributes should not be present in the projection when '*' is used.",
            "SELECT a.z, b.z FROM pq_hash": "Duplicate identifiers in select clause: z",
            "SELECT * FROM pq_hash WHERE pad = 'x'": MALFORMED + "Unexpected keyword",
            "INSERT INTO pq_hash VALUES {'pk': 'x'}": "Unsupported operation: Inserting multiple items in a single "
                                                      "statement is not supported, use \"INSERT INTO tableName VALUE "
                                                      "item\" instead",
            "SELECT * FROM pq_hash WHERE a = MISSING": "MISSING must be compared using IS operator",
            "EXISTS(SELECT * FROM pq_hash WHERE pk = 'a' AND x = 1)":
                "EXISTS can only be used in ExecuteTransaction write requests.",
            "SELECT * FROM pq_hash ORDER BY pk": "Must have WHERE clause in the statement when using ORDER BY clause.",
        }
        for statement, message in cases.items():
            with self.subTest(statement=statement):
                self.rejects(statement, "ValidationException", message)

    def test_parameters(self):
        self.rejects("SELECT * FROM pq_hash WHERE pk = ?", "ValidationException",
                     "Number of parameters in request and statement don't match.")
        self.rejects("SELECT * FROM pq_hash WHERE pk = ?", "ValidationException",
                     "Number of parameters in request and statement don't match.", [S("a"), S("b")])
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': ?, 'q': '?'}", [S("param")])
        self.assertEqual(self.run_stmt("SELECT q FROM pq_hash WHERE pk = ?", [S("param")])["Items"], [{"q": S("?")}])

    def test_missing_table_and_request_validation(self):
        self.rejects("SELECT * FROM nope_table WHERE pk = 'a'", "ResourceNotFoundException", "Requested resource not found")
        self.rejects("INSERT INTO nope_table VALUE {'pk': 'a'}", "ResourceNotFoundException", None)
        with self.assertRaises(ClientError) as cm:
            self.unchecked.execute_statement(Statement="SELECT * FROM pq_hash", Limit=0)
        self.assertIn("Member must have value greater than or equal to 1", cm.exception.response["Error"]["Message"])
        with self.assertRaises(ClientError) as cm:
            self.unchecked.execute_statement(Statement="")
        self.assertIn("Member must have length greater than or equal to 1", cm.exception.response["Error"]["Message"])

    def test_malformed_parameters_get_client_errors(self):
        """Parameters that are not AttributeValues are refused with a 4xx, never a server error."""
        def post(target, body):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
            conn.request("POST", "/", json.dumps(body), {
                "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + target,
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/us-east-1/dynamodb/aws4_request, "
                                 "SignedHeaders=host, Signature=00"})
            resp = conn.getresponse()
            data = json.loads(resp.read())
            conn.close()
            return resp.status, data
        cases = [
            ("ExecuteStatement", {"Statement": "SELECT * FROM pq_hash WHERE pk = ?", "Parameters": [1]}),
            ("ExecuteStatement", {"Statement": "SELECT * FROM pq_hash WHERE pk = ? AND x = 1", "Parameters": ["a"]}),
            ("ExecuteStatement", {"Statement": "INSERT INTO pq_hash VALUE ?", "Parameters": [{"S": "x"}]}),
            ("ExecuteStatement", {"Statement": "INSERT INTO pq_hash VALUE {'pk': ?}", "Parameters": [{"S": 1}]}),
            ("ExecuteStatement", {"Statement": "UPDATE pq_hash SET a = ? WHERE pk = ?", "Parameters": [None, {"S": "a"}]}),
            ("ExecuteStatement", {"Statement": "SELECT * FROM pq_comp WHERE pk IN [?]", "Parameters": [{"M": {}}]}),
            ("ExecuteStatement", {"Statement": "SELECT * FROM pq_hash WHERE pk = ?", "Parameters": [{"S": "a", "N": "1"}]}),
            ("ExecuteStatement", {"Statement": "SELECT * FROM pq_comp", "NextToken": "eyJoIjoiMSIsInAiOjAsImsiOjF9"}),
            ("ExecuteStatement", {"Statement": 5}),
            ("BatchExecuteStatement", {"Statements": [{"Statement": "SELECT * FROM pq_hash WHERE pk = ?", "Parameters": [1]}]}),
            ("BatchExecuteStatement", {"Statements": ["SELECT 1"]}),
            ("ExecuteTransaction", {"TransactStatements": [{"Statement": "UPDATE pq_hash SET a = 1 WHERE pk = ?",
                                                            "Parameters": [7]}]}),
            ("ExecuteTransaction", {"TransactStatements": [{"Statement": "SELECT * FROM pq_hash WHERE pk = ?",
                                                            "Parameters": [[]]}]}),
        ]
        for target, body in cases:
            with self.subTest(target=target, body=body):
                status, data = post(target, body)
                if status == 200:  # a batch reports the failure inside its answer
                    self.assertIn("Error", data["Responses"][0])
                else:
                    self.assertEqual(status, 400, data)
                    self.assertIn(data["__type"].split("#")[1], ("ValidationException", "SerializationException"))

    # --- BatchExecuteStatement ---------------------------------------------------------------------

    def test_batch_writes_with_per_statement_errors(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'bx', 'n': 1}")
        resp = self.ddb.batch_execute_statement(Statements=[
            {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'b1'}"},
            {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'bx'}"},
            {"Statement": "UPDATE pq_hash SET n = 2 WHERE pk = 'bx' AND n = 9",
             "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
            {"Statement": "SELECT * FROM pq_hash WHERE"},
            {"Statement": "DELETE FROM nope_table WHERE pk = 'x'"},
            {"Statement": "UPDATE pq_hash SET n = ? WHERE pk = ?", "Parameters": [N(3), S("bx")]},
        ], ReturnConsumedCapacity="TOTAL")
        r = resp["Responses"]
        self.assertEqual(r[0], {"TableName": "pq_hash"})
        self.assertEqual(r[1]["Error"], {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"})
        self.assertEqual(r[2]["Error"]["Code"], "ConditionalCheckFailed")
        self.assertEqual(r[2]["Error"]["Item"], {"pk": S("bx"), "n": N(1)})
        self.assertEqual(r[3]["Error"], {"Code": "ValidationError", "Message": MALFORMED + "Unexpected term"})
        self.assertEqual(r[4]["Error"]["Code"], "ResourceNotFound")
        self.assertNotIn("Error", r[5])
        self.assertEqual(resp["ConsumedCapacity"][0]["TableName"], "pq_hash")
        self.assertEqual(self.run_stmt("SELECT n FROM pq_hash WHERE pk = 'bx'")["Items"], [{"n": N(3)}])

    def test_batch_reads(self):
        resp = self.ddb.batch_execute_statement(Statements=[
            {"Statement": "SELECT sk, v FROM pq_comp WHERE pk = 'a' AND sk = 2"},
            {"Statement": "SELECT * FROM pq_comp WHERE pk = 'a' AND sk = 99", "ConsistentRead": True},
            {"Statement": "SELECT * FROM pq_comp WHERE pk = 'a'"},
        ])
        r = resp["Responses"]
        self.assertEqual(r[0], {"TableName": "pq_comp", "Item": {"sk": N(2), "v": N(20)}})
        self.assertEqual(r[1], {"TableName": "pq_comp"})
        self.assertEqual(r[2]["Error"]["Code"], "ValidationError")

    def test_batch_limits(self):
        with self.assertRaises(ClientError) as cm:
            self.unchecked.batch_execute_statement(Statements=[{"Statement": "SELECT * FROM pq_hash WHERE pk = 'a'"}] * 26)
        self.assertIn("Member must have length less than or equal to 25", cm.exception.response["Error"]["Message"])
        with self.assertRaises(ClientError) as cm:
            self.ddb.batch_execute_statement(Statements=[
                {"Statement": "SELECT * FROM pq_hash WHERE pk = 'a'"},
                {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'mix'}"}])
        self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")

    # --- ExecuteTransaction ------------------------------------------------------------------------

    def test_transaction_writes_and_reads(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 't0', 'n': 1}")
        self.ddb.execute_transaction(TransactStatements=[
            {"Statement": "INSERT INTO pq_hash VALUE {'pk': 't1', 'n': 1}"},
            {"Statement": "UPDATE pq_hash SET n = n + 1 WHERE pk = 't0'"},
            {"Statement": "EXISTS(SELECT * FROM pq_comp WHERE pk = 'a' AND sk = 1 AND v = 10)"},
        ])
        resp = self.ddb.execute_transaction(TransactStatements=[
            {"Statement": "SELECT * FROM pq_hash WHERE pk = 't1'"},
            {"Statement": "SELECT n FROM pq_hash WHERE pk = ?", "Parameters": [S("t0")]},
            {"Statement": "SELECT * FROM pq_hash WHERE pk = 'none'"},
        ])
        self.assertEqual(resp["Responses"], [{"Item": {"pk": S("t1"), "n": N(1)}}, {"Item": {"n": N(2)}}, {}])

    def test_transaction_cancellation(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'c0'}")
        with self.assertRaises(ClientError) as cm:
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'c1'}"},
                {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'c0'}"},
                {"Statement": "UPDATE pq_hash SET a = 1 WHERE pk = 'missing-item'"},
            ])
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual(err["Error"]["Message"], "Transaction cancelled, please refer cancellation reasons for specific "
                                                  "reasons [None, DuplicateItem, ConditionalCheckFailed]")
        reasons = err["CancellationReasons"]
        self.assertEqual(reasons[0]["Code"], "None")
        self.assertEqual(reasons[1], {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"})
        self.assertEqual(reasons[2]["Code"], "ConditionalCheckFailed")
        self.assertEqual(self.run_stmt("SELECT * FROM pq_hash WHERE pk = 'c1'")["Items"], [])  # nothing applied

    def test_transaction_idempotency(self):
        self.run_stmt("INSERT INTO pq_hash VALUE {'pk': 'idem', 'n': 0}")
        stmts = [{"Statement": "UPDATE pq_hash SET n = n + 1 WHERE pk = 'idem'"}]
        self.ddb.execute_transaction(TransactStatements=stmts, ClientRequestToken="tok-1")
        self.ddb.execute_transaction(TransactStatements=stmts, ClientRequestToken="tok-1")
        self.assertEqual(self.run_stmt("SELECT n FROM pq_hash WHERE pk = 'idem'")["Items"], [{"n": N(1)}])
        with self.assertRaises(ClientError) as cm:
            self.ddb.execute_transaction(TransactStatements=[{"Statement": "UPDATE pq_hash SET n = 5 WHERE pk = 'idem'"}],
                                         ClientRequestToken="tok-1")
        self.assertEqual(cm.exception.response["Error"]["Code"], "IdempotentParameterMismatchException")

    def test_transaction_rejections(self):
        def rejected(stmts, message):
            with self.assertRaises(ClientError) as cm:
                self.ddb.execute_transaction(TransactStatements=stmts)
            self.assertEqual(cm.exception.response["Error"]["Code"], "ValidationException")
            self.assertEqual(cm.exception.response["Error"]["Message"], message)
        rejected([{"Statement": "SELECT * FROM pq_hash WHERE pk = 'a'"},
                  {"Statement": "INSERT INTO pq_hash VALUE {'pk': 'z'}"}],
                 "ExecuteTransaction API does not support both read and write operations in the same request.")
        rejected([{"Statement": "SELECT * FROM pq_hash WHERE"}],
                 "Validation failed in TransactStatements[0]: " + MALFORMED + "Unexpected term")
        rejected([{"Statement": "DELETE FROM pq_hash WHERE pk = 'a' RETURNING ALL OLD *"}],
                 "Validation failed in TransactStatements[0]: RETURNING clause is not supported in ExecuteTransaction.")
        rejected([{"Statement": "SELECT * FROM pq_comp WHERE pk = 'a'"}],
                 "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify "
                 "the primary key in the where clause.")
        rejected([{"Statement": "EXISTS(SELECT * FROM pq_hash WHERE pk = 'a')"}],
                 "Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional "
                 "condition")
        with self.assertRaises(ClientError) as cm:
            self.unchecked.execute_transaction(
                TransactStatements=[{"Statement": "INSERT INTO pq_hash VALUE {'pk': 'x'}"}] * 101)
        self.assertIn("Member must have length less than or equal to 100", cm.exception.response["Error"]["Message"])
        with self.assertRaises(ClientError) as cm:
            self.unchecked.execute_transaction(
                TransactStatements=[{"Statement": "INSERT INTO pq_hash VALUE {'pk': 'x'}"}], ClientRequestToken="t" * 37)
        self.assertIn("at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36",
                      cm.exception.response["Error"]["Message"])


class PartiQLSeedPatternsTest(ServerTestCase):
    """Seed 000's loans by borrower and by status (its two GSIs), seed 002's loans by user and status
    (GSI1 of test-loc-service, as in test_seed_loc_loans): PartiQL gives the same items as Query."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(
            TableName="loans", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("loanId", "borrowerId", "status")],
            KeySchema=[{"AttributeName": "loanId", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[
                {"IndexName": "BorrowerIdIndex", "KeySchema": [{"AttributeName": "borrowerId", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}},
                {"IndexName": "StatusIndex", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}}])
        names = ["PK", "SK", "GSI1PK", "GSI1SK"]
        cls.ddb.create_table(
            TableName="test-loc-service", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in names],
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "GSI1", "KeySchema": [{"AttributeName": "GSI1PK", "KeyType": "HASH"},
                                                                        {"AttributeName": "GSI1SK", "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}}])
        for i in range(30):
            cls.ddb.execute_statement(
                Statement="INSERT INTO loans VALUE {'loanId': ?, 'borrowerId': ?, 'status': ?, 'amount': ?}",
                Parameters=[S("loan-%02d" % i), S("b%d" % (i % 4)), S(["pending", "approved", "active"][i % 3]),
                            N(1000 + i)])
            user, status = "u%d" % (i % 3), ["OPEN", "CLOSED"][i % 2]
            cls.ddb.put_item(TableName="test-loc-service", Item={
                "PK": S("USER#" + user), "SK": S("LOAN#%02d" % i), "GSI1PK": S("USER#%s#STATUS#%s" % (user, status)),
                "GSI1SK": S("LOAN#DATE#2026-01-%02d#LOAN#%02d" % (i + 1, i)), "loc_status": S(status),
                "loc_loan_amount": N(1000 * i)})

    def same(self, query_args, statement, params):
        expected = self.ddb.query(**query_args)["Items"]
        got = self.ddb.execute_statement(Statement=statement, Parameters=params)["Items"]
        self.assertTrue(expected)
        self.assertEqual(got, expected)  # the same items in the same order

    def test_loans_by_borrower(self):
        self.same({"TableName": "loans", "IndexName": "BorrowerIdIndex", "KeyConditionExpression": "borrowerId = :b",
                   "ExpressionAttributeValues": {":b": S("b1")}},
                  'SELECT * FROM "loans"."BorrowerIdIndex" WHERE borrowerId = ?', [S("b1")])

    def test_loans_by_status(self):
        self.same({"TableName": "loans", "IndexName": "StatusIndex", "KeyConditionExpression": "#s = :s",
                   "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": S("approved")}},
                  'SELECT * FROM "loans"."StatusIndex" WHERE "status" = ?', [S("approved")])

    def test_loans_by_user_and_status(self):
        self.same({"TableName": "test-loc-service", "IndexName": "GSI1",
                   "KeyConditionExpression": "GSI1PK = :pk AND begins_with(GSI1SK, :prefix)",
                   "ExpressionAttributeValues": {":pk": S("USER#u2#STATUS#OPEN"), ":prefix": S("LOAN#DATE#")}},
                  'SELECT * FROM "test-loc-service"."GSI1" WHERE GSI1PK = ? AND begins_with(GSI1SK, ?)',
                  [S("USER#u2#STATUS#OPEN"), S("LOAN#DATE#")])

class PartiQLCliTest(unittest.TestCase):
    """`aws dynamodb execute-statement` and friends, as scripts and READMEs use them."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIDCLI", AWS_SECRET_ACCESS_KEY="secret",
                       AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
        cls.server.client(access_key="AKIDCLI").create_table(
            TableName="Music", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                                  {"AttributeName": "SongTitle", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                       {"AttributeName": "SongTitle", "KeyType": "RANGE"}])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def aws(self, *args):
        return subprocess.run(["aws", "dynamodb", "--endpoint-url", self.server.url, "--output", "json"] + list(args),
                              capture_output=True, text=True, env=self.env, timeout=60)

    def test_execute_statement(self):
        out = self.aws("execute-statement", "--statement",
                       "INSERT INTO Music VALUE {'Artist': 'Acme Band', 'SongTitle': 'PartiQL Rocks', 'Year': 2020}")
        self.assertEqual(out.returncode, 0, out.stderr)
        out = self.aws("execute-statement", "--statement", "SELECT SongTitle, \"Year\" FROM Music WHERE Artist = ?",
                       "--parameters", json.dumps([{"S": "Acme Band"}]))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["Items"], [{"SongTitle": {"S": "PartiQL Rocks"}, "Year": {"N": "2020"}}])
        out = self.aws("execute-statement", "--statement",
                       "INSERT INTO Music VALUE {'Artist': 'Acme Band', 'SongTitle': 'PartiQL Rocks'}")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("DuplicateItemException", out.stderr)
        self.assertIn("Duplicate primary key exists in table", out.stderr)

    def test_batch_and_transaction(self):
        out = self.aws("execute-transaction", "--transact-statements", json.dumps([
            {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'One'}"},
            {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'Two'}"}]))
        self.assertEqual(out.returncode, 0, out.stderr)
        out = self.aws("batch-execute-statement", "--statements", json.dumps([
            {"Statement": "SELECT SongTitle FROM Music WHERE Artist = 'T' AND SongTitle = 'One'"},
            {"Statement": "SELECT SongTitle FROM Music WHERE Artist = 'T' AND SongTitle = 'Two'"}]))
        self.assertEqual(out.returncode, 0, out.stderr)
        got = json.loads(out.stdout)["Responses"]
        self.assertEqual([r["Item"]["SongTitle"]["S"] for r in got], ["One", "Two"])
        out = self.aws("execute-statement", "--statement", "SELECT * FROM Music WHERE")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("Statement wasn't well formed, can't be processed: Unexpected term", out.stderr)


if __name__ == "__main__":
    unittest.main()
