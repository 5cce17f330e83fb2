#include "api/restore.h"

#include <cmath>
#include <cstdio>
#include <random>
#include <set>

#include "api/index_definition.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string new_backup_arn(const model::TableInfo& table, double now) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "%014lld-%08x", static_cast<long long>(now * 1000), static_cast<unsigned>(rng()));
  return table.arn() + "/backup/" + suffix;
}

ApiError table_not_found(const std::string& name) { return ApiError("TableNotFoundException", "Table not found: " + name); }

Json require_backup(Context& ctx, const std::string& arn) {
  auto record = ctx.engine.get_record(kBackupRecord, ctx.ns, arn);
  if (!record) throw ApiError("BackupNotFoundException", "Backup not found: " + arn);
  return *record;
}

Json backup_of_request(Context& ctx, const std::optional<std::string>& backup_arn) {
  Constraints c;
  const std::string* arn = ptr(backup_arn);
  if (!arn) c.add("null", "backupArn", "Member must not be null");
  c.length(arn, "backupArn", 37, 1024);
  c.finish();
  return require_backup(ctx, *arn);
}

Json backup_details(const Json& r) {
  Json d = Json::object();
  for (const char* member : {"BackupArn", "BackupName", "BackupSizeBytes", "BackupStatus", "BackupType", "BackupCreationDateTime"})
    d[member] = r[member];
  return d;
}

Json backup_summary(const Json& r) {
  Json s = backup_details(r);
  for (const char* member : {"TableName", "TableId", "TableArn"}) s[member] = r["SourceTableDetails"][member];
  return s;
}

Json backup_description(const Json& r) {
  return {{"BackupDetails", backup_details(r)},
          {"SourceTableDetails", r["SourceTableDetails"]},
          {"SourceTableFeatureDetails", r["SourceTableFeatureDetails"]}};
}

namespace {

template <typename Index>
void reject_null_entries(const std::vector<Index>* list) {
  if (list)
    for (const auto& ix : *list)
      if (ix.null_element) throw serialization_error("Unexpected value type in payload");
}

}  // namespace

void check_restore_overrides(const RestoreOverrides& o, Constraints& c) {
  c.enum_value(o.billing_mode, "billingModeOverride", {"PROVISIONED", "PAY_PER_REQUEST"});
  check_throughput(o.throughput, "provisionedThroughputOverride", c);
  reject_null_entries(o.global_indexes);
  reject_null_entries(o.local_indexes);
  if (o.sse) c.enum_value(ptr(o.sse->SSEType), "sSESpecificationOverride.sSEType", {"AES256", "KMS"});
}

namespace {

// Keeps the indexes of one kind the override names (all of that kind when there is no override).
template <typename Index>
void apply_index_override(model::TableInfo& t, const std::vector<Index>* names, bool global) {
  if (!names) return;
  std::set<std::string> keep;
  for (const auto& ix : *names) {
    const std::string* name = ptr(ix.IndexName);
    if (!name) throw validation_error("One or more parameter values were invalid: IndexName must be specified for each index override");
    const model::IndexInfo* found = t.find_index(*name);
    if (!found || found->global != global)
      throw validation_error("One or more parameter values were invalid: Index " + *name + " is not present in the source table");
    keep.insert(*name);
  }
  std::vector<model::IndexInfo> kept;
  for (auto& ix : t.indexes)
    if (ix.global != global || keep.count(ix.name)) kept.push_back(std::move(ix));
    else t.extra["Indexes"].erase(ix.name);
  t.indexes = std::move(kept);
}

}  // namespace

