#include "engine/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/key_codec.h"
#include "model/decimal.h"
#include "model/error.h"

namespace dynarock::engine {
namespace {

using model::AttributeValue;
using model::Item;
using model::PrimaryKey;
using model::TableInfo;
using model::TablePtr;
using model::Type;
using Action = Decision::Action;

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(std::string_view s) { return AttributeValue::number(model::Decimal::parse(s).to_string()); }

// "p<i>"; built with += since "p" + std::to_string(i) trips GCC 12's -Wrestrict (bug 105329) at -O3.
std::string p_name(int i) {
  std::string s = "p";
  s += std::to_string(i);
  return s;
}

Range range(uint32_t id, bool index, std::string lower = "", std::string upper = "", bool reverse = false,
            std::string after = "") {
  Range r;
  r.id = id;
  r.index = index;
  r.lower = std::move(lower);
  r.upper = std::move(upper);
  r.reverse = reverse;
  r.after = std::move(after);
  return r;
}

// Built field by field: brace-initialising KeySchema trips GCC 12's -Wmaybe-uninitialized at -O3.
model::KeySchema schema(const char* hash, Type hash_type, const char* range = nullptr, Type range_type = Type::S) {
  model::KeySchema k;
  k.hash.name = hash;
  k.hash.type = hash_type;
  if (range) {
    k.range.emplace();
    k.range->name = range;
    k.range->type = range_type;
  }
  return k;
}

// Table t(pk S, sk N) with GSI "gsi"(gpk S, gsk N, ALL) and GSI "status"(status S, KEYS_ONLY).
TableInfo table_info(const std::string& name, const std::string& ns = "") {
  TableInfo t;
  t.ns = ns;
  t.name = name;
  t.key = schema("pk", Type::S, "sk", Type::N);
  model::IndexInfo gsi;
  gsi.name = "gsi";
  gsi.key = schema("gpk", Type::S, "gsk", Type::N);
  model::IndexInfo status;
  status.name = "status";
  status.key = schema("status", Type::S);
  status.projection = model::ProjectionType::KEYS_ONLY;
  t.indexes = {gsi, status};
  return t;
}

struct Entry {
  std::string key;
  Item item;
};

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = Engine::open(Options{.in_memory = true});
    table_ = engine_->create_table(table_info("t"));
  }

  const model::IndexInfo& index(const char* name) { return *table_->find_index(name); }
  PrimaryKey key_of(const Item& item) { return model::key_from_item(table_->key, item); }
  PrimaryKey key(const std::string& pk, const std::string& sk) { return {S(pk), N(sk)}; }

  void put(const Item& item, const TableInfo* table = nullptr) {
    engine_->mutate(table ? *table : *table_, key_of(item), [&](const Item*) { return Decision{Action::put, item}; });
  }
  void remove(const PrimaryKey& k) {
    engine_->mutate(*table_, k, [](const Item*) { return Decision{Action::remove, {}}; });
  }
  std::vector<Entry> entries(uint32_t id, bool is_index, std::string lower = "", std::string upper = "", bool reverse = false) {
    std::vector<Entry> out;
    engine_->scan(range(id, is_index, lower, upper, reverse),
                  [&](std::string_view k, Item&& item) {
                    out.push_back({std::string(k), std::move(item)});
                    return true;
                  });
    return out;
  }
  std::vector<Entry> index_entries(const char* name) { return entries(index(name).id, true); }
  std::string gsi_key(const std::string& gpk, const std::string& gsk, const Item& item) {
    return index_entry_key(index("gsi"), {S(gpk), N(gsk)}, *table_, key_of(item));
  }

  std::unique_ptr<Engine> engine_;
  TablePtr table_;
};

TEST_F(EngineTest, CatalogAssignsDistinctIds) {
  ASSERT_NE(table_, nullptr);
  EXPECT_NE(table_->id, 0u);
  std::set<uint32_t> ids{table_->id};
  for (const auto& ix : table_->indexes) ids.insert(ix.id);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_FALSE(ids.count(0));
  EXPECT_EQ(engine_->find_table("", "t"), table_);
  EXPECT_EQ(engine_->find_table("", "missing"), nullptr);
  EXPECT_EQ(engine_->find_table("other", "t"), nullptr);
  try {
    engine_->create_table(table_info("t"));
    FAIL() << "duplicate table created";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "ResourceInUseException");
    EXPECT_EQ(e.message(), "Table already exists: t");
  }
  auto other = engine_->create_table(table_info("t", "other"));  // same name, other namespace
  EXPECT_NE(other->id, table_->id);
  engine_->create_table(table_info("a"));
  EXPECT_EQ(engine_->list_tables(""), (std::vector<std::string>{"a", "t"}));
  EXPECT_EQ(engine_->list_tables("other"), (std::vector<std::string>{"t"}));
}

