// DescribeContinuousBackups: continuous backups are always ENABLED; point-in-time recovery as set.
#include "api/operations.h"
#include "api/restore.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_continuous_backups(Context& ctx, const shapes::DescribeContinuousBackupsInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.finish();
  std::string name = table_name_from(*req.TableName);
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw table_not_found(name);
  return Json({{"ContinuousBackupsDescription", continuous_backups_description(*table)}}).dump();
}

}  // namespace dynarock::api::ops
