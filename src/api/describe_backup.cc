// DescribeBackup: the stored backup record (details, source table, its features).
#include "api/operations.h"
#include "api/restore.h"

namespace dynarock::api {

std::string describe_backup(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* arn = get_string(req, "BackupArn");
  if (!arn) c.add("null", "backupArn", "Member must not be null");
  c.length(arn, "backupArn", 37, 1024);
  c.finish();
  return Json({{"BackupDescription", backup_description(require_backup(ctx, *arn))}}).dump();
}

}  // namespace dynarock::api
