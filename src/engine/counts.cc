#include "engine/counts.h"

#include <cstring>

namespace dynarock::engine::counts {

namespace {

// Value: items and bytes as two little-endian signed 64-bit integers.
std::string encode(int64_t items, int64_t bytes) {
  std::string out(16, '\0');
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<char>(static_cast<uint64_t>(items) >> (8 * i));
    out[8 + i] = static_cast<char>(static_cast<uint64_t>(bytes) >> (8 * i));
  }
  return out;
}

void decode(const rocksdb::Slice& v, int64_t& items, int64_t& bytes) {
  uint64_t a = 0, b = 0;
  if (v.size() == 16)
    for (int i = 0; i < 8; ++i) {
      a |= uint64_t(static_cast<uint8_t>(v[i])) << (8 * i);
      b |= uint64_t(static_cast<uint8_t>(v[8 + i])) << (8 * i);
    }
  items = static_cast<int64_t>(a);
  bytes = static_cast<int64_t>(b);
}

class SumOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger*) const override {
    int64_t items = 0, bytes = 0, di = 0, db = 0;
    if (existing) decode(*existing, items, bytes);
    decode(value, di, db);
    *new_value = encode(items + di, bytes + db);
    return true;
  }
  const char* Name() const override { return "dynarock.counts.sum"; }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> merge_operator() { return std::make_shared<SumOperator>(); }

void add(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id, int64_t items, int64_t bytes) {
  if (items == 0 && bytes == 0) return;
  batch.Merge(storage.counts, id_prefix(id), encode(items, bytes));
}

void set(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id, uint64_t items, uint64_t bytes) {
  batch.Put(storage.counts, id_prefix(id), encode(static_cast<int64_t>(items), static_cast<int64_t>(bytes)));
}

void remove(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id) { batch.Delete(storage.counts, id_prefix(id)); }

TableStats read(Storage& storage, uint32_t id) {
  rocksdb::PinnableSlice value;
  auto s = storage.db()->Get(rocksdb::ReadOptions(), storage.counts, id_prefix(id), &value);
  if (s.IsNotFound()) return {};
  check(s, "counts");
  int64_t items = 0, bytes = 0;
  decode(value, items, bytes);
  return {static_cast<uint64_t>(std::max<int64_t>(items, 0)), static_cast<uint64_t>(std::max<int64_t>(bytes, 0))};
}

}  // namespace dynarock::engine::counts
