// TTL in the engine: the expiry entry codec (order, parts, clamping), which values expire, the TTL
// writer keeping exactly one entry per expiring item (moved, removed, never for other types), the
// sweep deleting through the normal path (counts, index entries), and the TTL backfill.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "engine/counts.h"
#include "engine/engine.h"
#include "engine/expiry.h"
#include "engine_test_support.h"

namespace dynarock::engine {
namespace {

using model::Item;
using model::TableInfo;
using model::TablePtr;
using model::Type;
using test::N;
using test::S;
using test::TempDir;
using Action = Decision::Action;

TEST(ExpiryCodec, EntriesSortByTableThenSecondThenItem) {
  std::vector<std::string> keys = {
      expiry::entry_key(1, 5, "b"), expiry::entry_key(1, 5, "a"), expiry::entry_key(2, 0, "a"),
      expiry::entry_key(1, 256, "a"), expiry::entry_key(1, 4102444800, "a"), expiry::entry_key(1, 0, "z")};
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> want = {keys[5], keys[1], keys[0], keys[3], keys[4], keys[2]};
  EXPECT_EQ(sorted, want);
}

TEST(ExpiryCodec, PartsRoundTrip) {
  std::string item_key("\x00\x00\x00\x07" "abc\x00\x01", 9);
  std::string e = expiry::entry_key(7, 1700000000, item_key);
  EXPECT_EQ(expiry::second_of(e), 1700000000u);
  EXPECT_EQ(expiry::item_key_of(e), item_key);
  EXPECT_EQ(e.size(), 12 + item_key.size());
}

TEST(ExpiryCodec, SecondsAreFlooredAndClamped) {
  EXPECT_EQ(expiry::entry_second(1700000000.9), 1700000000u);
  EXPECT_EQ(expiry::entry_second(-5), 0u);
  EXPECT_EQ(expiry::entry_second(1e300), uint64_t(1) << 62);
}

TEST(ExpiryCodec, OnlyNumbersCount) {
  Item item{{"n", N("1700000000.5")}, {"s", S("1700000000")}};
  model::AttributeValue set;
  set.type = Type::NS;
  set.members = {"1"};
  item["ns"] = set;
  ASSERT_TRUE(expiry::ttl_value(item, "n").has_value());
  EXPECT_DOUBLE_EQ(*expiry::ttl_value(item, "n"), 1700000000.5);
  EXPECT_FALSE(expiry::ttl_value(item, "s").has_value());
  EXPECT_FALSE(expiry::ttl_value(item, "ns").has_value());
  EXPECT_FALSE(expiry::ttl_value(item, "absent").has_value());
}

TEST(ExpiryCodec, ExpiredAtOrBeforeNowWithinFiveYears) {
  double now = 1800000000;
  EXPECT_TRUE(expiry::expired(now, now));
  EXPECT_TRUE(expiry::expired(now - 1, now));
  EXPECT_FALSE(expiry::expired(now + 0.5, now));
  EXPECT_TRUE(expiry::expired(now - expiry::kMaxAge, now));
  EXPECT_FALSE(expiry::expired(now - expiry::kMaxAge - 1, now));
  EXPECT_FALSE(expiry::may_expire(now - expiry::kMaxAge - 1, now));
  EXPECT_TRUE(expiry::may_expire(now + 1e9, now));
}

TableInfo ttl_table(bool with_index) {
  TableInfo t;
  t.name = "t";
  t.key.hash = {"pk", Type::S};
  t.ttl.enabled = true;
  t.ttl.attribute = "exp";
  if (with_index) {
    model::IndexInfo ix;
    ix.name = "g";
    ix.key.hash = {"g", Type::S};
    t.indexes.push_back(ix);
  }
  return t;
}

std::string seconds_from_now(double delta) {
  double now = expiry::now_seconds();
  return std::to_string(static_cast<long long>(now + delta));
}

// Expiry entries in a closed data directory, counted with RocksDB itself.
size_t count_entries(const std::string& path) {
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  rocksdb::ColumnFamilyOptions counts_options;
  counts_options.merge_operator = counts::merge_operator();
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  size_t expiry_index = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    families.emplace_back(names[i], names[i] == "counts" ? counts_options : rocksdb::ColumnFamilyOptions());
    if (names[i] == "expiry") expiry_index = i;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db).ok());
  size_t n = 0;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[expiry_index]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  it.reset();
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
  return n;
}

Options on_disk(const TempDir& dir) {
  Options o;
  o.path = dir.path();
  o.ttl_interval = std::chrono::milliseconds(0);  // sweeps only when the test asks
  return o;
}

Options in_memory() {
  Options o;
  o.in_memory = true;
  o.ttl_interval = std::chrono::milliseconds(0);
  return o;
}

