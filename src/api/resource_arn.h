// Resolving a table ARN (TagResource and friends) to the table in the caller's namespace.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// Validates ResourceArn and returns its table; DynamoDB's errors for a malformed ARN or a table
// that does not exist.
model::TablePtr table_from_resource_arn(Context& ctx, const std::optional<std::string>& resource_arn);

}  // namespace dynarock::api
