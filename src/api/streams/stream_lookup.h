// What the Streams operations share: finding a stream and a shard the way DynamoDB reports them
// missing, shard iterators, and records as JSON.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"
#include "engine/streams.h"

namespace dynarock::api::streams {

// The stream, or ResourceNotFoundException (also when `id` is given and the ARN now names another
// stream, e.g. an iterator of a stream whose table was re-created).
engine::StreamInfo require_stream(Context& ctx, const std::string& arn, std::optional<uint32_t> id = std::nullopt);
// The shard of `stream`, or ResourceNotFoundException.
const engine::StreamShard& require_shard(const engine::StreamInfo& stream, const std::string& shard_id);

// A position in a shard: the next sequence number to read.
struct ShardPosition {
  std::string stream_arn;
  uint32_t stream_id = 0;
  uint64_t shard_start = 0;
  uint64_t next = 0;
  int64_t issued_ms = 0;
};
// "<stream arn>|1|<base64 payload>", as DynamoDB's iterators look; the payload carries a check
// so an edited iterator is rejected rather than read.
std::string encode_iterator(const ShardPosition& pos);
// ValidationException for anything that is not one of our iterators.
ShardPosition decode_iterator(const std::string& text);

// One record as GetRecords returns it (and, with `source_arn`, as a Lambda event record).
void write_record(std::string& out, const engine::StreamInfo& stream, const engine::StreamRecord& record,
                  const std::string* source_arn = nullptr);

// "2026-11-30T18:22:12.123": a stream label (and the tail of its ARN), from epoch seconds.
std::string stream_label(double seconds);

int64_t now_ms();

}  // namespace dynarock::api::streams
