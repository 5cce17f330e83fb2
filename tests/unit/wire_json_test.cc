// The wire document requests are read from: strict JSON accepted and refused exactly as the
// reference parser (nlohmann) does, strings unescaped, members in order with the last of a
// repeated name found, and a parsed body costing a few bytes per input byte.
#include "model/wire_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dynarock::wire {
namespace {

bool accepted(const std::string& text) { return Document::parse(text).has_value(); }

TEST(WireJson, AcceptsAndRefusesAsTheReferenceParser) {
  const std::vector<std::string> texts = {
      "{}", "[]", " { \"a\" : [ 1 , -2.5e+3 , true , false , null , \"x\" ] } ", "0", "-0", "1E5", "\"s\"",
      "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]",
      "[+1]", "[1 2]", "{\"a\":1 \"b\":2}", "[tru]", "[nul]", "[True]", "{} {}", "{}x", "[\"\\x\"]", "[\"\\u12\"]",
      "[\"\\uD800\"]", "[\"\\uDC00\"]", "[\"\\uD800\\u0041\"]", "[\"\\uD83D\\uDE00\"]", "[\"tab\there\"]",
      "[\"\xc3\xa9\"]", "[\"\xc3\"]", "[\"\xc0\x80\"]", "[\"\xed\xa0\x80\"]", "[\"\xf4\x90\x80\x80\"]",
      "[\"\xe2\x82\xac\"]", "[\"\xf0\x9f\x98\x80\"]", "[\"\\u0000\"]", "", "   ", "[", "]", "{\"a\":[}]",
      "\"unterminated", "[1e400]", "[-9223372036854775809]", "[18446744073709551616]"};
  for (const std::string& t : texts) {
    bool reference = !nlohmann::json::parse(t, nullptr, false).is_discarded();
    EXPECT_EQ(accepted(t), reference) << t;
  }
}

TEST(WireJson, ANulByteAfterTheValueIsRefused) {
  // The reference parser takes a NUL byte as the end of its input; strict JSON does not.
  EXPECT_FALSE(accepted(std::string("{}\0junk", 7)));
  EXPECT_FALSE(accepted(std::string("[1]\0", 4)));
  EXPECT_TRUE(accepted("[\"\\u0000\"]"));
}

TEST(WireJson, ReadsStringsNumbersAndLiterals) {
  auto doc = Document::parse(R"({"s":"a\"b\\c\/\n\u00e9\ud83d\ude00","n":-12,"f":2.5e1,"t":true,"z":null,"big":9223372036854775808})");
  ASSERT_TRUE(doc);
  Value r = doc->root();
  EXPECT_EQ(r.find("s").text(), "a\"b\\c/\n\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_TRUE(r.find("n").is_number_integer());
  EXPECT_EQ(r.find("n").integer(), -12);
  EXPECT_TRUE(r.find("f").is_number_float());
  EXPECT_DOUBLE_EQ(r.find("f").number(), 25.0);
  EXPECT_TRUE(r.find("t").boolean());
  EXPECT_TRUE(r.find("z").is_null());
  // Past int64 but within uint64: neither a signed integer nor a fraction.
  EXPECT_FALSE(r.find("big").is_number_integer());
  EXPECT_FALSE(r.find("big").is_number_float());
  EXPECT_FALSE(r.find("missing").exists());
  EXPECT_FALSE(r.find("missing").is_null());
}

TEST(WireJson, MembersInOrderAndTheLastOfARepeatedName) {
  auto doc = Document::parse(R"({"b":1,"a":{"x":[1,[2,3],{"y":4}]},"b":2,"c":[]})");
  ASSERT_TRUE(doc);
  Value r = doc->root();
  EXPECT_EQ(r.size(), 4u);
  std::vector<std::string> keys;
  for (auto it = r.begin(); it != r.end(); ++it) keys.emplace_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "a", "b", "c"}));
  EXPECT_EQ(r.find("b").integer(), 2);
  Value x = r.find("a").find("x");
  ASSERT_EQ(x.size(), 3u);
  std::vector<std::string> kinds;
  for (const Value& e : x) kinds.push_back(e.is_array() ? "array" : e.is_object() ? "object" : "number");
  EXPECT_EQ(kinds, (std::vector<std::string>{"number", "array", "object"}));
  EXPECT_EQ(r.find("c").size(), 0u);
  EXPECT_TRUE(r.find("c").begin() == r.find("c").end());
}

TEST(WireJson, NestingIsBounded) {
  std::string ok = std::string(Document::kMaxDepth, '[') + std::string(Document::kMaxDepth, ']');
  std::string deep = "[" + ok + "]";
  EXPECT_TRUE(accepted(ok));
  EXPECT_FALSE(accepted(deep));
}

TEST(WireJson, AnOwnedTextSurvivesAMove) {
  auto doc = Document::parse_copy("{\"k\":\"v\"}");
  ASSERT_TRUE(doc);
  Document moved = std::move(*doc);
  EXPECT_EQ(moved.root().find("k").text(), "v");
}

TEST(WireJson, AWideBodyCostsAFewBytesPerInputByte) {
  std::string text = "[";
  for (int i = 0; i < 100000; ++i) text += i ? ",{\"N\":\"1\"}" : "{\"N\":\"1\"}";
  text += "]";
  auto doc = Document::parse(text);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->root().size(), 100000u);
  // Three nodes of 8 bytes per 10-byte element.
  EXPECT_LE(doc->footprint(), 3 * text.size());
}

}  // namespace
}  // namespace dynarock::wire
