#include "api/table_description.h"

#include <chrono>
#include <random>

#include "api/table_settings.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string new_table_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
    id += kHex[rng() & 15];
  }
  return id;
}

std::string visible_status(const Context& ctx, const model::TableInfo& table) {
  if (ctx.delay_transient_ms > 0 && table.status == "ACTIVE") {
    double since = now_seconds() - table.extra.value("LastChange", table.created);
    if (since * 1000 < ctx.delay_transient_ms) return table.extra.value("TransientStatus", std::string("CREATING"));
  }
  return table.status;
}

std::string billing_mode(const model::TableInfo& table) {
  return table.extra.value("BillingModeSummary", Json::object()).value("BillingMode", std::string("PROVISIONED"));
}

Json describe(Context& ctx, const model::TableInfo& table, bool live_counts, const char* status_override) {
  const Json& x = table.extra;
  Json d = Json::object();
  d["AttributeDefinitions"] = x["AttributeDefinitions"];
  d["TableName"] = table.name;
  d["KeySchema"] = x["KeySchema"];
  d["TableStatus"] = status_override ? std::string(status_override) : visible_status(ctx, table);
  d["CreationDateTime"] = table.created;
  d["ProvisionedThroughput"] = x["ProvisionedThroughput"];
  engine::TableStats stats;
  if (live_counts) stats = ctx.engine.table_stats(table);
  d["TableSizeBytes"] = stats.size_bytes;
  d["ItemCount"] = stats.item_count;
  d["TableArn"] = table.arn();
  d["TableId"] = x["TableId"];
  if (x.contains("BillingModeSummary")) d["BillingModeSummary"] = x["BillingModeSummary"];
  Json lsis = Json::array(), gsis = Json::array();
  for (const auto& ix : table.indexes) {
    const Json& ixx = x["Indexes"][ix.name];
    Json j = {{"IndexName", ix.name}, {"KeySchema", ixx["KeySchema"]}, {"Projection", ixx["Projection"]}};
    engine::TableStats istats;
    if (live_counts && ix.status == "ACTIVE") istats = ctx.engine.index_stats(ix);
    j["IndexSizeBytes"] = istats.size_bytes;
    j["ItemCount"] = istats.item_count;
    j["IndexArn"] = table.arn() + "/index/" + ix.name;
    if (ix.global) {
      j["IndexStatus"] = ix.status;
      if (ix.backfilling) j["Backfilling"] = true;
      j["ProvisionedThroughput"] = ixx["ProvisionedThroughput"];
      if (ixx.contains("OnDemandThroughput")) j["OnDemandThroughput"] = ixx["OnDemandThroughput"];
      gsis.push_back(std::move(j));
    } else {
      lsis.push_back(std::move(j));
    }
  }
  if (!lsis.empty()) d["LocalSecondaryIndexes"] = lsis;
  if (!gsis.empty()) d["GlobalSecondaryIndexes"] = gsis;
  if (table.stream.enabled)
    d["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", table.stream.view_type}};
  if (!table.stream.label.empty()) {
    d["LatestStreamLabel"] = table.stream.label;
    d["LatestStreamArn"] = table.stream_arn();
  }
  for (const char* member : {"SSEDescription", "TableClassSummary", "OnDemandThroughput", "WarmThroughput", "RestoreSummary",
                             "GlobalTableVersion", "Replicas"})
    if (x.contains(member)) d[member] = x[member];
  d["DeletionProtectionEnabled"] = x.value("DeletionProtectionEnabled", false);
  return d;
}

}  // namespace dynarock::api

namespace dynarock::api {

namespace {
bool is_arn(const std::string& name) { return name.rfind("arn:", 0) == 0; }
}  // namespace

void check_table_operation_name(const std::string* name, bool allow_arn) {
  if (!name) throw validation_error("The parameter 'TableName' is required but was not present in the request");
  if (allow_arn && is_arn(*name)) return;
  if (name->size() < 3 || name->size() > 255)
    throw validation_error("TableName must be at least 3 characters long and at most 255 characters long");
}

void table_operation_name_constraint(Constraints& c, const std::string& name) {
  if (is_arn(name)) c.table_name_or_arn(&name, "tableName");
  else c.table_name(&name, "tableName");
}

void check_table_class(const std::string* table_class) {
  if (table_class && *table_class != "STANDARD" && *table_class != "STANDARD_INFREQUENT_ACCESS")
    throw validation_error("Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].");
}

model::TablePtr find_table_to_describe(Context& ctx, const std::optional<std::string>& table_name) {
  check_table_operation_name(ptr(table_name), true);
  Constraints c;
  table_operation_name_constraint(c, *table_name);
  c.finish();
  return require_named_table(ctx, *table_name);
}

}  // namespace dynarock::api
