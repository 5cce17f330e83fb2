// The generated request decoders: every wire type checked against the operation's input shape,
// with DynamoDB's SerializationException texts, before any validation; values decoded into the
// typed structs; AttributeValue contents validated only when the operation reads them.
#include "protocol/generated/shapes.h"

#include <gtest/gtest.h>

#include <deque>
#include <optional>
#include <stdexcept>
#include <string>

#include "model/error.h"

namespace dynarock::shapes {
namespace {

// A request body as the server reads it; the documents live until the test binary exits.
wire::Value parsed(const char* body) {
  static std::deque<wire::Document> docs;
  std::optional<wire::Document> doc = wire::Document::parse(body);
  if (!doc) throw std::runtime_error(std::string("not JSON: ") + body);
  return docs.emplace_back(std::move(*doc)).root();
}

const std::string kCast =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class "
    "(sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of "
    "loader 'bootstrap')";

// "Code: message" of what checking `body` against `check` throws, or "(no error)".
std::string error_of(void (*check)(const Json&, Position, int), const char* body) {
  try {
    check(parsed(body), Position::field, 0);
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
  return "(no error)";
}
std::string ser(const std::string& m) { return "SerializationException: " + m; }

TEST(ShapeDecoder, StringMembers) {
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":"t"})"), "(no error)");
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":true})"), ser("TRUE_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":false})"), ser("FALSE_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":23})"), ser("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":34.56})"), ser("DECIMAL_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":[]})"), ser("Unrecognized collection type class java.lang.String"));
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":{}})"), ser("Start of structure or map found where not expected"));
}

TEST(ShapeDecoder, NullsAndUnknownMembersAreIgnored) {
  EXPECT_EQ(error_of(check_DescribeTableInput, R"({"TableName":null,"Other":5,"tablename":7})"), "(no error)");
  DescribeTableInput in = decode_DescribeTableInput(parsed(R"({"TableName":null,"Other":5})"));
  EXPECT_FALSE(in.TableName.has_value());
}

TEST(ShapeDecoder, BooleanMembers) {
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":true})"), "(no error)");
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":"23"})"), ser("Unexpected token received from parser"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":23})"), ser("NUMBER_VALUE cannot be converted to Boolean"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":34.56})"), ser("DECIMAL_VALUE cannot be converted to Boolean"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":[]})"), ser("Unrecognized collection type class java.lang.Boolean"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ConsistentRead":{}})"), ser("Start of structure or map found where not expected"));
}

TEST(ShapeDecoder, IntegerAndLongMembers) {
  EXPECT_EQ(error_of(check_ListTablesInput, R"({"Limit":5})"), "(no error)");
  EXPECT_EQ(error_of(check_ListTablesInput, R"({"Limit":"23"})"), ser("STRING_VALUE cannot be converted to Integer"));
  EXPECT_EQ(error_of(check_ListTablesInput, R"({"Limit":true})"), ser("TRUE_VALUE cannot be converted to Integer"));
  EXPECT_EQ(error_of(check_ListTablesInput, R"({"Limit":[]})"), ser("Unrecognized collection type class java.lang.Integer"));
  EXPECT_EQ(error_of(check_ListTablesInput, R"({"Limit":{}})"), ser("Start of structure or map found where not expected"));
  EXPECT_EQ(decode_ListTablesInput(parsed(R"({"Limit":34.56})")).Limit, 34);  // fractions truncate
  EXPECT_EQ(error_of(check_CreateTableInput, R"({"ProvisionedThroughput":{"ReadCapacityUnits":"1"}})"),
            ser("STRING_VALUE cannot be converted to Long"));
  EXPECT_EQ(error_of(check_CreateTableInput, R"({"ProvisionedThroughput":{"WriteCapacityUnits":false}})"),
            ser("FALSE_VALUE cannot be converted to Long"));
}

TEST(ShapeDecoder, BlobMembers) {
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":"YWJj"}}})"), "(no error)");
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":true}}})"), ser("only base-64-encoded strings are convertible to bytes"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":23}}})"), ser("only base-64-encoded strings are convertible to bytes"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":[]}}})"), ser("Unrecognized collection type class java.nio.ByteBuffer"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":{}}}})"), ser("Start of structure or map found where not expected"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":"23456"}}})"),
            ser("Base64 encoded length is expected a multiple of 4 bytes but found: 5"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"B":"=+/="}}})"), ser("Invalid last non-pad Base64 character dectected"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":{"k":{"BS":["YWJj","+/+="]}}})"), ser("Invalid last non-pad Base64 character dectected"));
}

