#include "api/index_definition.h"

#include <set>
#include <type_traits>

#include "api/member_lengths.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

void refuse_null_in(const wire::Value& list) {
  if (!list.is_array()) return;
  for (const wire::Value& e : list) {
    if (e.is_null()) throw serialization_error("Unexpected value type in payload");
    if (e.is_object()) refuse_null_in(shapes::member(e, "KeySchema"));
  }
}

bool is_hash(const shapes::KeySchemaElement& e) { return e.KeyType && *e.KeyType == "HASH"; }
bool is_range(const shapes::KeySchemaElement& e) { return e.KeyType && *e.KeyType == "RANGE"; }

std::vector<std::string> key_names(const KeySchemaList& key_schema) {
  std::vector<std::string> keys;
  for (const auto& e : key_schema) keys.push_back(e.AttributeName.value_or(""));
  return keys;
}

void require_defined(const std::vector<std::string>& keys, const AttributeTypes& types, const std::vector<std::string>& defined) {
  for (const auto& k : keys)
    if (!types.count(k))
      throw validation_error("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                             joined(keys) + "], AttributeDefinitions: [" + joined(defined) + "]");
}

// A multi-attribute GSI key: 1 to 4 HASH attributes followed by 0 to 4 RANGE attributes.
void resolve_multi_attribute_key(const KeySchemaList& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined,
                                 model::IndexInfo& ix) {
  std::vector<std::string> keys = key_names(key_schema);
  require_defined(keys, types, defined);
  if (!is_hash(key_schema[0])) throw validation_error("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  std::set<std::string> seen;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!seen.insert(keys[i]).second)
      throw validation_error("The KeySchema contains multiple key attributes with the same name");
    bool hash = is_hash(key_schema[i]);
    if (hash && !ix.range_keys.empty())
      throw validation_error("One or more parameter values were invalid: All HASH key attributes must precede RANGE key attributes in the KeySchema");
    (hash ? ix.hash_keys : ix.range_keys).push_back({keys[i], types.at(keys[i])});
  }
  for (const auto& [elements, kind] : {std::pair{&ix.hash_keys, "HASH"}, std::pair{&ix.range_keys, "RANGE"}})
    if (elements->size() > 4)
      throw validation_error(std::string("One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of ") +
                             kind + " key attributes");
  ix.key.hash = ix.hash_keys[0];
  if (!ix.range_keys.empty()) ix.key.range = ix.range_keys[0];
}

Json projection_json(const shapes::Projection& p) {
  Json out = Json::object();
  if (p.NonKeyAttributes) out["NonKeyAttributes"] = *p.NonKeyAttributes;
  if (p.ProjectionType) out["ProjectionType"] = *p.ProjectionType;
  return out;
}

}  // namespace

void refuse_null_elements(const wire::Value& req, const char* member) { refuse_null_in(shapes::member(req, member)); }

model::Type attribute_type(const std::string& type) {
  return type == "N" ? model::Type::N : type == "B" ? model::Type::B : model::Type::S;
}

Json key_schema_json(const KeySchemaList& key_schema) {
  Json out = Json::array();
  for (const auto& e : key_schema) {
    Json j = Json::object();
    if (e.AttributeName) j["AttributeName"] = *e.AttributeName;
    if (e.KeyType) j["KeyType"] = *e.KeyType;
    out.push_back(std::move(j));
  }
  return out;
}

Json attribute_definitions_json(const std::vector<shapes::AttributeDefinition>& defs) {
  Json out = Json::array();
  for (const auto& d : defs) {
    Json j = Json::object();
    if (d.AttributeName) j["AttributeName"] = *d.AttributeName;
    if (d.AttributeType) j["AttributeType"] = *d.AttributeType;
    out.push_back(std::move(j));
  }
  return out;
}

