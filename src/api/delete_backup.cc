// DeleteBackup: drops the backup's copy and record; the answer describes it as DELETED.
#include "api/operations.h"
#include "api/restore.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string delete_backup(Context& ctx, const shapes::DeleteBackupInput& req) {
  Json r = backup_of_request(ctx, req.BackupArn);
  std::string arn = r["BackupArn"];
  ctx.engine.delete_record(kBackupRecord, ctx.ns, arn);
  ctx.engine.drop_copy(r["copy_id"].get<uint32_t>());
  r["BackupStatus"] = "DELETED";
  return Json({{"BackupDescription", backup_description(r)}}).dump();
}

}  // namespace dynarock::api::ops
