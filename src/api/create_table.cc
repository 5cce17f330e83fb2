// CreateTable: validates the typed definition in DynamoDB's order (wire types, constraints, then the
// schema rules), stores it in the catalog and returns the new table's description.
#include <set>

#include "api/index_definition.h"
#include "api/operations.h"
#include "api/streams/stream_lookup.h"
#include "api/tags.h"
#include "api/table_description.h"
#include "model/error.h"

namespace dynarock::api::ops {

shapes::CreateTableInput decode_create_table(const wire::Value& req) {
  for (const char* list : {"AttributeDefinitions", "KeySchema", "LocalSecondaryIndexes", "GlobalSecondaryIndexes"})
    refuse_null_elements(req, list);
  return shapes::decode_CreateTableInput(req);
}

std::string create_table(Context& ctx, const shapes::CreateTableInput& req) {
  check_table_operation_name(ptr(req.TableName), false);
  Constraints c;
  const auto* defs = ptr(req.AttributeDefinitions);
  const KeySchemaList* key_schema = ptr(req.KeySchema);
  const auto* lsis = ptr(req.LocalSecondaryIndexes);
  const auto* gsis = ptr(req.GlobalSecondaryIndexes);
  const shapes::ProvisionedThroughput* throughput = ptr(req.ProvisionedThroughput);
  const shapes::StreamSpecification* stream = ptr(req.StreamSpecification);
  const shapes::SSESpecification* sse = ptr(req.SSESpecification);

  if (!defs) c.add("null", "attributeDefinitions", "Member must not be null");
  else check_attribute_definitions(*defs, c);
  c.table_name(ptr(req.TableName), "tableName");
  check_key_schema(key_schema, "keySchema", c, 2);
  if (lsis) {
    size_t i = 0;
    for (const auto& ix : *lsis) check_index(ix, "localSecondaryIndexes." + std::to_string(++i) + ".member", c);
  }
  if (gsis) {
    size_t i = 0;
    for (const auto& ix : *gsis) check_index(ix, "globalSecondaryIndexes." + std::to_string(++i) + ".member", c);
  }
  c.enum_value(ptr(req.BillingMode), "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  check_throughput(throughput, "provisionedThroughput", c);
  if (stream) c.enum_value(ptr(stream->StreamViewType), "streamSpecification.streamViewType", {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
  if (req.Tags) check_tags(*req.Tags, c);
  c.finish();
  check_table_class(ptr(req.TableClass));

  const std::string& name = *req.TableName;
  const std::string* billing = ptr(req.BillingMode);
  bool pay_per_request = billing && *billing == "PAY_PER_REQUEST";
  if (pay_per_request && throughput)
    throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  if (!pay_per_request && !throughput)
    throw validation_error("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  if (throughput) {
    for (auto [member, value] : {std::pair{"ReadCapacityUnits", throughput->ReadCapacityUnits}, std::pair{"WriteCapacityUnits", throughput->WriteCapacityUnits}}) {
      long long v = value.value_or(0);
      if (v > 1000000000000LL) throw validation_error("Given value " + std::to_string(v) + " for " + member + " is out of bounds");
    }
  }

  AttributeTypes types;
  std::vector<std::string> defined;
  for (const auto& d : *defs) {
    const std::string& n = *d.AttributeName;
    if (types.count(n)) throw validation_error("Cannot have two attributes with the same name. Attribute name: " + n);
    types[n] = attribute_type(*d.AttributeType);
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
  auto add_index = [&](const auto& def, bool global) {
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
      // A local index's key rules come before its projection's (DynamoDB's order).
      const std::string& ix_name = *def.IndexName;
      model::KeySchema key = resolve_key_schema(*def.KeySchema, types, defined);
      if (!key.range)
        throw validation_error("One or more parameter values were invalid: Index KeySchema does not have a range key for index: " + ix_name);
      if (key.hash.name != info.key.hash.name)
        throw validation_error("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                               ix_name + ". index hash key: " + key.hash.name + ", table hash key: " + info.key.hash.name);
      add_index(def, false);
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
  check_projected_attribute_count(info.indexes);
  if (used.size() != types.size())
    throw validation_error("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");

  x["AttributeDefinitions"] = attribute_definitions_json(*defs);
  x["KeySchema"] = key_schema_json(*key_schema);
  x["TableId"] = new_table_id();
  x["ProvisionedThroughput"] = described_throughput(throughput);
  if (billing) x["BillingModeSummary"] = {{"BillingMode", *billing}, {"LastUpdateToPayPerRequestDateTime", info.created}};
  if (!pay_per_request && billing) x["BillingModeSummary"].erase("LastUpdateToPayPerRequestDateTime");
  if (stream && stream->StreamEnabled.value_or(false)) {
    if (!stream->StreamViewType)
      throw validation_error("One or more parameter values were invalid: Table is being created with a stream enabled, UpdateViewType is required");
    info.stream = {true, *stream->StreamViewType, streams::stream_label(info.created)};
  } else if (stream && stream->StreamViewType) {
    throw validation_error("One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified");
  }
  if (sse && sse->Enabled.value_or(false))
    x["SSEDescription"] = {{"Status", "ENABLED"}, {"SSEType", "KMS"},
                           {"KMSMasterKeyArn", "arn:aws:kms:" + ctx.region + ":000000000000:key/dynarock-local"}};
  if (req.TableClass) x["TableClassSummary"] = {{"TableClass", *req.TableClass}};
  x["DeletionProtectionEnabled"] = req.DeletionProtectionEnabled.value_or(false);
  if (req.Tags) {
    check_tag_contents(*req.Tags);
    check_tag_count(req.Tags->size());
    Json t = Json::array();
    for (const auto& tag : *req.Tags) {
      Json j = Json::object();
      if (tag.Key) j["Key"] = *tag.Key;
      if (tag.Value) j["Value"] = *tag.Value;
      t.push_back(std::move(j));
    }
    x["Tags"] = t;
  }

  model::TablePtr table = ctx.engine.create_table(std::move(info));
  Json out = {{"TableDescription", describe(ctx, *table, false)}};
  return out.dump();
}

}  // namespace dynarock::api::ops
