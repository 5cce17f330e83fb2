// ListStreams: the caller's streams (optionally of one table), including disabled streams and
// those of deleted tables until their retention ends, in ARN order, paged by
// ExclusiveStartStreamArn.
#include <algorithm>

#include "api/streams/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/validate.h"
#include "model/json_writer.h"

namespace dynarock::api::streams {

std::string list_streams(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name(req, "TableName", "tableName", false);
  auto limit = get_integer(req, "Limit");
  c.integer_range(limit, "limit", 1, std::nullopt);
  const std::string* start = get_string(req, "ExclusiveStartStreamArn");
  c.length(start, "exclusiveStartStreamArn", 37, 1024);
  c.finish();
  const std::string* table = get_string(req, "TableName");
  // DynamoDB returns at most 100 streams per call.
  size_t max = static_cast<size_t>(std::min<long long>(limit.value_or(100), 100));

  auto all = ctx.engine.streams().list_streams(ctx.ns);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.arn < b.arn; });
  std::string out = "{\"Streams\":[";
  size_t n = 0;
  std::string last;
  bool more = false;
  for (const auto& s : all) {
    if (table && s.table_name != *table) continue;
    if (start && s.arn <= *start) continue;
    if (n == max) {
      more = true;
      break;
    }
    if (n++) out += ',';
    out += "{\"StreamArn\":";
    json_writer::string(out, s.arn);
    out += ",\"TableName\":";
    json_writer::string(out, s.table_name);
    out += ",\"StreamLabel\":";
    json_writer::string(out, s.label);
    out += '}';
    last = s.arn;
  }
  out += ']';
  if (more) {
    out += ",\"LastEvaluatedStreamArn\":";
    json_writer::string(out, last);
  }
  out += '}';
  return out;
}

}  // namespace dynarock::api::streams
