// Secondary writers and what they maintain: counts (exact under concurrency, across restarts and
// the format-1 upgrade), index entries and their counts, read-free puts, idempotency tokens.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/counts.h"
#include "engine/engine.h"
#include "engine/key_codec.h"
#include "engine_test_support.h"
#include "model/decimal.h"

namespace dynarock::engine {
namespace {

using model::AttributeValue;
using test::N;
using test::S;
using test::name_of;
using test::TempDir;
using model::Item;
using model::TableInfo;
using model::TablePtr;
using model::Type;
using Action = Decision::Action;


// Table t(pk S) with GSI "g"(g S, KEYS_ONLY).
TableInfo table_info(const std::string& name, bool with_index) {
  TableInfo t;
  t.name = name;
  t.key.hash.name = "pk";
  t.key.hash.type = Type::S;
  if (with_index) {
    model::IndexInfo ix;
    ix.name = "g";
    ix.key.hash.name = "g";
    ix.key.hash.type = Type::S;
    ix.projection = model::ProjectionType::KEYS_ONLY;
    t.indexes.push_back(ix);
  }
  return t;
}

// The column families for opening a data directory with RocksDB itself: every family the
// directory has (RocksDB refuses to open a subset); the counts family needs its merge operator, or
// replaying the log stops at the first count delta.
std::vector<rocksdb::ColumnFamilyDescriptor> raw_families(const std::string& path) {
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok()) throw std::runtime_error("list families");
  rocksdb::ColumnFamilyOptions counts_options;
  counts_options.merge_operator = counts::merge_operator();
  std::vector<rocksdb::ColumnFamilyDescriptor> out;
  for (const auto& name : names) out.emplace_back(name, name == "counts" ? counts_options : rocksdb::ColumnFamilyOptions());
  return out;
}

// A data directory opened with RocksDB itself, to make it look older or newer.
struct RawDb {
  explicit RawDb(const std::string& path) {
    if (!rocksdb::DB::Open(rocksdb::DBOptions(), path, raw_families(path), &handles, &db).ok()) throw std::runtime_error("raw open");
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    delete db;
  }
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
};

// What the counts must be: a full walk of the table.
TableStats walk(Engine& engine, const TableInfo& table) {
  TableStats out;
  ReadSpec spec;
  spec.table = &table;
  engine.read(spec, [&](Item&& item) {
    ++out.item_count;
    out.size_bytes += model::item_size(item);
    return true;
  });
  return out;
}

void expect_counts(Engine& engine, const TableInfo& table) {
  TableStats want = walk(engine, table), got = engine.table_stats(table);
  EXPECT_EQ(got.item_count, want.item_count);
  EXPECT_EQ(got.size_bytes, want.size_bytes);
}

TEST(CountWriter, FollowsPutsOverwritesAndDeletes) {
  auto engine = Engine::open(Options{.in_memory = true});
  TablePtr t = engine->create_table(table_info("t", false));
  Item a{{"pk", S("a")}, {"n", N("12345")}}, a2{{"pk", S("a")}, {"s", S(std::string(100, 'x'))}}, b{{"pk", S("b")}};
  EXPECT_FALSE(engine->put(*t, {S("a"), {}}, &a).existed);
  EXPECT_EQ(engine->table_stats(*t).item_count, 1u);
  EXPECT_EQ(engine->table_stats(*t).size_bytes, model::item_size(a));
  WriteResult r = engine->put(*t, {S("a"), {}}, &a2);
  EXPECT_TRUE(r.existed);
  EXPECT_EQ(r.old_size, model::item_size(a));
  engine->mutate(*t, {S("b"), {}}, [&](const Item*) { return Decision{Action::put, b}; });
  EXPECT_EQ(engine->table_stats(*t).item_count, 2u);
  EXPECT_EQ(engine->table_stats(*t).size_bytes, model::item_size(a2) + model::item_size(b));
  // Deleting a missing item changes nothing.
  EXPECT_FALSE(engine->put(*t, {S("zz"), {}}, nullptr).existed);
  engine->put(*t, {S("a"), {}}, nullptr);
  engine->mutate(*t, {S("b"), {}}, [](const Item*) { return Decision{Action::remove, {}}; });
  EXPECT_EQ(engine->table_stats(*t).item_count, 0u);
  EXPECT_EQ(engine->table_stats(*t).size_bytes, 0u);
}

// The size a read-free put reads from the stored bytes equals DynamoDB's size of the decoded item.
TEST(CountWriter, StoredSizeMatchesItemSizeForEveryType) {
  auto engine = Engine::open(Options{.in_memory = true});
  TablePtr t = engine->create_table(table_info("t", false));
  auto set = [](Type type, std::vector<std::string> members) {
    AttributeValue v;
    v.type = type;
    v.members = std::move(members);
    return v;
  };
  AttributeValue list;
  list.type = Type::L;
  list.list = {S("a"), N("-1.50"), AttributeValue::boolean_value(true), AttributeValue::null()};
  AttributeValue map;
  map.type = Type::M;
  map.map = {{"x", N("100")}, {"y", AttributeValue::binary("bytes")}, {"l", list}};
  Item rich{{"pk", S("r")},
            {"ss", set(Type::SS, {"a", "bb"})},
            {"ns", set(Type::NS, {"1", "12345678901234567890"})},
            {"bs", set(Type::BS, {"q"})},
            {"m", map},
            {"l", list},
            {"zero", N("0")}};
  engine->put(*t, {S("r"), {}}, &rich);
  WriteResult r = engine->put(*t, {S("r"), {}}, &rich);
  EXPECT_EQ(r.old_size, model::item_size(rich));
  expect_counts(*engine, *t);
}

TEST(CountWriter, ExactUnderConcurrentWritersOnManyStripes) {
  auto engine = Engine::open(Options{.in_memory = true});
  TablePtr t = engine->create_table(table_info("t", true));
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 300; ++i) {
        // Writers overlap on keys, so the same item is created, replaced and deleted concurrently.
        std::string pk = name_of("k", (i * 7 + w) % 150);
        Item item{{"pk", S(pk)}, {"g", S(name_of("g", i % 5))}, {"pad", S(std::string(i % 40, 'p'))}};
        if (i % 5 == 4) engine->put(*t, {S(pk), {}}, nullptr);
        else if (i % 2) engine->put(*t, {S(pk), {}}, &item);
        else engine->mutate(*t, {S(pk), {}}, [&](const Item*) { return Decision{Action::put, item}; });
      }
    });
  for (auto& th : threads) th.join();
  expect_counts(*engine, *t);
  // Index counts: the KEYS_ONLY entries, one per item that has `g`.
  TableStats ix = engine->index_stats(t->indexes[0]);
  uint64_t entries = 0, bytes = 0;
  engine->scan(Range{t->indexes[0].id, true, "", "", false, ""}, [&](std::string_view, Item&& e) {
    ++entries;
    bytes += model::item_size(e);
    return true;
  });
  EXPECT_EQ(ix.item_count, entries);
  EXPECT_EQ(ix.size_bytes, bytes);
}

