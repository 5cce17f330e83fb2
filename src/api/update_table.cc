// UpdateTable: billing mode, throughput, deletion protection, streams, table class, and
// GlobalSecondaryIndexUpdates (Create backfills existing items; Delete drops the entries), and
// ReplicaUpdates (global tables version 2019.11.21, recorded: see replica_updates.h).
#include "api/index_definition.h"
#include "api/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/replica_updates.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "api/update_table_rules.h"
#include "model/error.h"

namespace dynarock::api::ops {

namespace {

// A provisioned throughput after a change: increases and decreases are stamped, and decreases
// counted per UTC day (a call lowering either unit is one decrease).
Json changed_throughput(const Json& current, const shapes::ProvisionedThroughput& requested, double now) {
  long long r0 = current.value("ReadCapacityUnits", 0LL), w0 = current.value("WriteCapacityUnits", 0LL);
  long long r = requested.ReadCapacityUnits.value_or(0), w = requested.WriteCapacityUnits.value_or(0);
  Json next = current.is_object() ? current : described_throughput(nullptr);
  next["ReadCapacityUnits"] = r;
  next["WriteCapacityUnits"] = w;
  if (r > r0 || w > w0) next["LastIncreaseDateTime"] = now;
  if (r < r0 || w < w0) {
    auto day = [](double t) { return static_cast<long long>(t / 86400); };
    bool same_day = next.contains("LastDecreaseDateTime") && day(next["LastDecreaseDateTime"].get<double>()) == day(now);
    next["NumberOfDecreasesToday"] = (same_day ? next.value("NumberOfDecreasesToday", 0LL) : 0LL) + 1;
    next["LastDecreaseDateTime"] = now;
  }
  return next;
}

// DynamoDB's UpdateTable answer shows a throughput change in progress: the new time stamps with
// the units and decrease count from before.
void show_change_in_progress(Json& described, const Json& before) {
  for (const char* member : {"ReadCapacityUnits", "WriteCapacityUnits", "NumberOfDecreasesToday"})
    if (before.contains(member)) described[member] = before[member];
}

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
      // Without AttributeDefinitions in the request, a key attribute the table does not define yet
      // has no type at all.
      if (!defs)
        for (const auto& k : *u.Create->KeySchema)
          if (!types.count(k.AttributeName.value_or("")))
            throw validation_error("One or more parameter values were invalid: AttributeDefinitions is not specified for index: " + *u.Create->IndexName);
      Json described;
      model::IndexInfo ix = resolve_index(*u.Create, true, types, defined, pay_per_request, described);
      if (next.find_index(ix.name)) throw validation_error("Attempting to create an index which already exists");
      size_t gsis = 0;
      for (const auto& existing : next.indexes) gsis += existing.global;
      if (gsis >= 20)
        throw ApiError("LimitExceededException", "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20");
      ix.id = 0;  // the engine assigns a storage id and backfills
      next.extra["Indexes"][ix.name] = described;
      next.indexes.push_back(std::move(ix));
      check_projected_attribute_count(next.indexes);
    } else if (u.Delete) {
      // check_update_table_against found the index, a global one.
      const std::string& name = *u.Delete->IndexName;
      deleted.push_back(*next.find_index(name));
      deleted_described.push_back(next.extra["Indexes"][name]);
      next.extra["Indexes"].erase(name);
      std::erase_if(next.indexes, [&](const model::IndexInfo& i) { return i.name == name; });
    } else if (u.Update && u.Update->ProvisionedThroughput) {
      Json& stored = next.extra["Indexes"][*u.Update->IndexName]["ProvisionedThroughput"];
      stored = changed_throughput(stored, *u.Update->ProvisionedThroughput, now_seconds());
    }
  }
  // Only attributes some key uses are kept: a deleted index's attributes go, unused ones never stay.
  Json used_defs = Json::array();
  for (const auto& d : merged_defs) {
    const std::string& n = d["AttributeName"].get_ref<const std::string&>();
    bool used = n == next.key.hash.name || (next.key.range && next.key.range->name == n);
    for (const auto& ix : next.indexes) used = used || ix.is_key_attribute(n);
    if (used) used_defs.push_back(d);
  }
  next.extra["AttributeDefinitions"] = used_defs;
}

}  // namespace

shapes::UpdateTableInput decode_update_table(const wire::Value& req) {
  refuse_null_elements(req, "AttributeDefinitions");
  if (wire::Value updates = shapes::member(req, "GlobalSecondaryIndexUpdates"); updates.is_array())
    for (const wire::Value& u : updates)
      if (wire::Value create = u.is_object() ? shapes::member(u, "Create") : wire::Value(); create.is_object())
        refuse_null_elements(create, "KeySchema");
  return shapes::decode_UpdateTableInput(req);
}

std::string update_table(Context& ctx, const shapes::UpdateTableInput& req) {
  check_table_operation_name(ptr(req.TableName), true);
  check_update_table_request(req);
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  check_update_table_against(req, *table);

  const shapes::ProvisionedThroughput* throughput = ptr(req.ProvisionedThroughput);
  const std::string* billing = ptr(req.BillingMode);
  const auto* index_updates = ptr(req.GlobalSecondaryIndexUpdates);
  const auto* defs = ptr(req.AttributeDefinitions);
  const auto* replica_updates = ptr(req.ReplicaUpdates);
  const shapes::StreamSpecification* stream = ptr(req.StreamSpecification);
  const shapes::SSESpecification* sse = ptr(req.SSESpecification);
  model::TableInfo next = *table;
  Json& x = next.extra;
  const std::string current_billing = billing_mode(*table);
  bool pay_per_request = (billing ? *billing : current_billing) == "PAY_PER_REQUEST";
  // A provisioned table's throughput change (not a switch from on-demand) is shown in progress.
  bool throughput_change = throughput && current_billing == "PROVISIONED";
  if (throughput) x["ProvisionedThroughput"] = throughput_change ? changed_throughput(x["ProvisionedThroughput"], *throughput, now_seconds())
                                                                : described_throughput(throughput);
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
    if (enabled && !stream->StreamViewType)
      throw validation_error("One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required");
    if (!enabled && stream->StreamViewType)
      throw validation_error("One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified");
    if (enabled && was) throw validation_error("Table already has an enabled stream: TableName: " + table->name);
    if (!enabled && !was) throw validation_error("Table has no stream to disable: TableName: " + table->name);
    if (enabled) {
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
  if (throughput_change) show_change_in_progress(description["ProvisionedThroughput"], table->extra["ProvisionedThroughput"]);
  if (index_updates && current_billing == "PROVISIONED" && description.contains("GlobalSecondaryIndexes"))
    for (auto& ix : description["GlobalSecondaryIndexes"])
      for (const auto& u : *index_updates)
        if (u.Update && u.Update->ProvisionedThroughput && ix["IndexName"] == *u.Update->IndexName)
          show_change_in_progress(ix["ProvisionedThroughput"], table->extra["Indexes"][*u.Update->IndexName]["ProvisionedThroughput"]);
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
