// KeyConditionExpression and KeyConditions: reduction to key terms, DynamoDB's structural
// messages and the matching against the key schema.
#include <gtest/gtest.h>

#include <string>

#include "expr/expression.h"
#include "model/error.h"

namespace dynarock::expr {
namespace {

using nlohmann::json;
using Op = KeyCondition::Op;

const char* kValues = R"({"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"S": "b"}, ":n": {"N": "1"}}})";

KeyCondition key(const std::string& text, const std::string& hash = "pk", const std::string& range = "sk",
                 const char* request = kValues) {
  Attributes a = parse_attributes(json::parse(request));
  return match_key_condition(parse_key_condition(text, a), hash, range);
}

std::string key_error(const std::string& text, const std::string& hash = "pk", const std::string& range = "sk",
                      const char* request = kValues) {
  try {
    key(text, hash, range, request);
  } catch (const ApiError& e) {
    return e.message();
  }
  return "<no error>";
}

std::string legacy_error(const char* conditions, const std::string& hash = "pk", const std::string& range = "sk") {
  try {
    from_key_conditions(json::parse(conditions), hash, range);
  } catch (const ApiError& e) {
    return e.message();
  }
  return "<no error>";
}

TEST(ExprKeyCondition, HashOnly) {
  KeyCondition k = key("pk = :a");
  EXPECT_EQ(k.hash_name, "pk");
  EXPECT_EQ(k.hash_value.scalar, "a");
  EXPECT_FALSE(k.range_name.has_value());
  EXPECT_TRUE(k.range_matches(model::AttributeValue::string("anything")));
}

TEST(ExprKeyCondition, HashAndRangeInEitherOrder) {
  KeyCondition k = key("sk > :b AND pk = :a");
  EXPECT_EQ(k.hash_value.scalar, "a");
  ASSERT_TRUE(k.range_name.has_value());
  EXPECT_EQ(*k.range_name, "sk");
  EXPECT_EQ(k.op, Op::GT);
  EXPECT_EQ(k.range_a.scalar, "b");
}

TEST(ExprKeyCondition, ValueFirstComparisonsTurnAround) {
  EXPECT_EQ(key("pk = :a AND :b < sk").op, Op::GT);
  EXPECT_EQ(key("pk = :a AND :b >= sk").op, Op::LE);
  EXPECT_EQ(key(":a = pk").hash_value.scalar, "a");
}

TEST(ExprKeyCondition, BetweenAndBeginsWith) {
  KeyCondition b = key("pk = :a AND sk BETWEEN :a AND :b");
  EXPECT_EQ(b.op, Op::BETWEEN);
  EXPECT_EQ(b.range_a.scalar, "a");
  EXPECT_EQ(b.range_b.scalar, "b");
  KeyCondition p = key("pk = :a AND begins_with(sk, :b)");
  EXPECT_EQ(p.op, Op::BEGINS_WITH);
}

TEST(ExprKeyCondition, NamesAndParentheses) {
  KeyCondition k = key("(#p = :a) AND (#s <= :n)", "pk", "sk",
                       R"({"ExpressionAttributeNames": {"#p": "pk", "#s": "sk"},
                           "ExpressionAttributeValues": {":a": {"S": "a"}, ":n": {"N": "1"}}})");
  EXPECT_EQ(k.op, Op::LE);
  EXPECT_EQ(k.range_a.scalar, "1");
}

TEST(ExprKeyCondition, RangeMatches) {
  KeyCondition k = key("pk = :a AND sk BETWEEN :a AND :b");
  EXPECT_TRUE(k.range_matches(model::AttributeValue::string("a")));
  EXPECT_TRUE(k.range_matches(model::AttributeValue::string("azz")));
  EXPECT_TRUE(k.range_matches(model::AttributeValue::string("b")));
  EXPECT_FALSE(k.range_matches(model::AttributeValue::string("ba")));
  EXPECT_FALSE(k.range_matches(model::AttributeValue::number("1")));
  KeyCondition p = key("pk = :a AND begins_with(sk, :b)");
  EXPECT_TRUE(p.range_matches(model::AttributeValue::string("bc")));
  EXPECT_FALSE(p.range_matches(model::AttributeValue::string("ab")));
  KeyCondition n = key("pk = :a AND sk < :n");
  EXPECT_TRUE(n.range_matches(model::AttributeValue::number("-5")));
  EXPECT_FALSE(n.range_matches(model::AttributeValue::number("1")));
}

