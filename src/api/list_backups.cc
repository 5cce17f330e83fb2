// ListBackups: the namespace's backups, oldest first, filtered by table, creation time range and
// type, paged by ExclusiveStartBackupArn / LastEvaluatedBackupArn.
#include <algorithm>

#include "api/operations.h"
#include "api/restore.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_backups(Context& ctx, const shapes::ListBackupsInput& req) {
  Constraints c;
  const std::string* table = ptr(req.TableName);
  c.length(table, "tableName", 1, 1024);
  auto limit = req.Limit;
  c.integer_range(limit, "limit", 1, 100);
  const std::string* start = ptr(req.ExclusiveStartBackupArn);
  c.length(start, "exclusiveStartBackupArn", 37, 1024);
  c.enum_value(ptr(req.BackupType), "backupType", {"USER", "SYSTEM", "AWS_BACKUP", "ALL"});
  auto lower = req.TimeRangeLowerBound;
  auto upper = req.TimeRangeUpperBound;
  c.finish();
  if (lower && upper && *lower > *upper)
    throw validation_error("TimeRangeUpperBound must be greater than TimeRangeLowerBound");

  std::vector<Json> all = ctx.engine.list_records(kBackupRecord, ctx.ns);
  std::stable_sort(all.begin(), all.end(), [](const Json& a, const Json& b) {
    double ta = a["BackupCreationDateTime"].get<double>(), tb = b["BackupCreationDateTime"].get<double>();
    return ta != tb ? ta < tb : a["BackupArn"].get<std::string>() < b["BackupArn"].get<std::string>();
  });
  std::string type = req.BackupType.value_or("USER");
  std::string name = table ? table_name_from(*table) : std::string();
  Json out = Json::array();
  bool started = !start;
  std::string last;
  bool more = false;
  size_t max = limit ? static_cast<size_t>(*limit) : SIZE_MAX;
  for (const auto& r : all) {
    if (!started) {
      started = r["BackupArn"] == *start;
      continue;
    }
    double created = r["BackupCreationDateTime"].get<double>();
    if (table && r["SourceTableDetails"]["TableName"] != name) continue;
    if (type != "ALL" && r["BackupType"] != type) continue;
    if (lower && created < *lower) continue;
    if (upper && created > *upper) continue;
    if (out.size() == max) {
      more = true;
      break;
    }
    out.push_back(backup_summary(r));
    last = r["BackupArn"];
  }
  Json response = {{"BackupSummaries", out}};
  if (more) response["LastEvaluatedBackupArn"] = last;
  return response.dump();
}

}  // namespace dynarock::api::ops
