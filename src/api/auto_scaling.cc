#include "api/auto_scaling.h"

#include "api/table_description.h"

namespace dynarock::api {

Json auto_scaling_settings(const shapes::AutoScalingSettingsUpdate& u) {
  Json s = Json::object();
  if (u.MinimumUnits) s["MinimumUnits"] = *u.MinimumUnits;
  if (u.MaximumUnits) s["MaximumUnits"] = *u.MaximumUnits;
  if (u.AutoScalingDisabled) s["AutoScalingDisabled"] = *u.AutoScalingDisabled;
  if (u.AutoScalingRoleArn) s["AutoScalingRoleArn"] = *u.AutoScalingRoleArn;
  if (const auto& p = u.ScalingPolicyUpdate) {
    Json config = Json::object();
    if (const auto& t = p->TargetTrackingScalingPolicyConfiguration) {
      if (t->DisableScaleIn) config["DisableScaleIn"] = *t->DisableScaleIn;
      if (t->ScaleInCooldown) config["ScaleInCooldown"] = *t->ScaleInCooldown;
      if (t->ScaleOutCooldown) config["ScaleOutCooldown"] = *t->ScaleOutCooldown;
      if (t->TargetValue) config["TargetValue"] = *t->TargetValue;
    }
    s["ScalingPolicies"] = Json::array({{{"PolicyName", p->PolicyName.value_or("DynamoDBWriteCapacityUtilization")},
                                         {"TargetTrackingScalingPolicyConfiguration", config}}});
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