TEST(ShapeDecoder, ListMembers) {
  EXPECT_EQ(error_of(check_GetItemInput, R"({"AttributesToGet":["a"]})"), "(no error)");
  for (const char* body : {R"({"AttributesToGet":"23"})", R"({"AttributesToGet":true})", R"({"AttributesToGet":23})",
                           R"({"AttributesToGet":34.56})"})
    EXPECT_EQ(error_of(check_GetItemInput, body), ser("Unexpected field type")) << body;
  EXPECT_EQ(error_of(check_GetItemInput, R"({"AttributesToGet":{}})"), ser("Start of structure or map found where not expected"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"AttributesToGet":[5]})"), ser("NUMBER_VALUE cannot be converted to String"));
  // A list as a map's value (BatchWriteItem's RequestItems.<table>).
  EXPECT_EQ(error_of(check_BatchWriteItemInput, R"({"RequestItems":{"t":"23"}})"), ser(kCast));
  EXPECT_EQ(error_of(check_BatchWriteItemInput, R"({"RequestItems":{"t":{}}})"), ser("Start of structure or map found where not expected"));
}

TEST(ShapeDecoder, MapMembers) {
  for (const char* body : {R"({"ExpressionAttributeNames":"23"})", R"({"ExpressionAttributeNames":true})",
                           R"({"ExpressionAttributeNames":23})"})
    EXPECT_EQ(error_of(check_GetItemInput, body), ser("Unexpected field type")) << body;
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ExpressionAttributeNames":[]})"),
            ser("Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"Key":[]})"),
            ser("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  EXPECT_EQ(error_of(check_BatchWriteItemInput, R"({"RequestItems":[]})"),
            ser("Unrecognized collection type java.util.Map<java.lang.String, "
                "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>"));
  EXPECT_EQ(error_of(check_GetItemInput, R"({"ExpressionAttributeNames":{"#a":1}})"),
            ser("NUMBER_VALUE cannot be converted to String"));
  // A map as a list's element (BatchGetItem's RequestItems.<table>.Keys.N).
  EXPECT_EQ(error_of(check_BatchGetItemInput, R"({"RequestItems":{"t":{"Keys":["23"]}}})"), ser(kCast));
  EXPECT_EQ(error_of(check_BatchGetItemInput, R"({"RequestItems":{"t":{"Keys":[[]]}}})"),
            ser("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"));
}

TEST(ShapeDecoder, StructureMembersAndValues) {
  // A structure as a member of a structure.
  for (const char* body : {R"({"ProvisionedThroughput":"23"})", R"({"ProvisionedThroughput":true})",
                           R"({"ProvisionedThroughput":34.56})"})
    EXPECT_EQ(error_of(check_CreateTableInput, body), ser("Unexpected field type")) << body;
  EXPECT_EQ(error_of(check_CreateTableInput, R"({"ProvisionedThroughput":[]})"),
            ser("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.ProvisionedThroughput"));
  // A structure as an element of a list or a value of a map.
  EXPECT_EQ(error_of(check_TransactWriteItemsInput, R"({"TransactItems":[5]})"), ser("Unexpected value type in payload"));
  EXPECT_EQ(error_of(check_TransactWriteItemsInput, R"({"TransactItems":[[]]})"),
            ser("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.TransactWriteItem"));
  EXPECT_EQ(error_of(check_BatchGetItemInput, R"({"RequestItems":{"t":"x"}})"), ser("Unexpected value type in payload"));
  EXPECT_EQ(error_of(check_BatchWriteItemInput, R"({"RequestItems":{"t":[{"DeleteRequest":5}]}})"),
            ser("Unexpected field type"));
}

