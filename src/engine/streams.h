// Streams: the change log of tables with a stream enabled, as the engine keeps it. Each stream is
// a line of shards (a shard closes and its child opens on a schedule or after a number of
// records); a record lives in the shard whose sequence-number range holds it. Records become
// readable only once every earlier sequence number has committed (the watermark), because item
// lock stripes commit out of order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"
#include "model/key_schema.h"

namespace dynarock::engine {

struct StreamOptions {
  int64_t shard_rotation_ms = 4LL * 3600 * 1000;  // a shard closes after this long...
  uint64_t shard_max_records = 100000;            // ...or after this many records
  int64_t retention_ms = 24LL * 3600 * 1000;      // records (and streams of deleted tables) kept this long
  int64_t trim_interval_ms = 60 * 1000;           // how often the trimmer runs
  int64_t iterator_lifetime_ms = 15 * 60 * 1000;  // shard iterators expire after this long
};

enum class StreamEvent : uint8_t { insert = 1, modify = 2, remove = 3 };

struct StreamRecord {
  uint64_t seq = 0;
  StreamEvent event = StreamEvent::insert;
  int64_t created_ms = 0;
  bool by_service = false;  // a TTL deletion: userIdentity is the DynamoDB service
  uint64_t size_bytes = 0;
  model::Item keys;
  std::optional<model::Item> new_image, old_image;  // as the view type asks
};

struct StreamShard {
  std::string id;
  std::string parent;  // "" for the first shard
  uint64_t start_seq = 0;
  std::optional<uint64_t> end_seq;  // set once closed
  int64_t created_ms = 0;
};

struct StreamInfo {
  uint32_t id = 0;
  std::string arn, label, ns, table_name, region, view_type;
  model::KeySchema key;
  int64_t created_ms = 0;
  bool enabled = true;  // false once disabled or its table deleted
  std::vector<StreamShard> shards;  // oldest first; trimmed shards are gone
};

// Read side, for the Streams API and stream hooks.
class StreamReader {
 public:
  virtual ~StreamReader() = default;
  // Streams of one isolation namespace, oldest first (disabled ones until their retention ends).
  virtual std::vector<StreamInfo> list_streams(const std::string& ns) = 0;
  // Every stream of every namespace (stream hooks follow a table by name).
  virtual std::vector<StreamInfo> all_streams() = 0;
  virtual std::optional<StreamInfo> find_stream(const std::string& ns, const std::string& arn) = 0;
  // Records of stream `id` with from <= seq <= to and seq <= the committed watermark, at most
  // `limit` and about `max_bytes`, in sequence order.
  virtual std::vector<StreamRecord> read_records(uint32_t id, uint64_t from, uint64_t to, size_t limit, size_t max_bytes) = 0;
  // The highest sequence number below which every record has committed.
  virtual uint64_t watermark() = 0;
  // The oldest sequence number still kept for stream `id` (everything before it was trimmed).
  virtual uint64_t trim_horizon(uint32_t id) = 0;
  virtual const StreamOptions& stream_options() const = 0;
};

// 21-digit decimal, as DynamoDB's sequence numbers are (they compare as numbers and as text).
std::string sequence_text(uint64_t seq);
// Parses a sequence number; false when it is not one of ours.
bool parse_sequence(const std::string& text, uint64_t& out);

}  // namespace dynarock::engine
