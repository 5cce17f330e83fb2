#include "model/attribute_value.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/decimal.h"
#include "model/error.h"
#include "model/wire_json.h"

namespace dynarock::model {
namespace {

using nlohmann::json;

const std::string kInvalid = "One or more parameter values were invalid: ";
const std::string kNesting =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

// "Code: message" of the ApiError `f` throws, or "(no error)".
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
  return "(no error)";
}
std::string parse_error(const json& j) { return error_of([&] { parse_value(j); }); }
std::string validation(const std::string& m) { return "ValidationException: " + m; }
std::string serialization(const std::string& m) { return "SerializationException: " + m; }

AttributeValue P(const char* text) { return parse_value(json::parse(text)); }

// `levels` containers (L, or M under key "a") around {"S":"x"}.
json wrapped(int levels, bool map) {
  json v = {{"S", "x"}};
  for (int i = 0; i < levels; ++i) v = map ? json{{"M", {{"a", v}}}} : json{{"L", json::array({v})}};
  return v;
}

// Strict equality: set members in the same order.
bool identical(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type || a.scalar != b.scalar || a.members != b.members || a.list.size() != b.list.size() ||
      a.map.size() != b.map.size())
    return false;
  if (a.type == Type::BOOL && a.boolean != b.boolean) return false;
  for (size_t i = 0; i < a.list.size(); ++i)
    if (!identical(a.list[i], b.list[i])) return false;
  for (auto x = a.map.begin(), y = b.map.begin(); x != a.map.end(); ++x, ++y)
    if (x->first != y->first || !identical(x->second, y->second)) return false;
  return true;
}

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Valid UTF-8 with control characters, quotes, backslashes, NUL and 2/3/4-byte characters.
  std::string text() {
    static const uint32_t kCodePoints[] = {0x00, 0x01, 0x1f, '\n', '"', '\\', '/', 'a', 'Z', ' ', 0x7f,
                                           0xe9, 0x7ff, 0x800, 0x20ac, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff};
    std::string s;
    for (int n = uniform(0, 6); n > 0; --n) {
      wire::append_utf8(s, kCodePoints[uniform(0, std::size(kCodePoints) - 1)]);
    }
    return s;
  }
  std::string bytes() {
    std::string s;
    for (int n = uniform(0, 7); n > 0; --n) s += static_cast<char>(uniform(0, 255));
    return s;
  }
  std::string number() {
    std::string s = uniform(0, 1) ? "-" : "";
    for (int n = uniform(1, 38); n > 0; --n) s += static_cast<char>('0' + uniform(0, 9));
    s += "e" + std::to_string(uniform(-90, 80));
    return Decimal::parse(s).to_string();
  }

  AttributeValue value(int depth) {
    AttributeValue v;
    switch (uniform(0, depth > 0 ? 9 : 7)) {
      case 0: return AttributeValue::string(text());
      case 1: return AttributeValue::number(number());
      case 2: return AttributeValue::binary(bytes());
      case 3: return AttributeValue::boolean_value(uniform(0, 1) == 1);
      case 4: return AttributeValue::null();
      case 5: v.type = Type::SS; break;
      case 6: v.type = Type::NS; break;
      case 7: v.type = Type::BS; break;
      case 8:
        v.type = Type::M;
        for (int n = uniform(0, 4); n > 0; --n) v.map.emplace(text(), value(depth - 1));
        return v;
      default:
        v.type = Type::L;
        for (int n = uniform(0, 4); n > 0; --n) v.list.push_back(value(depth - 1));
        return v;
    }
    std::unordered_set<std::string> seen;
    for (int n = uniform(1, 5); n > 0; --n) {
      std::string m = v.type == Type::SS ? text() : v.type == Type::NS ? number() : bytes();
      if (seen.insert(m).second) v.members.push_back(m);
    }
    return v;
  }

 private:
  std::mt19937_64 rng_;
};

// ---- Parsing valid values -------------------------------------------------------------------