TEST(TtlWriter, KeepsOneEntryPerExpiringItem) {
  TempDir dir;
  {
    auto engine = Engine::open(on_disk(dir));
    TablePtr t = engine->create_table(ttl_table(false));
    Item a{{"pk", S("a")}, {"exp", N(seconds_from_now(3600))}};
    Item b{{"pk", S("b")}, {"exp", S("not a number")}};
    Item c{{"pk", S("c")}, {"exp", N(seconds_from_now(-10 * expiry::kMaxAge))}};  // never expires: no entry
    Item d{{"pk", S("d")}, {"exp", N(seconds_from_now(7200))}};
    for (auto* item : {&a, &b, &c, &d}) engine->put(*t, {(*item)["pk"], {}}, item);
    // Moving a's expiry replaces its entry; removing d's attribute removes d's.
    Item a2{{"pk", S("a")}, {"exp", N(seconds_from_now(60))}};
    engine->mutate(*t, {S("a"), {}}, [&](const Item*) { return Decision{Action::put, a2}; });
    Item d2{{"pk", S("d")}};
    engine->put(*t, {S("d"), {}}, &d2);
  }
  EXPECT_EQ(count_entries(dir.path()), 1u);
  {
    auto engine = Engine::open(on_disk(dir));
    TablePtr t = engine->find_table("", "t");
    engine->put(*t, {S("a"), {}}, nullptr);
  }
  EXPECT_EQ(count_entries(dir.path()), 0u);
}

TEST(TtlWriter, NothingWhileTtlIsDisabled) {
  TempDir dir;
  {
    auto engine = Engine::open(on_disk(dir));
    TableInfo info = ttl_table(false);
    info.ttl.enabled = false;
    TablePtr t = engine->create_table(info);
    Item a{{"pk", S("a")}, {"exp", N(seconds_from_now(-5))}};
    engine->put(*t, {S("a"), {}}, &a);
    EXPECT_EQ(engine->sweep_expired(), 0u);
  }
  EXPECT_EQ(count_entries(dir.path()), 0u);
}

TEST(TtlSweep, DeletesExpiredItemsWithTheirIndexEntriesAndCounts) {
  auto engine = Engine::open(in_memory());
  TablePtr t = engine->create_table(ttl_table(true));
  for (int i = 0; i < 20; ++i) {
    std::string pk = test::name_of("k", i);
    Item item{{"pk", S(pk)}, {"g", S("x")}, {"exp", N(seconds_from_now(i < 15 ? -100 + i : 3600))}};
    engine->put(*t, {S(pk), {}}, &item);
  }
  EXPECT_EQ(engine->table_stats(*t).item_count, 20u);
  EXPECT_EQ(engine->sweep_expired(), 15u);
  EXPECT_EQ(engine->table_stats(*t).item_count, 5u);
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, 5u);
  size_t in_index = 0;
  ReadSpec spec;
  spec.table = t.get();
  spec.index = &t->indexes[0];
  engine->read(spec, [&](Item&&) { return ++in_index, true; });
  EXPECT_EQ(in_index, 5u);
  EXPECT_EQ(engine->sweep_expired(), 0u);
}

// A sweep racing updates that extend the TTL: every item is either swept (while still expired) or
// extended and kept, never both, never lost; counts stay exact.
TEST(TtlSweep, AConcurrentExtensionWins) {
  auto engine = Engine::open(in_memory());
  TablePtr t = engine->create_table(ttl_table(true));
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    std::string pk = test::name_of("k", i);
    Item item{{"pk", S(pk)}, {"g", S("x")}, {"exp", N(seconds_from_now(-60))}};
    engine->put(*t, {S(pk), {}}, &item);
  }
  std::string future = seconds_from_now(3600);
  int extended = 0;
  std::thread updater([&] {
    for (int i = n - 1; i >= 0; --i) {
      std::string pk = test::name_of("k", i);
      engine->mutate(*t, {S(pk), {}}, [&](const Item* old) {
        if (!old) return Decision{Action::keep, {}};
        Item next = *old;
        next["exp"] = N(future);
        ++extended;
        return Decision{Action::put, next};
      });
    }
  });
  size_t swept = engine->sweep_expired();
  updater.join();
  EXPECT_EQ(swept + extended, static_cast<size_t>(n));
  EXPECT_EQ(engine->sweep_expired(), 0u);
  size_t kept = 0;
  ReadSpec spec;
  spec.table = t.get();
  engine->read(spec, [&](Item&& item) {
    EXPECT_EQ(item["exp"], N(future));
    return ++kept, true;
  });
  EXPECT_EQ(kept, static_cast<size_t>(extended));
  EXPECT_EQ(engine->table_stats(*t).item_count, kept);
  EXPECT_EQ(engine->index_stats(t->indexes[0]).item_count, kept);
}

TEST(TtlBackfill, EnablingIndexesExistingItems) {
  auto engine = Engine::open(in_memory());
  TableInfo info = ttl_table(false);
  info.ttl.enabled = false;
  TablePtr t = engine->create_table(info);
  for (int i = 0; i < 100; ++i) {
    std::string pk = test::name_of("k", i);
    Item item{{"pk", S(pk)}, {"exp", N(seconds_from_now(i % 2 ? -60 : 3600))}};
    engine->put(*t, {S(pk), {}}, &item);
  }
  TableInfo next = *t;
  next.ttl.enabled = true;
  engine->update_table(next);
  size_t deleted = 0;
  for (int tries = 0; tries < 400 && deleted < 50; ++tries) {
    deleted += engine->sweep_expired();
    if (deleted < 50) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(deleted, 50u);
  EXPECT_EQ(engine->table_stats(*t).item_count, 50u);
  for (int tries = 0; tries < 400 && engine->find_table("", "t")->ttl.backfilling; ++tries)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(engine->find_table("", "t")->ttl.backfilling);
}

}  // namespace
}  // namespace dynarock::engine
