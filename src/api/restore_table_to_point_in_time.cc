// RestoreTableToPointInTime: a new table holding the source's items exactly as they were at
// RestoreDateTime (or now, with UseLatestRestorableTime): the history's base plus its change log
// replayed up to that instant.
#include <cmath>

#include "api/operations.h"
#include "api/restore.h"
#include "api/table_description.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string restore_table_to_point_in_time(Context& ctx, const shapes::RestoreTableToPointInTimeInput& req) {
  Constraints c;
  const std::string* source_arn = ptr(req.SourceTableArn);
  c.length(source_arn, "sourceTableArn", 1, 1024);
  c.table_name(ptr(req.SourceTableName), "sourceTableName", false);
  c.table_name(ptr(req.TargetTableName), "targetTableName");
  auto latest = req.UseLatestRestorableTime;
  auto when = req.RestoreDateTime;
  RestoreOverrides overrides = restore_overrides(req);
  check_restore_overrides(overrides, c);
  c.finish();
  const std::string* source_name = ptr(req.SourceTableName);
  if (!source_arn && !source_name) throw validation_error("Either source table name or source table arn must be provided");
  if (source_arn && source_name) throw validation_error("Only one of source table name or source table arn can be provided");
  bool use_latest = latest.value_or(false);
  if (use_latest && when) throw validation_error("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
  if (!use_latest && !when) throw validation_error("Either RestoreDateTime or UseLatestRestorableTime must be specified");

  std::string name = source_name ? *source_name : table_name_from(*source_arn);
  model::TablePtr source = ctx.engine.find_table(ctx.ns, name);
  if (!source) throw table_not_found(name);
  std::string target = *req.TargetTableName;
  if (ctx.engine.find_table(ctx.ns, target)) throw ApiError("TableAlreadyExistsException", "Table already exists: " + target);
  if (!source->pitr.enabled || source->pitr.earliest <= 0)
    throw ApiError("PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table '" + name + "'");

  double now = now_seconds();
  double earliest = std::max(source->pitr.earliest, now - source->pitr.period_days * 86400.0);
  double at = use_latest ? now : *when;
  if (at < std::floor(earliest) || at > now)
    throw ApiError("InvalidRestoreTimeException",
                   "Invalid restore time specified: RestoreDateTime must be between " + std::to_string(earliest) + " and " + std::to_string(now));
  engine::RestoreSource from;
  from.copy_id = source->pitr.base_id;
  from.log_id = source->pitr.log_id;
  from.until_micros = static_cast<int64_t>(std::floor(at * 1e6));
  model::TableInfo info = restored_definition(ctx, *source, target, overrides);
  Json summary = {{"SourceTableArn", source->arn()}, {"RestoreDateTime", at}};
  return finish_restore(ctx, std::move(info), from, summary);
}

}  // namespace dynarock::api::ops
