#include "api/auto_scaling.h"

#include "api/table_description.h"

namespace dynarock::api {

Json auto_scaling_settings(const Json& u) {
  Json s = Json::object();
  for (const char* member : {"MinimumUnits", "MaximumUnits", "AutoScalingDisabled", "AutoScalingRoleArn"})
    if (u.contains(member)) s[member] = u[member];
  if (u.contains("ScalingPolicyUpdate")) {
    Json p = u["ScalingPolicyUpdate"];
    s["ScalingPolicies"] = Json::array({{{"PolicyName", p.value("PolicyName", std::string("DynamoDBWriteCapacityUtilization"))},
                                         {"TargetTrackingScalingPolicyConfiguration", p.value("TargetTrackingScalingPolicyConfiguration", Json::object())}}});
  }
  return s;
}

Json auto_scaling_description(Context& ctx, const model::TableInfo& table) {
  const Json a = table.extra.value("AutoScaling", Json::object());
  Json replica = {{"RegionName", ctx.region}, {"ReplicaStatus", "ACTIVE"}};
  if (a.contains("Read")) replica["ReplicaProvisionedReadCapacityAutoScalingSettings"] = a["Read"];
  if (a.contains("Write")) replica["ReplicaProvisionedWriteCapacityAutoScalingSettings"] = a["Write"];
  Json gsis = Json::array();
  for (const auto& ix : table.indexes) {
    if (!ix.global) continue;
    Json g = {{"IndexName", ix.name}, {"IndexStatus", ix.status}};
    if (a.contains("Indexes") && a["Indexes"].contains(ix.name))
      g["ProvisionedWriteCapacityAutoScalingSettings"] = a["Indexes"][ix.name]["Write"];
    gsis.push_back(g);
  }
  replica["GlobalSecondaryIndexes"] = gsis;
  return {{"TableName", table.name}, {"TableStatus", visible_status(ctx, table)}, {"Replicas", Json::array({replica})}};
}

}  // namespace dynarock::api
