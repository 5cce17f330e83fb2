// Kinesis streaming destinations, recorded per table under "KinesisDestinations" (nothing is sent
// to Kinesis locally). Shared by the Enable/Disable/Update operations.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// Validates TableName, StreamArn and the configuration's ApproximateCreationDateTimePrecision
// (`precision`, reported at `precision_path`; may be absent), and returns the table.
model::TablePtr kinesis_request(Context& ctx, const std::optional<std::string>& table_name, const std::optional<std::string>& stream_arn,
                                const std::string* precision, const char* precision_path);

// The recorded destination for `stream_arn`, or null.
const Json* find_destination(const model::TableInfo& table, const std::string& stream_arn);

// Sets the destination's status (and precision when given), adding it when absent.
model::TablePtr set_destination(Context& ctx, const model::TableInfo& table, const std::string& stream_arn,
                                const std::string& status, const std::string& precision);

}  // namespace dynarock::api
