#include "api/resource_arn.h"

#include <vector>

#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";
const std::string kAccount = "000000000000";  // every table ARN dynarock hands out

// An ARN of the right shape but another account, region or partition, or a bad table name.
[[noreturn]] void refuse_foreign(const std::string& arn, ArnUse use) {
  if (use == ArnUse::tags) throw validation_error("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
  throw validation_error(kInvalid + "Invalid resource Arn: " + arn);
}

}  // namespace

std::string resource_arn_table_name(const Context& ctx, const std::optional<std::string>& resource_arn, ArnUse use) {
  Constraints c;
  const std::string* arn = ptr(resource_arn);
  if (!arn) c.add("null", "resourceArn", "Member must not be null");
  c.length(arn, "resourceArn", 1, 1283);
  c.finish();
  if (arn->rfind("arn:", 0) != 0) throw validation_error(kInvalid + "ARNs must start with 'arn:': " + *arn);
  // arn:partition:service:region:account:resource (the resource may hold further colons).
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() < 5) {
    size_t colon = arn->find(':', start);
    if (colon == std::string::npos) break;
    parts.push_back(arn->substr(start, colon - start));
    start = colon + 1;
  }
  std::string resource = arn->substr(start);
  if (parts.size() < 5 || parts[2] != "dynamodb" || resource.rfind("table/", 0) != 0)
    throw validation_error(kInvalid + "Provided Arn is not a DynamoDB resource arn: " + *arn);
  size_t slash = resource.find('/', 6);
  std::string name = resource.substr(6, slash == std::string::npos ? std::string::npos : slash - 6);
  std::string sub = slash == std::string::npos ? "" : resource.substr(slash);  // "/index/x", "/stream/label", ...
  bool stream = sub.rfind("/stream/", 0) == 0;
  if (sub.rfind("/index/", 0) == 0)
    throw validation_error(kInvalid + "Invalid resource arn provided, only table or stream is accepted. Provided resource arn: " + *arn);
  if (!sub.empty() && !stream) throw validation_error(kInvalid + "Provided Arn is not a DynamoDB resource arn: " + *arn);
  if (parts[4] != kAccount) {
    // Another account's table: no resource-based policy here ever grants access to it.
    if (use == ArnUse::tags) throw ApiError("AccessDeniedException", "Access is denied");
    throw validation_error("This action is only supported by accounts that match the resource owner\u2019s account.");
  }
  // With --shared-db (no namespace) every region sees the same tables, so no region is foreign.
  bool other_region = !ctx.ns.empty() && parts[3] != ctx.region;
  if (parts[1] != "aws" || other_region || !valid_table_name(name)) refuse_foreign(*arn, use);
  // Tags belong to tables; DynamoDB looks a stream ARN up as a resource of its own and finds none.
  if (stream && use == ArnUse::tags) throw resource_not_found("Requested resource not found: ResourceArn: " + *arn + " not found");
  return name;
}

model::TablePtr resource_arn_table(Context& ctx, const std::string& resource_arn, const std::string& table_name, ArnUse use) {
  model::TablePtr table = ctx.engine.find_table(ctx.ns, table_name);
  if (table) return table;
  if (use == ArnUse::tags) throw resource_not_found("Requested resource not found: ResourceArn: " + resource_arn + " not found");
  throw resource_not_found("Requested resource not found: Table: " + table_name + " not found");
}

model::TablePtr table_from_resource_arn(Context& ctx, const std::optional<std::string>& resource_arn, ArnUse use) {
  std::string name = resource_arn_table_name(ctx, resource_arn, use);
  return resource_arn_table(ctx, *resource_arn, name, use);
}

}  // namespace dynarock::api
