// KeySchema: a table's or index's primary key, and the rules DynamoDB applies to key values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"

namespace dynarock::model {

struct KeyElement {
  std::string name;
  Type type = Type::S;  // S, N or B
};

struct KeySchema {
  KeyElement hash;
  std::optional<KeyElement> range;

  bool is_key_attribute(const std::string& name) const {
    return name == hash.name || (range && range->name == name);
  }
};

struct PrimaryKey {
  AttributeValue hash;
  std::optional<AttributeValue> range;
};

// A request's Key map (GetItem, DeleteItem, UpdateItem...): exactly the schema's attributes with
// the right types, else "The provided key element does not match the schema".
PrimaryKey key_from_request(const KeySchema& schema, const Item& key);

// The key of an item being written (PutItem): "Missing the key X in the item", type mismatches.
PrimaryKey key_from_item(const KeySchema& schema, const Item& item);

// Size and emptiness limits of one key value; `is_hash` picks the 2048 / 1024 byte limit.
void check_key_value(const KeyElement& element, const AttributeValue& value, bool is_hash);

// The key attributes of `item` as an Item (for LastEvaluatedKey and the like).
Item key_attributes(const KeySchema& schema, const Item& item);

}  // namespace dynarock::model
