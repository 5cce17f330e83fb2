// UpdateTableReplicaAutoScaling: records auto scaling settings (no scaling happens locally: there
// is no throttling to react to) for the table, its indexes and replicas.
#include "api/auto_scaling.h"
#include "api/operations.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "model/error.h"

namespace dynarock::api {

namespace ops {

std::string update_table_replica_auto_scaling(Context& ctx, const shapes::UpdateTableReplicaAutoScalingInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  const auto* write = ptr(req.ProvisionedWriteCapacityAutoScalingUpdate);
  const auto* gsis = ptr(req.GlobalSecondaryIndexUpdates);
  const auto* replicas = ptr(req.ReplicaUpdates);
  c.finish();
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  if (billing_mode(*table) == "PAY_PER_REQUEST")
    throw validation_error("Auto scaling cannot be applied to a table in PAY_PER_REQUEST billing mode: " + table->name);
  if (gsis)
    for (const auto& g : *gsis)
      if (g.null_element || !g.IndexName || !table->find_index(*g.IndexName))
        throw resource_not_found("Requested resource not found: Index not found");
  update_settings(ctx, *table, [&](Json& x) {
    Json& a = x["AutoScaling"];
    if (!a.is_object()) a = Json::object();
    if (write) a["Write"] = auto_scaling_settings(*write);
    if (gsis)
      for (const auto& g : *gsis)
        if (g.ProvisionedWriteCapacityAutoScalingUpdate)
          a["Indexes"][*g.IndexName]["Write"] = auto_scaling_settings(*g.ProvisionedWriteCapacityAutoScalingUpdate);
    if (replicas)
      for (const auto& r : *replicas)
        if (!r.null_element && r.ReplicaProvisionedReadCapacityAutoScalingUpdate)
          a["Read"] = auto_scaling_settings(*r.ReplicaProvisionedReadCapacityAutoScalingUpdate);
  });
  return Json({{"TableAutoScalingDescription", auto_scaling_description(ctx, *ctx.engine.find_table(ctx.ns, table->name))}}).dump();
}

}  // namespace ops

}  // namespace dynarock::api
