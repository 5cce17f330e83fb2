// The stream log through the engine: records in the item's batch, watermark, shard rotation,
// lineage across a reopen, and sequence-number text.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/engine.h"

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
  t.extra["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", view}};
  t.extra["LatestStreamLabel"] = "2026-01-01T00:00:00.000";
  t.extra["LatestStreamArn"] = t.arn() + "/stream/2026-01-01T00:00:00.000";
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

}  // namespace
}  // namespace dynarock::engine
