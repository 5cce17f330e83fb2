// UpdateGlobalTable: adds or removes replica regions of a recorded global table.
#include <set>

#include "api/global_table.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string update_global_table(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name(req, "GlobalTableName", "globalTableName");
  const Json* updates = get_array(req, "ReplicaUpdates");
  if (!updates) c.add("null", "replicaUpdates", "Member must not be null");
  c.finish();
  Json r = require_global_table(ctx, *get_string(req, "GlobalTableName"));
  std::set<std::string> regions = r["Regions"].get<std::set<std::string>>();
  for (const auto& u : *updates) {
    if (!u.is_object()) throw serialization_error("Unexpected value type in payload");
    const Json* create = get_object(u, "Create");
    const Json* remove = get_object(u, "Delete");
    if ((create != nullptr) == (remove != nullptr))
      throw validation_error("One or more parameter values were invalid: One of Create or Delete must be specified for each replica update");
    const std::string* region = get_string(create ? *create : *remove, "RegionName");
    if (!region) throw validation_error("One or more parameter values were invalid: RegionName must be specified");
    if (create && !regions.insert(*region).second) throw ApiError("ReplicaAlreadyExistsException", "Replica already exists in region: " + *region);
    if (remove && !regions.erase(*region)) throw ApiError("ReplicaNotFoundException", "Replica not found in region: " + *region);
  }
  r["Regions"] = regions;
  ctx.engine.put_record(kGlobalTableRecord, ctx.ns, r["GlobalTableName"], r);
  return Json({{"GlobalTableDescription", global_table_description(r)}}).dump();
}

}  // namespace dynarock::api
