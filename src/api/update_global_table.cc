// UpdateGlobalTable: adds or removes replica regions of a recorded global table.
#include <set>

#include "api/global_table.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_global_table(Context& ctx, const shapes::UpdateGlobalTableInput& req) {
  Constraints c;
  c.table_name(ptr(req.GlobalTableName), "globalTableName");
  const auto* updates = ptr(req.ReplicaUpdates);
  if (!updates) c.add("null", "replicaUpdates", "Member must not be null");
  c.finish();
  Json r = require_global_table(ctx, *req.GlobalTableName);
  std::set<std::string> regions = r["Regions"].get<std::set<std::string>>();
  for (const auto& u : *updates) {
    if (u.null_element) throw serialization_error("Unexpected value type in payload");
    const auto* create = ptr(u.Create);
    const auto* remove = ptr(u.Delete);
    if ((create != nullptr) == (remove != nullptr))
      throw validation_error("One or more parameter values were invalid: One of Create or Delete must be specified for each replica update");
    const std::string* region = create ? ptr(create->RegionName) : ptr(remove->RegionName);
    if (!region) throw validation_error("One or more parameter values were invalid: RegionName must be specified");
    if (create && !regions.insert(*region).second) throw ApiError("ReplicaAlreadyExistsException", "Replica already exists in region: " + *region);
    if (remove && !regions.erase(*region)) throw ApiError("ReplicaNotFoundException", "Replica not found in region: " + *region);
  }
  r["Regions"] = regions;
  ctx.engine.put_record(kGlobalTableRecord, ctx.ns, r["GlobalTableName"], r);
  return Json({{"GlobalTableDescription", global_table_description(r)}}).dump();
}

}  // namespace dynarock::api::ops