TEST_F(EngineTest, PutGetRemove) {
  Item item{{"pk", S("a")}, {"sk", N("1")}, {"v", S("x")}};
  EXPECT_FALSE(engine_->get(*table_, key("a", "1")).has_value());
  put(item);
  auto got = engine_->get(*table_, key("a", "1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, item);
  EXPECT_FALSE(engine_->get(*table_, key("a", "2")).has_value());
  EXPECT_FALSE(engine_->get(*table_, key("b", "1")).has_value());

  // decide sees the current item; keep writes nothing.
  bool saw = false;
  engine_->mutate(*table_, key("a", "1"), [&](const Item* old) {
    saw = old && *old == item;
    Item changed = item;
    changed["v"] = S("ignored");
    return Decision{Action::keep, changed};
  });
  EXPECT_TRUE(saw);
  EXPECT_EQ(*engine_->get(*table_, key("a", "1")), item);

  remove(key("a", "1"));
  EXPECT_FALSE(engine_->get(*table_, key("a", "1")).has_value());
  engine_->mutate(*table_, key("a", "1"), [&](const Item* old) {
    EXPECT_EQ(old, nullptr);
    return Decision{};
  });
  EXPECT_TRUE(entries(table_->id, false).empty());
}

TEST_F(EngineTest, DecideThrowingWritesNothingAndReleasesTheLock) {
  Item item{{"pk", S("a")}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N("1")}};
  EXPECT_THROW(engine_->mutate(*table_, key("a", "1"),
                               [](const Item*) -> Decision { throw conditional_check_failed(); }),
               ApiError);
  EXPECT_FALSE(engine_->get(*table_, key("a", "1")).has_value());
  put(item);  // would deadlock if the lock were still held
  EXPECT_EQ(*engine_->get(*table_, key("a", "1")), item);
  EXPECT_EQ(index_entries("gsi").size(), 1u);
}

TEST_F(EngineTest, IndexEntriesFollowTheItem) {
  Item item{{"pk", S("a")}, {"sk", N("1")}, {"gpk", S("g1")}, {"gsk", N("10")}, {"status", S("new")}, {"v", S("x")}};
  put(item);
  auto gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);
  EXPECT_EQ(gsi[0].key, gsi_key("g1", "10", item));
  EXPECT_EQ(gsi[0].item, item);  // ALL projection
  auto status = index_entries("status");
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].item, (Item{{"pk", S("a")}, {"sk", N("1")}, {"status", S("new")}}));  // KEYS_ONLY

  // A non-key change rewrites the entry in place.
  item["v"] = S("y");
  put(item);
  gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);
  EXPECT_EQ(gsi[0].item.at("v"), S("y"));

  // Changing the index key moves the entry.
  item["gsk"] = N("20");
  put(item);
  gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);
  EXPECT_EQ(gsi[0].key, gsi_key("g1", "20", item));
  item["gpk"] = S("g2");
  put(item);
  gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);
  EXPECT_EQ(gsi[0].key, gsi_key("g2", "20", item));
  EXPECT_EQ(gsi[0].item.at("gpk"), S("g2"));

  // Dropping an index key attribute removes the entry; the other index is untouched.
  item.erase("gsk");
  put(item);
  EXPECT_TRUE(index_entries("gsi").empty());
  EXPECT_EQ(index_entries("status").size(), 1u);

  remove(key_of(item));
  EXPECT_TRUE(index_entries("gsi").empty());
  EXPECT_TRUE(index_entries("status").empty());
}

TEST_F(EngineTest, SparseIndex) {
  put({{"pk", S("none")}, {"sk", N("1")}});                                      // no index attributes
  put({{"pk", S("half")}, {"sk", N("1")}, {"gpk", S("g")}});                     // no index sort key
  put({{"pk", S("type")}, {"sk", N("1")}, {"gpk", N("1")}, {"gsk", N("1")}});    // wrong type
  put({{"pk", S("type2")}, {"sk", N("1")}, {"status", AttributeValue::null()}});  // wrong type
  EXPECT_TRUE(index_entries("gsi").empty());
  EXPECT_TRUE(index_entries("status").empty());
  put({{"pk", S("in")}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N("0")}});
  EXPECT_EQ(index_entries("gsi").size(), 1u);
  EXPECT_EQ(entries(table_->id, false).size(), 5u);
  EXPECT_EQ(engine_->index_stats(index("gsi")).item_count, 1u);
  EXPECT_EQ(engine_->table_stats(*table_).item_count, 5u);
}

