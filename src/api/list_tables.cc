// ListTables: names in ascending order, paged by Limit and ExclusiveStartTableName.
#include <algorithm>

#include "api/operations.h"
#include "api/validate.h"

namespace dynarock::api {

std::string list_tables(Context& ctx, const Json& req) {
  Constraints c;
  auto limit = get_integer(req, "Limit");
  c.integer_range(limit, "limit", 1, 100);
  c.table_name(req, "ExclusiveStartTableName", "exclusiveStartTableName", false);
  c.finish();
  const std::string* start = get_string(req, "ExclusiveStartTableName");
  std::vector<std::string> names = ctx.engine.list_tables(ctx.ns);
  auto it = start ? std::upper_bound(names.begin(), names.end(), *start) : names.begin();
  size_t max = static_cast<size_t>(limit.value_or(100));
  Json out = {{"TableNames", Json::array()}};
  for (; it != names.end() && out["TableNames"].size() < max; ++it) out["TableNames"].push_back(*it);
  if (it != names.end() && !out["TableNames"].empty()) out["LastEvaluatedTableName"] = out["TableNames"].back();
  return out.dump();
}

}  // namespace dynarock::api
