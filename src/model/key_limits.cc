#include "model/key_limits.h"

namespace dynarock::model {

size_t key_value_size(const AttributeValue& value) { return value.type == Type::N ? value_size(value) : value.scalar.size(); }

bool index_key_fits(const IndexKey& key) {
  auto fits = [](const std::vector<AttributeValue>& values, size_t max) {
    for (const auto& v : values) {
      const size_t size = key_value_size(v);
      if (size == 0 || size > max) return false;
    }
    return true;
  };
  return fits(key.hash, kMaxPartitionKeySize) && fits(key.range, kMaxSortKeySize);
}

}  // namespace dynarock::model
