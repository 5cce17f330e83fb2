// CreateBackup: copies the table's items from one RocksDB snapshot (writes go on meanwhile) into
// a key range of the backup's own, and records the backup with the table's definition. The copy
// finishes within the call, so the backup is AVAILABLE at once.
#include "api/operations.h"
#include "api/restore.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

Json feature_details(Context& ctx, const model::TableInfo& table, const Json& described) {
  Json f = Json::object();
  for (const char* kind : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
    if (!described.contains(kind)) continue;
    Json list = Json::array();
    for (const auto& ix : described[kind]) {
      Json j = {{"IndexName", ix["IndexName"]}, {"KeySchema", ix["KeySchema"]}, {"Projection", ix["Projection"]}};
      if (ix.contains("ProvisionedThroughput"))
        j["ProvisionedThroughput"] = {{"ReadCapacityUnits", ix["ProvisionedThroughput"]["ReadCapacityUnits"]},
                                      {"WriteCapacityUnits", ix["ProvisionedThroughput"]["WriteCapacityUnits"]}};
      list.push_back(j);
    }
    f[kind] = list;
  }
  if (table.stream.enabled) f["StreamDescription"] = {{"StreamEnabled", true}, {"StreamViewType", table.stream.view_type}};
  f["TimeToLiveDescription"] = {{"TimeToLiveStatus", table.ttl.enabled ? "ENABLED" : "DISABLED"}};
  if (table.ttl.enabled) f["TimeToLiveDescription"]["AttributeName"] = table.ttl.attribute;
  if (described.contains("SSEDescription")) f["SSEDescription"] = described["SSEDescription"];
  (void)ctx;
  return f;
}

}  // namespace

namespace ops {

std::string create_backup(Context& ctx, const shapes::CreateBackupInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.table_name(ptr(req.BackupName), "backupName");
  c.finish();
  std::string name = table_name_from(*req.TableName);
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw table_not_found(name);
  if (table->status != "ACTIVE") throw ApiError("TableInUseException", "Table is being updated: " + name);

  double now = now_seconds();
  engine::TableStats stats;
  uint32_t copy_id = ctx.engine.copy_items(*table, stats);
  Json described = describe(ctx, *table, false);
  Json r = Json::object();
  r["BackupArn"] = new_backup_arn(*table, now);
  r["BackupName"] = *req.BackupName;
  r["BackupSizeBytes"] = stats.size_bytes;
  r["BackupStatus"] = "AVAILABLE";
  r["BackupType"] = "USER";
  r["BackupCreationDateTime"] = now;
  Json source = {{"TableName", table->name},
                 {"TableId", described["TableId"]},
                 {"TableArn", table->arn()},
                 {"TableSizeBytes", stats.size_bytes},
                 {"KeySchema", described["KeySchema"]},
                 {"TableCreationDateTime", table->created},
                 {"ProvisionedThroughput",
                  {{"ReadCapacityUnits", described["ProvisionedThroughput"]["ReadCapacityUnits"]},
                   {"WriteCapacityUnits", described["ProvisionedThroughput"]["WriteCapacityUnits"]}}},
                 {"ItemCount", stats.item_count}};
  if (described.contains("OnDemandThroughput")) source["OnDemandThroughput"] = described["OnDemandThroughput"];
  source["BillingMode"] = table->extra.contains("BillingModeSummary") ? table->extra["BillingModeSummary"]["BillingMode"] : Json("PROVISIONED");
  r["SourceTableDetails"] = source;
  r["SourceTableFeatureDetails"] = feature_details(ctx, *table, described);
  r["copy_id"] = copy_id;
  r["table"] = model::table_to_json(*table);
  try {
    ctx.engine.put_record(kBackupRecord, ctx.ns, r["BackupArn"], r);
  } catch (...) {
    ctx.engine.drop_copy(copy_id);
    throw;
  }
  return Json({{"BackupDetails", backup_details(r)}}).dump();
}

}  // namespace ops

}  // namespace dynarock::api
