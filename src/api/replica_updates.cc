#include "api/replica_updates.h"

#include "model/error.h"

namespace dynarock::api {

namespace {

constexpr char kVersion[] = "2019.11.21";

// The replica's description from a Create or Update action: what DescribeTable reports.
void apply_settings(const Json& action, Json& replica) {
  if (const std::string* kms = get_string(action, "KMSMasterKeyId")) replica["KMSMasterKeyId"] = *kms;
  if (const Json* p = get_object(action, "ProvisionedThroughputOverride")) replica["ProvisionedThroughputOverride"] = *p;
  if (const Json* o = get_object(action, "OnDemandThroughputOverride")) replica["OnDemandThroughputOverride"] = *o;
  if (const Json* g = get_array(action, "GlobalSecondaryIndexes")) replica["GlobalSecondaryIndexes"] = *g;
  if (const std::string* cls = get_string(action, "TableClassOverride")) replica["ReplicaTableClassSummary"] = {{"TableClass", *cls}};
}

}  // namespace

void check_replica_updates(const Json* updates, Constraints& c) {
  if (!updates) return;
  if (updates->empty())
    c.add_message("Value '[]' at 'replicaUpdates' failed to satisfy constraint: Member must have length greater than or equal to 1");
  size_t i = 0;
  for (const auto& u : *updates) {
    ++i;
    if (!u.is_object()) throw serialization_error("Unexpected value type in payload");
    std::string base = "replicaUpdates." + std::to_string(i) + ".member.";
    for (const char* action : {"Create", "Update", "Delete"}) {
      const Json* a = get_object(u, action);
      if (!a) continue;
      std::string path = base + (action[0] == 'C' ? "create" : action[0] == 'U' ? "update" : "delete");
      if (!get_string(*a, "RegionName")) c.add("null", path + ".regionName", "Member must not be null");
      if (action[0] != 'D') c.enum_value(*a, "TableClassOverride", (path + ".tableClassOverride").c_str(), {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
    }
  }
}

void apply_replica_updates(const Json& updates, const model::TableInfo& current, model::TableInfo& next, Json& deleting) {
  Json replicas = next.extra.value("Replicas", Json::array());
  auto find = [&](const std::string& region) {
    for (size_t i = 0; i < replicas.size(); ++i)
      if (replicas[i]["RegionName"] == region) return static_cast<long>(i);
    return -1L;
  };
  for (const auto& u : updates) {
    int actions = u.contains("Create") + u.contains("Update") + u.contains("Delete");
    if (actions != 1)
      throw validation_error("One or more parameter values were invalid: exactly one of Create, Update or Delete must be given in each ReplicationGroupUpdate");
    if (const Json* create = get_object(u, "Create")) {
      std::string region = (*create)["RegionName"];
      if (region == current.region)
        throw validation_error("One or more parameter values were invalid: Cannot add a replica of table " + current.name +
                               " in its own region " + region);
      if (find(region) >= 0)
        throw validation_error("One or more parameter values were invalid: A replica of table " + current.name +
                               " already exists in region " + region);
      Json replica = {{"RegionName", region}, {"ReplicaStatus", "ACTIVE"}};
      apply_settings(*create, replica);
      replicas.push_back(replica);
    } else if (const Json* update = get_object(u, "Update")) {
      std::string region = (*update)["RegionName"];
      long at = find(region);
      if (at < 0) throw validation_error("One or more parameter values were invalid: No replica of table " + current.name + " in region " + region);
      apply_settings(*update, replicas[static_cast<size_t>(at)]);
    } else if (const Json* del = get_object(u, "Delete")) {
      std::string region = (*del)["RegionName"];
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
