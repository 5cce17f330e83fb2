#include "model/key_schema.h"

#include "model/error.h"
#include "model/key_limits.h"

namespace dynarock::model {

void check_key_value(const KeyElement& element, const AttributeValue& value, bool is_hash) {
  if ((value.type == Type::S || value.type == Type::B) && value.scalar.empty()) {
    throw validation_error(
        std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ") +
        (value.type == Type::S ? "string" : "binary") + " value. Key: " + element.name);
  }
  size_t size = key_value_size(value);
  if (is_hash && size > kMaxPartitionKeySize)
    throw validation_error("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
  if (!is_hash && size > kMaxSortKeySize)
    throw validation_error("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
}

PrimaryKey key_from_request(const KeySchema& schema, const Item& key) {
  size_t expected = schema.range ? 2 : 1;
  auto h = key.find(schema.hash.name);
  if (key.size() != expected || h == key.end() || h->second.type != schema.hash.type)
    throw validation_error("The provided key element does not match the schema");
  PrimaryKey out{h->second, std::nullopt};
  if (schema.range) {
    auto r = key.find(schema.range->name);
    if (r == key.end() || r->second.type != schema.range->type)
      throw validation_error("The provided key element does not match the schema");
    out.range = r->second;
  }
  check_key_value(schema.hash, out.hash, true);
  if (schema.range) check_key_value(*schema.range, *out.range, false);
  return out;
}

namespace {
const AttributeValue& require_in_item(const KeyElement& element, const Item& item) {
  auto it = item.find(element.name);
  if (it == item.end())
    throw validation_error("One or more parameter values were invalid: Missing the key " + element.name + " in the item");
  if (it->second.type != element.type)
    throw validation_error("One or more parameter values were invalid: Type mismatch for key " + element.name +
                           " expected: " + type_name(element.type) + " actual: " + type_name(it->second.type));
  return it->second;
}
}  // namespace

PrimaryKey key_from_item(const KeySchema& schema, const Item& item) {
  PrimaryKey out{require_in_item(schema.hash, item), std::nullopt};
  if (schema.range) out.range = require_in_item(*schema.range, item);
  check_key_value(schema.hash, out.hash, true);
  if (schema.range) check_key_value(*schema.range, *out.range, false);
  return out;
}

Item key_attributes(const KeySchema& schema, const Item& item) {
  Item out;
  if (auto it = item.find(schema.hash.name); it != item.end()) out.emplace(*it);
  if (schema.range)
    if (auto it = item.find(schema.range->name); it != item.end()) out.emplace(*it);
  return out;
}

}  // namespace dynarock::model
