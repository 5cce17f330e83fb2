// GetResourcePolicy: the table's policy and its RevisionId.
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/resource_policy.h"
#include "api/validate.h"

namespace dynarock::api {

std::string get_resource_policy(Context& ctx, const Json& req) {
  model::TablePtr table = table_from_resource_arn(ctx, optional_string(req, "ResourceArn"));
  check_policy_revision(*table, nullptr);
  return table->extra["ResourcePolicy"].dump();
}

}  // namespace dynarock::api
