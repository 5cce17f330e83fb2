// RestoreTableFromBackup: a new table with the backup's definition (and the request's overrides)
// filled from the backup's copy; the backup stays, even after its source table is deleted.
#include "api/operations.h"
#include "api/restore.h"
#include "api/table_description.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string restore_table_from_backup(Context& ctx, const shapes::RestoreTableFromBackupInput& req) {
  Constraints c;
  c.table_name(ptr(req.TargetTableName), "targetTableName");
  const std::string* arn = ptr(req.BackupArn);
  if (!arn) c.add("null", "backupArn", "Member must not be null");
  c.length(arn, "backupArn", 37, 1024);
  RestoreOverrides overrides = restore_overrides(req);
  check_restore_overrides(overrides, c);
  c.finish();
  std::string target = *req.TargetTableName;
  Json backup = require_backup(ctx, *arn);
  if (backup["BackupStatus"] != "AVAILABLE") throw ApiError("BackupInUseException", "Backup is being created: " + *arn);
  if (ctx.engine.find_table(ctx.ns, target)) throw ApiError("TableAlreadyExistsException", "Table already exists: " + target);
  model::TableInfo source = model::table_from_json(backup["table"]);
  model::TableInfo info = restored_definition(ctx, source, target, overrides);
  engine::RestoreSource from;
  from.copy_id = backup["copy_id"].get<uint32_t>();
  Json summary = {{"SourceBackupArn", *arn},
                  {"SourceTableArn", backup["SourceTableDetails"]["TableArn"]},
                  {"RestoreDateTime", backup["BackupCreationDateTime"]}};
  return finish_restore(ctx, std::move(info), from, summary);
}

}  // namespace dynarock::api::ops
