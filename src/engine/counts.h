// Counts: item count and total item size of every table and index, kept exact with every write.
// Each write adds a delta (+1/-1 items, size difference) to its table's counter as a RocksDB
// merge operand in the write's own WriteBatch, so counts survive crashes exactly as the items do,
// and writers holding different item locks never contend: the merge operator sums the deltas.
#pragma once

#include <rocksdb/merge_operator.h>
#include <rocksdb/write_batch.h>

#include <cstdint>
#include <memory>

#include "engine/engine.h"
#include "engine/storage.h"

namespace dynarock::engine::counts {

std::shared_ptr<rocksdb::MergeOperator> merge_operator();

// Adds a delta to the counter of table or index `id`.
void add(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id, int64_t items, int64_t bytes);
// Sets the counter of `id` (format upgrade) or removes it (dropped table or index).
void set(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id, uint64_t items, uint64_t bytes);
void remove(Storage& storage, rocksdb::WriteBatch& batch, uint32_t id);

TableStats read(Storage& storage, uint32_t id);

}  // namespace dynarock::engine::counts
