// The stream log through the engine: records in the item's batch, watermark, shard rotation,
// lineage across a reopen, and sequence-number text; the stream writer on its own: TTL origin,
// a write abandoned before commit, the catalog hook.
#include <gtest/gtest.h>

#include <rocksdb/db.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "engine/engine.h"
#include "engine/stream_log.h"
#include "engine/writers/writer.h"
#include "engine_test_support.h"

namespace dynarock::engine {
namespace {

using model::AttributeValue;
using model::Item;
using model::TableInfo;
using Action = Decision::Action;

TableInfo stream_table(const std::string& view) {
  TableInfo t;
  t.name = "s";
  t.key.hash = {"pk", model::Type::S};
  t.stream = {true, view, "2026-01-01T00:00:00.000"};
  return t;
}

void put(Engine& e, const TableInfo& t, const std::string& pk, const std::string& v) {
  model::PrimaryKey key{AttributeValue::string(pk), std::nullopt};
  e.mutate(t, key, [&](const Item*) {
    Decision d;
    d.action = Action::put;
    d.item = {{"pk", AttributeValue::string(pk)}, {"v", AttributeValue::string(v)}};
    return d;
  });
}

TEST(StreamLog, SequenceText) {
  EXPECT_EQ(sequence_text(42), "000000000000000000042");
  uint64_t v = 0;
  EXPECT_TRUE(parse_sequence("000000000000000000042", v));
  EXPECT_EQ(v, 42u);
  EXPECT_FALSE(parse_sequence("42", v));                      // shorter than 21
  EXPECT_FALSE(parse_sequence("00000000000000000004x", v));   // not a number
  EXPECT_FALSE(parse_sequence(std::string(40, '9'), v));      // beyond 64 bits
}

TEST(StreamLog, RecordsFollowWritesAndSkipNoOps) {
  Options o;
  o.in_memory = true;
  auto e = Engine::open(o);
  auto t = e->create_table(stream_table("OLD_IMAGE"));
  put(*e, *t, "a", "1");
  put(*e, *t, "a", "1");  // unchanged: no record
  put(*e, *t, "a", "2");
  auto streams = e->streams().list_streams("");
  ASSERT_EQ(streams.size(), 1u);
  auto records = e->streams().read_records(streams[0].id, 0, UINT64_MAX, 100, 1 << 20);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].event, StreamEvent::insert);
  EXPECT_FALSE(records[0].old_image);
  EXPECT_FALSE(records[0].new_image);  // OLD_IMAGE keeps no new image
  EXPECT_EQ(records[1].event, StreamEvent::modify);
  EXPECT_EQ(records[1].old_image->at("v").scalar, "1");
  EXPECT_LT(records[0].seq, records[1].seq);
  EXPECT_EQ(e->streams().watermark(), records[1].seq);
}

