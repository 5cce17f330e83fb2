#include "api/global_table.h"

#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string global_table_name(const std::optional<std::string>& name) {
  Constraints c;
  c.table_name(ptr(name), "globalTableName");
  c.finish();
  return *name;
}

Json require_global_table(Context& ctx, const std::string& name) {
  auto record = ctx.engine.get_record(kGlobalTableRecord, ctx.ns, name);
  if (!record) throw ApiError("GlobalTableNotFoundException", "Global table not found");
  return *record;
}

Json global_table_description(const Json& r) {
  Json group = Json::array();
  for (const auto& region : r["Regions"]) group.push_back({{"RegionName", region}, {"ReplicaStatus", "ACTIVE"}});
  return {{"ReplicationGroup", group},
          {"GlobalTableArn", r["GlobalTableArn"]},
          {"CreationDateTime", r["CreationDateTime"]},
          {"GlobalTableStatus", "ACTIVE"},
          {"GlobalTableName", r["GlobalTableName"]}};
}

Json global_table_settings(Context& ctx, const Json& r) {
  model::TablePtr table = ctx.engine.find_table(ctx.ns, r["GlobalTableName"].get<std::string>());
  Json settings = Json::array();
  for (const auto& region : r["Regions"]) {
    Json s = {{"RegionName", region}, {"ReplicaStatus", "ACTIVE"}};
    if (table) {
      const Json& x = table->extra;
      s["ReplicaBillingModeSummary"] = x.value("BillingModeSummary", Json({{"BillingMode", "PROVISIONED"}}));
      s["ReplicaProvisionedReadCapacityUnits"] = x["ProvisionedThroughput"].value("ReadCapacityUnits", 0);
      s["ReplicaProvisionedWriteCapacityUnits"] = x["ProvisionedThroughput"].value("WriteCapacityUnits", 0);
      Json gsis = Json::array();
      for (const auto& ix : table->indexes)
        if (ix.global)
          gsis.push_back({{"IndexName", ix.name},
                          {"IndexStatus", ix.status},
                          {"ProvisionedReadCapacityUnits", x["Indexes"][ix.name]["ProvisionedThroughput"].value("ReadCapacityUnits", 0)},
                          {"ProvisionedWriteCapacityUnits", x["Indexes"][ix.name]["ProvisionedThroughput"].value("WriteCapacityUnits", 0)}});
      s["ReplicaGlobalSecondaryIndexSettings"] = gsis;
    }
    settings.push_back(s);
  }
  return {{"GlobalTableName", r["GlobalTableName"]}, {"ReplicaSettings", settings}};
}

}  // namespace dynarock::api