TEST(AttributeValueParse, EveryType) {
  EXPECT_EQ(P(R"({"S":"héllo"})").scalar, "h\xc3\xa9llo");
  EXPECT_EQ(P(R"({"S":""})").scalar, "");
  EXPECT_EQ(P(R"({"S":"a\u0000b"})").scalar, std::string("a\0b", 3));
  EXPECT_EQ(P(R"({"N":"1.50"})").scalar, "1.5");
  EXPECT_EQ(P(R"({"B":"AP8A"})").scalar, std::string("\0\xff\0", 3));
  EXPECT_EQ(P(R"({"B":""})").scalar, "");
  EXPECT_FALSE(P(R"({"BOOL":false})").boolean);
  EXPECT_TRUE(P(R"({"BOOL":true})").boolean);
  EXPECT_EQ(P(R"({"NULL":true})").type, Type::NUL);
  EXPECT_EQ(P(R"({"SS":["b","a"]})").members, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(P(R"({"BS":["YQ==","Yg=="]})").members, (std::vector<std::string>{"a", "b"}));
  AttributeValue m = P(R"({"M":{"x":{"N":"1"},"y":{"L":[{"S":"z"},{"NULL":true}]}}})");
  ASSERT_EQ(m.type, Type::M);
  EXPECT_EQ(m.map.at("x").scalar, "1");
  EXPECT_EQ(m.map.at("y").list.size(), 2u);
  EXPECT_EQ(P(R"({"M":{}})").map.size(), 0u);
  EXPECT_EQ(P(R"({"L":[]})").type, Type::L);
  // Null members are absent and unknown members ignored, as in DynamoDB's binder.
  EXPECT_EQ(P(R"({"S":"x","N":null})").scalar, "x");
  EXPECT_EQ(P(R"({"S":"x","Q":"y"})").scalar, "x");
}

TEST(AttributeValueParse, NumbersAreNormalised) {
  const std::pair<const char*, const char*> cases[] = {
      {"1.50", "1.5"}, {"-0", "0"}, {"1e2", "100"}, {"0100", "100"}, {"-.5", "-0.5"}, {"+7", "7"}, {"1E-3", "0.001"}};
  for (auto [in, out] : cases) EXPECT_EQ(parse_value(json{{"N", in}}).scalar, out) << in;
  EXPECT_EQ(P(R"({"NS":["1.0","2e1","-0.50"]})").members, (std::vector<std::string>{"1", "20", "-0.5"}));
}

// ---- Validation messages ----------------------------------------------------------------------

TEST(AttributeValueParse, ValidationMessages) {
  const std::pair<const char*, std::string> cases[] = {
      {R"({"SS":[]})", validation(kInvalid + "An string set  may not be empty")},
      {R"({"NS":[]})", validation(kInvalid + "An number set  may not be empty")},
      {R"({"BS":[]})", validation(kInvalid + "Binary sets should not be empty")},
      {R"({"SS":["a","b","a"]})", validation(kInvalid + "Input collection [a, b, a] contains duplicates.")},
      {R"({"NS":["1","1.0"]})", validation("Input collection contains duplicates")},
      {R"({"BS":["YQ==","YQ=="]})", validation(kInvalid + "Input collection [YQ==, YQ==]of type BS contains duplicates.")},
      {R"({"NULL":false})", validation(kInvalid + "Null attribute value types must have the value of true")},
      {R"({"S":"a","N":"1"})",
       validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")},
      {R"({})", validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")},
      {R"({"S":null})", validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")},
      {R"({"X":"a"})", validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")},
      {R"(null)", validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")},
      {R"({"N":"abc"})", validation("The parameter cannot be converted to a numeric value: abc")},
      {R"({"N":""})", validation("The parameter cannot be converted to a numeric value: ")},
      {R"({"NS":["1","x"]})", validation("The parameter cannot be converted to a numeric value: x")},
      {R"({"N":"1e126"})",
       validation("Number overflow. Attempting to store a number with magnitude larger than supported range")},
      {R"({"N":"1e-131"})",
       validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")},
      {R"({"N":"1234567890123456789012345678901234567891"})",
       validation("Attempting to store more than 38 significant digits in a Number")},
      {R"({"B":"abc"})",
       serialization("'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3")},
      {R"({"B":"ab!="})", serialization("'ab!=' can not be converted to a Blob: Invalid Base64 character")},
      {R"({"BS":["YQ==","Y"]})",
       serialization("'Y' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 1")},
      {R"({"S":1})", serialization("NUMBER_VALUE can not be converted to String")},
      {R"({"N":1})", serialization("NUMBER_VALUE can not be converted to String")},
      {R"({"S":true})", serialization("BOOLEAN_VALUE can not be converted to String")},
      {R"({"BOOL":"true"})", serialization("STRING_VALUE can not be converted to Boolean")},
      {R"({"NULL":"x"})", serialization("STRING_VALUE can not be converted to Boolean")},
      {R"({"S":["a"]})", serialization("Start of list found where not expected")},
      {R"({"S":{}})", serialization("Start of structure or map found where not expected.")},
      {R"({"L":{}})", serialization("Start of structure or map found where not expected.")},
      {R"({"L":"x"})", serialization("Expected list or null")},
      {R"({"SS":"x"})", serialization("Expected list or null")},
      {R"({"M":[]})", serialization("Start of list found where not expected")},
      {R"({"M":"x"})", serialization("Expected map or null")},
      {R"([])", serialization("Start of list found where not expected")},
      {R"("x")", serialization("Unexpected value type in payload")},
      // Errors inside containers surface unchanged.
      {R"({"M":{"a":{"SS":[]}}})", validation(kInvalid + "An string set  may not be empty")},
      {R"({"L":[{"S":"ok"},{"NULL":false}]})", validation(kInvalid + "Null attribute value types must have the value of true")},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(parse_error(json::parse(text)), want) << text;
}

TEST(AttributeValueParse, ParseItem) {
  Item item = parse_item(json::parse(R"({"a":{"S":"x"},"b":{"N":"02"}})"));
  EXPECT_EQ(item.size(), 2u);
  EXPECT_EQ(item.at("b").scalar, "2");
  EXPECT_EQ(error_of([] { parse_item(json::array()); }), serialization("Start of list found where not expected"));
  EXPECT_EQ(error_of([] { parse_item(json("x")); }), serialization("Expected map or null"));
  EXPECT_EQ(error_of([] { parse_item(json::parse(R"({"a":{"SS":[]}})")); }),
            validation(kInvalid + "An string set  may not be empty"));
}

TEST(AttributeValueParse, NestingLimit) {
  for (bool map : {false, true}) {
    EXPECT_NO_THROW(parse_value(wrapped(31, map))) << map;
    EXPECT_EQ(parse_error(wrapped(33, map)), validation(kNesting)) << map;
    EXPECT_EQ(parse_error(wrapped(200, map)), validation(kNesting)) << map;
  }
  // Mixed containers count alike; an item's attribute value is the top level.
  json mixed = wrapped(16, true);
  for (int i = 0; i < 17; ++i) mixed = {{"L", json::array({mixed})}};
  EXPECT_EQ(parse_error(mixed), validation(kNesting));
  EXPECT_EQ(error_of([&] { parse_item(json{{"a", wrapped(33, false)}}); }), validation(kNesting));
}

// DynamoDB counts the attribute as level 1 and rejects a leaf at level 33 (32 wraps).
TEST(AttributeValueParse, NestingLimitBoundaryMatchesDynamoDB) {
  for (bool map : {false, true}) {
    EXPECT_NO_THROW(parse_value(wrapped(31, map))) << map;
    EXPECT_EQ(parse_error(wrapped(32, map)), validation(kNesting)) << map;
  }
}

// ---- Equality -----------------------------------------------------------------------------------

TEST(AttributeValueEquality, Rules) {
  EXPECT_EQ(P(R"({"SS":["a","b","c"]})"), P(R"({"SS":["c","a","b"]})"));
  EXPECT_NE(P(R"({"SS":["a","b"]})"), P(R"({"SS":["a","b","c"]})"));
  EXPECT_NE(P(R"({"SS":["a","b"]})"), P(R"({"SS":["a","c"]})"));
  EXPECT_EQ(P(R"({"NS":["1","2.0"]})"), P(R"({"NS":["2","1.00"]})"));
  EXPECT_EQ(P(R"({"BS":["YQ==","Yg=="]})"), P(R"({"BS":["Yg==","YQ=="]})"));
  EXPECT_NE(P(R"({"SS":["YQ=="]})"), P(R"({"BS":["YQ=="]})"));  // same text, other type
  EXPECT_EQ(P(R"({"N":"1e2"})"), P(R"({"N":"100.0"})"));
  EXPECT_NE(P(R"({"N":"1"})"), P(R"({"S":"1"})"));
  EXPECT_NE(P(R"({"S":"a"})"), P(R"({"S":"A"})"));
  EXPECT_NE(P(R"({"BOOL":true})"), P(R"({"BOOL":false})"));
  EXPECT_EQ(P(R"({"NULL":true})"), AttributeValue::null());
  EXPECT_EQ(P(R"({"M":{"a":{"N":"1"},"b":{"S":"x"}}})"), P(R"({"M":{"b":{"S":"x"},"a":{"N":"1.0"}}})"));
  EXPECT_NE(P(R"({"M":{"a":{"N":"1"}}})"), P(R"({"M":{"a":{"N":"1"},"b":{"NULL":true}}})"));
  EXPECT_NE(P(R"({"L":[{"S":"a"},{"S":"b"}]})"), P(R"({"L":[{"S":"b"},{"S":"a"}]})"));  // lists keep order
  EXPECT_EQ(P(R"({"L":[{"SS":["a","b"]}]})"), P(R"({"L":[{"SS":["b","a"]}]})"));
  EXPECT_NE(P(R"({"L":[]})"), P(R"({"M":{}})"));
}

// ---- JSON output -------------------------------------------------------------------------------

TEST(AttributeValueJson, ExactWireText) {
  std::string out;
  write_json(AttributeValue::string(std::string("a\"\\\n\0\x1f\xc3\xa9", 8)), out);
  EXPECT_EQ(out, R"({"S":"a\"\\\n\u0000\u001f)" "\xc3\xa9" R"("})");
  Item item{{"b", P(R"({"B":"AP8="})")}, {"n", P(R"({"N":"-1.50"})")}, {"z", P(R"({"NULL":true})")},
            {"f", P(R"({"BOOL":false})")}, {"ns", P(R"({"NS":["2","1"]})")}, {"l", P(R"({"L":[{"M":{}}]})")}};
  out.clear();
  write_json(item, out);
  EXPECT_EQ(out, R"({"b":{"B":"AP8="},"f":{"BOOL":false},"l":{"L":[{"M":{}}]},"n":{"N":"-1.5"},"ns":{"NS":["2","1"]},)"
                 R"("z":{"NULL":true}})");
  EXPECT_EQ(to_json(item), json::parse(out));
}

TEST(AttributeValueJson, RandomValuesRoundTripThroughParse) {
  Gen gen(2024);
  for (int i = 0; i < 1000; ++i) {
    AttributeValue v = gen.value(gen.uniform(0, 5));
    json j = to_json(v);
    AttributeValue back = parse_value(j);
    ASSERT_TRUE(identical(back, v)) << j.dump();
    ASSERT_EQ(back, v);
    std::string text;
    write_json(v, text);
    ASSERT_EQ(json::parse(text), j);
  }
  Item item;
  for (int i = 0; i < 50; ++i) item.emplace(gen.text(), gen.value(3));
  EXPECT_EQ(parse_item(to_json(item)), item);
}

// ---- Base64 ------------------------------------------------------------------------------------

TEST(AttributeValueBase64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [raw, text] : vectors) {
    EXPECT_EQ(base64_encode(raw), text);
    std::string out = "junk";
    EXPECT_TRUE(base64_decode(text, out)) << text;
    EXPECT_EQ(out, raw);
  }
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string out;
  ASSERT_TRUE(base64_decode(base64_encode(all), out));
  EXPECT_EQ(out, all);
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
}

TEST(AttributeValueBase64, RandomRoundTrip) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::string raw;
    for (int n = static_cast<int>(rng() % 40); n > 0; --n) raw += static_cast<char>(rng());
    std::string text = base64_encode(raw), out;
    ASSERT_EQ(text.size(), (raw.size() + 2) / 3 * 4);
    ASSERT_TRUE(base64_decode(text, out));
    ASSERT_EQ(out, raw);
  }
}

TEST(AttributeValueBase64, RejectsInvalid) {
  for (const char* bad : {"Z", "Zg", "Zg=", "Zm9vY", "Z===", "====", "=Zg=", "Zg=a", "Zm=v", "Zg==Zg==", "Zm9v!A==",
                          "Zm9v A==", "Zm9v\nA==", "Zm9-", "Zm9_", "Zm\xc3\xa9"}) {
    std::string out;
    EXPECT_FALSE(base64_decode(bad, out)) << bad;
  }
}

// ---- Size accounting ----------------------------------------------------------------------------

TEST(AttributeValueSize, ScalarRules) {
  EXPECT_EQ(value_size(P(R"({"S":""})")), 0u);
  EXPECT_EQ(value_size(P(R"({"S":"abc"})")), 3u);
  EXPECT_EQ(value_size(P(R"({"S":"é"})")), 2u);   // UTF-8 bytes, not characters
  EXPECT_EQ(value_size(P(R"({"S":"€"})")), 3u);
  EXPECT_EQ(value_size(P(R"({"S":"😀"})")), 4u);
  EXPECT_EQ(value_size(P(R"({"B":"AAAA"})")), 3u);  // raw bytes, not base64 text
  EXPECT_EQ(value_size(P(R"({"BOOL":false})")), 1u);
  EXPECT_EQ(value_size(P(R"({"NULL":true})")), 1u);
}

TEST(AttributeValueSize, NumbersByHalfTheSignificantDigitsPlusOne) {
  const std::pair<const char*, size_t> cases[] = {
      {"0", 1},      {"-0", 1},      {"1", 2},       {"-1", 2},       {"12", 2},         {"123", 3},
      {"1234", 3},   {"12345", 4},   {"100", 2},     {"1e10", 2},     {"0.001", 2},      {"1.5", 2},
      {"10.01", 3},  {"-123.45", 4}, {"1e-130", 2},  {"9.99e125", 3}, {"1.0000001", 5},
      {"12345678901234567890123456789012345678", 20}, {"-9.9999999999999999999999999999999999999E+125", 20}};
  for (auto [text, size] : cases) EXPECT_EQ(value_size(parse_value(json{{"N", text}})), size) << text;
}

TEST(AttributeValueSize, ContainerRules) {
  EXPECT_EQ(value_size(P(R"({"SS":["a","bc"]})")), 3u);
  EXPECT_EQ(value_size(P(R"({"NS":["1","123"]})")), 5u);
  EXPECT_EQ(value_size(P(R"({"BS":["AAAA","AA=="]})")), 4u);
  EXPECT_EQ(value_size(P(R"({"M":{}})")), 3u);
  EXPECT_EQ(value_size(P(R"({"L":[]})")), 3u);
  EXPECT_EQ(value_size(P(R"({"M":{"ab":{"S":"xyz"}}})")), 3u + 2 + 3 + 1);
  EXPECT_EQ(value_size(P(R"({"L":[{"S":"xyz"},{"NULL":true}]})")), 3u + (3 + 1) + (1 + 1));
  EXPECT_EQ(value_size(P(R"({"L":[{"L":[]}]})")), 3u + 3 + 1);
  Item item = parse_item(json::parse(R"({"id":{"S":"abc"},"n":{"N":"12345"},"flag":{"BOOL":true},"l":{"L":[{"S":"xy"}]}})"));
  EXPECT_EQ(item_size(item), (2u + 3) + (1 + 4) + (4 + 1) + (1 + 3 + 3));
  EXPECT_EQ(item_size(Item{}), 0u);
}

TEST(AttributeValueSize, Monotone) {
  Gen gen(11);
  for (int i = 0; i < 500; ++i) {
    AttributeValue v = gen.value(3);
    size_t s = value_size(v);
    AttributeValue l;
    l.type = Type::L;
    l.list.push_back(v);
    ASSERT_EQ(value_size(l), s + 4);  // wrapping costs the container plus one element overhead
    l.list.push_back(v);
    ASSERT_EQ(value_size(l), 2 * s + 5);
    Item item{{"a", v}};
    size_t before = item_size(item);
    ASSERT_EQ(before, 1 + s);
    item.emplace("name", AttributeValue::string(gen.text()));
    ASSERT_GT(item_size(item), before);
  }
  // Longer strings and more significant digits never shrink.
  std::string s, digits = "1";
  size_t prev_s = 0, prev_n = value_size(AttributeValue::number(digits));
  for (int i = 0; i < 37; ++i) {
    s += "x\xc3\xa9";
    digits += static_cast<char>('1' + i % 9);
    size_t ss = value_size(AttributeValue::string(s)), ns = value_size(AttributeValue::number(digits));
    ASSERT_EQ(ss, prev_s + 3);
    ASSERT_GE(ns, prev_n);
    ASSERT_LE(ns, prev_n + 1);
    prev_s = ss;
    prev_n = ns;
  }
  EXPECT_EQ(prev_n, 20u);  // 38 digits
}

}  // namespace
}  // namespace dynarock::model
