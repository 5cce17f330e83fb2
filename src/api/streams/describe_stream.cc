// DescribeStream: a stream's status, view type, key schema and shards (oldest first, each with
// its sequence-number range and parent), paged by Limit / ExclusiveStartShardId; ShardFilter
// CHILD_SHARDS lists only the children of one shard.
#include <algorithm>

#include "api/streams/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api::streams {

std::string describe_stream(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* arn = get_string(req, "StreamArn");
  c.not_null(req, "StreamArn", "streamArn");
  c.length(arn, "streamArn", 37, 1024);
  auto limit = get_integer(req, "Limit");
  c.integer_range(limit, "limit", 1, std::nullopt);
  const std::string* start = get_string(req, "ExclusiveStartShardId");
  c.length(start, "exclusiveStartShardId", 28, 65);
  const Json* filter = get_object(req, "ShardFilter");
  const std::string* filter_shard = nullptr;
  if (filter) {
    c.enum_value(*filter, "Type", "shardFilter.type", {"CHILD_SHARDS"});
    filter_shard = get_string(*filter, "ShardId");
    c.length(filter_shard, "shardFilter.shardId", 28, 65);
  }
  c.finish();
  if (filter && (!filter_shard || !get_string(*filter, "Type")))
    throw validation_error("ShardFilter requires both Type and ShardId");

  engine::StreamInfo stream = require_stream(ctx, *arn);
  size_t max = static_cast<size_t>(std::min<long long>(limit.value_or(100), 100));
  Json shards = Json::array();
  bool started = !start;
  std::string last;
  bool more = false;
  for (const auto& shard : stream.shards) {
    if (!started) {
      started = shard.id == *start;
      continue;
    }
    if (filter_shard && shard.parent != *filter_shard) continue;
    if (shards.size() == max) {
      more = true;
      break;
    }
    Json range = {{"StartingSequenceNumber", engine::sequence_text(shard.start_seq)}};
    if (shard.end_seq) range["EndingSequenceNumber"] = engine::sequence_text(*shard.end_seq);
    Json s = {{"ShardId", shard.id}, {"SequenceNumberRange", range}};
    if (!shard.parent.empty()) s["ParentShardId"] = shard.parent;
    shards.push_back(std::move(s));
    last = shard.id;
  }
  Json key = Json::array({{{"AttributeName", stream.key.hash.name}, {"KeyType", "HASH"}}});
  if (stream.key.range) key.push_back({{"AttributeName", stream.key.range->name}, {"KeyType", "RANGE"}});
  Json d = {{"StreamArn", stream.arn},
            {"StreamLabel", stream.label},
            {"StreamStatus", stream.enabled ? "ENABLED" : "DISABLED"},
            {"StreamViewType", stream.view_type},
            {"CreationRequestDateTime", static_cast<double>(stream.created_ms) / 1000.0},
            {"TableName", stream.table_name},
            {"KeySchema", key},
            {"Shards", shards}};
  if (more) d["LastEvaluatedShardId"] = last;
  return Json({{"StreamDescription", d}}).dump();
}

}  // namespace dynarock::api::streams
