// Capacity arithmetic: the write units a change costs the table and each index, and the shapes
// ConsumedCapacity takes (CapacityUnits alone outside transactions).
#include <gtest/gtest.h>

#include <string>

#include "api/capacity.h"

using namespace dynarock;
using model::AttributeValue;
using model::Item;
using model::Type;

namespace {

AttributeValue S(std::string v) { return AttributeValue::string(std::move(v)); }

// pk/sk; a GSI on g projecting INCLUDE [proj]; an LSI on l projecting ALL.
model::TableInfo table() {
  model::TableInfo t;
  t.name = "t";
  t.key.hash = {"pk", Type::S};
  t.key.range = model::KeyElement{"sk", Type::S};
  model::IndexInfo gsi;
  gsi.name = "gsi";
  gsi.key.hash = {"g", Type::S};
  gsi.projection = model::ProjectionType::INCLUDE;
  gsi.non_key_attributes = {"proj"};
  t.indexes.push_back(gsi);
  model::IndexInfo lsi;
  lsi.name = "lsi";
  lsi.global = false;
  lsi.key.hash = {"pk", Type::S};
  lsi.key.range = model::KeyElement{"l", Type::S};
  t.indexes.push_back(lsi);
  return t;
}

Item item(std::initializer_list<std::pair<const char*, std::string>> attrs) {
  Item out{{"pk", S("p")}, {"sk", S("1")}};
  for (const auto& [name, value] : attrs) out[name] = S(value);
  return out;
}

}  // namespace

TEST(Capacity, UnitsRoundUpWithAMinimum) {
  EXPECT_EQ(api::read_units(0, false), 0.5);
  EXPECT_EQ(api::read_units(4096, true), 1.0);
  EXPECT_EQ(api::read_units(4097, true), 2.0);
  EXPECT_EQ(api::write_units(0), 1.0);
  EXPECT_EQ(api::write_units(1024), 1.0);
  EXPECT_EQ(api::write_units(1025), 2.0);
}

TEST(Capacity, AnIndexIsChargedOnTheChangeToItsEntry) {
  const model::TableInfo t = table();
  const Item in_both = item({{"g", "G"}, {"l", "L"}, {"proj", "p"}});
  // Insert: each index the item joins.
  api::Consumed c = api::write_consumed(t, nullptr, &in_both);
  EXPECT_EQ(c.table, 1.0);
  EXPECT_EQ(c.indexes, (std::map<std::string, double>{{"gsi", 1.0}, {"lsi", 1.0}}));
  // Identical overwrite: the table only.
  c = api::write_consumed(t, &in_both, &in_both);
  EXPECT_TRUE(c.indexes.empty());
  // An attribute outside the GSI's projection: the LSI (ALL) changes, the GSI does not.
  Item other = in_both;
  other["x"] = S("x");
  c = api::write_consumed(t, &in_both, &other);
  EXPECT_EQ(c.indexes, (std::map<std::string, double>{{"lsi", 1.0}}));
  // A moved GSI key: a delete and an insert.
  Item moved = in_both;
  moved["g"] = S("H");
  EXPECT_EQ(api::write_consumed(t, &in_both, &moved).indexes.at("gsi"), 2.0);
  // Deleting, and deleting what no index holds.
  EXPECT_EQ(api::write_consumed(t, &in_both, nullptr).total(), 3.0);
  const Item plain = item({});
  EXPECT_EQ(api::write_consumed(t, &plain, nullptr).total(), 1.0);
  EXPECT_EQ(api::write_consumed(t, nullptr, nullptr).total(), 1.0);
}

TEST(Capacity, EachArmIsSizedOnItsOwnImage) {
  const model::TableInfo t = table();
  const Item big = item({{"g", "A"}, {"proj", std::string(1500, 'x')}, {"y", std::string(3000, 'y')}});
  Item moved = big;
  moved["g"] = S("B");
  api::Consumed c = api::write_consumed(t, &big, &moved);
  EXPECT_EQ(c.table, 5.0);              // the 4.5 KB item
  EXPECT_EQ(c.indexes.at("gsi"), 4.0);  // a 1.5 KB entry out, a 1.5 KB entry in
  Item shrunk = big;
  shrunk["proj"] = S("p");
  EXPECT_EQ(api::write_consumed(t, &big, &shrunk).indexes.at("gsi"), 2.0);  // the larger entry
}

TEST(Capacity, ShapesLabelUnitsOnlyInTransactions) {
  const model::TableInfo t = table();
  api::Consumed c{1.0, {{"gsi", 2.0}, {"lsi", 1.0}}};
  EXPECT_EQ(api::consumed_capacity(api::CapacityDetail::none, "t", t, c), "");
  EXPECT_EQ(api::consumed_capacity(api::CapacityDetail::total, "t", t, c), R"({"TableName":"t","CapacityUnits":4.0})");
  EXPECT_EQ(api::consumed_capacity(api::CapacityDetail::indexes, "t", t, c),
            R"({"TableName":"t","CapacityUnits":4.0,"Table":{"CapacityUnits":1.0},)"
            R"("LocalSecondaryIndexes":{"lsi":{"CapacityUnits":1.0}},"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":2.0}}})");
  EXPECT_EQ(api::consumed_capacity(api::CapacityDetail::total, "t", t, c, api::Charge::transactional_write),
            R"({"TableName":"t","CapacityUnits":4.0,"WriteCapacityUnits":4.0})");
  EXPECT_EQ(api::consumed_capacity(api::CapacityDetail::indexes, "t", t, api::Consumed{2.0, {}}, api::Charge::transactional_read),
            R"({"TableName":"t","CapacityUnits":2.0,"ReadCapacityUnits":2.0,"Table":{"ReadCapacityUnits":2.0,"CapacityUnits":2.0}})");
}

TEST(Capacity, BatchesListOneEntryPerTableInNameOrder) {
  auto b = std::make_shared<model::TableInfo>(table());
  b->name = "b";
  auto a = std::make_shared<model::TableInfo>(table());
  a->name = "a";
  api::CapacityByTable usage;
  usage.add("b", b, api::Consumed{1.0, {}});
  usage.add("arn:aws:dynamodb:us-east-1:000000000000:table/a", a, api::Consumed{0.5, {}});
  usage.add("a", a, api::Consumed{0.5, {}});
  EXPECT_EQ(usage.member(api::CapacityDetail::total, api::Charge::plain),
            R"("ConsumedCapacity":[{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/a","CapacityUnits":1.0},)"
            R"({"TableName":"b","CapacityUnits":1.0}])");
}
