// Kinesis streaming destinations, recorded per table under "KinesisDestinations" (nothing is sent
// to Kinesis locally). Shared by the Enable/Disable/Update operations.
#pragma once

#include "api/context.h"

namespace dynarock::api {

// Validates TableName, StreamArn and the configuration member `config` (may be absent), and
// returns the table.
model::TablePtr kinesis_request(Context& ctx, const Json& req, const char* config, const char* config_path);

// The recorded destination for `stream_arn`, or null.
const Json* find_destination(const model::TableInfo& table, const std::string& stream_arn);

// Sets the destination's status (and precision when given), adding it when absent.
model::TablePtr set_destination(Context& ctx, const model::TableInfo& table, const std::string& stream_arn,
                                const std::string& status, const std::string& precision);

}  // namespace dynarock::api
