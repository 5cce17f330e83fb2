// The DynamoDB Streams operations (X-Amz-Target DynamoDBStreams_20120810.*), one file each.
#pragma once

#include <string_view>

#include "api/context.h"

namespace dynarock::api::streams {

std::string list_streams(Context&, const Json&);
std::string describe_stream(Context&, const Json&);
std::string get_shard_iterator(Context&, const Json&);
std::string get_records(Context&, const Json&);

// The handler for a Streams operation name ("GetRecords"), or nullptr.
Handler find_operation(std::string_view name);

}  // namespace dynarock::api::streams
