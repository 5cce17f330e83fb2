// ListGlobalTables: recorded global tables in name order, optionally those with a replica in
// RegionName, paged by ExclusiveStartGlobalTableName.
#include "api/global_table.h"
#include "api/operations.h"
#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_global_tables(Context& ctx, const shapes::ListGlobalTablesInput& req) {
  Constraints c;
  const std::string* start = ptr(req.ExclusiveStartGlobalTableName);
  c.length(start, "exclusiveStartGlobalTableName", 3, 255);
  auto limit = req.Limit;
  c.integer_range(limit, "limit", 1, std::nullopt);
  const std::string* region = ptr(req.RegionName);
  c.finish();
  size_t max = limit ? static_cast<size_t>(std::min<long long>(*limit, 100)) : 100;
  Json tables = Json::array();
  std::string last;
  bool more = false;
  for (const auto& r : ctx.engine.list_records(kGlobalTableRecord, ctx.ns)) {
    std::string name = r["GlobalTableName"];
    if (start && name <= *start) continue;
    bool in_region = !region;
    for (const auto& rg : r["Regions"]) in_region = in_region || rg == *region;
    if (!in_region) continue;
    if (tables.size() == max) {
      more = true;
      break;
    }
    Json group = Json::array();
    for (const auto& rg : r["Regions"]) group.push_back({{"RegionName", rg}});
    tables.push_back({{"GlobalTableName", name}, {"ReplicationGroup", group}});
    last = name;
  }
  Json out = {{"GlobalTables", tables}};
  if (more) out["LastEvaluatedGlobalTableName"] = last;
  return out.dump();
}

}  // namespace dynarock::api::ops
