// DescribeBackup: the stored backup record (details, source table, its features).
#include "api/operations.h"
#include "api/restore.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_backup(Context& ctx, const shapes::DescribeBackupInput& req) {
  return Json({{"BackupDescription", backup_description(backup_of_request(ctx, req.BackupArn))}}).dump();
}

}  // namespace dynarock::api::ops
