// Key value size limits: 2048 bytes for a partition key attribute, 1024 for a sort key attribute,
// for a table's key and for the key attributes of its secondary indexes.
#pragma once

#include "model/attribute_value.h"
#include "model/table.h"

namespace dynarock::model {

// The size a key value counts against the limits (a number's stored size).
size_t key_value_size(const AttributeValue& value);

// False when a value of `key` is empty or over the limits: such an item is an index key
// violation, which a backfill leaves out of the index as DynamoDB does.
bool index_key_fits(const IndexKey& key);

}  // namespace dynarock::model