TEST(ExprKeyCondition, OperatorsThatAreNotKeyOperators) {
  const std::string invalid = "Invalid operator used in KeyConditionExpression: ";
  EXPECT_EQ(key_error("a > b and size(b) > c or a > c"), invalid + "OR");
  EXPECT_EQ(key_error("a in (b, size(c), d)"), invalid + "IN");
  EXPECT_EQ(key_error("attribute_exists(a)"), invalid + "attribute_exists");
  EXPECT_EQ(key_error("attribute_not_exists(a)"), invalid + "attribute_not_exists");
  EXPECT_EQ(key_error("contains(a.d, b)"), invalid + "contains");
  EXPECT_EQ(key_error("not a > b"), invalid + "NOT");
  EXPECT_EQ(key_error("a <> b"), invalid + "<>");
  EXPECT_EQ(key_error("attribute_type(a, :a)", "pk", "sk", R"({"ExpressionAttributeValues": {":a": {"S": "S"}}})"),
            invalid + "attribute_type");
}

TEST(ExprKeyCondition, KeyAttributeMustComeFirstForBetweenAndBeginsWith) {
  EXPECT_EQ(key_error(":a between size(b) and size(a) and b > :b"),
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
  EXPECT_EQ(key_error("begins_with(:a, b) and a > :b"),
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first "
            "operand");
}

TEST(ExprKeyCondition, NestedOperationsAndPaths) {
  EXPECT_EQ(key_error("size(b) > a AND a.b > b AND b > c"), "KeyConditionExpressions cannot contain nested operations");
  EXPECT_EQ(key_error("a > size(b.d)"), "KeyConditionExpressions cannot contain nested operations");
  EXPECT_EQ(key_error("b.d > a AND c.d > e.f"), "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(key_error("a.d > :a"), "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(key_error("b[0] > :a"), "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(key_error("b > a.b"), "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  EXPECT_EQ(key_error("begins_with(a, b)"), "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
}

TEST(ExprKeyCondition, EveryTermNeedsOneKeyAttribute) {
  EXPECT_EQ(key_error(":b > :n AND a < :b"), "Invalid condition in KeyConditionExpression: No key attribute specified");
  EXPECT_EQ(key_error("b > :a AND b < :a and c = :a"), "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(key_error("(a > :a and b > :a) and (b > :a and c > :a)"), "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
}

TEST(ExprKeyCondition, ExpressionErrorsComeFirst) {
  EXPECT_EQ(key_error(""), "Invalid KeyConditionExpression: The expression can not be empty;");
  EXPECT_EQ(key_error("pk = :zz"),
            "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :zz");
  EXPECT_EQ(key_error("status = :a"), "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
  EXPECT_EQ(key_error("pk = :a AND sk BETWEEN :b AND :a"),
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
            "lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}");
  EXPECT_EQ(key_error("pk = :a AND begins_with(sk, :n)"),
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
            "begins_with, operand type: N");
}

TEST(ExprKeyCondition, KeySchemaElementsMustBeThere) {
  EXPECT_EQ(key_error("z = :a"), "Query condition missed key schema element: pk");
  EXPECT_EQ(key_error("sk = :a"), "Query condition missed key schema element: pk");
  EXPECT_EQ(key_error("z between :a and :b"), "Query condition missed key schema element: pk");
  EXPECT_EQ(key_error("pk = :a AND extra > :b"), "Query condition missed key schema element: sk");
  EXPECT_EQ(key_error("c = :a", "c", ""), "<no error>");
}

TEST(ExprKeyCondition, UnsupportedKeyConditions) {
  EXPECT_EQ(key_error("pk > :a"), "Query key condition not supported");
  EXPECT_EQ(key_error("begins_with(pk, :a)"), "Query key condition not supported");
  EXPECT_EQ(key_error("pk BETWEEN :a AND :b AND sk = :a"), "Query key condition not supported");
  // Pinned against AWS: more conditions than key attributes is counted before anything else.
  EXPECT_EQ(key_error("pk = :a AND extra = :b", "pk", ""),
            "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)");
  EXPECT_EQ(key_error("pk = :a AND sk = :a AND extra = :b"),
            "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)");
}

// ---- legacy KeyConditions ----

TEST(ExprKeyConditionLegacy, EqualityAndRange) {
  KeyCondition k = from_key_conditions(json::parse(R"({
      "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]},
      "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "5"}]}})"),
                                       "pk", "sk");
  EXPECT_EQ(k.hash_value.scalar, "a");
  EXPECT_EQ(k.op, Op::BETWEEN);
  EXPECT_TRUE(k.range_matches(model::AttributeValue::number("5")));
  EXPECT_FALSE(k.range_matches(model::AttributeValue::number("5.1")));
}

TEST(ExprKeyConditionLegacy, ArgumentCounts) {
  const std::string count = "The attempted filter operation is not supported for the provided filter argument count";
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "EQ"}, "b": {"ComparisonOperator": "NULL"}, "c": {"ComparisonOperator": "NULL"}})"), count);
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "NULL", "AttributeValueList": [{"S": "a"}]}})"), count);
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "NE", "AttributeValueList": [{"S": "a"}, {"S": "a"}]}})"), count);
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "IN"}})"), count);
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "a"}, {"S": "a"}, {"S": "a"}]}})"), count);
}

