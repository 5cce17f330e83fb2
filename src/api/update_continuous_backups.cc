// UpdateContinuousBackups: point-in-time recovery on or off, and its recovery period (1-35 days).
#include "api/operations.h"
#include "api/restore.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_continuous_backups(Context& ctx, const shapes::UpdateContinuousBackupsInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  const auto* spec = ptr(req.PointInTimeRecoverySpecification);
  std::optional<bool> enabled;
  std::optional<long long> days;
  if (!spec) c.add("null", "pointInTimeRecoverySpecification", "Member must not be null");
  else {
    enabled = spec->PointInTimeRecoveryEnabled;
    if (!enabled) c.add("null", "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled", "Member must not be null");
    days = spec->RecoveryPeriodInDays;
    c.integer_range(days, "pointInTimeRecoverySpecification.recoveryPeriodInDays", 1, 35);
  }
  c.finish();
  std::string name = table_name_from(*req.TableName);
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw table_not_found(name);
  if (days && !*enabled)
    throw validation_error("Cannot set RecoveryPeriodInDays when PointInTimeRecoveryEnabled is false");
  int period = days ? static_cast<int>(*days) : (table->pitr.enabled ? table->pitr.period_days : 35);
  model::TablePtr updated = ctx.engine.set_point_in_time_recovery(*table, *enabled, period);
  return Json({{"ContinuousBackupsDescription", continuous_backups_description(*updated)}}).dump();
}

}  // namespace dynarock::api::ops
