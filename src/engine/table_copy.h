// Table copies: a table's items copied under another id (a backup, a PITR base), and tables
// restored from such a copy. Copies hold items only: a restore rebuilds index entries and counts
// for the restored table's own indexes, so dropped or changed indexes need nothing special.
#pragma once

#include <rocksdb/snapshot.h>

#include <cstdint>

#include "engine/engine.h"
#include "engine/storage.h"

namespace dynarock::engine {

// Copies every item key under id `from` into id `to`, as `snapshot` sees them.
TableStats copy_range(Storage& storage, const rocksdb::Snapshot* snapshot, uint32_t from, uint32_t to);

// Fills `target` (ids assigned, not yet visible) from `source` as `snapshot` sees it: items, then
// the log replayed, then index entries and counts.
void fill_table(Storage& storage, const rocksdb::Snapshot* snapshot, const model::TableInfo& target, const RestoreSource& source);

// Deletes everything under id `id` in the items column family.
void drop_items(Storage& storage, uint32_t id);
// Deletes what fill_table wrote for `target` (a restore that could not publish its table).
void drop_filled(Storage& storage, const model::TableInfo& target);

}  // namespace dynarock::engine
