#!/usr/bin/env python3
"""Writes the seed corpus (tests/fuzz/corpus/<fuzzer>/seed-N). Run again after changing the seeds;
libFuzzer's own finds are not committed (scripts/fuzz.sh keeps them in a scratch directory)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

EXPRESSIONS = [
    (0, "attribute_exists(#a) AND :n > b"), (0, "NOT (a IN (:s, :n) OR size(m.k) >= :n)"),
    (0, "begins_with(a, :s) AND contains(ns, :n) AND attribute_type(#m, :s)"), (0, "b BETWEEN :n AND :n"),
    (0, "m.k[1].z = :ss OR attribute_not_exists(l[0])"), (0, "(((a <> :s)))"),
    (1, "SET #a = :s, b = b + :n, l = list_append(l, :l), c = if_not_exists(c, :m)"),
    (1, "REMOVE m.k[0], #b ADD ns :ns DELETE x :ss"), (1, "SET m.k[1].z = :ss, q = b - :n"),
    (2, "a, m.k[1].z, #b, l[0]"), (2, "#m.k"),
    (3, "#pk = :s AND sk BETWEEN :n AND :n"), (3, "pk = :s AND begins_with(sk, :s)"), (3, "pk = :s AND sk <= :n"),
    (4, "pk = :s AND a = :s AND sk = :n AND b > :n"),
]

ITEMS = [
    {"pk": {"S": "a"}, "n": {"N": "-1.5e-10"}, "z": {"N": "0"}, "b": {"B": "AAEC"}},
    {"a": {"S": ""}, "b": {"S": "\u00ff\u0100"}, "m": {"M": {"x": {"L": [{"NULL": True}, {"BOOL": False}]}}}},
    {"a": {"N": "99999999999999999999999999999999999999"}, "b": {"N": "-1E+125"}, "c": {"N": "1E-130"}},
    {"s": {"SS": ["b", "a"]}, "n": {"NS": ["10", "9.0"]}, "bs": {"BS": ["AA==", "AQ=="]}},
]

REQUESTS = [
    ("PutItem", {"TableName": "t", "Item": {"pk": {"S": "b"}, "sk": {"N": "2"}, "g": {"S": "y"}, "l": {"B": "AQ=="}},
                 "ConditionExpression": "attribute_not_exists(pk)", "ReturnValues": "ALL_OLD"}),
    ("GetItem", {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "m.l[1], #g",
                 "ExpressionAttributeNames": {"#g": "g"}, "ConsistentRead": True}),
    ("UpdateItem", {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "UpdateExpression": "SET c = :v ADD n :one",
                    "ExpressionAttributeValues": {":v": {"L": [{"S": "x"}]}, ":one": {"N": "1"}}, "ReturnValues": "ALL_NEW"}),
    ("DeleteItem", {"TableName": "t", "Key": {"pk": {"S": "zz"}, "sk": {"N": "9"}}, "Expected": {"g": {"Exists": False}}}),
    ("Query", {"TableName": "t", "KeyConditionExpression": "pk = :p AND sk > :s", "FilterExpression": "size(m) > :s",
               "ExpressionAttributeValues": {":p": {"S": "a"}, ":s": {"N": "0"}}, "Limit": 3, "ScanIndexForward": False}),
    ("Query", {"TableName": "t", "IndexName": "gi", "KeyConditions": {"g": {"ComparisonOperator": "EQ",
                                                                           "AttributeValueList": [{"S": "x"}]}}}),
    ("Scan", {"TableName": "t", "Segment": 1, "TotalSegments": 3, "ScanFilter": {"g": {"ComparisonOperator": "NOT_NULL"}},
              "Select": "COUNT"}),
    ("BatchGetItem", {"RequestItems": {"t": {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}]}}}),
    ("BatchWriteItem", {"RequestItems": {"t": [{"PutRequest": {"Item": {"pk": {"S": "c"}, "sk": {"N": "3"}}}},
                                               {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "7"}}}}]}}),
    ("TransactWriteItems", {"TransactItems": [
        {"ConditionCheck": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                            "ConditionExpression": "attribute_exists(pk)"}},
        {"Update": {"TableName": "t", "Key": {"pk": {"S": "d"}, "sk": {"N": "4"}}, "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": {"NS": ["1"]}}}}], "ClientRequestToken": "tok"}),
    ("TransactGetItems", {"TransactItems": [{"Get": {"TableName": "t", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}}]}),
    ("CreateTable", {"TableName": "u", "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                     "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}],
                     "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}),
    ("UpdateTable", {"TableName": "t", "BillingMode": "PAY_PER_REQUEST"}),
    ("DescribeTable", {"TableName": "t"}),
    ("ListTables", {"Limit": 5, "ExclusiveStartTableName": "a"}),
    ("ExecuteStatement", {"Statement": "SELECT pk, m.l[1] FROM t WHERE pk IN ['a', ?] AND sk > 0 ORDER BY sk DESC",
                          "Parameters": [{"S": "b"}], "Limit": 2}),
    ("ExecuteStatement", {"Statement": "UPDATE t SET c = list_append(c, [1]) SET s = set_add(s, <<'x'>>) REMOVE d "
                                       "WHERE pk = 'a' AND sk = 1 AND g IS NOT MISSING RETURNING ALL NEW *"}),
    ("ExecuteStatement", {"Statement": "SELECT * FROM \"t\".\"gi\" WHERE g = 'x' AND begins_with(pk, 'a') OR NOT size(m) < 2"}),
    ("BatchExecuteStatement", {"Statements": [
        {"Statement": "INSERT INTO t VALUE {'pk': 'e', 'sk': 5, 'm': {'k': <<1, 2>>}}"},
        {"Statement": "DELETE FROM t WHERE pk = ? AND sk = ? RETURNING ALL OLD *", "Parameters": [{"S": "a"}, {"N": "7"}]}]}),
    ("ExecuteTransaction", {"TransactStatements": [
        {"Statement": "EXISTS(SELECT * FROM t WHERE pk = 'a' AND sk = 1 AND g = 'x')"},
        {"Statement": "UPDATE t SET v = v + 1 WHERE pk = 'f' AND sk = 6"}], "ClientRequestToken": "tok2"}),
]
OPERATIONS = ["PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
              "TransactWriteItems", "TransactGetItems", "CreateTable", "UpdateTable", "DescribeTable", "ListTables",
              "TagResource", "ListTagsOfResource", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"]

AUTH = ("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=00")


def http(target, body, extra="", path="/", auth=AUTH, chunked=False):
    head = "POST %s HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.%s\r\n" % (path, target)
    if auth:
        head += "Authorization: %s\r\n" % auth
    head += extra
    data = json.dumps(body).encode()
    if chunked:
        return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + b"%x\r\n" % len(data) + data + b"\r\n0\r\n\r\n"
    return (head + "Content-Length: %d\r\n\r\n" % len(data)).encode() + data


HTTP = [
    http("ListTables", {}), http("GetItem", REQUESTS[1][1], chunked=True), http("PutItem", REQUESTS[0][1]),
    http("ListTables", {}, auth="AWS4-"), http("ListTables", {}, auth=None,
         path="/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F2%2Fr%2Fdynamodb%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=0"),
    http("Query", REQUESTS[4][1], extra="X-Amz-Date: 20260101T000000Z\r\nX-Amz-Security-Token: t\r\n"),
]


def write(fuzzer, blobs):
    d = os.path.join(HERE, "corpus", fuzzer)
    os.makedirs(d, exist_ok=True)
    for i, blob in enumerate(blobs):
        with open(os.path.join(d, "seed-%02d" % i), "wb") as f:
            f.write(blob)


write("expression_fuzzer", [bytes([k]) + t.encode() for k, t in EXPRESSIONS])
write("codec_fuzzer", [json.dumps(it).encode() for it in ITEMS])
write("request_json_fuzzer", [bytes([OPERATIONS.index(op)]) + json.dumps(body).encode() for op, body in REQUESTS])
write("http_fuzzer", HTTP)
# Escapes, surrogate pairs, raw UTF-8, numbers of every form, repeated names, nesting.
write("wire_json_fuzzer", [json.dumps(body).encode() for _, body in REQUESTS] + [json.dumps(it).encode() for it in ITEMS] + [
    b'{"a":"\\u00e9\\ud83d\\ude00\\n\\"x","b":"\xc3\xa9\xf0\x9f\x98\x80","c":[-0,1.5e-3,12E+2,9223372036854775808]}',
    b'{"k":1,"k":[true,false,null,{}],"e":[]}', b' [ [ [ ] ] , { "x" : { } } ] ', b'"lone"', b'-12.5e7'])
write("partiql_fuzzer", [statement.encode() for op, body in REQUESTS if op == "ExecuteStatement"
                         for statement in [body["Statement"]]] + [
    b"INSERT INTO \"t\" VALUE {'pk': ?, 'sk': ?, 'l': [1, 'x', {'m': <<'a'>>}], 'b': TRUE, 'n': NULL}",
    b"DELETE FROM t WHERE pk = 'a' AND sk = 1 AND (x BETWEEN 1 AND 2 OR y IN (1, 2)) RETURNING ALL OLD *",
    b"EXISTS(SELECT * FROM t WHERE pk = 'a' AND sk = 1 AND attribute_type(a, 'S') AND NOT x IS NULL)",
    b"select a['k'].b[3], \"c\"\"d\" from t where pk = ? -- note\n AND sk >= 1 /* c */;",
])
