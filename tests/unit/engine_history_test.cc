// Table copies and point-in-time history: a copy is a snapshot, a restore rebuilds indexes and
// counts, the change log replays to any instant, and compaction folds old history into the base
// without changing what a restore inside the window gives.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>

#include "engine/engine.h"
#include "engine/history.h"
#include "engine_test_support.h"
#include "model/error.h"

namespace dynarock::engine {
namespace {

using model::Item;
using model::TableInfo;
using model::TablePtr;
using test::S;

TableInfo table_info(const std::string& name) {
  TableInfo t;
  t.name = name;
  t.key.hash.name = "pk";
  t.key.hash.type = model::Type::S;
  model::IndexInfo ix;
  ix.name = "g";
  ix.key.hash.name = "g";
  ix.key.hash.type = model::Type::S;
  t.indexes.push_back(ix);
  return t;
}

Item item(const std::string& pk, const std::string& g) { return {{"pk", S(pk)}, {"g", S(g)}}; }
model::PrimaryKey key(const std::string& pk) { return {S(pk), std::nullopt}; }

void put(Engine& e, const TableInfo& t, const std::string& pk, const std::string& g) {
  Item i = item(pk, g);
  e.put(t, key(pk), &i);
}

std::map<std::string, std::string> contents(Engine& e, const TableInfo& t) {
  std::map<std::string, std::string> out;
  ReadSpec spec;
  spec.table = &t;
  e.read(spec, [&](Item&& i) {
    out[i.at("pk").scalar] = i.at("g").scalar;
    return true;
  });
  return out;
}

TableInfo restored(const TableInfo& source, const std::string& name) {
  TableInfo t = table_info(name);
  t.pitr = {};
  (void)source;
  return t;
}

TEST(History, MicrosStrictlyIncrease) {
  int64_t a = history::next_micros(), b = history::next_micros();
  EXPECT_LT(a, b);
}

TEST(History, LogKeysSortByTime) {
  std::string item_key("\x00\x00\x00\x07rest", 8);
  EXPECT_LT(history::log_key(9, 100, item_key), history::log_key(9, 101, item_key));
  EXPECT_LT(history::log_key(9, 100, item_key), history::log_bound(9, 100));
  EXPECT_GT(history::log_key(9, 101, item_key), history::log_bound(9, 100));
}

TEST(TableCopy, CopyIsASnapshotAndRestoreBuildsIndexes) {
  Options o;
  o.in_memory = true;
  auto e = Engine::open(o);
  TablePtr t = e->create_table(table_info("t"));
  put(*e, *t, "a", "x");
  put(*e, *t, "b", "y");
  TableStats stats;
  uint32_t copy = e->copy_items(*t, stats);
  EXPECT_EQ(stats.item_count, 2u);
  put(*e, *t, "c", "x");
  RestoreSource src;
  src.copy_id = copy;
  TablePtr r = e->restore_table(restored(*t, "r"), src);
  EXPECT_EQ(contents(*e, *r), (std::map<std::string, std::string>{{"a", "x"}, {"b", "y"}}));
  EXPECT_EQ(e->table_stats(*r).item_count, 2u);
  EXPECT_EQ(e->index_stats(r->indexes[0]).item_count, 2u);
  EXPECT_THROW(e->restore_table(restored(*t, "r"), src), ApiError);
}

TEST(History, RestoreAtAnyInstantAndAfterCompaction) {
  Options o;
  o.in_memory = true;
  auto e = Engine::open(o);
  TablePtr t = e->create_table(table_info("t"));
  put(*e, *t, "a", "0");
  t = e->set_point_in_time_recovery(*t, true, 1);
  ASSERT_TRUE(t->pitr.enabled);
  ASSERT_GT(t->pitr.earliest, 0);
  put(*e, *t, "a", "1");
  int64_t t1 = history::next_micros();
  put(*e, *t, "b", "2");
  e->put(*t, key("a"), nullptr);
  int64_t t2 = history::next_micros();

  auto restore_at = [&](const std::string& name, int64_t micros) {
    RestoreSource src{t->pitr.base_id, t->pitr.log_id, micros};
    return contents(*e, *e->restore_table(restored(*t, name), src));
  };
  using M = std::map<std::string, std::string>;
  EXPECT_EQ(restore_at("r1", t1), (M{{"a", "1"}}));
  EXPECT_EQ(restore_at("r2", t2), (M{{"b", "2"}}));

  // Compaction with a clock two days on folds everything into the base: the latest state stays.
  double later = static_cast<double>(t2) / 1e6 + 2 * 86400;
  e->compact_history(later);
  EXPECT_EQ(restore_at("r3", t2), (M{{"b", "2"}}));
  // Compaction as of now folds nothing (all history is inside the 1-day window).
  put(*e, *t, "c", "3");
  int64_t t3 = history::next_micros();
  e->put(*t, key("c"), nullptr);
  e->compact_history(static_cast<double>(history::next_micros()) / 1e6);
  EXPECT_EQ(restore_at("r4", t3), (M{{"b", "2"}, {"c", "3"}}));

  t = e->set_point_in_time_recovery(*t, false, 1);
  EXPECT_FALSE(t->pitr.enabled);
}

TEST(History, ReadAtAndChangesForExports) {
  Options o;
  o.in_memory = true;
  auto e = Engine::open(o);
  TablePtr t = e->create_table(table_info("t"));
  put(*e, *t, "keep", "0");
  put(*e, *t, "gone", "0");
  put(*e, *t, "upd", "0");
  t = e->set_point_in_time_recovery(*t, true, 1);
  int64_t t0 = history::next_micros();
  put(*e, *t, "upd", "1");
  put(*e, *t, "new", "1");
  e->put(*t, key("gone"), nullptr);
  put(*e, *t, "brief", "1");
  e->put(*t, key("brief"), nullptr);
  int64_t t1 = history::next_micros();
  put(*e, *t, "later", "2");

  using M = std::map<std::string, std::string>;
  auto at = [&](int64_t micros) {
    M out;
    e->read_at(*t, micros, [&](Item&& i) {
      out[i.at("pk").scalar] = i.at("g").scalar;
      return true;
    });
    return out;
  };
  EXPECT_EQ(at(t0), (M{{"keep", "0"}, {"gone", "0"}, {"upd", "0"}}));
  EXPECT_EQ(at(t1), (M{{"keep", "0"}, {"upd", "1"}, {"new", "1"}}));
  EXPECT_EQ(at(history::next_micros()), contents(*e, *t));

  std::map<std::string, std::pair<std::string, std::string>> changes;  // pk -> (old g, new g), "-" when absent
  e->read_changes(*t, t0, t1, [&](int64_t micros, const Item* before, const Item* after) {
    EXPECT_GT(micros, t0);
    EXPECT_LT(micros, t1);
    const Item* any = after ? after : before;
    changes[any->at("pk").scalar] = {before ? before->at("g").scalar : "-", after ? after->at("g").scalar : "-"};
  });
  using C = std::map<std::string, std::pair<std::string, std::string>>;
  EXPECT_EQ(changes, (C{{"upd", {"0", "1"}}, {"new", {"-", "1"}}, {"gone", {"0", "-"}}}));
}

TEST(History, SurvivesRestart) {
  test::TempDir dir;
  Options o;
  o.path = dir.path();
  TableInfo t;
  int64_t t1 = 0;
  {
    auto e = Engine::open(o);
    TablePtr p = e->create_table(table_info("t"));
    p = e->set_point_in_time_recovery(*p, true, 35);
    put(*e, *p, "a", "1");
    t1 = history::next_micros();
    put(*e, *p, "a", "2");
    t = *p;
  }
  auto e = Engine::open(o);
  TablePtr p = e->find_table("", "t");
  ASSERT_TRUE(p && p->pitr.enabled);
  EXPECT_EQ(p->pitr.period_days, 35);
  RestoreSource src{p->pitr.base_id, p->pitr.log_id, t1};
  TablePtr r = e->restore_table(restored(t, "r"), src);
  EXPECT_EQ(contents(*e, *r), (std::map<std::string, std::string>{{"a", "1"}}));
}

}  // namespace
}  // namespace dynarock::engine
