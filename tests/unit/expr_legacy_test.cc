// Legacy conditions (Expected + ConditionalOperator, QueryFilter / ScanFilter) and
// AttributesToGet: validation messages and the ComparisonOperator semantics.
#include <gtest/gtest.h>

#include <string>

#include "expr/expression.h"
#include "model/error.h"

namespace dynarock::expr {
namespace {

using nlohmann::json;

model::Item item_of(const char* j) { return model::parse_item(json::parse(j)); }

const char* kItem = R"({
  "s": {"S": "hello"}, "n": {"N": "10"}, "b": {"B": "AQI="}, "t": {"BOOL": true}, "nul": {"NULL": true},
  "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]},
  "l": {"L": [{"S": "x"}, {"N": "3"}, {"BOOL": true}, {"NULL": true}]}, "m": {"M": {"k": {"S": "v"}}}
})";

std::string expected_error(const char* expected, const char* op = nullptr) {
  try {
    json o = op ? json(op) : json();
    from_expected(json::parse(expected), op ? &o : nullptr);
  } catch (const ApiError& e) {
    return e.message();
  }
  return "<no error>";
}

bool expected_holds(const char* expected, const char* item = kItem, const char* op = nullptr) {
  json o = op ? json(op) : json();
  return from_expected(json::parse(expected), op ? &o : nullptr).evaluate(item_of(item));
}

bool filter_holds(const std::string& attr, const char* op, const char* values, const char* item = kItem) {
  json filter = {{attr, {{"ComparisonOperator", op}}}};
  if (values) filter[attr]["AttributeValueList"] = json::parse(values);
  return from_filter(filter, nullptr, "ScanFilter").evaluate(item_of(item));
}

std::string filter_error(const char* filter, const char* kind = "ScanFilter") {
  try {
    from_filter(json::parse(filter), nullptr, kind);
  } catch (const ApiError& e) {
    return e.message();
  }
  return "<no error>";
}

const std::string kInvalid = "One or more parameter values were invalid: ";

// ---- Expected: validation ----

TEST(ExprExpected, ExistsAndValueRules) {
  EXPECT_EQ(expected_error(R"({"a": {}})"), kInvalid + "Value must be provided when Exists is null for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"Exists": true}})"), kInvalid + "Value must be provided when Exists is true for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"Exists": false, "Value": {"S": "a"}}})"),
            kInvalid + "Value cannot be used when Exists is false for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"Value": {}}})"), "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

TEST(ExprExpected, ComparisonOperatorRules) {
  EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "LT"}})"),
            kInvalid + "Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"Exists": true, "ComparisonOperator": "LT"}})"),
            kInvalid + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [{"S": "a"}], "Value": {"S": "a"}, "ComparisonOperator": "LT"}})"),
            kInvalid + "Value and AttributeValueList cannot be used together for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [{"S": "a"}]}})"),
            kInvalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
  EXPECT_EQ(expected_error(R"({"a": {"Exists": true, "AttributeValueList": [{"S": "a"}]}})"),
            kInvalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
}

TEST(ExprExpected, ArgumentCounts) {
  EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [], "ComparisonOperator": "EQ"}})"),
            kInvalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
  EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [{"S": "a"}], "ComparisonOperator": "NULL"}})"),
            kInvalid + "Invalid number of argument(s) for the NULL ComparisonOperator");
  EXPECT_EQ(expected_error(R"({"a": {"Value": {"S": "a"}, "ComparisonOperator": "BETWEEN"}})"),
            kInvalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  EXPECT_EQ(expected_error(R"({"a": {"AttributeValueList": [], "ComparisonOperator": "IN"}})"),
            kInvalid + "Invalid number of argument(s) for the IN ComparisonOperator");
  EXPECT_EQ(expected_error(R"({"a": {"ComparisonOperator": "NOT_NULL"}})"), "<no error>");
}

TEST(ExprExpected, ConditionalOperatorIsAndOrOr) {
  EXPECT_EQ(expected_error(R"({"a": {"Exists": false}})", "XOR"),
            "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must "
            "satisfy enum value set: [AND, OR]");
}

// ---- Expected: semantics ----

TEST(ExprExpected, ValueMeansEquality) {
  EXPECT_TRUE(expected_holds(R"({"s": {"Value": {"S": "hello"}}})"));
  EXPECT_TRUE(expected_holds(R"({"s": {"Value": {"S": "hello"}, "Exists": true}})"));
  EXPECT_FALSE(expected_holds(R"({"s": {"Value": {"S": "bye"}}})"));
  EXPECT_FALSE(expected_holds(R"({"s": {"Value": {"S": "hello"}}})", "{}")) << "no item";
  EXPECT_TRUE(expected_holds(R"({"t": {"Value": {"BOOL": true}}})"));
}

