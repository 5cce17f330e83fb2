// ListContributorInsights: every table and index with contributor insights recorded (or those of
// one table), paged by NextToken (the position in the list).
#include "api/operations.h"
#include "api/table_settings.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_contributor_insights(Context& ctx, const shapes::ListContributorInsightsInput& req) {
  Constraints c;
  const std::string* table_name = ptr(req.TableName);
  c.length(table_name, "tableName", 1, 1024);
  auto max = req.MaxResults;
  c.integer_range(max, "maxResults", 0, 100);
  const std::string* token = ptr(req.NextToken);
  c.finish();
  std::vector<std::string> names;
  if (table_name) names.push_back(require_named_table(ctx, *table_name)->name);
  else names = ctx.engine.list_tables(ctx.ns);
  Json all = Json::array();
  for (const auto& name : names) {
    model::TablePtr t = ctx.engine.find_table(ctx.ns, name);
    if (!t) continue;
    const Json insights = t->extra.value("ContributorInsights", Json::object());
    for (const auto& [key, state] : insights.items()) {
      Json s = {{"TableName", t->name}, {"ContributorInsightsStatus", state["ContributorInsightsStatus"]},
                {"ContributorInsightsMode", state["ContributorInsightsMode"]}};
      if (!key.empty()) s["IndexName"] = key;
      all.push_back(s);
    }
  }
  size_t start = 0;
  if (token) {
    try {
      start = std::stoul(*token);
    } catch (const std::exception&) {
      throw validation_error("Invalid NextToken");
    }
  }
  size_t limit = max && *max > 0 ? static_cast<size_t>(*max) : 100;
  Json page = Json::array();
  for (size_t i = start; i < all.size() && page.size() < limit; ++i) page.push_back(all[i]);
  Json out = {{"ContributorInsightsSummaries", page}};
  if (start + page.size() < all.size()) out["NextToken"] = std::to_string(start + page.size());
  return out.dump();
}

}  // namespace dynarock::api::ops