TEST(ExprKeyConditionLegacy, ConditionCount) {
  EXPECT_EQ(legacy_error("{}"), "Conditions can be of length 1 or 2 only");
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "NULL"}, "b": {"ComparisonOperator": "NULL"}, "c": {"ComparisonOperator": "NULL"}})"),
            "Conditions can be of length 1 or 2 only");
}

TEST(ExprKeyConditionLegacy, ValueChecks) {
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "b"}, {"N": "1"}]}})"),
            "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"S": "b"}, {"S": "a"}]}})"),
            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}})"),
            "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}})"),
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

TEST(ExprKeyConditionLegacy, SchemaChecks) {
  EXPECT_EQ(legacy_error(R"({"c": {"ComparisonOperator": "NULL"}})"), "Query condition missed key schema element: pk");
  EXPECT_EQ(legacy_error(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}, "c": {"ComparisonOperator": "NULL"}})"),
            "Query condition missed key schema element: sk");
  EXPECT_EQ(legacy_error(R"({"pk": {"ComparisonOperator": "NULL"}})"), "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(legacy_error(R"({"pk": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}, "sk": {"ComparisonOperator": "NULL"}})"),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(legacy_error(R"({"pk": {"ComparisonOperator": "LE", "AttributeValueList": [{"S": "a"}]}})"), "Query key condition not supported");
  EXPECT_EQ(legacy_error(R"({"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}, "b": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "a"}]}})",
                         "pk", ""),
            "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)");
}

TEST(ExprKeyConditionLegacy, OperatorIsRequiredAndEnumerated) {
  EXPECT_EQ(legacy_error(R"({"a": {"AttributeValueList": [{"S": "a"}]}})"),
            "1 validation error detected: Value null at 'keyConditions.a.member.comparisonOperator' failed to satisfy "
            "constraint: Member must not be null");
  EXPECT_EQ(legacy_error(R"({"a": {"ComparisonOperator": "LIKE"}})"),
            "1 validation error detected: Value 'LIKE' at 'keyConditions.a.member.comparisonOperator' failed to satisfy "
            "constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, "
            "LE, BEGINS_WITH, GE, CONTAINS]");
}

}  // namespace
}  // namespace dynarock::expr
