#include "api/streams/stream_lookup.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include "model/error.h"
#include "model/json_writer.h"

namespace dynarock::api::streams {

engine::StreamInfo require_stream(Context& ctx, const std::string& arn, std::optional<uint32_t> id) {
  auto stream = ctx.engine.streams().find_stream(ctx.ns, arn);
  if (!stream || (id && stream->id != *id)) throw resource_not_found("Requested resource not found: Stream: " + arn + " not found");
  return std::move(*stream);
}

const engine::StreamShard& require_shard(const engine::StreamInfo& stream, const std::string& shard_id) {
  for (const auto& shard : stream.shards)
    if (shard.id == shard_id) return shard;
  throw resource_not_found("Requested resource not found: Shard does not exist");
}

namespace {

// FNV-1a over the payload with a fixed key: iterators stay valid across a restart (as a
// consumer's saved NextShardIterator should, within its lifetime) but cannot be edited.
uint64_t check_of(std::string_view text) {
  uint64_t h = 1469598103934665603ull ^ 0x64796e61726f636bull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

ApiError invalid_iterator() { return validation_error("Invalid ShardIterator"); }

}  // namespace

std::string encode_iterator(const ShardPosition& pos) {
  char payload[128];
  std::snprintf(payload, sizeof payload, "%u:%llu:%llu:%lld", pos.stream_id, static_cast<unsigned long long>(pos.shard_start),
                static_cast<unsigned long long>(pos.next), static_cast<long long>(pos.issued_ms));
  std::string body = pos.stream_arn + "|" + payload;
  char check[24];
  std::snprintf(check, sizeof check, ":%016llx", static_cast<unsigned long long>(check_of(body)));
  return pos.stream_arn + "|1|" + model::base64_encode(std::string(payload) + check);
}

ShardPosition decode_iterator(const std::string& text) {
  size_t bar = text.rfind("|1|");
  if (bar == std::string::npos || bar == 0) throw invalid_iterator();
  std::string raw;
  if (!model::base64_decode(std::string_view(text).substr(bar + 3), raw)) throw invalid_iterator();
  ShardPosition pos;
  pos.stream_arn = text.substr(0, bar);
  unsigned id = 0;
  unsigned long long start = 0, next = 0, check = 0;
  long long issued = 0;
  int consumed = 0;
  if (std::sscanf(raw.c_str(), "%u:%llu:%llu:%lld:%16llx%n", &id, &start, &next, &issued, &check, &consumed) != 5 ||
      static_cast<size_t>(consumed) != raw.size())
    throw invalid_iterator();
  std::string payload = raw.substr(0, raw.rfind(':'));
  if (check_of(pos.stream_arn + "|" + payload) != check) throw invalid_iterator();
  pos.stream_id = id;
  pos.shard_start = start;
  pos.next = next;
  pos.issued_ms = issued;
  return pos;
}

void write_record(std::string& out, const engine::StreamInfo& stream, const engine::StreamRecord& r, const std::string* source_arn) {
  static const char* kNames[] = {"", "INSERT", "MODIFY", "REMOVE"};
  // eventID: 32 hex digits, unique per record and stable across reads.
  uint64_t a = check_of(stream.arn + engine::sequence_text(r.seq)), b = check_of(std::to_string(r.seq) + stream.arn);
  char id[40];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  out += "{\"eventID\":\"";
  out += id;
  out += "\",\"eventName\":\"";
  out += kNames[static_cast<int>(r.event)];
  out += "\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":";
  json_writer::string(out, stream.region);
  out += ",\"dynamodb\":{\"ApproximateCreationDateTime\":";
  out += std::to_string(r.created_ms / 1000);
  out += ",\"Keys\":";
  model::write_json(r.keys, out);
  if (r.new_image) {
    out += ",\"NewImage\":";
    model::write_json(*r.new_image, out);
  }
  if (r.old_image) {
    out += ",\"OldImage\":";
    model::write_json(*r.old_image, out);
  }
  out += ",\"SequenceNumber\":\"" + engine::sequence_text(r.seq) + "\",\"SizeBytes\":" + std::to_string(r.size_bytes);
  out += ",\"StreamViewType\":\"" + stream.view_type + "\"}";
  if (r.by_service) out += ",\"userIdentity\":{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}";
  if (source_arn) {
    out += ",\"eventSourceARN\":";
    json_writer::string(out, *source_arn);
  }
  out += '}';
}

std::string stream_label(double seconds) {
  auto whole = static_cast<std::time_t>(seconds);
  int millis = static_cast<int>((seconds - static_cast<double>(whole)) * 1000);
  std::tm tm{};
  gmtime_r(&whole, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, millis);
  return buf;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace dynarock::api::streams