TEST(IndexWriter, ReadFreePutReplacesStaleEntries) {
  auto engine = Engine::open(Options{.in_memory = true});
  TablePtr t = engine->create_table(table_info("t", true));
  Item v1{{"pk", S("a")}, {"g", S("one")}}, v2{{"pk", S("a")}, {"g", S("two")}}, v3{{"pk", S("a")}};
  engine->put(*t, {S("a"), {}}, &v1);
  engine->put(*t, {S("a"), {}}, &v2);
  std::vector<Item> entries;
  auto collect = [&] {
    entries.clear();
    engine->scan(Range{t->indexes[0].id, true, "", "", false, ""}, [&](std::string_view, Item&& e) {
      entries.push_back(std::move(e));
      return true;
    });
  };
  collect();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("g"), S("two"));
  engine->put(*t, {S("a"), {}}, &v3);  // leaves the sparse index
  collect();
  EXPECT_TRUE(entries.empty());
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, 0u);
}

TEST(CountWriter, DeleteTableAndDropIndexForgetCounts) {
  auto engine = Engine::open(Options{.in_memory = true});
  TablePtr t = engine->create_table(table_info("t", true));
  Item a{{"pk", S("a")}, {"g", S("x")}};
  engine->put(*t, {S("a"), {}}, &a);
  TableInfo next = *t;
  next.indexes.clear();
  engine->update_table(next);
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, 0u);
  engine->delete_table(*t);
  EXPECT_EQ(engine->table_stats(*t).item_count, 0u);
}

TEST(CountWriter, CountsSurviveRestart) {
  TempDir dir;
  TableInfo created;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    created = *engine->create_table(table_info("t", true));
    for (int i = 0; i < 20; ++i) {
      Item item{{"pk", S(name_of("k", i))}, {"g", S("x")}};
      engine->put(created, {S(name_of("k", i)), {}}, &item);
    }
    engine->put(created, {S("k3"), {}}, nullptr);
  }
  auto engine = Engine::open(Options{.path = dir.path()});
  TablePtr t = engine->find_table("", "t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(engine->table_stats(*t).item_count, 19u);
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, 19u);
  expect_counts(*engine, *t);
}