TEST(ShapeDecoder, AttributeValues) {
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":"x"}})"), ser("Unexpected value type in payload"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":[]}})"),
            ser("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"S":1}}})"), ser("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"N":1}}})"), ser("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"BOOL":"true"}}})"), ser("Unexpected token received from parser"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"NULL":1}}})"), ser("NUMBER_VALUE cannot be converted to Boolean"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"SS":"x"}}})"), ser("Unexpected field type"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"NS":[1]}}})"), ser("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"L":[5]}}})"), ser("Unexpected value type in payload"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"M":{"b":{"L":[{"BS":[true]}]}}}}})"),
            ser("only base-64-encoded strings are convertible to bytes"));
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"M":[]}}})"),
            ser("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  // Contents are not validated here: empty or doubled values are the operation's business.
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{},"b":{"S":"x","N":"1"},"c":{"SS":[]}}})"), "(no error)");
}

TEST(ShapeDecoder, TypeErrorsComeBeforeContentErrors) {
  // An invalid value first in order, a wrong wire type after it: the wire type wins.
  EXPECT_EQ(error_of(check_PutItemInput, R"({"Item":{"a":{"SS":[]},"b":{"S":5}}})"),
            ser("NUMBER_VALUE cannot be converted to String"));
}

TEST(ShapeDecoder, DecodesTypedValues) {
  GetItemInput in = decode_GetItemInput(parsed(
      R"({"TableName":"t","Key":{"k":{"N":"1.50"}},"AttributesToGet":["a","b"],"ConsistentRead":true,
          "ExpressionAttributeNames":{"#n":"name"}})"));
  ASSERT_TRUE(in.TableName && in.Key && in.AttributesToGet && in.ConsistentRead && in.ExpressionAttributeNames);
  EXPECT_EQ(*in.TableName, "t");
  EXPECT_EQ(in.Key->get().at("k").scalar, "1.5");
  EXPECT_EQ(*in.AttributesToGet, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(*in.ConsistentRead);
  EXPECT_EQ(in.ExpressionAttributeNames->at("#n"), "name");

  BatchWriteItemInput batch = decode_BatchWriteItemInput(parsed(
      R"({"RequestItems":{"t":[{"PutRequest":{"Item":{"k":{"B":"YWJj"}}}},{"DeleteRequest":{"Key":{"k":{"S":"x"}}}}]}})"));
  const auto& writes = batch.RequestItems->at("t");
  ASSERT_EQ(writes.size(), 2u);
  EXPECT_EQ(writes[0].PutRequest->Item->get().at("k").scalar, "abc");
  EXPECT_FALSE(writes[0].DeleteRequest.has_value());
  EXPECT_EQ(writes[1].DeleteRequest->Key->get().at("k").scalar, "x");
}

TEST(ShapeDecoder, ItemContentErrorsWaitUntilRead) {
  PutItemInput in = decode_PutItemInput(parsed(R"({"TableName":"t","Item":{"a":{"SS":[]}}})"));
  ASSERT_TRUE(in.Item.has_value());
  ASSERT_TRUE(in.Item->error.has_value());
  EXPECT_EQ(in.Item->error->code(), "ValidationException");
  EXPECT_THROW(in.Item->get(), ApiError);
}

TEST(ShapeEncoder, WritesMembersInModelOrderAndSkipsAbsentOnes) {
  ListTablesOutput out;
  out.TableNames = std::vector<std::string>{"a", "b\"c"};
  std::string body;
  encode_ListTablesOutput(out, body);
  EXPECT_EQ(body, R"({"TableNames":["a","b\"c"]})");

  GetItemOutput item;
  item.Item = model::Item{{"k", model::AttributeValue::binary("abc")}, {"n", model::AttributeValue::number("1.5")}};
  item.ConsumedCapacity = ConsumedCapacity{};
  item.ConsumedCapacity->TableName = "t";
  item.ConsumedCapacity->CapacityUnits = 0.5;
  body.clear();
  encode_GetItemOutput(item, body);
  EXPECT_EQ(body, R"({"Item":{"k":{"B":"YWJj"},"n":{"N":"1.5"}},"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}})");
}

TEST(ShapeEncoder, EveryOperationHasAnInputChecker) {
  EXPECT_EQ(std::size(kOperationShapes), 57u);
  for (const auto& op : kOperationShapes) EXPECT_EQ(error_of(op.check, "{}"), "(no error)") << op.name;
}

}  // namespace
}  // namespace dynarock::shapes
