"""Validation of the table operations (CreateTable, DeleteTable, DescribeTable, ListTables,
DescribeTimeToLive, UpdateTimeToLive) against answers recorded from DynamoDB (the request and
answer pairs of dynalite's test suite, taken from the real service): which error wins when a
request has several problems, the combined "N validation errors detected: a; b" messages and
their wording. Over raw HTTP, past any client-side validation.

A combined message is given as a list: DynamoDB's order of the parts is not stable, so the count
prefix and each part are asserted, not their order (a part may be a compiled pattern). Records of
an older DynamoDB that today's service answers differently are left out (see docs/compatibility.md)."""
import re
import unittest

from harness import ServerTestCase, raw_call

VALIDATION = "com.amazon.coral.validate#ValidationException"
NOT_FOUND = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
SERIALIZATION = "com.amazon.coral.service#SerializationException"
INVALID = "One or more parameter values were invalid: "
NAME_LENGTH = "TableName must be at least 3 characters long and at most 255 characters long"
NAME_REQUIRED = "The parameter 'TableName' is required but was not present in the request"
PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
NOT_NULL = "Member must not be null"
NO_DEFINITION = "Invalid KeySchema: Some index key attribute have no definition"
SAME_NAME = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
SECOND_NOT_RANGE = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
UNKNOWN_PROJECTION = INVALID + "Unknown ProjectionType: null"
HASH_TABLE = "tv_hash"   # a: S
LONG = "a" * 256


def null(path):
    return "Value null at '%s' failed to satisfy constraint: %s" % (path, NOT_NULL)


def bad(value, path, constraint):
    return "Value '%s' at '%s' failed to satisfy constraint: %s" % (value, path, constraint)


def key(name, key_type):
    return {"AttributeName": name, "KeyType": key_type}


def attr(name, attr_type="S"):
    return {"AttributeName": name, "AttributeType": attr_type}


PT = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
AB = [attr("a"), attr("b")]
HASH_A = [key("a", "HASH")]
HASH_A_RANGE_B = [key("a", "HASH"), key("b", "RANGE")]


def table(**members):
    """A CreateTable request on the table 'abc' (never created)."""
    return dict({"TableName": "abc"}, **members)


def ranged(**members):
    """A provisioned table a (HASH) b (RANGE), both defined."""
    return table(AttributeDefinitions=AB, KeySchema=HASH_A_RANGE_B, ProvisionedThroughput=PT, **members)


def lsi(name, keys, projection=None):
    return {"IndexName": name, "KeySchema": keys, "Projection": projection if projection is not None else {}}


def gsi(name, keys, projection=None, throughput=PT):
    ix = lsi(name, keys, projection)
    if throughput is not None:
        ix["ProvisionedThroughput"] = throughput
    return ix


ALL = {"ProjectionType": "ALL"}


# The recorded wrong-type answers (SerializationException, before any validation) by the member's
# type: (value, Message).
WRONG_TYPES = {
    "Boolean": [("23", "Unexpected token received from parser"), (23, "NUMBER_VALUE cannot be converted to Boolean"),
                (-2147483648, "NUMBER_VALUE cannot be converted to Boolean"),
                (2147483648, "NUMBER_VALUE cannot be converted to Boolean"),
                (34.56, "DECIMAL_VALUE cannot be converted to Boolean"),
                ([], "Unrecognized collection type class java.lang.Boolean"),
                ({}, "Start of structure or map found where not expected")],
    "String": [(True, "TRUE_VALUE cannot be converted to String"), (False, "FALSE_VALUE cannot be converted to String"),
               (23, "NUMBER_VALUE cannot be converted to String"), (-2147483648, "NUMBER_VALUE cannot be converted to String"),
               (2147483648, "NUMBER_VALUE cannot be converted to String"), (34.56, "DECIMAL_VALUE cannot be converted to String"),
               ([], "Unrecognized collection type class java.lang.String"),
               ({}, "Start of structure or map found where not expected")],
    "Integer": [("23", "STRING_VALUE cannot be converted to Integer"), (True, "TRUE_VALUE cannot be converted to Integer"),
                (False, "FALSE_VALUE cannot be converted to Integer"),
                ([], "Unrecognized collection type class java.lang.Integer"),
                ({}, "Start of structure or map found where not expected")],
    "Long": [("23", "STRING_VALUE cannot be converted to Long"), (True, "TRUE_VALUE cannot be converted to Long"),
             (False, "FALSE_VALUE cannot be converted to Long"), ([], "Unrecognized collection type class java.lang.Long"),
             ({}, "Start of structure or map found where not expected")],
    "List": [(v, "Unexpected field type") for v in ("23", True, 23, -2147483648, 2147483648, 34.56)] +
            [({}, "Start of structure or map found where not expected")],
}


