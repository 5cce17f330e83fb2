#include "engine/ttl_sweep.h"

#include <rocksdb/iterator.h>

#include <algorithm>
#include <cmath>

#include "engine/expiry.h"
#include "model/error.h"

namespace dynarock::engine {

namespace {

size_t sweep_table(Storage& storage, ItemStore& items, const JobRunner& runner, const model::TableInfo& table, double now) {
  double oldest = std::max(0.0, now - expiry::kMaxAge);
  std::string lower = expiry::entry_key(table.id, expiry::entry_second(oldest), "");
  std::string upper = expiry::entry_key(table.id, expiry::entry_second(now) + 1, "");
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(ro, storage.expiry));
  size_t deleted = 0;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    if (runner.stopping()) break;
    std::string entry = it->key().ToString();
    std::string item_key(expiry::item_key_of(entry));
    bool removed = items.remove_stored_if(table, item_key, writers::Origin::ttl,
                                          [&](const model::TableInfo& current, const model::Item* item, rocksdb::WriteBatch& batch) {
      if (!current.ttl.enabled) return false;
      auto ttl = item ? expiry::ttl_value(*item, current.ttl.attribute) : std::nullopt;
      if (ttl && expiry::expired(*ttl, now)) return true;  // the TTL writer removes this entry
      // Not expired (yet): keep the entry if it is still the item's own (a fraction of a second
      // to go), else it is stale (the item is gone or moved on) and goes.
      auto own = item ? expiry::any_entry_of(current.id, *item, current.ttl.attribute, item_key) : std::nullopt;
      if (own != entry || (ttl && !expiry::may_expire(*ttl, now))) batch.Delete(storage.expiry, entry);
      return false;
    });
    deleted += removed;
  }
  check(it->status(), "ttl sweep");
  return deleted;
}

}  // namespace

size_t sweep_expired(Storage& storage, Catalog& catalog, ItemStore& items, const JobRunner& runner, double now) {
  size_t deleted = 0;
  for (const auto& table : catalog.all()) {
    if (!table->ttl.enabled || runner.stopping()) continue;
    try {
      deleted += sweep_table(storage, items, runner, *table, now);
    } catch (const ApiError& e) {
      // The table was deleted or re-created meanwhile; anything else is a real failure.
      if (e.code() != "ResourceNotFoundException") throw;
    }
  }
  return deleted;
}

}  // namespace dynarock::engine