TEST(ExprExpected, ExistsFalseMeansAbsent) {
  EXPECT_TRUE(expected_holds(R"({"zz": {"Exists": false}})"));
  EXPECT_FALSE(expected_holds(R"({"s": {"Exists": false}})"));
  EXPECT_TRUE(expected_holds(R"({"s": {"Exists": false}})", "{}"));
}

TEST(ExprExpected, AndOrCombination) {
  const char* two = R"({"s": {"Value": {"S": "hello"}}, "n": {"Value": {"N": "11"}}})";
  EXPECT_FALSE(expected_holds(two));
  EXPECT_FALSE(expected_holds(two, kItem, "AND"));
  EXPECT_TRUE(expected_holds(two, kItem, "OR"));
  Condition c = from_expected(json::parse(two), nullptr);
  EXPECT_EQ(c.top_level_names(), (std::vector<std::string>{"n", "s"}));
}

TEST(ExprExpected, EmptyExpectedAlwaysHolds) {
  Condition c = from_expected(json::parse("{}"), nullptr);
  EXPECT_TRUE(c.empty());
  EXPECT_TRUE(c.evaluate(item_of("{}")));
}

TEST(ExprExpected, ComparisonOperators) {
  EXPECT_TRUE(expected_holds(R"({"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "9.5"}]}})"));
  EXPECT_TRUE(expected_holds(R"({"n": {"ComparisonOperator": "LE", "Value": {"N": "10"}}})"));
  EXPECT_TRUE(expected_holds(R"({"zz": {"ComparisonOperator": "NULL"}})"));
  EXPECT_FALSE(expected_holds(R"({"n": {"ComparisonOperator": "NULL"}})"));
}

// ---- filters: validation ----

TEST(ExprFilter, ArgumentCounts) {
  for (const char* op : {"EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"}) {
    const std::string f = std::string(R"({"a": {"ComparisonOperator": ")") + op + R"("}})";
    EXPECT_EQ(filter_error(f.c_str()), kInvalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "NOT_NULL", "AttributeValueList": [{"S": "a"}]}})"),
            kInvalid + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator");
}

TEST(ExprFilter, OperandTypes) {
  for (const char* op : {"LT", "LE", "GT", "GE", "IN"})
    for (const char* v : {R"({"BOOL": true})", R"({"NULL": true})", R"({"SS": ["a"]})", R"({"M": {}})", R"({"L": []})"}) {
      const std::string f = std::string(R"({"a": {"ComparisonOperator": ")") + op + R"(", "AttributeValueList": [)" + v + "]}}";
      EXPECT_EQ(filter_error(f.c_str()), kInvalid + "ComparisonOperator " + op + " is not valid for " +
                                             json::parse(v).begin().key() + " AttributeValue type");
    }
  for (const char* op : {"CONTAINS", "NOT_CONTAINS"})
    for (const char* v : {R"({"NS": ["1"]})", R"({"BS": ["abcd"]})", R"({"M": {}})", R"({"L": []})"}) {
      const std::string f = std::string(R"({"a": {"ComparisonOperator": ")") + op + R"(", "AttributeValueList": [)" + v + "]}}";
      EXPECT_EQ(filter_error(f.c_str()), kInvalid + "ComparisonOperator " + op + " is not valid for " +
                                             json::parse(v).begin().key() + " AttributeValue type");
    }
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}})"),
            kInvalid + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"B": "YQ=="}]}})"), "<no error>");
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{"SS": ["a"]}]}})"), "<no error>");
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"BOOL": true}]}})"), "<no error>");
}

TEST(ExprFilter, SameTypesAndBetweenOrder) {
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "b"}, {"N": "1"}]}})"),
            kInvalid + "AttributeValues inside AttributeValueList must be of same type");
  EXPECT_EQ(filter_error(R"({"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "10"}, {"N": "9"}]}})"),
            "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
}

TEST(ExprFilter, OperatorIsRequired) {
  EXPECT_EQ(filter_error(R"({"a": {}})", "QueryFilter"),
            "1 validation error detected: Value null at 'queryFilter.a.member.comparisonOperator' failed to satisfy "
            "constraint: Member must not be null");
}

// ---- filters: semantics ----

TEST(ExprFilter, EqualityAndOrdering) {
  EXPECT_TRUE(filter_holds("n", "EQ", R"([{"N": "10.0"}])"));
  EXPECT_FALSE(filter_holds("n", "EQ", R"([{"S": "10"}])"));
  EXPECT_TRUE(filter_holds("n", "NE", R"([{"S": "10"}])"));
  EXPECT_TRUE(filter_holds("zz", "NE", R"([{"S": "10"}])")) << "a missing attribute is not equal";
  EXPECT_TRUE(filter_holds("s", "LT", R"([{"S": "help"}])"));
  EXPECT_FALSE(filter_holds("s", "LT", R"([{"N": "1"}])"));
  EXPECT_TRUE(filter_holds("n", "BETWEEN", R"([{"N": "10"}, {"N": "20"}])"));
  EXPECT_FALSE(filter_holds("n", "BETWEEN", R"([{"N": "11"}, {"N": "20"}])"));
  EXPECT_TRUE(filter_holds("ss", "EQ", R"([{"SS": ["b", "a"]}])"));
  EXPECT_TRUE(filter_holds("l", "EQ", R"([{"L": [{"NULL": true}, {"BOOL": true}, {"N": "3"}, {"S": "x"}]}])"))
      << "legacy EQ compares lists as collections";
}

