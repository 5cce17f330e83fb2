// Export and import formats: Ion text both ways, CSV, the S3 folder's key rules and compression.
#include <gtest/gtest.h>

#include "api/item_formats.h"
#include "api/s3_folder.h"

namespace dynarock::api {
namespace {

using model::AttributeValue;

model::Item sample() {
  nlohmann::json j = {{"s", {{"S", "quote \" back\\slash\nnew \xc3\xa9"}}},
                      {"n", {{"N", "-12.5E+30"}}},
                      {"i", {{"N", "7"}}},
                      {"b", {{"B", "AAEC/w=="}}},
                      {"t", {{"BOOL", false}}},
                      {"z", {{"NULL", true}}},
                      {"ss", {{"SS", {"a", "b"}}}},
                      {"ns", {{"NS", {"1", "0.25"}}}},
                      {"bs", {{"BS", {"AA==", "AQ=="}}}},
                      {"m", {{"M", {{"l", {{"L", {{{"S", "x"}}, {{"M", nlohmann::json::object()}}}}}}}}}},
                      {"field with space", {{"S", "v"}}}};
  return model::parse_item(j);
}

TEST(ItemFormats, IonRoundTripsEveryType) {
  model::Item item = sample();
  std::string line = "$ion_1_0 {Item:";
  formats::write_ion(item, line);
  line += "}";
  model::Item back = formats::parse_ion_line(line);
  EXPECT_EQ(model::to_json(back), model::to_json(item)) << line;
}

TEST(ItemFormats, IonReadsHandWrittenText) {
  model::Item item = formats::parse_ion_line(
      "{ Item: { 'pk': \"a\\x41\\u00e9\", n: 12., d: 1.5d-3, f: 150e-2, /* note */ list: [1, true, null.string], "
      "s: $dynamodb_SS::[\"x\"] } } // trailing comment");
  EXPECT_EQ(item.at("pk").scalar, "aA\xc3\xa9");
  EXPECT_EQ(item.at("n").scalar, "12");
  EXPECT_EQ(model::to_json(item.at("d")), nlohmann::json({{"N", "0.0015"}}));
  EXPECT_EQ(model::to_json(item.at("f")), nlohmann::json({{"N", "1.5"}}));
  EXPECT_EQ(item.at("list").list.size(), 3u);
  EXPECT_EQ(item.at("list").list[2].type, model::Type::NUL);
  EXPECT_EQ(item.at("s").type, model::Type::SS);
}

TEST(ItemFormats, MalformedLinesThrow) {
  EXPECT_ANY_THROW(formats::parse_ion_line("{Item:{a:\"unterminated}}"));
  EXPECT_ANY_THROW(formats::parse_ion_line("{Other:{}}"));
  EXPECT_ANY_THROW(formats::parse_ion_line("{Item:{a:1}} {Item:{}}"));
  EXPECT_ANY_THROW(formats::parse_dynamodb_json_line("{\"Item\": [1]}"));
  EXPECT_ANY_THROW(formats::parse_dynamodb_json_line("{\"Item\": {\"a\": {\"N\": \"x\"}}}"));
  EXPECT_ANY_THROW(formats::parse_dynamodb_json_line("not json"));
}

TEST(ItemFormats, CsvQuotingAndLineEnds) {
  auto rows = formats::parse_csv("a,\"b,\"\"c\"\"\",\r\n\n1,2,3", ',');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b,\"c\"", ""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_ANY_THROW(formats::parse_csv("a,\"open", ','));
  EXPECT_EQ(formats::parse_csv("x|y", '|')[0], (std::vector<std::string>{"x", "y"}));
}

TEST(S3Folder, KeysStayInsideTheBucket) {
  EXPECT_TRUE(s3::valid_key("a/b/c.json.gz"));
  EXPECT_FALSE(s3::valid_key("../etc/passwd"));
  EXPECT_FALSE(s3::valid_key("a/./b"));
  EXPECT_FALSE(s3::valid_key("/abs"));
  EXPECT_FALSE(s3::valid_key("a//b"));
  EXPECT_FALSE(s3::valid_key(""));
}

TEST(S3Folder, GzipRoundTripAndCorruptInput) {
  std::string text(100000, 'x');
  text += "tail";
  EXPECT_EQ(s3::gunzip(s3::gzip(text)), text);
  EXPECT_ANY_THROW(s3::gunzip("definitely not gzip"));
  std::string packed = s3::gzip(text);
  EXPECT_ANY_THROW(s3::gunzip(packed.substr(0, packed.size() / 2)));
  EXPECT_ANY_THROW(s3::unzstd("not zstd"));
  EXPECT_EQ(s3::md5_base64(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

}  // namespace
}  // namespace dynarock::api