void check_attribute_definitions(const std::vector<shapes::AttributeDefinition>& defs, Constraints& c) {
  size_t i = 0;
  for (const auto& d : defs) {
    std::string base = "attributeDefinitions." + std::to_string(++i) + ".member";
    if (!d.AttributeName) c.add("null", base + ".attributeName", "Member must not be null");
    else c.length(ptr(d.AttributeName), base + ".attributeName", 1, 255);
    if (!d.AttributeType) c.add("null", base + ".attributeType", "Member must not be null");
    else c.enum_value(ptr(d.AttributeType), (base + ".attributeType").c_str(), {"B", "N", "S"});
  }
}

void check_key_schema(const KeySchemaList* key_schema, const std::string& path, Constraints& c, size_t max_elements) {
  if (!key_schema) {
    c.add("null", path, "Member must not be null");
    return;
  }
  size_t i = 0;
  for (const auto& e : *key_schema) {
    std::string base = path + "." + std::to_string(++i) + ".member";
    if (!e.AttributeName) c.add("null", base + ".attributeName", "Member must not be null");
    else c.length(ptr(e.AttributeName), base + ".attributeName", 1, 255);
    if (!e.KeyType) c.add("null", base + ".keyType", "Member must not be null");
    else c.enum_value(ptr(e.KeyType), (base + ".keyType").c_str(), {"HASH", "RANGE"});
  }
  if (key_schema->empty()) c.add("'[]'", path, "Member must have length greater than or equal to 1");
  if (key_schema->size() > max_elements)
    c.add("'" + key_schema_json(*key_schema).dump() + "'", path, "Member must have length less than or equal to " + std::to_string(max_elements));
}

void check_throughput(const shapes::ProvisionedThroughput* throughput, const std::string& path, Constraints& c) {
  if (!throughput) return;
  if (!throughput->WriteCapacityUnits) c.add("null", path + ".writeCapacityUnits", "Member must not be null");
  else c.integer_range(throughput->WriteCapacityUnits, path + ".writeCapacityUnits", 1, std::nullopt);
  if (!throughput->ReadCapacityUnits) c.add("null", path + ".readCapacityUnits", "Member must not be null");
  else c.integer_range(throughput->ReadCapacityUnits, path + ".readCapacityUnits", 1, std::nullopt);
}

template <typename Index>
void check_index(const Index& index, const std::string& path, Constraints& c) {
  constexpr bool global = requires { index.ProvisionedThroughput; };
  if constexpr (requires { index.null_element; })
    if (index.null_element) throw serialization_error("Unexpected value type in payload");
  if (!index.IndexName) c.add("null", path + ".indexName", "Member must not be null");
  c.index_name(ptr(index.IndexName), path + ".indexName");
  check_key_schema(ptr(index.KeySchema), path + ".keySchema", c, global ? 8 : 2);
  if (!index.Projection) {
    c.add("null", path + ".projection", "Member must not be null");
  } else {
    c.enum_value(ptr(index.Projection->ProjectionType), (path + ".projection.projectionType").c_str(), {"ALL", "INCLUDE", "KEYS_ONLY"});
    if (const auto& nk = index.Projection->NonKeyAttributes; nk && nk->empty())
      c.add("'[]'", path + ".projection.nonKeyAttributes", "Member must have length greater than or equal to 1");
    else check_member_lengths(c, ptr(index.Projection->NonKeyAttributes), path + ".projection.nonKeyAttributes", 1, 255);
  }
  if constexpr (global) check_throughput(ptr(index.ProvisionedThroughput), path + ".provisionedThroughput", c);
}

template void check_index(const shapes::LocalSecondaryIndex&, const std::string&, Constraints&);
template void check_index(const shapes::GlobalSecondaryIndex&, const std::string&, Constraints&);
template void check_index(const shapes::CreateGlobalSecondaryIndexAction&, const std::string&, Constraints&);

