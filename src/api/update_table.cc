// UpdateTable: billing mode, throughput, deletion protection, streams, table class, and
// GlobalSecondaryIndexUpdates (Create backfills existing items; Delete drops the entries), and
// ReplicaUpdates (global tables version 2019.11.21, recorded: see replica_updates.h).
#include "api/index_definition.h"
#include "api/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/replica_updates.h"
#include "api/table_description.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

// Deleted indexes are still shown, as DELETING, in the UpdateTable response.
void apply_index_updates(const Json& updates, const Json* defs, model::TableInfo& next, bool pay_per_request,
                         std::vector<model::IndexInfo>& deleted, std::vector<Json>& deleted_described) {
  AttributeTypes types;
  std::vector<std::string> defined;
  Json merged_defs = next.extra["AttributeDefinitions"];
  if (defs)
    for (const auto& d : *defs) {
      bool known = false;
      for (const auto& m : merged_defs) known = known || m["AttributeName"] == d["AttributeName"];
      if (!known) merged_defs.push_back(d);
    }
  for (const auto& d : merged_defs) {
    std::string n = d["AttributeName"].get<std::string>(), t = d["AttributeType"].get<std::string>();
    types[n] = t == "N" ? model::Type::N : t == "B" ? model::Type::B : model::Type::S;
    defined.push_back(n);
  }
  for (const auto& u : updates) {
    if (const Json* create = get_object(u, "Create")) {
      Json described;
      model::IndexInfo ix = resolve_index(*create, true, types, defined, pay_per_request, described);
      if (next.find_index(ix.name)) throw validation_error("Attempting to create an index which already exists");
      size_t gsis = 0;
      for (const auto& existing : next.indexes) gsis += existing.global;
      if (gsis >= 20)
        throw ApiError("LimitExceededException", "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
      ix.id = 0;  // the engine assigns a storage id and backfills
      next.extra["Indexes"][ix.name] = described;
      next.indexes.push_back(std::move(ix));
    } else if (const Json* del = get_object(u, "Delete")) {
      std::string name = del->value("IndexName", "");
      const model::IndexInfo* ix = next.find_index(name);
      if (ix && !ix->global) throw validation_error("Cannot delete an index that is not a GlobalSecondaryIndex: " + name);
      if (!ix) throw resource_not_found("Requested resource not found: Index: " + name + " not found");
      deleted.push_back(*ix);
      deleted_described.push_back(next.extra["Indexes"][name]);
      next.extra["Indexes"].erase(name);
      std::erase_if(next.indexes, [&](const model::IndexInfo& i) { return i.name == name; });
    } else if (const Json* update = get_object(u, "Update")) {
      std::string name = update->value("IndexName", "");
      const model::IndexInfo* ix = next.find_index(name);
      if (!ix || !ix->global) throw resource_not_found("Requested resource not found: Index: " + name + " not found");
      if (const Json* t = get_object(*update, "ProvisionedThroughput"))
        next.extra["Indexes"][name]["ProvisionedThroughput"] = described_throughput(t);
    }
  }
  next.extra["AttributeDefinitions"] = merged_defs;
}

}  // namespace

