// Resolving a table ARN (TagResource and friends) to the table in the caller's namespace.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// Validates ResourceArn and returns its table; DynamoDB's errors for a malformed ARN or a table
// that does not exist.
model::TablePtr table_from_resource_arn(Context& ctx, const std::optional<std::string>& resource_arn);
// A request's JSON would convert to std::optional<std::string> (and throw at run time): pass the member.
model::TablePtr table_from_resource_arn(Context& ctx, const nlohmann::json& request) = delete;

}  // namespace dynarock::api