TEST(ExprFilter, NullAndNotNull) {
  EXPECT_TRUE(filter_holds("zz", "NULL", nullptr));
  EXPECT_FALSE(filter_holds("nul", "NULL", nullptr)) << "NULL tests absence, not the NULL type";
  EXPECT_TRUE(filter_holds("nul", "NOT_NULL", nullptr));
}

TEST(ExprFilter, ContainsAndNotContains) {
  EXPECT_TRUE(filter_holds("s", "CONTAINS", R"([{"S": "ell"}])"));
  EXPECT_TRUE(filter_holds("ss", "CONTAINS", R"([{"S": "a"}])"));
  EXPECT_TRUE(filter_holds("ns", "CONTAINS", R"([{"N": "2.0"}])"));
  EXPECT_TRUE(filter_holds("b", "CONTAINS", R"([{"B": "Ag=="}])"));
  EXPECT_TRUE(filter_holds("bs", "CONTAINS", R"([{"B": "AQ=="}])"));
  EXPECT_TRUE(filter_holds("l", "CONTAINS", R"([{"N": "3"}])"));
  EXPECT_TRUE(filter_holds("l", "CONTAINS", R"([{"NULL": true}])"));
  EXPECT_TRUE(filter_holds("l", "CONTAINS", R"([{"BOOL": true}])"));
  EXPECT_FALSE(filter_holds("n", "CONTAINS", R"([{"N": "1"}])"));
  EXPECT_TRUE(filter_holds("s", "NOT_CONTAINS", R"([{"S": "xyz"}])"));
  EXPECT_FALSE(filter_holds("zz", "NOT_CONTAINS", R"([{"S": "xyz"}])")) << "a missing attribute contains nothing, and is not matched";
}

TEST(ExprFilter, BeginsWithAndIn) {
  EXPECT_TRUE(filter_holds("s", "BEGINS_WITH", R"([{"S": "hel"}])"));
  EXPECT_FALSE(filter_holds("s", "BEGINS_WITH", R"([{"S": "el"}])"));
  EXPECT_TRUE(filter_holds("b", "BEGINS_WITH", R"([{"B": "AQ=="}])"));
  EXPECT_TRUE(filter_holds("s", "IN", R"([{"S": "x"}, {"S": "hello"}])"));
  EXPECT_FALSE(filter_holds("n", "IN", R"([{"S": "10"}])"));
  EXPECT_FALSE(filter_holds("zz", "IN", R"([{"S": "10"}])"));
}

TEST(ExprFilter, SeveralConditionsJoin) {
  json filter = json::parse(R"({"s": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "hello"}]},
                                "n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "100"}]}})");
  json op_or = "OR";
  EXPECT_FALSE(from_filter(filter, nullptr, "QueryFilter").evaluate(item_of(kItem)));
  EXPECT_TRUE(from_filter(filter, &op_or, "QueryFilter").evaluate(item_of(kItem)));
}

// ---- AttributesToGet ----

TEST(ExprAttributesToGet, ProjectsTopLevelNames) {
  Projection p = from_attributes_to_get(json::parse(R"(["s", "m", "zz"])"));
  EXPECT_EQ(model::to_json(p.apply(item_of(kItem))).dump(), R"({"m":{"M":{"k":{"S":"v"}}},"s":{"S":"hello"}})");
  EXPECT_EQ(p.top_level_names(), (std::vector<std::string>{"s", "m", "zz"}));
}

TEST(ExprAttributesToGet, NamesAreNotPaths) {
  Projection p = from_attributes_to_get(json::parse(R"(["m.k"])"));
  EXPECT_TRUE(p.apply(item_of(kItem)).empty());
  EXPECT_EQ(model::to_json(p.apply(item_of(R"({"m.k": {"N": "1"}})"))).dump(), R"({"m.k":{"N":"1"}})");
}

TEST(ExprAttributesToGet, DuplicatesAreRejected) {
  try {
    from_attributes_to_get(json::parse(R"(["a", "b", "a"])"));
    FAIL() << "expected an error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.message(), kInvalid + "Duplicate value in attribute name: a");
  }
}

}  // namespace
}  // namespace dynarock::expr