std::string update_table(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name_or_arn(req, "TableName", "tableName");
  const Json* throughput = get_object(req, "ProvisionedThroughput");
  check_throughput(throughput, "provisionedThroughput", c);
  c.enum_value(req, "BillingMode", "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  c.enum_value(req, "TableClass", "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
  const Json* index_updates = get_array(req, "GlobalSecondaryIndexUpdates");
  const Json* defs = get_array(req, "AttributeDefinitions");
  const Json* stream = get_object(req, "StreamSpecification");
  const Json* sse = get_object(req, "SSESpecification");
  auto deletion_protection = get_bool(req, "DeletionProtectionEnabled");
  if (index_updates) {
    size_t i = 0;
    for (const auto& u : *index_updates) {
      ++i;
      if (const Json* create = get_object(u, "Create"))
        check_index(*create, "globalSecondaryIndexUpdates." + std::to_string(i) + ".member.create", c, true);
    }
  }
  const Json* replica_updates = get_array(req, "ReplicaUpdates");
  check_replica_updates(replica_updates, c);
  c.finish();

  model::TablePtr table = named_table(ctx, req);
  const std::string* billing = get_string(req, "BillingMode");
  if (!throughput && !billing && !index_updates && !stream && !sse && !deletion_protection && !get_string(req, "TableClass") &&
      !get_object(req, "OnDemandThroughput") && !get_object(req, "WarmThroughput") && !replica_updates)
    throw validation_error("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");

  model::TableInfo next = *table;
  Json& x = next.extra;
  std::string current_billing = x.contains("BillingModeSummary") ? x["BillingModeSummary"]["BillingMode"].get<std::string>() : "PROVISIONED";
  std::string new_billing = billing ? *billing : current_billing;
  bool pay_per_request = new_billing == "PAY_PER_REQUEST";
  if (pay_per_request && throughput)
    throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  if (billing && *billing == "PROVISIONED" && current_billing != "PROVISIONED" && !throughput)
    throw validation_error("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  if (throughput) {
    long long r = throughput->value("ReadCapacityUnits", 0LL), w = throughput->value("WriteCapacityUnits", 0LL);
    const Json& cur = x["ProvisionedThroughput"];
    if (!billing && cur["ReadCapacityUnits"] == r && cur["WriteCapacityUnits"] == w && !index_updates)
      throw validation_error("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: " +
                             std::to_string(r) + ". Requested ReadCapacityUnits: " + std::to_string(r) +
                             ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(w) +
                             ". Requested WriteCapacityUnits: " + std::to_string(w) +
                             ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
    x["ProvisionedThroughput"] = described_throughput(throughput);
  }
  if (billing) {
    x["BillingModeSummary"] = {{"BillingMode", *billing}};
    if (pay_per_request) {
      x["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] = now_seconds();
      x["ProvisionedThroughput"] = described_throughput(nullptr);
    }
  }
  if (deletion_protection) x["DeletionProtectionEnabled"] = *deletion_protection;
  if (const std::string* cls = get_string(req, "TableClass")) x["TableClassSummary"] = {{"TableClass", *cls}};
  if (stream) {
    bool enabled = stream->value("StreamEnabled", false);
    bool was = next.stream.enabled;
    if (enabled && was) throw validation_error("Table already has an enabled stream: " + table->stream_arn());
    if (!enabled && !was) throw validation_error("Table already has no enabled stream");
    if (enabled) {
      if (!stream->contains("StreamViewType"))
        throw validation_error("One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream");
      // A new label means a new stream ARN, even when re-enabled within the same millisecond.
      double at = now_seconds();
      std::string label = streams::stream_label(at);
      while (label <= next.stream.label) label = streams::stream_label(at += 0.001);
      next.stream = {true, view_type_of(*stream), label};
    } else {
      next.stream.enabled = false;  // the label stays: LatestStreamArn names the last stream
    }
  }
  if (sse) {
    if (sse->value("Enabled", true))
      x["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                             {"KMSMasterKeyArn", "arn:aws:kms:" + ctx.region + ":000000000000:key/dynarock-local"}};
    else
      x.erase("SSEDescription");
  }
  std::vector<model::IndexInfo> deleted;
  std::vector<Json> deleted_described;
  if (index_updates) apply_index_updates(*index_updates, defs, next, pay_per_request, deleted, deleted_described);
  Json deleting_replicas = Json::array();
  if (replica_updates) apply_replica_updates(*replica_updates, *table, next, deleting_replicas);
  x["LastChange"] = now_seconds();
  x["TransientStatus"] = "UPDATING";
  model::TablePtr updated = ctx.engine.update_table(std::move(next));
  Json description = describe(ctx, *updated, true, ctx.delay_transient_ms > 0 ? "UPDATING" : nullptr);
  for (size_t i = 0; i < deleted.size(); ++i) {
    Json j = {{"IndexName", deleted[i].name}, {"KeySchema", deleted_described[i]["KeySchema"]},
              {"Projection", deleted_described[i]["Projection"]}, {"IndexStatus", "DELETING"},
              {"ProvisionedThroughput", deleted_described[i]["ProvisionedThroughput"]},
              {"IndexArn", updated->arn() + "/index/" + deleted[i].name}};
    description["GlobalSecondaryIndexes"].push_back(std::move(j));
  }
  if (!deleting_replicas.empty()) {
    if (!description.contains("Replicas")) description["Replicas"] = Json::array();
    for (const auto& r : deleting_replicas) description["Replicas"].push_back(r);
  }
  return Json({{"TableDescription", description}}).dump();
}

}  // namespace dynarock::api
