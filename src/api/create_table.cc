// CreateTable: validates the definition in DynamoDB's order (wire types, constraints, then the
// schema rules), stores it in the catalog and returns the new table's description.
#include <set>

#include "api/index_definition.h"
#include "api/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/table_description.h"
#include "model/error.h"

namespace dynarock::api {

std::string create_table(Context& ctx, const Json& req) {
  Constraints c;
  const Json* defs = get_array(req, "AttributeDefinitions");
  const Json* key_schema = get_array(req, "KeySchema");
  const Json* lsis = get_array(req, "LocalSecondaryIndexes");
  const Json* gsis = get_array(req, "GlobalSecondaryIndexes");
  const Json* throughput = get_object(req, "ProvisionedThroughput");
  const Json* stream = get_object(req, "StreamSpecification");
  const Json* sse = get_object(req, "SSESpecification");
  const Json* tags = get_array(req, "Tags");
  auto deletion_protection = get_bool(req, "DeletionProtectionEnabled");

  if (!defs) c.add("null", "attributeDefinitions", "Member must not be null");
  else {
    size_t i = 0;
    for (const auto& d : *defs) {
      ++i;
      if (!d.is_object()) throw serialization_error("Unexpected value type in payload");
      std::string base = "attributeDefinitions." + std::to_string(i) + ".member";
      if (!get_string(d, "AttributeName")) c.add("null", base + ".attributeName", "Member must not be null");
      if (!get_string(d, "AttributeType")) c.add("null", base + ".attributeType", "Member must not be null");
      else c.enum_value(d, "AttributeType", (base + ".attributeType").c_str(), {"B", "N", "S"});
    }
  }
  c.table_name(req, "TableName", "tableName");
  check_key_schema(key_schema, "keySchema", c, 2);
  if (lsis) {
    size_t i = 0;
    for (const auto& ix : *lsis) check_index(ix, "localSecondaryIndexes." + std::to_string(++i) + ".member", c, false);
  }
  if (gsis) {
    size_t i = 0;
    for (const auto& ix : *gsis) check_index(ix, "globalSecondaryIndexes." + std::to_string(++i) + ".member", c, true);
  }
  c.enum_value(req, "BillingMode", "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  check_throughput(throughput, "provisionedThroughput", c);
  c.enum_value(req, "TableClass", "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
  if (stream) c.enum_value(*stream, "StreamViewType", "streamSpecification.streamViewType", {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
  c.finish();

  const std::string name = *get_string(req, "TableName");
  const std::string* billing = get_string(req, "BillingMode");
  bool pay_per_request = billing && *billing == "PAY_PER_REQUEST";
  if (pay_per_request && throughput)
    throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  if (!pay_per_request && !throughput)
    throw validation_error("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  if (throughput) {
    for (const char* member : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
      long long v = throughput->value(member, 0LL);
      if (v > 1000000000000LL) throw validation_error("Given value " + std::to_string(v) + " for " + member + " is out of bounds");
    }
  }

  AttributeTypes types;
  std::vector<std::string> defined;
  for (const auto& d : *defs) {
    std::string n = d["AttributeName"].get<std::string>(), t = d["AttributeType"].get<std::string>();
    if (types.count(n)) throw validation_error("Cannot have two attributes with the same name. Attribute name: " + n);
    types[n] = t == "N" ? model::Type::N : t == "B" ? model::Type::B : model::Type::S;
    defined.push_back(n);
  }
  if (key_schema->size() > defs->size()) throw validation_error("Invalid KeySchema: Some index key attribute have no definition");

  model::TableInfo info;
  info.ns = ctx.ns;
  info.name = name;
  info.region = ctx.region;
  info.key = resolve_key_schema(*key_schema, types, defined);
  info.created = now_seconds();
  Json& x = info.extra;
  x["Indexes"] = Json::object();

  std::set<std::string> used = {info.key.hash.name};
  if (info.key.range) used.insert(info.key.range->name);
  std::set<std::string> index_names;
  auto add_index = [&](const Json& def, bool global) {
    Json described;
    model::IndexInfo ix = resolve_index(def, global, types, defined, pay_per_request, described);
    if (!index_names.insert(ix.name).second)
      throw validation_error("One or more parameter values were invalid: Duplicate index name: " + ix.name);
    for (const auto& e : ix.hash_elements()) used.insert(e.name);
    for (const auto& e : ix.range_elements()) used.insert(e.name);
    x["Indexes"][ix.name] = described;
    info.indexes.push_back(std::move(ix));
  };
  if (lsis) {
    if (lsis->empty()) throw validation_error("One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
    if (!info.key.range)
      throw validation_error("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
    for (const auto& def : *lsis) {
      add_index(def, false);
      const model::IndexInfo& ix = info.indexes.back();
      if (!ix.key.range)
        throw validation_error("One or more parameter values were invalid: Index KeySchema does not have a range key for index: " + ix.name);
      if (ix.key.hash.name != info.key.hash.name)
        throw validation_error("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                               ix.name + ". index hash key: " + ix.key.hash.name + ", table hash key: " + info.key.hash.name);
    }
    if (lsis->size() > 5)
      throw validation_error("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
  }
  if (gsis) {
    if (gsis->empty()) throw validation_error("One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty");
    for (const auto& def : *gsis) add_index(def, true);
    if (gsis->size() > 20)
      throw validation_error("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }
  if (used.size() != types.size())
    throw validation_error("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");

  x["AttributeDefinitions"] = *defs;
  x["KeySchema"] = *key_schema;
  x["TableId"] = new_table_id();
  x["ProvisionedThroughput"] = described_throughput(throughput);
  if (billing) x["BillingModeSummary"] = {{"BillingMode", *billing}, {"LastUpdateToPayPerRequestDateTime", info.created}};
  if (!pay_per_request && billing) x["BillingModeSummary"].erase("LastUpdateToPayPerRequestDateTime");
  if (stream && stream->value("StreamEnabled", false)) {
    if (!stream->contains("StreamViewType"))
      throw validation_error("One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream");
    info.stream = {true, view_type_of(*stream), streams::stream_label(info.created)};
  } else if (stream && stream->contains("StreamViewType")) {
    throw validation_error("One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified");
  }
  if (sse && sse->value("Enabled", false))
    x["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                           {"KMSMasterKeyArn", "arn:aws:kms:" + ctx.region + ":000000000000:key/dynarock-local"}};
  if (const std::string* cls = get_string(req, "TableClass")) x["TableClassSummary"] = {{"TableClass", *cls}};
  x["DeletionProtectionEnabled"] = deletion_protection.value_or(false);
  if (tags) {
    Json t = Json::array();
    for (const auto& tag : *tags) t.push_back(tag);
    x["Tags"] = t;
  }

  model::TablePtr table = ctx.engine.create_table(std::move(info));
  Json out = {{"TableDescription", describe(ctx, *table, false)}};
  return out.dump();
}

}  // namespace dynarock::api