TEST_F(EngineTest, IndexPartitionScansInSortKeyOrder) {
  const std::vector<std::string> gsks = {"-1e10", "-1.5", "-1", "0", "0.5", "0.50001", "1", "10", "1e10"};
  for (size_t i = 0; i < gsks.size(); ++i) {  // inserted in a scrambled order, all in partition "g"
    size_t j = (i * 4) % gsks.size();
    put({{"pk", S(p_name(j))}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N(gsks[j])}});
  }
  put({{"pk", S("other")}, {"sk", N("1")}, {"gpk", S("h")}, {"gsk", N("0")}});
  std::string lower = key_codec::partition_prefix(index("gsi").id, S("g"));
  std::string upper = key_codec::prefix_successor(lower);
  auto forward = entries(index("gsi").id, true, lower, upper);
  ASSERT_EQ(forward.size(), gsks.size());
  for (size_t i = 0; i < gsks.size(); ++i) EXPECT_EQ(forward[i].item.at("gsk"), N(gsks[i])) << i;
  auto backward = entries(index("gsi").id, true, lower, upper, true);
  ASSERT_EQ(backward.size(), gsks.size());
  for (size_t i = 0; i < gsks.size(); ++i) EXPECT_EQ(backward[i].item.at("gsk"), N(gsks[gsks.size() - 1 - i])) << i;

  // Resume strictly after a key, both directions.
  std::vector<std::string> seen;
  engine_->scan(range(index("gsi").id, true, lower, upper, false, forward[3].key),
                [&](std::string_view, Item&& item) {
                  seen.push_back(item.at("gsk").scalar);
                  return seen.size() < 2;  // stop early
                });
  EXPECT_EQ(seen, (std::vector<std::string>{"0.5", "0.50001"}));
  seen.clear();
  engine_->scan(range(index("gsi").id, true, lower, upper, true, forward[3].key),
                [&](std::string_view, Item&& item) {
                  seen.push_back(item.at("gsk").scalar);
                  return true;
                });
  EXPECT_EQ(seen, (std::vector<std::string>{"-1", "-1.5", "-10000000000"}));
}

TEST_F(EngineTest, DeleteTableRemovesItemsAndIndexEntries) {
  auto keep = engine_->create_table(table_info("keep"));
  for (int i = 0; i < 50; ++i) {
    Item item{{"pk", S(p_name(i))}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N(std::to_string(i))},
              {"status", S("s")}};
    put(item);
    put(item, keep.get());
  }
  EXPECT_EQ(engine_->table_stats(*table_).item_count, 50u);
  engine_->delete_table(*table_);
  EXPECT_EQ(engine_->find_table("", "t"), nullptr);
  EXPECT_TRUE(entries(table_->id, false).empty());
  EXPECT_TRUE(index_entries("gsi").empty());
  EXPECT_TRUE(index_entries("status").empty());
  EXPECT_EQ(engine_->table_stats(*table_).item_count, 0u);
  // The other table is untouched.
  EXPECT_EQ(engine_->table_stats(*keep).item_count, 50u);
  EXPECT_EQ(entries(keep->find_index("gsi")->id, true).size(), 50u);
  // A new table with the same name starts empty.
  auto again = engine_->create_table(table_info("t"));
  EXPECT_NE(again->id, table_->id);
  EXPECT_FALSE(engine_->get(*again, key("p1", "1")).has_value());
  EXPECT_EQ(engine_->list_tables(""), (std::vector<std::string>{"keep", "t"}));
}

TEST_F(EngineTest, TableStatsCountItemsAndBytes) {
  Item a{{"pk", S("a")}, {"sk", N("1")}, {"v", S("hello")}};
  Item b{{"pk", S("b")}, {"sk", N("22")}};
  put(a);
  put(b);
  TableStats stats = engine_->table_stats(*table_);
  EXPECT_EQ(stats.item_count, 2u);
  EXPECT_EQ(stats.size_bytes, model::item_size(a) + model::item_size(b));
}

