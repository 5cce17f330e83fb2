// UpdateTableReplicaAutoScaling: records auto scaling settings (no scaling happens locally: there
// is no throttling to react to) for the table, its indexes and replicas.
#include "api/auto_scaling.h"
#include "api/operations.h"
#include "api/table_settings.h"
#include "model/error.h"

namespace dynarock::api {

std::string update_table_replica_auto_scaling(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name_or_arn(req, "TableName", "tableName");
  const Json* write = get_object(req, "ProvisionedWriteCapacityAutoScalingUpdate");
  const Json* gsis = get_array(req, "GlobalSecondaryIndexUpdates");
  const Json* replicas = get_array(req, "ReplicaUpdates");
  c.finish();
  model::TablePtr table = require_named_table(ctx, *get_string(req, "TableName"));
  if (table->extra.value("BillingModeSummary", Json::object()).value("BillingMode", "") == "PAY_PER_REQUEST")
    throw validation_error("Auto scaling cannot be applied to a table in PAY_PER_REQUEST billing mode: " + table->name);
  if (gsis)
    for (const auto& g : *gsis) {
      const std::string* name = g.is_object() ? get_string(g, "IndexName") : nullptr;
      if (!name || !table->find_index(*name)) throw resource_not_found("Requested resource not found: Index not found");
    }
  update_settings(ctx, *table, [&](Json& x) {
    Json& a = x["AutoScaling"];
    if (!a.is_object()) a = Json::object();
    if (write) a["Write"] = auto_scaling_settings(*write);
    if (gsis)
      for (const auto& g : *gsis)
        if (g.contains("ProvisionedWriteCapacityAutoScalingUpdate"))
          a["Indexes"][g["IndexName"].get<std::string>()]["Write"] = auto_scaling_settings(g["ProvisionedWriteCapacityAutoScalingUpdate"]);
    if (replicas)
      for (const auto& r : *replicas)
        if (r.is_object() && r.contains("ReplicaProvisionedReadCapacityAutoScalingUpdate"))
          a["Read"] = auto_scaling_settings(r["ReplicaProvisionedReadCapacityAutoScalingUpdate"]);
  });
  return Json({{"TableAutoScalingDescription", auto_scaling_description(ctx, *ctx.engine.find_table(ctx.ns, table->name))}}).dump();
}

}  // namespace dynarock::api