model::KeySchema resolve_key_schema(const KeySchemaList& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined) {
  std::vector<std::string> keys = key_names(key_schema);
  require_defined(keys, types, defined);
  if (keys.size() == 2 && keys[0] == keys[1])
    throw validation_error("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  if (!is_hash(key_schema[0])) throw validation_error("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (key_schema.size() > 1 && !is_range(key_schema[1]))
    throw validation_error("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  model::KeySchema schema;
  schema.hash = {keys[0], types.at(keys[0])};
  if (keys.size() > 1) schema.range = model::KeyElement{keys[1], types.at(keys[1])};
  return schema;
}

Json described_throughput(const shapes::ProvisionedThroughput* throughput) {
  Json out = {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}};
  if (throughput) {
    out["ReadCapacityUnits"] = throughput->ReadCapacityUnits.value_or(0);
    out["WriteCapacityUnits"] = throughput->WriteCapacityUnits.value_or(0);
  }
  return out;
}

void check_projected_attribute_count(const std::vector<model::IndexInfo>& indexes) {
  size_t count = 0;  // the same name projected into two indexes counts twice
  for (const auto& ix : indexes) count += ix.non_key_attributes.size();
  if (count > kMaxProjectedAttributes)
    throw validation_error("One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of " +
                           std::to_string(kMaxProjectedAttributes));
}

template <typename Index>
model::IndexInfo resolve_index(const Index& index, bool global, const AttributeTypes& types, const std::vector<std::string>& defined,
                               bool pay_per_request, Json& described) {
  model::IndexInfo ix;
  ix.name = index.IndexName.value_or("");
  ix.global = global;
  const KeySchemaList& key_schema = *index.KeySchema;
  if (key_schema.size() > 2 || (key_schema.size() == 2 && is_hash(key_schema[1]))) {
    if (!global) throw validation_error("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    resolve_multi_attribute_key(key_schema, types, defined, ix);
  } else {
    ix.key = resolve_key_schema(key_schema, types, defined);
  }
  const shapes::Projection& projection = *index.Projection;
  if (!projection.ProjectionType) throw validation_error("One or more parameter values were invalid: Unknown ProjectionType: null");
  const std::string& type = *projection.ProjectionType;
  if (projection.NonKeyAttributes) {
    if (type != "INCLUDE")
      throw validation_error("One or more parameter values were invalid: ProjectionType is " + type + ", but NonKeyAttributes is specified");
    ix.non_key_attributes = *projection.NonKeyAttributes;
  } else if (type == "INCLUDE") {
    throw validation_error("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  ix.projection = type == "ALL" ? model::ProjectionType::ALL : type == "KEYS_ONLY" ? model::ProjectionType::KEYS_ONLY : model::ProjectionType::INCLUDE;
  const shapes::ProvisionedThroughput* throughput = nullptr;
  if constexpr (requires { index.ProvisionedThroughput; }) throughput = ptr(index.ProvisionedThroughput);
  if constexpr (std::is_same_v<Index, shapes::CreateGlobalSecondaryIndexAction>) {
    // UpdateTable words the same rules its own way.
    if (pay_per_request && throughput)
      throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: " +
                             ix.name + " when BillingMode is PAY_PER_REQUEST");
    if (!pay_per_request && !throughput)
      throw validation_error("One or more parameter values were invalid: Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: " +
                             ix.name);
  } else if (global) {
    if (pay_per_request && throughput)
      throw validation_error("One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: " + ix.name +
                             " when BillingMode is PAY_PER_REQUEST");
    if (!pay_per_request && !throughput)
      throw validation_error("One or more parameter values were invalid: ProvisionedThroughput is not specified for index: " + ix.name);
  }
  described = {{"KeySchema", key_schema_json(key_schema)}, {"Projection", projection_json(projection)},
               {"ProvisionedThroughput", described_throughput(throughput)}};
  return ix;
}

template model::IndexInfo resolve_index(const shapes::LocalSecondaryIndex&, bool, const AttributeTypes&, const std::vector<std::string>&, bool, Json&);
template model::IndexInfo resolve_index(const shapes::GlobalSecondaryIndex&, bool, const AttributeTypes&, const std::vector<std::string>&, bool, Json&);
template model::IndexInfo resolve_index(const shapes::CreateGlobalSecondaryIndexAction&, bool, const AttributeTypes&, const std::vector<std::string>&,
                                        bool, Json&);

}  // namespace dynarock::api