// Thousands of concurrent writes fold the counters' merge operands many times over
// (max_successive_merges); no operand may be lost in a fold, and updates and deletes count too.
TEST_F(EngineTest, TableStatsStayExactAcrossManyConcurrentWrites) {
  constexpr int kThreads = 4, kPerThread = 500;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Item item{{"pk", S(p_name(t))}, {"sk", N(std::to_string(i))}, {"v", S("x")}};
        put(item);
        if (i % 5 == 0) put(Item{{"pk", S(p_name(t))}, {"sk", N(std::to_string(i))}, {"v", S("longer value")}});
        if (i % 10 == 0) remove(key(p_name(t), std::to_string(i)));
      }
    });
  for (auto& w : writers) w.join();
  size_t expected_bytes = 0;
  uint64_t expected_count = 0;
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kPerThread; ++i) {
      auto item = engine_->get(*table_, key(p_name(t), std::to_string(i)));
      EXPECT_EQ(item.has_value(), i % 10 != 0);
      if (item) {
        ++expected_count;
        expected_bytes += model::item_size(*item);
      }
    }
  TableStats stats = engine_->table_stats(*table_);
  EXPECT_EQ(stats.item_count, expected_count);
  EXPECT_EQ(stats.item_count, uint64_t{kThreads * kPerThread * 9 / 10});
  EXPECT_EQ(stats.size_bytes, expected_bytes);
}

TEST_F(EngineTest, GetManyReadsInOrder) {
  Item a{{"pk", S("a")}, {"sk", N("1")}};
  put(a);
  auto got = engine_->get_many({{table_, key("missing", "1")}, {table_, key("a", "1")}});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_FALSE(got[0].has_value());
  ASSERT_TRUE(got[1].has_value());
  EXPECT_EQ(*got[1], a);
}

TEST_F(EngineTest, MutateManyIsAtomic) {
  Item a{{"pk", S("a")}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N("1")}};
  Item b{{"pk", S("b")}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N("2")}};
  std::vector<Target> targets = {{table_, key("a", "1")}, {table_, key("b", "1")}};

  // A throwing decide writes nothing.
  EXPECT_THROW(engine_->mutate_many(targets,
                                    [](const std::vector<const Item*>&) -> std::vector<Decision> {
                                      throw std::runtime_error("abort");
                                    }),
               std::runtime_error);
  EXPECT_TRUE(entries(table_->id, false).empty());

  engine_->mutate_many(targets, [&](const std::vector<const Item*>& olds) {
    EXPECT_EQ(olds.size(), 2u);
    EXPECT_EQ(olds[0], nullptr);
    EXPECT_EQ(olds[1], nullptr);
    return std::vector<Decision>{{Action::put, a}, {Action::put, b}};
  });
  EXPECT_EQ(*engine_->get(*table_, key("a", "1")), a);
  EXPECT_EQ(*engine_->get(*table_, key("b", "1")), b);
  EXPECT_EQ(index_entries("gsi").size(), 2u);

  // Mixed decisions commit together; keep leaves its item alone.
  Item a2 = a;
  a2["gsk"] = N("5");
  engine_->mutate_many({{table_, key("a", "1")}, {table_, key("b", "1")}, {table_, key("c", "1")}},
                       [&](const std::vector<const Item*>& olds) {
                         EXPECT_TRUE(olds[0] && *olds[0] == a);
                         EXPECT_TRUE(olds[1] && *olds[1] == b);
                         EXPECT_EQ(olds[2], nullptr);
                         return std::vector<Decision>{{Action::put, a2}, {Action::remove, {}}, {Action::keep, {}}};
                       });
  EXPECT_EQ(*engine_->get(*table_, key("a", "1")), a2);
  EXPECT_FALSE(engine_->get(*table_, key("b", "1")).has_value());
  EXPECT_FALSE(engine_->get(*table_, key("c", "1")).has_value());
  auto gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);
  EXPECT_EQ(gsi[0].key, gsi_key("g", "5", a2));
}

TEST_F(EngineTest, MutateManyAcrossTables) {
  auto other = engine_->create_table(table_info("other"));
  Item item{{"pk", S("a")}, {"sk", N("1")}};
  engine_->mutate_many({{table_, key("a", "1")}, {other, key("a", "1")}}, [&](const std::vector<const Item*>&) {
    return std::vector<Decision>{{Action::put, item}, {Action::put, item}};
  });
  EXPECT_TRUE(engine_->get(*table_, key("a", "1")).has_value());
  EXPECT_TRUE(engine_->get(*other, key("a", "1")).has_value());
  remove(key("a", "1"));
  EXPECT_TRUE(engine_->get(*other, key("a", "1")).has_value());  // same key, other table
}

