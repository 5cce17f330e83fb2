// DeleteResourcePolicy: removes the table's policy (ExpectedRevisionId must match when given).
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/resource_policy.h"
#include "api/validate.h"
#include "api/table_settings.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string delete_resource_policy(Context& ctx, const shapes::DeleteResourcePolicyInput& req) {
  Constraints c;
  const std::string* expected = ptr(req.ExpectedRevisionId);
  c.length(expected, "expectedRevisionId", 1, 255);
  c.finish();
  model::TablePtr table = table_from_resource_arn(ctx, req.ResourceArn, ArnUse::policy);
  check_policy_revision(*table, expected);
  std::string revision = table->extra["ResourcePolicy"]["RevisionId"];
  update_settings(ctx, *table, [](Json& x) { x.erase("ResourcePolicy"); });
  return Json({{"RevisionId", revision}}).dump();
}

}  // namespace dynarock::api::ops