TEST(StreamLog, ShardsRotateAndSurviveReopen) {
  auto dir = std::filesystem::temp_directory_path() / ("dynarock-stream-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  Options o;
  o.path = dir.string();
  o.streams.shard_max_records = 2;
  uint64_t last = 0;
  {
    auto e = Engine::open(o);
    auto t = e->create_table(stream_table("KEYS_ONLY"));
    for (int i = 0; i < 5; ++i) put(*e, *t, "k" + std::to_string(i), "x");
    auto s = e->streams().list_streams("")[0];
    ASSERT_EQ(s.shards.size(), 3u);
    EXPECT_EQ(s.shards[1].parent, s.shards[0].id);
    EXPECT_EQ(*s.shards[0].end_seq + 1, s.shards[1].start_seq);
    EXPECT_FALSE(s.shards[2].end_seq);
    last = e->streams().watermark();
  }
  {
    auto e = Engine::open(o);
    auto s = e->streams().list_streams("")[0];
    ASSERT_EQ(s.shards.size(), 3u);
    EXPECT_EQ(s.shards[2].parent, s.shards[1].id);
    EXPECT_EQ(e->streams().watermark(), last);
    auto t = e->find_table("", "s");
    put(*e, *t, "k9", "x");  // the open shard already holds one record: this one fills it
    s = e->streams().list_streams("")[0];
    EXPECT_EQ(s.shards.size(), 3u);
    auto records = e->streams().read_records(s.id, 0, UINT64_MAX, 100, 1 << 20);
    ASSERT_EQ(records.size(), 6u);
    EXPECT_GT(records.back().seq, last);
  }
  std::filesystem::remove_all(dir);
}

// The writer by itself, over a bare Storage: what a TTL sweep (Origin::ttl) records, and that a
// batch that never commits still releases its sequence number (the watermark does not stall).
TEST(StreamWriter, TtlOriginAndAbandonedBatches) {
  test::TempDir dir;
  Options o;
  o.path = dir.path();
  Storage storage(o);
  StreamLog log(storage, o.streams);
  auto writer = writers::make_stream_writer(log);
  TableInfo t = stream_table("NEW_AND_OLD_IMAGES");
  t.id = 7;
  {
    rocksdb::WriteBatch batch;
    writer->table_changed(batch, nullptr, &t);
    storage.write(batch, "create");
  }
  model::PrimaryKey key{AttributeValue::string("a"), std::nullopt};
  Item old{{"pk", AttributeValue::string("a")}, {"v", AttributeValue::string("1")}};
  {
    writers::Commit commit;
    writers::Change change{t, key, "item-key"};
    change.existed = true;
    change.old = &old;
    change.origin = writers::Origin::ttl;
    writer->write(change, commit);
    ASSERT_EQ(commit.batch.Count(), 1u);
    EXPECT_EQ(log.watermark(), 0u);  // in flight: not yet readable
    storage.write(commit.batch, "write");
    commit.finish(true);
  }
  uint64_t first = log.watermark();
  EXPECT_GT(first, 0u);
  {
    writers::Commit commit;  // abandoned: the write "threw" before reaching RocksDB
    writers::Change change{t, key, "item-key"};
    change.next = &old;
    writer->write(change, commit);
    ASSERT_EQ(commit.batch.Count(), 1u);
  }
  EXPECT_GT(log.watermark(), first);  // released by Commit's destructor
  auto streams = log.list_streams("");
  ASSERT_EQ(streams.size(), 1u);
  auto records = log.read_records(streams[0].id, 0, UINT64_MAX, 100, 1 << 20);
  ASSERT_EQ(records.size(), 1u);  // only the committed one
  EXPECT_EQ(records[0].event, StreamEvent::remove);
  EXPECT_TRUE(records[0].by_service);
  EXPECT_EQ(records[0].old_image->at("v").scalar, "1");
  EXPECT_FALSE(records[0].new_image);

  // Disabling through the catalog hook closes the stream; a new label opens a new one.
  TableInfo off = t;
  off.stream.enabled = false;
  TableInfo again = t;
  again.stream.label = "2026-01-02T00:00:00.000";
  {
    rocksdb::WriteBatch batch;
    writer->table_changed(batch, &t, &off);
    writer->table_changed(batch, &off, &again);
    storage.write(batch, "update");
  }
  streams = log.list_streams("");
  ASSERT_EQ(streams.size(), 2u);
  EXPECT_FALSE(streams[0].enabled);
  EXPECT_TRUE(streams[1].enabled);
  EXPECT_NE(streams[0].arn, streams[1].arn);
}

// A directory whose tables never had a stream has no streams column family (older versions open
// it unchanged); the first stream creates it, and it is there after a reopen.
TEST(StreamLog, FamilyCreatedByTheFirstStream) {
  test::TempDir dir;
  Options o;
  o.path = dir.path();
  {
    auto e = Engine::open(o);
    TableInfo plain = stream_table("KEYS_ONLY");
    plain.stream = {};
    plain.name = "plain";
    e->create_table(plain);
  }
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &families).ok());
  EXPECT_EQ(std::count(families.begin(), families.end(), "streams"), 0);
  {
    auto e = Engine::open(o);
    auto t = e->create_table(stream_table("KEYS_ONLY"));
    put(*e, *t, "a", "1");
  }
  auto e = Engine::open(o);
  auto s = e->streams().list_streams("");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(e->streams().read_records(s[0].id, 0, UINT64_MAX, 100, 1 << 20).size(), 1u);
}

}  // namespace
}  // namespace dynarock::engine
