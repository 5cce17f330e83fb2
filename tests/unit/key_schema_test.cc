#include "model/key_schema.h"

#include <gtest/gtest.h>

#include <string>

#include "model/error.h"

namespace dynarock::model {
namespace {

const std::string kMismatch = "The provided key element does not match the schema";
const std::string kInvalid = "One or more parameter values were invalid: ";
const std::string kHashTooBig = kInvalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes";
const std::string kRangeTooBig = kInvalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes";
std::string empty_key(const char* kind, const char* name) {
  return std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ") +
         kind + " value. Key: " + name;
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    if (e.code() != "ValidationException" || e.status() != 400) return "wrong code " + e.code();
    return e.message();
  }
  return "(no error)";
}

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(std::string s) { return AttributeValue::number(std::move(s)); }
AttributeValue B(std::string s) { return AttributeValue::binary(std::move(s)); }

// Built field by field: brace-initialising KeySchema trips GCC 12's -Wmaybe-uninitialized at -O3.
KeySchema schema(const char* hash, Type hash_type, const char* range = nullptr, Type range_type = Type::S) {
  KeySchema k;
  k.hash.name = hash;
  k.hash.type = hash_type;
  if (range) {
    k.range.emplace();
    k.range->name = range;
    k.range->type = range_type;
  }
  return k;
}

const KeySchema kHashOnly = schema("pk", Type::S);
const KeySchema kComposite = schema("pk", Type::S, "sk", Type::N);
const KeySchema kBinary = schema("h", Type::B, "r", Type::B);

std::string request_error(const KeySchema& schema, const Item& key) {
  return error_of([&] { key_from_request(schema, key); });
}
std::string item_error(const KeySchema& schema, const Item& item) {
  return error_of([&] { key_from_item(schema, item); });
}

TEST(KeySchema, KeyFromRequestAcceptsExactKey) {
  PrimaryKey k = key_from_request(kComposite, {{"pk", S("a")}, {"sk", N("5")}});
  EXPECT_EQ(k.hash, S("a"));
  ASSERT_TRUE(k.range.has_value());
  EXPECT_EQ(*k.range, N("5"));
  PrimaryKey h = key_from_request(kHashOnly, {{"pk", S("a")}});
  EXPECT_EQ(h.hash, S("a"));
  EXPECT_FALSE(h.range.has_value());
}

TEST(KeySchema, KeyFromRequestMismatches) {
  EXPECT_EQ(request_error(kHashOnly, {}), kMismatch);
  EXPECT_EQ(request_error(kHashOnly, {{"other", S("a")}}), kMismatch);
  EXPECT_EQ(request_error(kHashOnly, {{"pk", N("1")}}), kMismatch);                    // wrong type
  EXPECT_EQ(request_error(kHashOnly, {{"pk", S("a")}, {"extra", S("b")}}), kMismatch);  // extra attribute
  EXPECT_EQ(request_error(kComposite, {{"pk", S("a")}}), kMismatch);                   // missing sort key
  EXPECT_EQ(request_error(kComposite, {{"sk", N("1")}}), kMismatch);
  EXPECT_EQ(request_error(kComposite, {{"pk", S("a")}, {"sk", S("1")}}), kMismatch);   // sort key type
  EXPECT_EQ(request_error(kComposite, {{"pk", S("a")}, {"other", N("1")}}), kMismatch);
  EXPECT_EQ(request_error(kComposite, {{"pk", S("a")}, {"sk", N("1")}, {"x", S("")}}), kMismatch);
  EXPECT_EQ(request_error(kComposite, {{"pk", AttributeValue::null()}, {"sk", N("1")}}), kMismatch);
}

TEST(KeySchema, KeyFromRequestChecksValues) {
  EXPECT_EQ(request_error(kHashOnly, {{"pk", S("")}}), empty_key("string", "pk"));
  EXPECT_EQ(request_error(kBinary, {{"h", B("x")}, {"r", B("")}}), empty_key("binary", "r"));
  EXPECT_EQ(request_error(kComposite, {{"pk", S(std::string(2049, 'x'))}, {"sk", N("1")}}), kHashTooBig);
}

TEST(KeySchema, KeyFromItemMessages) {
  EXPECT_EQ(item_error(kComposite, {{"sk", N("1")}}), kInvalid + "Missing the key pk in the item");
  EXPECT_EQ(item_error(kComposite, {{"pk", S("a")}, {"x", N("1")}}), kInvalid + "Missing the key sk in the item");
  EXPECT_EQ(item_error(kComposite, {{"pk", N("1")}, {"sk", N("1")}}), kInvalid + "Type mismatch for key pk expected: S actual: N");
  EXPECT_EQ(item_error(kComposite, {{"pk", S("a")}, {"sk", S("1")}}), kInvalid + "Type mismatch for key sk expected: N actual: S");
  EXPECT_EQ(item_error(kBinary, {{"h", AttributeValue::null()}, {"r", B("x")}}),
            kInvalid + "Type mismatch for key h expected: B actual: NULL");
  EXPECT_EQ(item_error(kComposite, {{"pk", S("")}, {"sk", N("1")}}), empty_key("string", "pk"));
  EXPECT_EQ(item_error(kBinary, {{"h", B("")}, {"r", B("x")}}), empty_key("binary", "h"));
  // Other attributes are fine; the key is extracted from them.
  PrimaryKey k = key_from_item(kComposite, {{"pk", S("a")}, {"sk", N("2")}, {"data", S("")}});
  EXPECT_EQ(k.hash, S("a"));
  EXPECT_EQ(*k.range, N("2"));
}

TEST(KeySchema, SizeLimitsAtExactBoundaries) {
  KeyElement hs{"h", Type::S}, rs{"r", Type::S}, hb{"h", Type::B}, rb{"r", Type::B};
  EXPECT_EQ(error_of([&] { check_key_value(hs, S(std::string(2048, 'x')), true); }), "(no error)");
  EXPECT_EQ(error_of([&] { check_key_value(hs, S(std::string(2049, 'x')), true); }), kHashTooBig);
  EXPECT_EQ(error_of([&] { check_key_value(hb, B(std::string(2048, '\0')), true); }), "(no error)");
  EXPECT_EQ(error_of([&] { check_key_value(hb, B(std::string(2049, '\0')), true); }), kHashTooBig);
  EXPECT_EQ(error_of([&] { check_key_value(rs, S(std::string(1024, 'x')), false); }), "(no error)");
  EXPECT_EQ(error_of([&] { check_key_value(rs, S(std::string(1025, 'x')), false); }), kRangeTooBig);
  EXPECT_EQ(error_of([&] { check_key_value(rb, B(std::string(1024, '\xff')), false); }), "(no error)");
  EXPECT_EQ(error_of([&] { check_key_value(rb, B(std::string(1025, '\xff')), false); }), kRangeTooBig);
  // Strings count UTF-8 bytes: 512 two-byte characters are 1024 bytes, one more is over.
  std::string e512;
  for (int i = 0; i < 512; ++i) e512 += "\xc3\xa9";
  EXPECT_EQ(error_of([&] { check_key_value(rs, S(e512), false); }), "(no error)");
  EXPECT_EQ(error_of([&] { check_key_value(rs, S(e512 + "x"), false); }), kRangeTooBig);
  // The largest number is far below either limit.
  EXPECT_EQ(error_of([&] { check_key_value({"n", Type::N}, N("-9" + std::string(37, '9')), false); }), "(no error)");
  // Through the request and item paths too.
  EXPECT_EQ(request_error(kComposite, {{"pk", S(std::string(2048, 'x'))}, {"sk", N("1")}}), "(no error)");
  EXPECT_EQ(item_error(schema("pk", Type::S, "sk", Type::S), {{"pk", S("a")}, {"sk", S(std::string(1025, 'x'))}}),
            kRangeTooBig);
  EXPECT_EQ(item_error(schema("pk", Type::S, "sk", Type::S), {{"pk", S("a")}, {"sk", S(std::string(1024, 'x'))}}),
            "(no error)");
}

TEST(KeySchema, KeyAttributes) {
  Item item{{"pk", S("a")}, {"sk", N("1")}, {"data", S("x")}};
  EXPECT_EQ(key_attributes(kComposite, item), (Item{{"pk", S("a")}, {"sk", N("1")}}));
  EXPECT_EQ(key_attributes(kHashOnly, item), (Item{{"pk", S("a")}}));
  EXPECT_TRUE(kComposite.is_key_attribute("sk"));
  EXPECT_FALSE(kHashOnly.is_key_attribute("sk"));
  EXPECT_FALSE(kComposite.is_key_attribute("data"));
}

}  // namespace
}  // namespace dynarock::model
