// UpdateTable: billing mode, throughput, deletion protection, streams, table class, and
// GlobalSecondaryIndexUpdates (Create backfills existing items; Delete drops the entries), and
// ReplicaUpdates (global tables version 2019.11.21, recorded: see replica_updates.h).
#include "api/index_definition.h"
#include "api/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/replica_updates.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "model/error.h"

namespace dynarock::api::ops {

namespace {

// Deleted indexes are still shown, as DELETING, in the UpdateTable response.
void apply_index_updates(const std::vector<shapes::GlobalSecondaryIndexUpdate>& updates, const std::vector<shapes::AttributeDefinition>* defs,
                         model::TableInfo& next, bool pay_per_request, std::vector<model::IndexInfo>& deleted,
                         std::vector<Json>& deleted_described) {
  AttributeTypes types;
  std::vector<std::string> defined;
  Json merged_defs = next.extra["AttributeDefinitions"];
  if (defs)
    for (const Json& d : attribute_definitions_json(*defs)) {
      bool known = false;
      for (const auto& m : merged_defs) known = known || m["AttributeName"] == d["AttributeName"];
      if (!known) merged_defs.push_back(d);
    }
  for (const auto& d : merged_defs) {
    std::string n = d["AttributeName"].get<std::string>();
    types[n] = attribute_type(d["AttributeType"].get<std::string>());
    defined.push_back(n);
  }
  for (const auto& u : updates) {
    if (u.Create) {
      Json described;
      model::IndexInfo ix = resolve_index(*u.Create, true, types, defined, pay_per_request, described);
      if (next.find_index(ix.name)) throw validation_error("Attempting to create an index which already exists");
      size_t gsis = 0;
      for (const auto& existing : next.indexes) gsis += existing.global;
      if (gsis >= 20)
        throw ApiError("LimitExceededException", "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
      ix.id = 0;  // the engine assigns a storage id and backfills
      next.extra["Indexes"][ix.name] = described;
      next.indexes.push_back(std::move(ix));
      check_projected_attribute_count(next.indexes);
    } else if (u.Delete) {
      std::string name = u.Delete->IndexName.value_or("");
      const model::IndexInfo* ix = next.find_index(name);
      if (ix && !ix->global) throw validation_error("Cannot delete an index that is not a GlobalSecondaryIndex: " + name);
      if (!ix) throw resource_not_found("Requested resource not found: Index: " + name + " not found");
      deleted.push_back(*ix);
      deleted_described.push_back(next.extra["Indexes"][name]);
      next.extra["Indexes"].erase(name);
      std::erase_if(next.indexes, [&](const model::IndexInfo& i) { return i.name == name; });
    } else if (u.Update) {
      std::string name = u.Update->IndexName.value_or("");
      const model::IndexInfo* ix = next.find_index(name);
      if (!ix || !ix->global) throw resource_not_found("Requested resource not found: Index: " + name + " not found");
      if (u.Update->ProvisionedThroughput)
        next.extra["Indexes"][name]["ProvisionedThroughput"] = described_throughput(ptr(u.Update->ProvisionedThroughput));
    }
  }
  next.extra["AttributeDefinitions"] = merged_defs;
}

}  // namespace

shapes::UpdateTableInput decode_update_table(const Json& req) {
  refuse_null_elements(req, "AttributeDefinitions");
  if (const Json* updates = shapes::member(req, "GlobalSecondaryIndexUpdates"); updates && updates->is_array())
    for (const auto& u : *updates)
      if (const Json* create = u.is_object() ? shapes::member(u, "Create") : nullptr; create && create->is_object())
        refuse_null_elements(*create, "KeySchema");
  return shapes::decode_UpdateTableInput(req);
}

std::string update_table(Context& ctx, const shapes::UpdateTableInput& req) {
  check_table_operation_name(ptr(req.TableName), true);
  Constraints c;
  table_operation_name_constraint(c, *req.TableName);
  const shapes::ProvisionedThroughput* throughput = ptr(req.ProvisionedThroughput);
  check_throughput(throughput, "provisionedThroughput", c);
  c.enum_value(ptr(req.BillingMode), "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  c.enum_value(ptr(req.TableClass), "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
  const auto* index_updates = ptr(req.GlobalSecondaryIndexUpdates);
  const auto* defs = ptr(req.AttributeDefinitions);
  const shapes::StreamSpecification* stream = ptr(req.StreamSpecification);
  const shapes::SSESpecification* sse = ptr(req.SSESpecification);
  if (index_updates) {
    size_t i = 0;
    for (const auto& u : *index_updates) {
      ++i;
      if (u.Create) check_index(*u.Create, "globalSecondaryIndexUpdates." + std::to_string(i) + ".member.create", c);
    }
  }
  if (defs) check_attribute_definitions(*defs, c);
  const auto* replica_updates = ptr(req.ReplicaUpdates);
  check_replica_updates(replica_updates, c);
  c.finish();

  model::TablePtr table = require_named_table(ctx, *req.TableName);
  const std::string* billing = ptr(req.BillingMode);
  if (!throughput && !billing && !index_updates && !stream && !sse && !req.DeletionProtectionEnabled && !req.TableClass &&
      !req.OnDemandThroughput && !req.WarmThroughput && !replica_updates)
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
    long long r = throughput->ReadCapacityUnits.value_or(0), w = throughput->WriteCapacityUnits.value_or(0);
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
  if (req.DeletionProtectionEnabled) x["DeletionProtectionEnabled"] = *req.DeletionProtectionEnabled;
  if (req.TableClass) x["TableClassSummary"] = {{"TableClass", *req.TableClass}};
  if (stream) {
    bool enabled = stream->StreamEnabled.value_or(false);
    bool was = next.stream.enabled;
    if (enabled && was) throw validation_error("Table already has an enabled stream: " + table->stream_arn());
    if (!enabled && !was) throw validation_error("Table already has no enabled stream");
    if (enabled) {
      if (!stream->StreamViewType)
        throw validation_error("One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream");
      // A new label means a new stream ARN, even when re-enabled within the same millisecond.
      double at = now_seconds();
      std::string label = streams::stream_label(at);
      while (label <= next.stream.label) label = streams::stream_label(at += 0.001);
      next.stream = {true, *stream->StreamViewType, label};
    } else {
      next.stream.enabled = false;  // the label stays: LatestStreamArn names the last stream
    }
  }
  if (sse) {
    if (sse->Enabled.value_or(true))
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

}  // namespace dynarock::api::ops