// A directory from before maintained counts (format 1: no format version, no counts) gets its
// counts computed once on open.
TEST(CountWriter, UpgradesAFormatOneDirectory) {
  TempDir dir;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    TablePtr t = engine->create_table(table_info("t", true));
    for (int i = 0; i < 7; ++i) {
      Item item{{"pk", S(name_of("k", i))}, {"g", S("x")}};
      engine->put(*t, {S(name_of("k", i)), {}}, &item);
    }
  }
  {
    // Turn it back into format 1: no counts, no version.
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Delete(rocksdb::WriteOptions(), raw.handles[0], "format_version").ok());
    ASSERT_TRUE(raw.db->DropColumnFamily(raw.handles[4]).ok());
  }
  auto engine = Engine::open(Options{.path = dir.path()});
  TablePtr t = engine->find_table("", "t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(engine->table_stats(*t).item_count, 7u);
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, 7u);
  expect_counts(*engine, *t);
}

TEST(Storage, RefusesANewerFormat) {
  TempDir dir;
  { auto engine = Engine::open(Options{.path = dir.path()}); }
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.handles[0], "format_version", "99").ok());
  }
  try {
    Engine::open(Options{.path = dir.path()});
    FAIL() << "opened a newer format";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("format version 99"), std::string::npos) << e.what();
  }
}

std::string stored_format(const std::string& path) {
  RawDb raw(path);
  std::string value;
  if (!raw.db->Get(rocksdb::ReadOptions(), raw.handles[0], "format_version", &value).ok()) return "";
  return value;
}

// Format 3 orders partitions by DynamoDB's hash; an older directory holding items keeps the
// legacy hash its keys were written with (and its format), one without items becomes format 3.
TEST(Storage, KeepsTheLegacyHashOfAnOlderDirectoryWithItems) {
  TempDir dir;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    TablePtr t = engine->create_table(table_info("t", false));
    Item item{{"pk", S("user#1")}};
    engine->put(*t, {S("user#1"), {}}, &item);
  }
  EXPECT_EQ(stored_format(dir.path()), "3");
  EXPECT_NE(key_codec::partition_hash(S("user#1")), 0x4d4cb4b8aab096f8ull);
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.handles[0], "format_version", "2").ok());
  }
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    EXPECT_EQ(key_codec::partition_hash(S("user#1")), 0x4d4cb4b8aab096f8ull);  // the legacy hash
    // A directory of the other hash cannot be open at the same time.
    EXPECT_THROW(Engine::open(Options{.in_memory = true}), std::runtime_error);
  }
  EXPECT_EQ(stored_format(dir.path()), "2");
  EXPECT_NE(key_codec::partition_hash(S("user#1")), 0x4d4cb4b8aab096f8ull);
  auto fresh = Engine::open(Options{.in_memory = true});
  EXPECT_NE(fresh, nullptr);
}

TEST(Storage, AnOlderDirectoryWithoutItemsBecomesFormatThree) {
  TempDir dir;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    engine->create_table(table_info("t", false));
  }
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.handles[0], "format_version", "2").ok());
  }
  { auto engine = Engine::open(Options{.path = dir.path()}); }
  EXPECT_EQ(stored_format(dir.path()), "3");
}

TEST(Tokens, PersistAcrossRestartAndStayPerNamespace) {
  TempDir dir;
  {
    auto engine = Engine::open(Options{.path = dir.path()});
    auto guard = engine->lock_token("ns", "tok");
    EXPECT_FALSE(engine->find_token("ns", "tok").has_value());
    engine->remember_token("ns", "tok", "request-text");
  }
  auto engine = Engine::open(Options{.path = dir.path()});
  ASSERT_TRUE(engine->find_token("ns", "tok").has_value());
  EXPECT_EQ(*engine->find_token("ns", "tok"), "request-text");
  EXPECT_FALSE(engine->find_token("other", "tok").has_value());
}

TEST(Tokens, SameTokenCallsRunOneAtATime) {
  auto engine = Engine::open(Options{.in_memory = true});
  int inside = 0, most = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 200; ++j) {
        auto guard = engine->lock_token("", "same");
        most = std::max(most, ++inside);  // only ever touched under the token's lock
        --inside;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(most, 1);
}

}  // namespace
}  // namespace dynarock::engine