model::TableInfo restored_definition(Context& ctx, const model::TableInfo& source, const std::string& target_name,
                                     const RestoreOverrides& overrides) {
  model::TableInfo t = source;
  t.id = 0;
  for (auto& ix : t.indexes) {
    ix.id = 0;
    ix.status = "ACTIVE";
    ix.backfilling = false;
  }
  t.ns = ctx.ns;
  t.name = target_name;
  t.region = ctx.region;
  t.status = "ACTIVE";
  t.created = now_seconds();
  t.ttl = {};
  t.stream = {};
  t.pitr = {};
  Json& x = t.extra;
  for (const char* member : {"Tags", "RestoreSummary", "LastChange", "TransientStatus", "Replicas", "GlobalTableVersion"}) x.erase(member);
  x["TableId"] = new_table_id();
  x["DeletionProtectionEnabled"] = false;

  apply_index_override(t, overrides.global_indexes, true);
  apply_index_override(t, overrides.local_indexes, false);
  // Attribute definitions only for attributes some remaining key uses.
  std::set<std::string> used = {t.key.hash.name};
  if (t.key.range) used.insert(t.key.range->name);
  for (const auto& ix : t.indexes) {
    for (const auto& e : ix.hash_elements()) used.insert(e.name);
    for (const auto& e : ix.range_elements()) used.insert(e.name);
  }
  Json defs = Json::array();
  for (const auto& d : x["AttributeDefinitions"])
    if (used.count(d["AttributeName"].get<std::string>())) defs.push_back(d);
  x["AttributeDefinitions"] = defs;

  const std::string* billing = overrides.billing_mode;
  const shapes::ProvisionedThroughput* throughput = overrides.throughput;
  if (billing && *billing == "PAY_PER_REQUEST") {
    if (throughput)
      throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    x["BillingModeSummary"] = {{"BillingMode", "PAY_PER_REQUEST"}, {"LastUpdateToPayPerRequestDateTime", t.created}};
    x["ProvisionedThroughput"] = described_throughput(nullptr);
    for (auto& [name, ix] : x["Indexes"].items()) ix["ProvisionedThroughput"] = described_throughput(nullptr);
  } else if (billing && *billing == "PROVISIONED") {
    if (!throughput)
      throw validation_error("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    x["BillingModeSummary"] = {{"BillingMode", "PROVISIONED"}};
  }
  if (throughput) x["ProvisionedThroughput"] = described_throughput(throughput);
  if (const shapes::OnDemandThroughput* on_demand = overrides.on_demand) {
    Json& stored = x["OnDemandThroughput"] = Json::object();
    if (on_demand->MaxReadRequestUnits) stored["MaxReadRequestUnits"] = *on_demand->MaxReadRequestUnits;
    if (on_demand->MaxWriteRequestUnits) stored["MaxWriteRequestUnits"] = *on_demand->MaxWriteRequestUnits;
  }
  if (const shapes::SSESpecification* sse = overrides.sse) {
    if (sse->Enabled.value_or(false))
      x["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                             {"KMSMasterKeyArn", sse->KMSMasterKeyId.value_or("arn:aws:kms:" + ctx.region + ":000000000000:key/dynarock-local")}};
    else
      x.erase("SSEDescription");
  }
  return t;
}

Json continuous_backups_description(const model::TableInfo& table) {
  Json pitr = {{"PointInTimeRecoveryStatus", table.pitr.enabled ? "ENABLED" : "DISABLED"}};
  if (table.pitr.enabled) {
    double now = now_seconds();
    pitr["RecoveryPeriodInDays"] = table.pitr.period_days;
    pitr["EarliestRestorableDateTime"] = std::max(table.pitr.earliest, now - table.pitr.period_days * 86400.0);
    pitr["LatestRestorableDateTime"] = now;
  }
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", pitr}};
}

std::string finish_restore(Context& ctx, model::TableInfo target, const engine::RestoreSource& source, Json summary) {
  std::string name = target.name;
  summary["RestoreInProgress"] = false;
  target.extra["RestoreSummary"] = summary;
  model::TablePtr table;
  try {
    table = ctx.engine.restore_table(std::move(target), source);
  } catch (const ApiError& e) {
    if (e.code() == "ResourceInUseException") throw ApiError("TableAlreadyExistsException", "Table already exists: " + name);
    throw;
  }
  Json d = describe(ctx, *table, true, "CREATING");
  d["RestoreSummary"]["RestoreInProgress"] = true;
  return Json({{"TableDescription", d}}).dump();
}

}  // namespace dynarock::api
