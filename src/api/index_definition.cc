#include "api/index_definition.h"

#include <set>

#include "model/error.h"

namespace dynarock::api {

namespace {
std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}
}  // namespace

void check_key_schema(const Json* key_schema, const std::string& path, Constraints& c, size_t max_elements) {
  if (!key_schema) {
    c.add("null", path, "Member must not be null");
    return;
  }
  size_t i = 0;
  for (const auto& e : *key_schema) {
    ++i;
    if (!e.is_object()) throw serialization_error("Unexpected value type in payload");
    std::string base = path + "." + std::to_string(i) + ".member";
    if (!get_string(e, "AttributeName")) c.add("null", base + ".attributeName", "Member must not be null");
    else c.length(get_string(e, "AttributeName"), base + ".attributeName", 1, 255);
    if (!get_string(e, "KeyType")) c.add("null", base + ".keyType", "Member must not be null");
    else c.enum_value(e, "KeyType", (base + ".keyType").c_str(), {"HASH", "RANGE"});
  }
  if (key_schema->empty()) c.add("'[]'", path, "Member must have length greater than or equal to 1");
  if (key_schema->size() > max_elements)
    c.add("'" + key_schema->dump() + "'", path, "Member must have length less than or equal to " + std::to_string(max_elements));
}

void check_throughput(const Json* throughput, const std::string& path, Constraints& c) {
  if (!throughput) return;
  if (!throughput->is_object()) throw serialization_error("Start of list found where not expected");
  auto r = get_integer(*throughput, "ReadCapacityUnits");
  auto w = get_integer(*throughput, "WriteCapacityUnits");
  if (!w) c.add("null", path + ".writeCapacityUnits", "Member must not be null");
  else c.integer_range(w, path + ".writeCapacityUnits", 1, std::nullopt);
  if (!r) c.add("null", path + ".readCapacityUnits", "Member must not be null");
  else c.integer_range(r, path + ".readCapacityUnits", 1, std::nullopt);
}

void check_index(const Json& index, const std::string& path, Constraints& c, bool global) {
  if (!index.is_object()) throw serialization_error("Unexpected value type in payload");
  const std::string* name = get_string(index, "IndexName");
  if (!name) c.add("null", path + ".indexName", "Member must not be null");
  c.index_name(name, path + ".indexName");
  check_key_schema(get_array(index, "KeySchema"), path + ".keySchema", c, global ? 8 : 2);
  const Json* projection = get_object(index, "Projection");
  if (!projection) {
    c.add("null", path + ".projection", "Member must not be null");
  } else {
    c.enum_value(*projection, "ProjectionType", (path + ".projection.projectionType").c_str(), {"ALL", "KEYS_ONLY", "INCLUDE"});
    if (const Json* nk = get_array(*projection, "NonKeyAttributes"); nk && nk->empty())
      c.add("'[]'", path + ".projection.nonKeyAttributes", "Member must have length greater than or equal to 1");
  }
  if (global) check_throughput(get_object(index, "ProvisionedThroughput"), path + ".provisionedThroughput", c);
}

