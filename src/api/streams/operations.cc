#include "api/streams/operations.h"

#include <utility>

#include "protocol/shape_runtime.h"

namespace dynarock::api::streams {

namespace {

// The members the Streams operations read; ShardFilter is the only structure among them.
constexpr std::string_view kMembers[] = {"StreamArn",  "Limit", "ExclusiveStartShardId", "ShardFilter", "ShardIterator",
                                         "ShardId", "ShardIteratorType", "SequenceNumber", "TableName",
                                         "ExclusiveStartStreamArn", "Type"};

bool read_member(std::string_view name) {
  for (std::string_view m : kMembers)
    if (m == name) return true;
  return false;
}

// A Streams request as the handlers read it (JSON): the members they read, where a container
// other than the request and its ShardFilter is kept empty (its type alone decides the error), so
// no body turns into more JSON than those few members.
Json readable(const wire::Value& v, bool expand) {
  if (v.is_object()) {
    Json out = Json::object();
    if (expand)
      for (auto it = v.begin(); it != v.end(); ++it)
        if (read_member(it.key())) out[std::string(it.key())] = readable(*it, it.key() == "ShardFilter");
    return out;
  }
  if (v.is_array()) return Json::array();
  return shapes::scalar_json(v);
}

template <std::string (*Run)(Context&, const Json&)>
std::string from_wire(Context& ctx, const wire::Value& req) {
  return Run(ctx, readable(req, true));
}

}  // namespace

Handler find_operation(std::string_view name) {
  static constexpr std::pair<std::string_view, Handler> kOperations[] = {
      {"ListStreams", from_wire<list_streams>},
      {"DescribeStream", from_wire<describe_stream>},
      {"GetShardIterator", from_wire<get_shard_iterator>},
      {"GetRecords", from_wire<get_records>},
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api::streams
