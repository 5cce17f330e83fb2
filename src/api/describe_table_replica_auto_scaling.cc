// DescribeTableReplicaAutoScaling: the table's one (local) replica with the auto scaling settings
// recorded by UpdateTableReplicaAutoScaling.
#include "api/auto_scaling.h"
#include "api/operations.h"
#include "api/table_settings.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_table_replica_auto_scaling(Context& ctx, const shapes::DescribeTableReplicaAutoScalingInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.finish();
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  return Json({{"TableAutoScalingDescription", auto_scaling_description(ctx, *table)}}).dump();
}

}  // namespace dynarock::api::ops
