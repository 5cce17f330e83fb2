// GetRecords: up to Limit (1000) records from an iterator's position, at most 1 MB, and the
// iterator to continue with (iterators expire after 15 minutes); a closed shard read to its end has no NextShardIterator.
#include <algorithm>

#include "api/streams/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/validate.h"
#include "model/error.h"
#include "model/json_writer.h"

namespace dynarock::api::streams {

namespace {
constexpr size_t kMaxBytes = 1 << 20;
}  // namespace

std::string get_records(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* text = get_string(req, "ShardIterator");
  c.not_null(req, "ShardIterator", "shardIterator");
  c.length(text, "shardIterator", 1, 2048);
  auto limit = get_integer(req, "Limit");
  c.integer_range(limit, "limit", 1, 1000);
  c.finish();

  ShardPosition pos = decode_iterator(*text);
  auto& log = ctx.engine.streams();
  engine::StreamInfo stream = require_stream(ctx, pos.stream_arn, pos.stream_id);
  const engine::StreamShard* shard = nullptr;
  for (const auto& s : stream.shards)
    if (s.start_seq == pos.shard_start) shard = &s;
  if (!shard) throw resource_not_found("Requested resource not found: Shard does not exist");
  int64_t now = now_ms();
  if (now - pos.issued_ms > log.stream_options().iterator_lifetime_ms) throw ApiError("ExpiredIteratorException", "Iterator expired");
  if (pos.next < log.trim_horizon(stream.id))
    throw ApiError("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.");

  uint64_t end = shard->end_seq.value_or(UINT64_MAX);
  uint64_t watermark = log.watermark();
  auto records = log.read_records(stream.id, pos.next, end, static_cast<size_t>(limit.value_or(1000)), kMaxBytes);
  std::string out = "{\"Records\":[";
  for (size_t i = 0; i < records.size(); ++i) {
    if (i) out += ',';
    write_record(out, stream, records[i]);
  }
  out += ']';
  // Everything up to the watermark (or the shard's end) has been seen when nothing came back.
  uint64_t next = records.empty() ? std::max(pos.next, std::min(end, watermark) + 1) : records.back().seq + 1;
  if (!shard->end_seq || next <= *shard->end_seq) {
    ShardPosition following = pos;
    following.next = next;
    following.issued_ms = now;
    out += ",\"NextShardIterator\":";
    json_writer::string(out, encode_iterator(following));
  }
  out += '}';
  return out;
}

}  // namespace dynarock::api::streams
