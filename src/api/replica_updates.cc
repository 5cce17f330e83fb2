#include "api/replica_updates.h"

#include "model/error.h"

namespace dynarock::api {

namespace {

constexpr char kVersion[] = "2019.11.21";

Json throughput_override(const auto& o) {
  Json j = Json::object();
  if (o.ReadCapacityUnits) j["ReadCapacityUnits"] = *o.ReadCapacityUnits;
  return j;
}

Json on_demand_override(const auto& o) {
  Json j = Json::object();
  if (o.MaxReadRequestUnits) j["MaxReadRequestUnits"] = *o.MaxReadRequestUnits;
  return j;
}

// The replica's description from a Create or Update action: what DescribeTable reports.
template <typename Action>
void apply_settings(const Action& action, Json& replica) {
  if (action.KMSMasterKeyId) replica["KMSMasterKeyId"] = *action.KMSMasterKeyId;
  if (action.ProvisionedThroughputOverride) replica["ProvisionedThroughputOverride"] = throughput_override(*action.ProvisionedThroughputOverride);
  if (action.OnDemandThroughputOverride) replica["OnDemandThroughputOverride"] = on_demand_override(*action.OnDemandThroughputOverride);
  if (action.GlobalSecondaryIndexes) {
    Json indexes = Json::array();
    for (const auto& g : *action.GlobalSecondaryIndexes) {
      Json j = Json::object();
      if (g.IndexName) j["IndexName"] = *g.IndexName;
      if (g.ProvisionedThroughputOverride) j["ProvisionedThroughputOverride"] = throughput_override(*g.ProvisionedThroughputOverride);
      if (g.OnDemandThroughputOverride) j["OnDemandThroughputOverride"] = on_demand_override(*g.OnDemandThroughputOverride);
      indexes.push_back(std::move(j));
    }
    replica["GlobalSecondaryIndexes"] = indexes;
  }
  if (action.TableClassOverride) replica["ReplicaTableClassSummary"] = {{"TableClass", *action.TableClassOverride}};
}

}  // namespace

void check_replica_updates(const std::vector<shapes::ReplicationGroupUpdate>* updates, Constraints& c) {
  if (!updates) return;
  if (updates->empty())
    c.add_message("Value '[]' at 'replicaUpdates' failed to satisfy constraint: Member must have length greater than or equal to 1");
  size_t i = 0;
  for (const auto& u : *updates) {
    ++i;
    if (u.null_element) throw serialization_error("Unexpected value type in payload");
    std::string base = "replicaUpdates." + std::to_string(i) + ".member.";
    auto check = [&](const auto& a, const char* action) {
      std::string path = base + action;
      if (!a.RegionName) c.add("null", path + ".regionName", "Member must not be null");
      if constexpr (requires { a.TableClassOverride; })
        c.enum_value(ptr(a.TableClassOverride), (path + ".tableClassOverride").c_str(), {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    };
    if (u.Create) check(*u.Create, "create");
    if (u.Update) check(*u.Update, "update");
    if (u.Delete) check(*u.Delete, "delete");
  }
}

void apply_replica_updates(const std::vector<shapes::ReplicationGroupUpdate>& updates, const model::TableInfo& current, model::TableInfo& next, Json& deleting) {
  Json replicas = next.extra.value("Replicas", Json::array());
  auto find = [&](const std::string& region) {
    for (size_t i = 0; i < replicas.size(); ++i)
      if (replicas[i]["RegionName"] == region) return static_cast<long>(i);
    return -1L;
  };
  for (const auto& u : updates) {
    int actions = u.Create.has_value() + u.Update.has_value() + u.Delete.has_value();
    if (actions != 1)
      throw validation_error("One or more parameter values were invalid: exactly one of Create, Update or Delete must be given in each ReplicationGroupUpdate");
    if (u.Create) {
      const std::string& region = *u.Create->RegionName;
      if (region == current.region)
        throw validation_error("One or more parameter values were invalid: Cannot add a replica of table " + current.name +
                               " in its own region " + region);
      if (find(region) >= 0)
        throw validation_error("One or more parameter values were invalid: A replica of table " + current.name +
                               " already exists in region " + region);
      Json replica = {{"RegionName", region}, {"ReplicaStatus", "ACTIVE"}};
      apply_settings(*u.Create, replica);
      replicas.push_back(replica);
    } else if (u.Update) {
      const std::string& region = *u.Update->RegionName;
      long at = find(region);
      if (at < 0) throw validation_error("One or more parameter values were invalid: No replica of table " + current.name + " in region " + region);
      apply_settings(*u.Update, replicas[static_cast<size_t>(at)]);
    } else {
      const std::string& region = *u.Delete->RegionName;
      long at = find(region);
      if (at < 0) throw validation_error("One or more parameter values were invalid: No replica of table " + current.name + " in region " + region);
      Json gone = replicas[static_cast<size_t>(at)];
      gone["ReplicaStatus"] = "DELETING";
      deleting.push_back(gone);
      replicas.erase(replicas.begin() + at);
    }
  }
  if (replicas.empty()) {
    next.extra.erase("Replicas");
    next.extra.erase("GlobalTableVersion");
  } else {
    next.extra["Replicas"] = replicas;
    next.extra["GlobalTableVersion"] = kVersion;
  }
}

}  // namespace dynarock::api
