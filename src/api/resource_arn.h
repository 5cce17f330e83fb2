// Resolving a ResourceArn (TagResource and friends, the resource-policy operations) to a table in
// the caller's namespace, with DynamoDB's answers for ARNs of other shapes, accounts and regions
// (docs/compatibility.md, "Resource ARNs").
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// The two operation families word their ARN errors differently.
enum class ArnUse { tags, policy };

// The table a well-formed table ARN of the caller's account and region names; throws DynamoDB's
// error for any other ARN. Stream ARNs name their table for the policy operations.
std::string resource_arn_table_name(const Context& ctx, const std::optional<std::string>& resource_arn, ArnUse use);

// The table named by an ARN resource_arn_table_name accepted, or ResourceNotFoundException.
model::TablePtr resource_arn_table(Context& ctx, const std::string& resource_arn, const std::string& table_name, ArnUse use);

// Both steps at once.
model::TablePtr table_from_resource_arn(Context& ctx, const std::optional<std::string>& resource_arn, ArnUse use);
// A request's JSON would convert to std::optional<std::string> (and throw at run time): pass the member.
model::TablePtr table_from_resource_arn(Context& ctx, const nlohmann::json& request, ArnUse use) = delete;

}  // namespace dynarock::api