TEST_F(EngineTest, ConcurrentIncrementsLoseNoUpdate) {
  constexpr int kThreads = 8, kIncrements = 500;
  const PrimaryKey k = key("counter", "1");
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i)
        engine_->mutate(*table_, k, [](const Item* old) {
          int n = old ? std::stoi(old->at("gsk").scalar) : 0;
          // The count is also the GSI sort key, so the index entry moves on every write.
          return Decision{Action::put, Item{{"pk", S("counter")}, {"sk", N("1")}, {"gpk", S("c")},
                                            {"gsk", N(std::to_string(n + 1))}}};
        });
    });
  for (auto& th : threads) th.join();
  auto item = engine_->get(*table_, k);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->at("gsk"), N(std::to_string(kThreads * kIncrements)));
  auto gsi = index_entries("gsi");
  ASSERT_EQ(gsi.size(), 1u);  // no stale entries left behind
  EXPECT_EQ(gsi[0].item.at("gsk"), N(std::to_string(kThreads * kIncrements)));
}

TEST_F(EngineTest, ConcurrentTransfersKeepTheTotal) {
  // Transactions over two items in opposite orders: no deadlock, no lost update.
  put({{"pk", S("x")}, {"sk", N("1")}, {"gsk", N("1000")}});
  put({{"pk", S("y")}, {"sk", N("1")}, {"gsk", N("1000")}});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::vector<Target> targets = {{table_, key("x", "1")}, {table_, key("y", "1")}};
      if (t % 2) std::swap(targets[0], targets[1]);
      for (int i = 0; i < 200; ++i)
        engine_->mutate_many(targets, [&](const std::vector<const Item*>& olds) {
          std::vector<Decision> out;
          for (size_t j = 0; j < 2; ++j) {
            Item item = *olds[j];
            int n = std::stoi(item.at("gsk").scalar) + (j == 0 ? -1 : 1);
            item["gsk"] = N(std::to_string(n));
            out.push_back({Action::put, item});
          }
          return out;
        });
    });
  for (auto& th : threads) th.join();
  int x = std::stoi(engine_->get(*table_, key("x", "1"))->at("gsk").scalar);
  int y = std::stoi(engine_->get(*table_, key("y", "1"))->at("gsk").scalar);
  EXPECT_EQ(x + y, 2000);
  EXPECT_EQ(x, 1000);  // two threads move x -> y, two move y -> x, 200 times each
}

// Backfills run in the background; an index reads as complete once it is ACTIVE.
model::TablePtr wait_active(engine::Engine& e, const std::string& index_name) {
  for (int i = 0; i < 2000; ++i) {
    auto t = e.find_table("", "t");
    const auto* ix = t->find_index(index_name);
    if (ix && ix->status == "ACTIVE" && !ix->backfilling) return t;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "index " << index_name << " never became ACTIVE";
  return e.find_table("", "t");
}

TEST_F(EngineTest, UpdateTableBackfillsAndDropsIndexes) {
  for (int i = 0; i < 10; ++i) put({{"pk", S(p_name(i))}, {"sk", N("1")}, {"color", S(i % 2 ? "red" : "blue")}});
  put({{"pk", S("colourless")}, {"sk", N("1")}});
  TableInfo next = *table_;
  model::IndexInfo by_color;
  by_color.name = "color";
  by_color.key = schema("color", Type::S);
  next.indexes.push_back(by_color);
  next.indexes.erase(next.indexes.begin());  // drop "gsi"
  put({{"pk", S("g")}, {"sk", N("1")}, {"gpk", S("g")}, {"gsk", N("1")}});
  uint32_t dropped = index("gsi").id;
  ASSERT_EQ(entries(dropped, true).size(), 1u);
  table_ = engine_->update_table(next);
  EXPECT_EQ(table_->find_index("color")->status, "CREATING");
  table_ = wait_active(*engine_, "color");
  const auto* color = table_->find_index("color");
  ASSERT_NE(color, nullptr);
  EXPECT_NE(color->id, 0u);
  EXPECT_EQ(entries(color->id, true).size(), 10u);  // backfilled, sparse
  EXPECT_TRUE(entries(dropped, true).empty());
  // New writes maintain the new index.
  put({{"pk", S("p0")}, {"sk", N("1")}, {"color", S("green")}});
  auto after = entries(color->id, true);
  ASSERT_EQ(after.size(), 10u);
  size_t green = 0;
  for (const auto& e : after) green += e.item.at("color") == S("green");
  EXPECT_EQ(green, 1u);
}

TEST_F(EngineTest, EqualIndexKeysStayDistinct) {
  // Hash-only table: entries with the same index key differ by the table key.
  TableInfo info;
  info.name = "h";
  info.key = schema("id", Type::S);
  model::IndexInfo by_kind;
  by_kind.name = "kind";
  by_kind.key = schema("kind", Type::S, "rank", Type::N);
  info.indexes = {by_kind};
  auto h = engine_->create_table(info);
  for (const char* id : {"x", "y", "z"}) {
    Item item{{"id", S(id)}, {"kind", S("k")}, {"rank", N("1")}};
    engine_->mutate(*h, {S(id), std::nullopt}, [&](const Item*) { return Decision{Action::put, item}; });
  }
  auto all = entries(h->indexes[0].id, true);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].item.at("id"), S("x"));
  EXPECT_EQ(all[2].item.at("id"), S("z"));
  engine_->mutate(*h, {S("y"), std::nullopt}, [](const Item*) { return Decision{Action::remove, {}}; });
  all = entries(h->indexes[0].id, true);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].item.at("id"), S("z"));
}

