#include "api/streams/operations.h"

#include <utility>

namespace dynarock::api::streams {

Handler find_operation(std::string_view name) {
  static constexpr std::pair<std::string_view, Handler> kOperations[] = {
      {"ListStreams", list_streams},
      {"DescribeStream", describe_stream},
      {"GetShardIterator", get_shard_iterator},
      {"GetRecords", get_records},
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api::streams
