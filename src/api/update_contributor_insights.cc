// UpdateContributorInsights: records contributor insights on or off for the table or one of its
// indexes (no CloudWatch rules exist locally); answers ENABLING / DISABLING as DynamoDB does.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_contributor_insights(Context& ctx, const shapes::UpdateContributorInsightsInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.index_name(ptr(req.IndexName), "indexName");
  if (!req.ContributorInsightsAction) c.add("null", "contributorInsightsAction", "Member must not be null");
  c.enum_value(ptr(req.ContributorInsightsAction), "contributorInsightsAction", {"ENABLE", "DISABLE"});
  c.enum_value(ptr(req.ContributorInsightsMode), "contributorInsightsMode", {"ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"});
  c.finish();
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  const std::string* index = ptr(req.IndexName);
  if (index && !table->find_index(*index))
    throw resource_not_found("Requested resource not found: Index: " + *index + " not found for table: " + table->name);
  bool enable = *req.ContributorInsightsAction == "ENABLE";
  std::string mode = req.ContributorInsightsMode.value_or("ACCESSED_AND_THROTTLED_KEYS");
  std::string key = index ? *index : std::string();
  update_settings(ctx, *table, [&](Json& x) {
    x["ContributorInsights"][key] = {{"ContributorInsightsStatus", enable ? "ENABLED" : "DISABLED"},
                                     {"ContributorInsightsMode", mode},
                                     {"LastUpdateDateTime", now_seconds()}};
  });
  Json out = {{"TableName", table->name}, {"ContributorInsightsStatus", enable ? "ENABLING" : "DISABLING"}};
  if (index) out["IndexName"] = *index;
  if (enable) out["ContributorInsightsMode"] = mode;
  return out.dump();
}

}  // namespace dynarock::api::ops