TEST_F(EngineTest, BackfillDoesNotRaceWithWrites) {
  constexpr int kItems = 5000;
  for (int i = 0; i < kItems; ++i) put({{"pk", S(p_name(i))}, {"sk", N("1")}, {"c", S("a")}});
  TableInfo next = *table_;
  model::IndexInfo by_c;
  by_c.name = "c";
  by_c.key = schema("c", Type::S);
  next.indexes.push_back(by_c);
  std::atomic<bool> started{false}, done{false};
  std::thread writer([&] {
    started = true;
    for (int i = kItems - 1; i >= 0 && !done; --i) {
      auto current = engine_->find_table("", "t");  // as a request would
      engine_->mutate(*current, key(p_name(i), "1"), [](const Item* old) {
        Item item = *old;
        item["c"] = S("b");
        return Decision{Action::put, item};
      });
    }
  });
  while (!started) std::this_thread::yield();
  auto updated = engine_->update_table(next);
  writer.join();
  done = true;
  wait_active(*engine_, "c");
  EXPECT_EQ(entries(updated->find_index("c")->id, true).size(), static_cast<size_t>(kItems));
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dynarock-engine-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(EngineDurable, DataSurvivesReopen) {
  TempDir dir;
  Item item{{"pk", S("a")}, {"sk", N("1.5")}, {"gpk", S("g")}, {"gsk", N("7")}, {"bin", AttributeValue::binary(std::string("\0\xff", 2))}};
  TableInfo created;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    created = *engine->create_table(table_info("t"));
    engine->mutate(created, model::key_from_item(created.key, item), [&](const Item*) { return Decision{Action::put, item}; });
    engine->mutate(created, {S("gone"), N("1")}, [&](const Item*) {
      return Decision{Action::put, Item{{"pk", S("gone")}, {"sk", N("1")}}};
    });
    engine->mutate(created, {S("gone"), N("1")}, [](const Item*) { return Decision{Action::remove, {}}; });
  }
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    auto table = engine->find_table("", "t");
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->id, created.id);
    ASSERT_EQ(table->indexes.size(), 2u);
    EXPECT_EQ(table->indexes[0].id, created.indexes[0].id);
    EXPECT_EQ(table->indexes[1].projection, model::ProjectionType::KEYS_ONLY);
    auto got = engine->get(*table, {S("a"), N("1.5")});
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, item);
    EXPECT_FALSE(engine->get(*table, {S("gone"), N("1")}).has_value());
    std::vector<Item> gsi;
    engine->scan(range(table->indexes[0].id, true), [&](std::string_view, Item&& i) {
      gsi.push_back(std::move(i));
      return true;
    });
    ASSERT_EQ(gsi.size(), 1u);
    EXPECT_EQ(gsi[0], item);
    // Ids are never reused after a restart.
    auto second = engine->create_table(table_info("u"));
    std::set<uint32_t> ids{created.id, created.indexes[0].id, created.indexes[1].id, second->id,
                           second->indexes[0].id, second->indexes[1].id};
    EXPECT_EQ(ids.size(), 6u);
  }
}

}  // namespace
}  // namespace dynarock::engine
