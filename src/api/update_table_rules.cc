#include "api/update_table_rules.h"

#include <set>

#include "api/index_definition.h"
#include "api/replica_updates.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

constexpr long long kMaxCapacity = 1000000000000LL;
const std::string kInvalid = "One or more parameter values were invalid: ";

const std::string& action_index_name(const shapes::GlobalSecondaryIndexUpdate& u) {
  static const std::string none;
  const std::optional<std::string>& name = u.Update ? u.Update->IndexName : u.Create ? u.Create->IndexName : u.Delete->IndexName;
  return name ? *name : none;
}

bool empty_warm(const shapes::WarmThroughput& w) { return !w.ReadUnitsPerSecond && !w.WriteUnitsPerSecond; }
bool empty_on_demand(const shapes::OnDemandThroughput& o) { return !o.MaxReadRequestUnits && !o.MaxWriteRequestUnits; }

// A table-level WarmThroughput {} or OnDemandThroughput {} carries no change and is ignored.
bool warm_change(const shapes::UpdateTableInput& req) { return req.WarmThroughput && !empty_warm(*req.WarmThroughput); }
bool on_demand_change(const shapes::UpdateTableInput& req) { return req.OnDemandThroughput && !empty_on_demand(*req.OnDemandThroughput); }

void check_index_update_constraints(const std::vector<shapes::GlobalSecondaryIndexUpdate>& updates, Constraints& c) {
  size_t i = 0;
  for (const auto& u : updates) {
    std::string base = "globalSecondaryIndexUpdates." + std::to_string(++i) + ".member";
    if (u.Update) {
      // ProvisionedThroughput of an Update is optional: OnDemandThroughput and WarmThroughput
      // may be updated instead.
      if (!u.Update->IndexName) c.add("null", base + ".update.indexName", "Member must not be null");
      c.index_name(ptr(u.Update->IndexName), base + ".update.indexName");
      check_throughput(ptr(u.Update->ProvisionedThroughput), base + ".update.provisionedThroughput", c);
    }
    if (u.Create) check_index(*u.Create, base + ".create", c);
    if (u.Delete) {
      if (!u.Delete->IndexName) c.add("null", base + ".delete.indexName", "Member must not be null");
      c.index_name(ptr(u.Delete->IndexName), base + ".delete.indexName");
    }
  }
}

bool changes_something(const shapes::UpdateTableInput& req) {
  // An empty GlobalSecondaryIndexUpdates list counts as absent here (it is refused later when
  // something else makes the request valid); MultiRegionConsistency alone changes nothing.
  return req.ProvisionedThroughput || req.BillingMode || req.StreamSpecification ||
         (req.GlobalSecondaryIndexUpdates && !req.GlobalSecondaryIndexUpdates->empty()) || req.SSESpecification || req.ReplicaUpdates ||
         req.DeletionProtectionEnabled || req.OnDemandThroughput || req.WarmThroughput || req.TableClass;
}

std::string at_least_one_message(const shapes::UpdateTableInput& req) {
  // The list names members the request does not already carry.
  std::string members = "ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, "
                        "ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, ";
  if (!req.MultiRegionConsistency) members += "MultiRegionConsistency, ";
  return "At least one of " + members + "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required";
}

