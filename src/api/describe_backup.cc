// DescribeBackup: the stored backup record (details, source table, its features).
#include "api/operations.h"
#include "api/restore.h"

namespace dynarock::api {

std::string describe_backup(Context& ctx, const Json& req) {
  return Json({{"BackupDescription", backup_description(backup_of_request(ctx, req))}}).dump();
}

}  // namespace dynarock::api
