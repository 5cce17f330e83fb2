// ItemCollectionMetrics' size estimate: which bytes make up an item collection, and the GB range.
#include <gtest/gtest.h>

#include <vector>

#include "api/item_collection.h"
#include "engine/engine.h"
#include "engine_test_support.h"

namespace dynarock::api {
namespace {

using engine::test::S;
using model::Item;
using model::Type;

model::IndexInfo index(const char* name, bool global, const char* hash, const char* range, model::ProjectionType projection) {
  model::IndexInfo ix;
  ix.name = name;
  ix.global = global;
  ix.key.hash = {hash, Type::S};
  if (range) ix.key.range = model::KeyElement{range, Type::S};
  ix.projection = projection;
  return ix;
}

TEST(ItemCollection, BytesAreTheItemsOfThePartitionPlusTheirLocalIndexEntries) {
  auto engine = engine::Engine::open(engine::Options{.in_memory = true});
  model::TableInfo t;
  t.name = "t";
  t.key.hash = {"pk", Type::S};
  t.key.range = model::KeyElement{"sk", Type::S};
  t.indexes.push_back(index("by_l", false, "pk", "l", model::ProjectionType::KEYS_ONLY));
  t.indexes.push_back(index("by_m", false, "pk", "m", model::ProjectionType::ALL));
  t.indexes.push_back(index("by_v", true, "v", nullptr, model::ProjectionType::ALL));  // a GSI: not in the collection
  model::TablePtr table = engine->create_table(t);
  auto put = [&](Item item) { engine->put(*table, {item["pk"], item["sk"]}, &item); };
  put({{"pk", S("p")}, {"sk", S("a")}, {"l", S("x")}, {"v", S("vv")}});  // 11 bytes; by_l keys pk, sk, l: 8
  put({{"pk", S("p")}, {"sk", S("b")}, {"m", S("y")}});                  // 8 bytes; by_m all: 8
  put({{"pk", S("q")}, {"sk", S("a")}, {"l", S("x")}, {"m", S("y")}});   // another collection
  EXPECT_EQ(collection_bytes(*engine, *table, S("p")), 11u + 8u + 8u + 8u);
  EXPECT_EQ(collection_bytes(*engine, *table, S("none")), 0u);

  shapes::ItemCollectionMetrics m = collection_metrics(*engine, *table, S("q"));
  ASSERT_TRUE(m.ItemCollectionKey.has_value());
  EXPECT_EQ(m.ItemCollectionKey->size(), 1u);
  EXPECT_EQ(m.ItemCollectionKey->at("pk").scalar, "q");
  EXPECT_EQ(m.SizeEstimateRangeGB, (std::vector<double>{0.0, 1.0}));
}

TEST(ItemCollection, SizeEstimateIsWholeGigabytesAround) {
  const size_t gb = size_t{1} << 30;
  EXPECT_EQ(size_estimate_gb(0), (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(size_estimate_gb(gb - 1), (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(size_estimate_gb(gb), (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(size_estimate_gb(9 * gb + 12345), (std::vector<double>{9.0, 10.0}));
}

TEST(ItemCollection, ReportedOnlyForSizeOnTablesWithALocalIndex) {
  model::TableInfo t;
  t.key.hash = {"pk", Type::S};
  EXPECT_FALSE(reports_collection(std::string("SIZE"), t));
  t.indexes.push_back(index("g", true, "v", nullptr, model::ProjectionType::ALL));
  EXPECT_FALSE(reports_collection(std::string("SIZE"), t));
  t.indexes.push_back(index("l", false, "pk", "l", model::ProjectionType::ALL));
  EXPECT_TRUE(reports_collection(std::string("SIZE"), t));
  EXPECT_FALSE(reports_collection(std::string("NONE"), t));
  EXPECT_FALSE(reports_collection(std::nullopt, t));
}

}  // namespace
}  // namespace dynarock::api