def wrong_types(type_name):
    """The recorded answers for a member of `type_name` ("String", "FieldStruct<Projection>", ...)."""
    if "<" not in type_name:
        return WRONG_TYPES[type_name]
    kind, shape = type_name[:-1].split("<")
    message = "Unexpected field type" if kind == "FieldStruct" else "Unexpected value type in payload"
    return [(v, message) for v in ("23", True, 23, -2147483648, 2147483648, 34.56)] + \
        [([], "Unrecognized collection type class com.amazonaws.dynamodb.v20120810." + shape)]


def nested(path, value):
    """A request holding `value` at a dotted path, "0" standing for a list's first element."""
    pieces = path.split(".")
    root = child = {}
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        nxt = value if last else ([] if pieces[i + 1] == "0" else {})
        if isinstance(child, list):
            child.append(nxt)
        else:
            child[piece] = nxt
        child = nxt
    return root


def index_member_types(prefix, shape, global_index):
    members = [(prefix, "ValueStruct<%s>" % shape), (prefix + ".IndexName", "String"), (prefix + ".KeySchema", "List"),
               (prefix + ".Projection", "FieldStruct<Projection>"), (prefix + ".KeySchema.0", "ValueStruct<KeySchemaElement>"),
               (prefix + ".KeySchema.0.AttributeName", "String"), (prefix + ".KeySchema.0.KeyType", "String"),
               (prefix + ".Projection.NonKeyAttributes", "List"), (prefix + ".Projection.ProjectionType", "String"),
               (prefix + ".Projection.NonKeyAttributes.0", "String")]
    if global_index:
        members += [(prefix + ".ProvisionedThroughput", "FieldStruct<ProvisionedThroughput>"),
                    (prefix + ".ProvisionedThroughput.WriteCapacityUnits", "Long"),
                    (prefix + ".ProvisionedThroughput.ReadCapacityUnits", "Long")]
    return members


MEMBER_TYPES = {
    "CreateTable": [("TableName", "String"), ("AttributeDefinitions", "List"), ("KeySchema", "List"),
                    ("LocalSecondaryIndexes", "List"), ("GlobalSecondaryIndexes", "List"),
                    ("ProvisionedThroughput", "FieldStruct<ProvisionedThroughput>"),
                    ("ProvisionedThroughput.WriteCapacityUnits", "Long"), ("ProvisionedThroughput.ReadCapacityUnits", "Long"),
                    ("KeySchema.0", "ValueStruct<KeySchemaElement>"), ("KeySchema.0.KeyType", "String"),
                    ("KeySchema.0.AttributeName", "String"), ("AttributeDefinitions.0", "ValueStruct<AttributeDefinition>"),
                    ("AttributeDefinitions.0.AttributeName", "String"), ("AttributeDefinitions.0.AttributeType", "String"),
                    ("BillingMode", "String")] +
                   index_member_types("LocalSecondaryIndexes.0", "LocalSecondaryIndex", False) +
                   index_member_types("GlobalSecondaryIndexes.0", "GlobalSecondaryIndex", True),
    "DeleteTable": [("TableName", "String")],
    "DescribeTable": [("TableName", "String")],
    "DescribeTimeToLive": [("TableName", "String")],
    "ListTables": [("ExclusiveStartTableName", "String"), ("Limit", "Integer")],
    "UpdateTimeToLive": [("TableName", "String"), ("TimeToLiveSpecification", "FieldStruct<TimeToLiveSpecification>"),
                         ("TimeToLiveSpecification.AttributeName", "String"), ("TimeToLiveSpecification.Enabled", "Boolean")],
}


class TableValidationTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ddb.create_table(TableName=HASH_TABLE, BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[attr("a")], KeySchema=HASH_A)

    def answers(self, operation, cases):
        for body, error, message in cases:
            with self.subTest(operation=operation, body=str(body)[:300]):
                status, data = raw_call(self.server, operation, body)
                self.assertEqual((status, data.get("__type")), (400, error), data)
                if isinstance(message, list):
                    self.assert_combined(data.get("message"), message)
                elif isinstance(message, re.Pattern):
                    self.assertRegex(data.get("message"), message)
                else:
                    self.assertEqual(data.get("message"), message)

    def assert_combined(self, text, parts):
        prefix = "%d validation error%s detected: " % (len(parts), "" if len(parts) == 1 else "s")
        self.assertIsNotNone(text)
        self.assertTrue(text.startswith(prefix), text)
        got = text[len(prefix):].split("; ")
        self.assertEqual(len(got), len(parts), text)
        for part in parts:
            if isinstance(part, re.Pattern):
                self.assertTrue(any(part.fullmatch(g) for g in got), (part.pattern, got))
            else:
                self.assertIn(part, got)

    def test_wrong_member_types(self):
        for operation, members in MEMBER_TYPES.items():
            for path, type_name in members:
                for value, message in wrong_types(type_name):
                    body = nested(path, value)
                    with self.subTest(operation=operation, body=body):
                        status, data = raw_call(self.server, operation, body)
                        self.assertEqual((status, data), (400, {"__type": SERIALIZATION, "Message": message}))

    def test_create_table_parameters(self):
        v = VALIDATION
        self.answers("CreateTable", [
            ({}, v, NAME_REQUIRED),
            ({"TableName": ""}, v, NAME_LENGTH),
            ({"TableName": "a;"}, v, NAME_LENGTH),
            ({"TableName": LONG}, v, NAME_LENGTH),
            ({"TableName": "abc;"}, v, [null("attributeDefinitions"), bad("abc;", "tableName", PATTERN), null("keySchema")]),
            (table(AttributeDefinitions=[]), v, [null("keySchema")]),
            (table(AttributeDefinitions=[], ProvisionedThroughput={}, BillingMode="PAY_PER_REQUEST"), v,
             [null("provisionedThroughput.writeCapacityUnits"), null("provisionedThroughput.readCapacityUnits"), null("keySchema")]),
            (table(AttributeDefinitions=[], KeySchema=[], ProvisionedThroughput={"ReadCapacityUnits": -1, "WriteCapacityUnits": -1},
                   BillingMode="A"), v,
             [bad("A", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"),
              bad("-1", "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1"),
              bad("-1", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1"),
              bad("[]", "keySchema", "Member must have length greater than or equal to 1")]),
            (table(AttributeDefinitions=[], KeySchema=[{"KeyType": "HASH"}, {"AttributeName": "a"}, key("a", "Woop")],
                   ProvisionedThroughput={"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1000000000001}), v,
             [re.compile(r"Value '\[.+\]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"),
              null("keySchema.1.member.attributeName"), null("keySchema.2.member.keyType"),
              bad("Woop", "keySchema.3.member.keyType", "Member must satisfy enum value set: [HASH, RANGE]")]),
            (table(AttributeDefinitions=[], KeySchema=HASH_A, ProvisionedThroughput={"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": -1}),
             v, [bad("-1", "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1")]),
            (table(AttributeDefinitions=[], KeySchema=HASH_A), v,
             INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
            (table(AttributeDefinitions=[], KeySchema=[key("a", "HASH"), key("a", "HASH")], ProvisionedThroughput=PT,
                   BillingMode="PAY_PER_REQUEST"), v,
             INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
            (table(AttributeDefinitions=[], KeySchema=HASH_A,
                   ProvisionedThroughput={"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1000000000001}), v,
             "Given value 1000000000001 for ReadCapacityUnits is out of bounds"),
            (table(AttributeDefinitions=[], KeySchema=HASH_A,
                   ProvisionedThroughput={"WriteCapacityUnits": 1000000000001, "ReadCapacityUnits": 1000000000001}), v,
             "Given value 1000000000001 for ReadCapacityUnits is out of bounds"),
            (table(AttributeDefinitions=[], KeySchema=HASH_A,
                   ProvisionedThroughput={"ReadCapacityUnits": 1000000000000, "WriteCapacityUnits": 1000000000001}), v,
             "Given value 1000000000001 for WriteCapacityUnits is out of bounds"),
        ])

    def test_create_table_key_schema(self):
        v = VALIDATION
        double_a = [key("a", "HASH"), key("a", "HASH")]
        self.answers("CreateTable", [
            (table(AttributeDefinitions=[], KeySchema=double_a, ProvisionedThroughput=PT), v, NO_DEFINITION),
            (table(AttributeDefinitions=[], KeySchema=HASH_A, BillingMode="PAY_PER_REQUEST"), v, NO_DEFINITION),
            (table(AttributeDefinitions=[{}], KeySchema=double_a, ProvisionedThroughput=PT), v,
             [null("attributeDefinitions.1.member.attributeName"), null("attributeDefinitions.1.member.attributeType")]),
            (table(AttributeDefinitions=[attr("b", "SS")], KeySchema=double_a, ProvisionedThroughput=PT), v,
             "1 validation error detected: " + bad("SS", "attributeDefinitions.1.member.attributeType",
                                                   "Member must satisfy enum value set: [B, N, S]")),
            (table(AttributeDefinitions=[attr("b", "a")], KeySchema=double_a, ProvisionedThroughput=PT), v,
             "1 validation error detected: " + bad("a", "attributeDefinitions.1.member.attributeType",
                                                   "Member must satisfy enum value set: [B, N, S]")),
            (table(AttributeDefinitions=[attr("b")], KeySchema=double_a, ProvisionedThroughput=PT), v, NO_DEFINITION),
            (table(AttributeDefinitions=[attr("b")], KeySchema=HASH_A, ProvisionedThroughput=PT), v,
             INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]"),
            (table(AttributeDefinitions=[attr("b")], KeySchema=[key("a", "HASH"), key("b", "RANGE")], ProvisionedThroughput=PT), v,
             NO_DEFINITION),
            (table(AttributeDefinitions=[attr("a")], KeySchema=double_a, ProvisionedThroughput=PT), v, NO_DEFINITION),
            (table(AttributeDefinitions=AB, KeySchema=double_a, ProvisionedThroughput=PT), v, SAME_NAME),
            (table(AttributeDefinitions=AB, KeySchema=[key("a", "HASH"), key("b", "HASH")], ProvisionedThroughput=PT), v,
             SECOND_NOT_RANGE),
            (table(AttributeDefinitions=AB, KeySchema=[key("a", "RANGE"), key("b", "HASH")], ProvisionedThroughput=PT), v,
             FIRST_NOT_HASH),
            (table(AttributeDefinitions=AB, KeySchema=[key("a", "RANGE"), key("b", "RANGE")], ProvisionedThroughput=PT), v,
             FIRST_NOT_HASH),
            (table(AttributeDefinitions=[attr("a"), attr("c"), attr("b")], KeySchema=HASH_A_RANGE_B, ProvisionedThroughput=PT), v,
             INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT), v,
             INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"),
        ])

    def index_cases(self, member, make, path):
        """The answers recorded alike for local and global indexes (`make`: lsi or gsi) of a
        table a (HASH) b (RANGE)."""
        v = VALIDATION
        at = path + ".%d.member.%s"
        six = [make(n, HASH_A_RANGE_B, ALL) for n in ("abc", "abd", "abe", "abf", "abg", "abh")]

        def one(projection, keys=HASH_A_RANGE_B):
            return ranged(**{member: [make("abc", keys, projection)]})
        return [
            (one({}, [key("a", "HASH"), key("a", "RANGE")]), v, SAME_NAME),
            (one({}, [key("a", "HASH"), key("c", "RANGE")]), v,
             re.compile(re.escape(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [") +
                        r"(a, c|c, a)\], AttributeDefinitions: \[(a, b|b, a)\]")),
            (one({}), v, UNKNOWN_PROJECTION),
            (one({"NonKeyAttributes": [], "ProjectionType": "abc"}), v,
             [bad("abc", at % (1, "projection.projectionType"), "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]"),
              bad("[]", at % (1, "projection.nonKeyAttributes"), "Member must have length greater than or equal to 1")]),
            (one({"NonKeyAttributes": ["a"]}), v, UNKNOWN_PROJECTION),
            (one({"ProjectionType": "ALL", "NonKeyAttributes": ["a"]}), v,
             INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified"),
            (one({"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["a"]}), v,
             INVALID + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"),
            (ranged(**{member: [make("abc", HASH_A_RANGE_B, ALL), make("abc", HASH_A_RANGE_B, ALL)]}), v,
             INVALID + "Duplicate index name: abc"),
            (ranged(**{member: six + [{}]}), v, [null(at % (7, "projection")), null(at % (7, "indexName")), null(at % (7, "keySchema"))]),
        ]

    def test_create_table_local_indexes(self):
        v = VALIDATION
        lsi_path = "localSecondaryIndexes.%d.member.%s"
        six = [lsi(n, HASH_A_RANGE_B, ALL) for n in ("abc", "abd", "abe", "abf", "abg", "abh")]
        self.answers("CreateTable", [
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, LocalSecondaryIndexes=[], ProvisionedThroughput=PT), v,
             INVALID + "List of LocalSecondaryIndexes is empty"),
            # At most ten violations are reported, the first index's first.
            (ranged(LocalSecondaryIndexes=[{}] * 9), v,
             [null(lsi_path % (i, m)) for i in (1, 2, 3) for m in ("indexName", "keySchema", "projection")] +
             [null(lsi_path % (4, "indexName"))]),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT,
                   LocalSecondaryIndexes=[lsi("h;", []), lsi(LONG, HASH_A)]), v,
             [bad("h;", lsi_path % (1, "indexName"), PATTERN),
              bad("h;", lsi_path % (1, "indexName"), "Member must have length greater than or equal to 3"),
              bad("[]", lsi_path % (1, "keySchema"), "Member must have length greater than or equal to 1"),
              bad(LONG, lsi_path % (2, "indexName"), "Member must have length less than or equal to 255")]),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT,
                   LocalSecondaryIndexes=[lsi("abc", [key("c", "RANGE")])]), v,
             INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("c", "RANGE"), key("d", "RANGE")]), lsi("abc", [key("e", "RANGE")])]), v,
             re.compile(re.escape(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [") +
                        r"(c, d|d, c)\], AttributeDefinitions: \[(a, b|b, a)\]")),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("a", "RANGE")])]), v, FIRST_NOT_HASH),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("a", "HASH"), key("a", "HASH")])]), v, SAME_NAME),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("a", "HASH"), key("b", "HASH")])]), v, SECOND_NOT_RANGE),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("b", "HASH")])]), v,
             INVALID + "Index KeySchema does not have a range key for index: abc"),
            (ranged(LocalSecondaryIndexes=[lsi("abc", [key("b", "HASH"), key("a", "RANGE")])]), v,
             INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: abc. "
                       "index hash key: b, table hash key: a"),
            (ranged(LocalSecondaryIndexes=six), v, INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"),
        ] + self.index_cases("LocalSecondaryIndexes", lsi, "localSecondaryIndexes"))

    def test_create_table_global_indexes(self):
        v = VALIDATION
        gsi_path = "globalSecondaryIndexes.%d.member.%s"
        self.answers("CreateTable", [
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, GlobalSecondaryIndexes=[], ProvisionedThroughput=PT), v,
             INVALID + "List of GlobalSecondaryIndexes is empty"),
            (ranged(GlobalSecondaryIndexes=[{}] * 9), v,
             [null(gsi_path % (i, m)) for i in (1, 2, 3) for m in ("keySchema", "projection", "indexName")] +
             [null(gsi_path % (4, "indexName"))]),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT,
                   GlobalSecondaryIndexes=[gsi("h;", [], throughput={"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}),
                                           gsi(LONG, HASH_A, throughput={})]), v,
             [bad("h;", gsi_path % (1, "indexName"), PATTERN),
              bad("h;", gsi_path % (1, "indexName"), "Member must have length greater than or equal to 3"),
              bad("0", gsi_path % (1, "provisionedThroughput.writeCapacityUnits"), "Member must have value greater than or equal to 1"),
              bad("0", gsi_path % (1, "provisionedThroughput.readCapacityUnits"), "Member must have value greater than or equal to 1"),
              bad("[]", gsi_path % (1, "keySchema"), "Member must have length greater than or equal to 1"),
              bad(LONG, gsi_path % (2, "indexName"), "Member must have length less than or equal to 255"),
              null(gsi_path % (2, "provisionedThroughput.writeCapacityUnits")),
              null(gsi_path % (2, "provisionedThroughput.readCapacityUnits"))]),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT,
                   GlobalSecondaryIndexes=[gsi("abc", [key("c", "RANGE")])]), v,
             re.compile(re.escape(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [c], ") +
                        r"AttributeDefinitions: \[(a, b|b, a)\]")),
            (ranged(GlobalSecondaryIndexes=[gsi("abc", [key("c", "RANGE"), key("d", "RANGE")]), gsi("abc", [key("e", "RANGE")])]), v,
             re.compile(re.escape(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [") +
                        r"(c, d|d, c)\], AttributeDefinitions: \[(a, b|b, a)\]")),
            (ranged(GlobalSecondaryIndexes=[gsi("abc", [key("a", "RANGE")])]), v, FIRST_NOT_HASH),
            (ranged(GlobalSecondaryIndexes=[gsi("abc", [key("b", "HASH")])]), v, UNKNOWN_PROJECTION),
            (ranged(GlobalSecondaryIndexes=[gsi("abc", [key("b", "HASH"), key("a", "RANGE")])]), v, UNKNOWN_PROJECTION),
            (ranged(GlobalSecondaryIndexes=[gsi("abc%d" % i, HASH_A_RANGE_B, ALL) for i in range(21)]), v,
             INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20"),
            (ranged(LocalSecondaryIndexes=[lsi("abc", HASH_A_RANGE_B, ALL)], GlobalSecondaryIndexes=[gsi("abc", HASH_A_RANGE_B, ALL)]), v,
             INVALID + "Duplicate index name: abc"),
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, BillingMode="PAY_PER_REQUEST",
                   GlobalSecondaryIndexes=[gsi("abc", HASH_A_RANGE_B, ALL, throughput=None), gsi("abd", HASH_A_RANGE_B, ALL)]), v,
             INVALID + "ProvisionedThroughput should not be specified for index: abd when BillingMode is PAY_PER_REQUEST"),
        ] + self.index_cases("GlobalSecondaryIndexes", gsi, "globalSecondaryIndexes"))

    def test_create_table_live_texts(self):
        # Answers DynamoDB gave live in 2026 where today's wording differs from the older records.
        self.answers("CreateTable", [
            (table(AttributeDefinitions=AB, KeySchema=HASH_A, ProvisionedThroughput=PT,
                   GlobalSecondaryIndexes=[gsi("gsi", [key("b", "HASH")], ALL, throughput=None)]), VALIDATION,
             INVALID + "ProvisionedThroughput is not specified for index: gsi"),
            (table(AttributeDefinitions=[attr("a")], KeySchema=HASH_A, ProvisionedThroughput=PT,
                   StreamSpecification={"StreamEnabled": True}), VALIDATION,
             INVALID + "Table is being created with a stream enabled, UpdateViewType is required"),
        ])

    def table_name_cases(self, extra=None):
        """The recorded TableName answers of DeleteTable, DescribeTable, DescribeTimeToLive and
        UpdateTimeToLive (`extra`: the other members a request needs to get past them)."""
        extra = extra or {}
        v = VALIDATION
        return [
            (dict(extra), v, NAME_REQUIRED),
            (dict(extra, TableName=""), v, NAME_LENGTH),
            (dict(extra, TableName="a;"), v, NAME_LENGTH),
            (dict(extra, TableName=LONG), v, NAME_LENGTH),
            (dict(extra, TableName="abc;"), v, "1 validation error detected: " + bad("abc;", "tableName", PATTERN)),
            (dict(extra, TableName="tv_missing"), NOT_FOUND, "Requested resource not found: Table: tv_missing not found"),
        ]

    def test_delete_table(self):
        self.answers("DeleteTable", self.table_name_cases())

    def test_describe_table(self):
        self.answers("DescribeTable", self.table_name_cases())

    def test_describe_time_to_live(self):
        self.answers("DescribeTimeToLive", self.table_name_cases())

    def test_update_time_to_live(self):
        v = VALIDATION
        spec = {"TimeToLiveSpecification": {"AttributeName": "id", "Enabled": True}}
        self.answers("UpdateTimeToLive", self.table_name_cases(spec) + [
            ({"TableName": "abc", "TimeToLiveSpecification": {}}, v,
             [null("timeToLiveSpecification.enabled"), null("timeToLiveSpecification.attributeName")]),
            ({"TableName": "abc", "TimeToLiveSpecification": {"AttributeName": None, "Enabled": None}}, v,
             [null("timeToLiveSpecification.attributeName"), null("timeToLiveSpecification.enabled")]),
            ({"TableName": "abc", "TimeToLiveSpecification": {"AttributeName": "", "Enabled": True}}, v,
             "TimeToLiveSpecification.AttributeName must be non empty"),
            ({"TableName": HASH_TABLE, "TimeToLiveSpecification": {"AttributeName": "a", "Enabled": False}}, v,
             "TimeToLive is already disabled"),
        ])
        status, data = raw_call(self.server, "UpdateTimeToLive",
                                {"TableName": HASH_TABLE, "TimeToLiveSpecification": {"AttributeName": "a", "Enabled": True}})
        self.assertEqual((status, data), (200, {"TimeToLiveSpecification": {"AttributeName": "a", "Enabled": True}}))
        self.answers("UpdateTimeToLive", [
            ({"TableName": HASH_TABLE, "TimeToLiveSpecification": {"AttributeName": "a", "Enabled": True}}, v,
             "TimeToLive is already enabled"),
        ])

    def test_list_tables(self):
        v = VALIDATION
        self.answers("ListTables", [
            ({"ExclusiveStartTableName": ""}, v,
             [bad("", "exclusiveStartTableName", PATTERN),
              bad("", "exclusiveStartTableName", "Member must have length greater than or equal to 3")]),
            ({"ExclusiveStartTableName": "a;", "Limit": 500}, v,
             [bad("a;", "exclusiveStartTableName", PATTERN),
              bad("a;", "exclusiveStartTableName", "Member must have length greater than or equal to 3"),
              bad("500", "limit", "Member must have value less than or equal to 100")]),
            ({"ExclusiveStartTableName": LONG}, v,
             "1 validation error detected: " + bad(LONG, "exclusiveStartTableName", "Member must have length less than or equal to 255")),
            ({"Limit": 0}, v, "1 validation error detected: " + bad("0", "limit", "Member must have value greater than or equal to 1")),
            ({"Limit": 101}, v, "1 validation error detected: " + bad("101", "limit", "Member must have value less than or equal to 100")),
        ])
        # Unknown and null members are ignored.
        for body in ({"hi": "yo", "stuff": "things"}, {"ExclusiveStartTableName": None, "Limit": None},
                     {"ExclusiveStartTableName": "aaa", "Limit": 100}):
            with self.subTest(body=body):
                status, data = raw_call(self.server, "ListTables", body)
                self.assertEqual(status, 200, data)
                self.assertIsInstance(data["TableNames"], list)
        # No body at all is a bare SerializationException.
        status, data = raw_call(self.server, "ListTables", b"")
        self.assertEqual((status, data), (400, {"__type": SERIALIZATION}))


class TableBeingCreatedTest(ServerTestCase):
    """DeleteTable of a table still CREATING (seen only under --delay-transient-statuses)."""
    server_args = ("--delay-transient-statuses",)

    def test_delete_table_refuses_a_table_being_created(self):
        self.ddb.create_table(TableName="tv_new", BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[attr("a")], KeySchema=HASH_A)
        status, data = raw_call(self.server, "DeleteTable", {"TableName": "tv_new"})
        self.assertEqual((status, data), (400, {
            "__type": "com.amazonaws.dynamodb.v20120810#ResourceInUseException",
            "message": "Attempt to change a resource which is still in use: Table is being created: tv_new"}))
        self.ddb.get_waiter("table_exists").wait(TableName="tv_new", WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        self.assertEqual(self.ddb.delete_table(TableName="tv_new")["TableDescription"]["TableStatus"], "DELETING")


if __name__ == "__main__":
    unittest.main()
