// Point-in-time recovery history. While recovery is on, a table has two extra key ranges in the
// `items` column family:
//   base  base_id | item key without table id  -> item            (the table at the history's start)
//   log   log_id | micros (8 bytes BE) | item key without table id -> 'P' item | 'D'
// The log is written by the PITR writer in each change's own WriteBatch, so it never disagrees
// with the items. Restoring to time T = base + the log up to T replayed in time order. A periodic
// job folds entries older than the recovery period into the base, so the history costs one copy
// of the table plus the changes inside the window.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "engine/lock_table.h"
#include "engine/storage.h"

namespace dynarock::engine::history {

// Wall-clock microseconds, strictly increasing within the process: two changes of one item
// (serialised by its lock) always get increasing times.
int64_t next_micros();

std::string log_key(uint32_t log_id, int64_t micros, std::string_view item_key);
// The upper bound (exclusive) of log entries up to `micros` inclusive.
std::string log_bound(uint32_t log_id, int64_t micros);
std::string log_value(const model::Item* next);

// Turns recovery on (copying the table as the base after every in-flight write has committed),
// off (dropping the history) or changes its period.
model::TablePtr set_recovery(Storage& storage, Catalog& catalog, LockTable& locks, const model::TableInfo& table,
                             bool enabled, int period_days);

// Applies log entries older than `cutoff_micros` to the base and deletes them.
void compact(Storage& storage, const model::TableInfo& table, int64_t cutoff_micros);

// Engine::read_at and Engine::read_changes, from one snapshot of the base and the log.
void read_at(Storage& storage, const model::TableInfo& table, int64_t micros, const std::function<bool(model::Item&& item)>& visit);
void read_changes(Storage& storage, const model::TableInfo& table, int64_t from_micros, int64_t to_micros,
                  const std::function<void(int64_t micros, const model::Item* old_item, const model::Item* new_item)>& visit);

}  // namespace dynarock::engine::history
