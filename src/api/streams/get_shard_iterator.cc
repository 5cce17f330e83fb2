// GetShardIterator: a position in one shard: TRIM_HORIZON (its oldest kept record), LATEST (just
// after its newest), AT_ / AFTER_SEQUENCE_NUMBER.
#include <algorithm>

#include "api/streams/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api::streams {

std::string get_shard_iterator(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* arn = get_string(req, "StreamArn");
  const std::string* shard_id = get_string(req, "ShardId");
  const std::string* type = get_string(req, "ShardIteratorType");
  const std::string* seq_text = get_string(req, "SequenceNumber");
  c.not_null(req, "StreamArn", "streamArn");
  c.length(arn, "streamArn", 37, 1024);
  c.not_null(req, "ShardId", "shardId");
  c.length(shard_id, "shardId", 28, 65);
  c.not_null(req, "ShardIteratorType", "shardIteratorType");
  c.enum_value(req, "ShardIteratorType", "shardIteratorType", {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"});
  c.length(seq_text, "sequenceNumber", 21, 40);
  c.finish();

  bool at = *type == "AT_SEQUENCE_NUMBER", after = *type == "AFTER_SEQUENCE_NUMBER";
  if ((at || after) && !seq_text)
    throw validation_error("Must specify a sequence number for iterator type " + *type);
  uint64_t seq = 0;
  if ((at || after) && !engine::parse_sequence(*seq_text, seq))
    throw validation_error("Invalid SequenceNumber: " + *seq_text);

  engine::StreamInfo stream = require_stream(ctx, *arn);
  const engine::StreamShard& shard = require_shard(stream, *shard_id);
  auto& log = ctx.engine.streams();
  uint64_t oldest = log.trim_horizon(stream.id);
  uint64_t end = shard.end_seq.value_or(UINT64_MAX);
  ShardPosition pos{stream.arn, stream.id, shard.start_seq, 0, now_ms()};
  if (*type == "TRIM_HORIZON") {
    pos.next = std::max(shard.start_seq, oldest);
  } else if (*type == "LATEST") {
    pos.next = shard.end_seq ? *shard.end_seq + 1 : std::max(shard.start_seq, log.watermark() + 1);
  } else {
    if (seq < shard.start_seq || seq > end)
      throw validation_error("Invalid SequenceNumber " + *seq_text + " for shard " + shard.id);
    if (seq < oldest) throw ApiError("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.");
    pos.next = after ? seq + 1 : seq;
  }
  return Json({{"ShardIterator", encode_iterator(pos)}}).dump();
}

}  // namespace dynarock::api::streams
