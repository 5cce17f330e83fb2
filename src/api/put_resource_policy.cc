// PutResourcePolicy: stores the table's policy document (checked to be a JSON object) with a new
// RevisionId; ExpectedRevisionId guards against lost updates.
#include <chrono>

#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/resource_policy.h"
#include "api/validate.h"
#include "api/table_settings.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string put_resource_policy(Context& ctx, const shapes::PutResourcePolicyInput& req) {
  Constraints c;
  const std::string* policy = ptr(req.Policy);
  if (!policy) c.add("null", "policy", "Member must not be null");
  const std::string* expected = ptr(req.ExpectedRevisionId);
  c.length(expected, "expectedRevisionId", 1, 255);
  c.finish();
  model::TablePtr table = table_from_resource_arn(ctx, req.ResourceArn, ArnUse::policy);
  Json document = Json::parse(*policy, nullptr, false);
  if (document.is_discarded() || !document.is_object()) throw validation_error("Invalid policy document: the policy is not valid JSON");
  if (policy->size() > 20480) throw ApiError("LimitExceededException", "Policy size exceeds the limit of 20 KB");
  if (expected) check_policy_revision(*table, expected);
  long long now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string revision = std::to_string(now);
  if (table->extra.contains("ResourcePolicy") && table->extra["ResourcePolicy"]["RevisionId"] == revision)
    revision = std::to_string(now + 1);
  update_settings(ctx, *table, [&](Json& x) { x["ResourcePolicy"] = {{"Policy", *policy}, {"RevisionId", revision}}; });
  return Json({{"RevisionId", revision}}).dump();
}

}  // namespace dynarock::api::ops
