// CreateGlobalTable: records a global table over the caller's table of the same name with the
// given replica regions.
#include <set>

#include "api/global_table.h"
#include "api/operations.h"
#include "api/restore.h"
#include "api/table_description.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string create_global_table(Context& ctx, const shapes::CreateGlobalTableInput& req) {
  Constraints c;
  c.table_name(ptr(req.GlobalTableName), "globalTableName");
  const auto* group = ptr(req.ReplicationGroup);
  if (!group) c.add("null", "replicationGroup", "Member must not be null");
  c.finish();
  std::string name = *req.GlobalTableName;
  std::set<std::string> regions;
  for (const auto& replica : *group) {
    if (replica.null_element) throw serialization_error("Unexpected value type in payload");
    const std::string* region = ptr(replica.RegionName);
    if (!region) throw validation_error("One or more parameter values were invalid: RegionName must be specified for each replica");
    regions.insert(*region);
  }
  if (!ctx.engine.find_table(ctx.ns, name)) throw table_not_found(name);
  if (ctx.engine.get_record(kGlobalTableRecord, ctx.ns, name))
    throw ApiError("GlobalTableAlreadyExistsException", "Global table with this name already exists");
  Json r = {{"GlobalTableName", name},
            {"GlobalTableArn", "arn:aws:dynamodb::000000000000:global-table/" + name},
            {"CreationDateTime", now_seconds()},
            {"Regions", regions}};
  ctx.engine.put_record(kGlobalTableRecord, ctx.ns, name, r);
  return Json({{"GlobalTableDescription", global_table_description(r)}}).dump();
}

}  // namespace dynarock::api::ops
