// GetResourcePolicy: the table's policy and its RevisionId.
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/resource_policy.h"
#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string get_resource_policy(Context& ctx, const shapes::GetResourcePolicyInput& req) {
  model::TablePtr table = table_from_resource_arn(ctx, req.ResourceArn, ArnUse::policy);
  check_policy_revision(*table, nullptr);
  return table->extra["ResourcePolicy"].dump();
}

}  // namespace dynarock::api::ops
