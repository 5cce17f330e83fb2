// DescribeContributorInsights: the recorded state for the table or one index (DISABLED when never
// set); the rule names are the ones DynamoDB would create.
#include "api/operations.h"
#include "api/table_settings.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_contributor_insights(Context& ctx, const shapes::DescribeContributorInsightsInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.index_name(ptr(req.IndexName), "indexName");
  c.finish();
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  const std::string* index = ptr(req.IndexName);
  if (index && !table->find_index(*index))
    throw resource_not_found("Requested resource not found: Index: " + *index + " not found for table: " + table->name);
  Json out = {{"TableName", table->name}};
  if (index) out["IndexName"] = *index;
  Json state = table->extra.value("ContributorInsights", Json::object()).value(index ? *index : std::string(), Json());
  if (state.is_null() || state["ContributorInsightsStatus"] == "DISABLED") {
    out["ContributorInsightsStatus"] = "DISABLED";
    if (!state.is_null()) out["LastUpdateDateTime"] = state["LastUpdateDateTime"];
    return out.dump();
  }
  std::string scope = table->name + (index ? "-" + *index : std::string());
  out["ContributorInsightsRuleList"] = {"DynamoDBContributorInsights-PKC-" + scope, "DynamoDBContributorInsights-PKT-" + scope};
  for (const char* member : {"ContributorInsightsStatus", "ContributorInsightsMode", "LastUpdateDateTime"}) out[member] = state[member];
  return out.dump();
}

}  // namespace dynarock::api::ops