model::KeySchema resolve_key_schema(const Json& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined) {
  std::vector<std::string> keys;
  for (const auto& e : key_schema) keys.push_back(e["AttributeName"].get<std::string>());
  for (const auto& k : keys)
    if (!types.count(k))
      throw validation_error("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                             joined(keys) + "], AttributeDefinitions: [" + joined(defined) + "]");
  if (keys.size() == 2 && keys[0] == keys[1])
    throw validation_error("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  if (key_schema[0]["KeyType"] != "HASH") throw validation_error("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (key_schema.size() > 1 && key_schema[1]["KeyType"] != "RANGE")
    throw validation_error("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  model::KeySchema schema;
  schema.hash = {keys[0], types.at(keys[0])};
  if (keys.size() > 1) schema.range = model::KeyElement{keys[1], types.at(keys[1])};
  return schema;
}

// A multi-attribute GSI key: 1 to 4 HASH attributes followed by 0 to 4 RANGE attributes.
void resolve_multi_attribute_key(const Json& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined,
                                 model::IndexInfo& ix) {
  std::vector<std::string> keys;
  for (const auto& e : key_schema) keys.push_back(e["AttributeName"].get<std::string>());
  for (const auto& k : keys)
    if (!types.count(k))
      throw validation_error("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                             joined(keys) + "], AttributeDefinitions: [" + joined(defined) + "]");
  if (key_schema[0]["KeyType"] != "HASH") throw validation_error("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  std::set<std::string> seen;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!seen.insert(keys[i]).second)
      throw validation_error("One or more parameter values were invalid: Duplicate attribute in KeySchema: " + keys[i]);
    bool hash = key_schema[i]["KeyType"] == "HASH";
    if (hash && !ix.range_keys.empty())
      throw validation_error("Invalid KeySchema: HASH KeySchemaElements must come before RANGE KeySchemaElements");
    (hash ? ix.hash_keys : ix.range_keys).push_back({keys[i], types.at(keys[i])});
  }
  if (ix.hash_keys.size() > 4 || ix.range_keys.size() > 4)
    throw validation_error("One or more parameter values were invalid: A global secondary index key may have at most 4 HASH and 4 RANGE attributes");
  ix.key.hash = ix.hash_keys[0];
  if (!ix.range_keys.empty()) ix.key.range = ix.range_keys[0];
}

std::string view_type_of(const Json& stream_specification) {
  const std::string* type = get_string(stream_specification, "StreamViewType");
  return type ? *type : std::string();
}

Json described_throughput(const Json* throughput) {
  Json out = {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}};
  if (throughput) {
    out["ReadCapacityUnits"] = throughput->value("ReadCapacityUnits", 0LL);
    out["WriteCapacityUnits"] = throughput->value("WriteCapacityUnits", 0LL);
  }
  return out;
}

model::IndexInfo resolve_index(const Json& index, bool global, const AttributeTypes& types, const std::vector<std::string>& defined,
                               bool pay_per_request, Json& described) {
  model::IndexInfo ix;
  ix.name = index["IndexName"].get<std::string>();
  ix.global = global;
  const Json& key_schema = index["KeySchema"];
  if (key_schema.size() > 2 || (key_schema.size() == 2 && key_schema[1]["KeyType"] == "HASH")) {
    if (!global) throw validation_error("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    resolve_multi_attribute_key(key_schema, types, defined, ix);
  } else {
    ix.key = resolve_key_schema(key_schema, types, defined);
  }
  const Json& projection = index["Projection"];
  if (!projection.contains("ProjectionType") || projection["ProjectionType"].is_null())
    throw validation_error("One or more parameter values were invalid: Unknown ProjectionType: null");
  std::string type = projection["ProjectionType"].get<std::string>();
  if (projection.contains("NonKeyAttributes") && !projection["NonKeyAttributes"].is_null()) {
    if (type != "INCLUDE")
      throw validation_error("One or more parameter values were invalid: ProjectionType is " + type + ", but NonKeyAttributes is specified");
    for (const auto& a : projection["NonKeyAttributes"]) ix.non_key_attributes.push_back(a.get<std::string>());
  } else if (type == "INCLUDE") {
    throw validation_error("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  ix.projection = type == "ALL" ? model::ProjectionType::ALL : type == "KEYS_ONLY" ? model::ProjectionType::KEYS_ONLY : model::ProjectionType::INCLUDE;
  const Json* throughput = get_object(index, "ProvisionedThroughput");
  if (global) {
    if (pay_per_request && throughput)
      throw validation_error("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: " + ix.name +
                             " when BillingMode is PAY_PER_REQUEST");
    if (!pay_per_request && !throughput)
      throw validation_error("One or more parameter values were invalid: ProvisionedThroughput must be specified for index: " + ix.name);
  }
  described = {{"KeySchema", key_schema}, {"Projection", projection}, {"ProvisionedThroughput", described_throughput(throughput)}};
  return ix;
}

}  // namespace dynarock::api