void check_index_update_structure(const std::vector<shapes::GlobalSecondaryIndexUpdate>& updates) {
  if (updates.empty()) throw validation_error(kInvalid + "List of GlobalSecondaryIndexUpdates is empty");
  std::set<std::string> seen;
  for (const auto& u : updates) {
    int actions = u.Update.has_value() + u.Create.has_value() + u.Delete.has_value();
    if (actions == 0)
      throw validation_error(kInvalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
    if (actions > 1) throw validation_error(kInvalid + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object");
    const std::string& name = action_index_name(u);
    if (!seen.insert(name).second)
      throw validation_error(kInvalid + "Only one global secondary index update per index is allowed simultaneously. Index: " + name);
    if (u.Update && u.Update->WarmThroughput && empty_warm(*u.Update->WarmThroughput))
      throw validation_error(kInvalid + "WarmThroughput must have at least one of ReadUnitsPerSecond or WriteUnitsPerSecond specified for index: " + name);
  }
}

// UpdateTable changes one concern at a time: which members may share a request.
void check_single_concern(const shapes::UpdateTableInput& req) {
  const auto* updates = ptr(req.GlobalSecondaryIndexUpdates);
  bool creates = false, online = false;  // online: an index is created or deleted
  if (updates)
    for (const auto& u : *updates) {
      creates = creates || u.Create;
      online = online || u.Create || u.Delete;
    }
  bool warm = warm_change(req), on_demand = on_demand_change(req);
  int changes = !!req.ProvisionedThroughput + !!req.BillingMode + !!req.StreamSpecification + (updates && !updates->empty()) +
                !!req.SSESpecification + !!req.ReplicaUpdates + !!req.DeletionProtectionEnabled + on_demand + warm + !!req.TableClass;
  if (changes > 1) {
    if (req.SSESpecification) throw validation_error(kInvalid + "Server-Side Encryption modification must be the only operation in the request");
    if (req.TableClass) throw validation_error(kInvalid + "TableClass modification must be the only operation in the request");
    if (req.DeletionProtectionEnabled) throw validation_error(kInvalid + "DeletionProtection modification must be the only operation in the request");
    if (warm) {
      if (creates) throw validation_error(kInvalid + "Create global secondary index cannot be specified when updating WarmThroughput");
      throw validation_error(kInvalid + "WarmThroughput must be the only operation in the request");
    }
  }
  bool iops = req.ProvisionedThroughput || (req.BillingMode && *req.BillingMode == "PROVISIONED");
  if (online && req.ProvisionedThroughput) throw validation_error(kInvalid + "You cannot create or delete index while updating table IOPS");
  if (online && req.StreamSpecification) throw validation_error(kInvalid + "You cannot create or delete index while changing stream status");
  if (req.StreamSpecification && iops) throw validation_error(kInvalid + "You cannot modify stream status while updating table IOPS");
  if (on_demand && changes > 1 + !!req.BillingMode)
    throw validation_error(kInvalid + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request");
}

std::string not_changing(const std::string& what, const std::string& provisioned_for, long long r, long long w) {
  return "The provisioned throughput for the " + what + " will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for " +
         provisioned_for + ": " + std::to_string(r) + ". Requested ReadCapacityUnits: " + std::to_string(r) +
         ". Current WriteCapacityUnits provisioned for " + provisioned_for + ": " + std::to_string(w) + ". Requested WriteCapacityUnits: " +
         std::to_string(w) + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.";
}

bool same_throughput(const Json& current, const shapes::ProvisionedThroughput& requested) {
  return current.is_object() && current.value("ReadCapacityUnits", -1LL) == requested.ReadCapacityUnits.value_or(0) &&
         current.value("WriteCapacityUnits", -1LL) == requested.WriteCapacityUnits.value_or(0);
}

bool out_of_bounds(const shapes::ProvisionedThroughput* t) {
  return t && (t->ReadCapacityUnits.value_or(0) > kMaxCapacity || t->WriteCapacityUnits.value_or(0) > kMaxCapacity);
}

// Updated and deleted indexes exist and are global.
void check_index_targets(const std::vector<shapes::GlobalSecondaryIndexUpdate>& updates, const model::TableInfo& table) {
  for (const auto& u : updates) {
    if (!u.Update && !u.Delete) continue;
    const std::string& name = action_index_name(u);
    const model::IndexInfo* ix = table.find_index(name);
    const char* verb = u.Update ? "update" : "delete";
    if (ix && !ix->global) throw validation_error(std::string("Cannot ") + verb + " an index that is not a GlobalSecondaryIndex: " + name);
    if (ix) continue;
    if (u.Update && out_of_bounds(ptr(u.Update->ProvisionedThroughput)))
      throw validation_error("This operation cannot be performed with given input values. Please contact DynamoDB service team for more info: Action Blocked: IndexUpdate");
    throw resource_not_found("Requested resource not found: Index " + name + " for table " + table.name);
  }
}

void check_billing_and_throughput(const shapes::UpdateTableInput& req, const model::TableInfo& table) {
  const Json& x = table.extra;
  const std::string current = billing_mode(table);
  std::string target = req.BillingMode ? *req.BillingMode : current;
  bool switching = target != current;
  const shapes::ProvisionedThroughput* throughput = ptr(req.ProvisionedThroughput);
  if (throughput && target == "PAY_PER_REQUEST")
    throw validation_error(kInvalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  if (req.BillingMode && *req.BillingMode == "PROVISIONED" && !throughput)
    throw validation_error(kInvalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  if (const shapes::OnDemandThroughput* on_demand = ptr(req.OnDemandThroughput)) {
    // The ceilings belong to on-demand tables; -1 removes one.
    for (auto [member, value] : {std::pair{"MaxReadRequestUnits", on_demand->MaxReadRequestUnits}, std::pair{"MaxWriteRequestUnits", on_demand->MaxWriteRequestUnits}})
      if (value && target == "PROVISIONED")
        throw validation_error(kInvalid + member + " for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED");
    for (auto [member, value] : {std::pair{"MaxReadRequestUnits", on_demand->MaxReadRequestUnits}, std::pair{"MaxWriteRequestUnits", on_demand->MaxWriteRequestUnits}})
      if (value && (*value == 0 || *value < -1))
        throw validation_error(kInvalid + "Requested " + member + " for OnDemandThroughput for table is outside of valid range");
  }
  if (throughput && !switching && same_throughput(x.value("ProvisionedThroughput", Json()), *throughput))
    throw validation_error(not_changing("table", "the table", *throughput->ReadCapacityUnits, *throughput->WriteCapacityUnits));

  const auto* updates = ptr(req.GlobalSecondaryIndexUpdates);
  std::vector<const shapes::UpdateGlobalSecondaryIndexAction*> index_updates;
  if (updates)
    for (const auto& u : *updates)
      if (u.Update) index_updates.push_back(&*u.Update);
  if (target == "PAY_PER_REQUEST") {
    for (const auto* u : index_updates) {
      bool on_demand = u->OnDemandThroughput && !empty_on_demand(*u->OnDemandThroughput);
      if (u->ProvisionedThroughput || (!on_demand && !u->WarmThroughput))
        throw validation_error(kInvalid + "The only Updates for index: " + *u->IndexName +
                               " when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput");
    }
    return;
  }
  if (switching) {
    // Leaving on-demand: every remaining global index needs its throughput in the same request.
    std::string missing;
    for (const auto& ix : table.indexes) {
      if (!ix.global) continue;
      bool given = false, deleted = false;
      if (updates)
        for (const auto& u : *updates) {
          given = given || (u.Update && u.Update->IndexName == ix.name && u.Update->ProvisionedThroughput);
          deleted = deleted || (u.Delete && u.Delete->IndexName == ix.name);
        }
      if (!given && !deleted) missing += (missing.empty() ? "" : ",") + ix.name;
    }
    if (!missing.empty()) throw validation_error(kInvalid + "ProvisionedThroughput must be specified for index: " + missing);
    return;
  }
  const Json& described = x.value("Indexes", Json::object());
  for (const auto* u : index_updates) {
    const shapes::ProvisionedThroughput* t = ptr(u->ProvisionedThroughput);
    const std::string& name = *u->IndexName;
    if (t && described.contains(name) && same_throughput(described[name].value("ProvisionedThroughput", Json()), *t))
      throw validation_error(not_changing("index " + name, "index " + name, *t->ReadCapacityUnits, *t->WriteCapacityUnits));
  }
}

}  // namespace

void check_update_table_request(const shapes::UpdateTableInput& req) {
  if (req.GlobalSecondaryIndexUpdates)
    for (const auto& u : *req.GlobalSecondaryIndexUpdates)
      if (u.null_element) throw serialization_error("Unexpected value type in payload");
  Constraints c;
  table_operation_name_constraint(c, *req.TableName);
  const shapes::ProvisionedThroughput* throughput = ptr(req.ProvisionedThroughput);
  check_throughput(throughput, "provisionedThroughput", c);
  c.enum_value(ptr(req.BillingMode), "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  const auto* updates = ptr(req.GlobalSecondaryIndexUpdates);
  if (updates) check_index_update_constraints(*updates, c);
  if (req.AttributeDefinitions) check_attribute_definitions(*req.AttributeDefinitions, c);
  check_replica_updates(ptr(req.ReplicaUpdates), c);
  c.finish();
  check_table_class(ptr(req.TableClass));

  if (!changes_something(req)) throw validation_error(at_least_one_message(req));
  if (throughput)
    for (auto [member, value] : {std::pair{"ReadCapacityUnits", throughput->ReadCapacityUnits}, std::pair{"WriteCapacityUnits", throughput->WriteCapacityUnits}})
      if (value.value_or(0) > kMaxCapacity) throw validation_error("Given value " + std::to_string(*value) + " for " + member + " is out of bounds");
  if (updates) check_index_update_structure(*updates);
  check_single_concern(req);
}

void check_update_table_against(const shapes::UpdateTableInput& req, const model::TableInfo& table) {
  if (const auto* updates = ptr(req.GlobalSecondaryIndexUpdates)) {
    size_t online = 0;
    for (const auto& u : *updates) online += u.Create || u.Delete;
    if (online > 1)
      throw ApiError("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
    check_index_targets(*updates, table);
  }
  check_billing_and_throughput(req, table);
}

}  // namespace dynarock::api
