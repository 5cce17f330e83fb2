// Backfills (jobs). GSI: copies existing items into a new index. TTL: gives existing items their
// expiry entries. Each item is re-read under its lock, so an entry is never written for a version
// a concurrent write has already replaced, and an entry a concurrent write already made is neither
// written nor counted twice. Writes that follow the catalog change maintain the entries themselves.
#include "engine/backfill.h"

#include <rocksdb/iterator.h>

#include <functional>

#include "engine/counts.h"
#include "engine/expiry.h"
#include "engine/item_codec.h"
#include "model/key_limits.h"

namespace dynarock::engine {

using model::Item;
using model::TablePtr;

namespace {

// The walk both backfills share: every item of the job's table, re-read under its lock while the
// table still `wants` the backfill, handed to `add`; then the catalog is told it is done. A
// failure leaves the job pending (restarted on the next open).
void run_backfill(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner,
                  const std::function<bool(const model::TableInfo&)>& wants,
                  const std::function<void(const model::TableInfo&, const std::string& item_key, const Item&)>& add) {
  auto current = [&]() -> TablePtr {
    TablePtr now = catalog.find(job.ns, job.table_name);
    return now && now->id == job.table_id && wants(*now) ? now : nullptr;
  };
  try {
    if (!current()) return;
    std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(rocksdb::ReadOptions(), storage.items));
    std::string lower = id_prefix(job.table_id), upper = id_prefix(job.table_id + 1);
    for (it->Seek(lower); it->Valid() && it->key().compare(upper) < 0; it->Next()) {
      if (runner.stopping()) return;
      std::string item_key = it->key().ToString();
      auto guard = locks.lock(job.table_id, item_key);
      TablePtr now = current();
      if (!now) return;
      std::string value;
      auto s = storage.db()->Get(rocksdb::ReadOptions(), storage.items, item_key, &value);
      if (s.IsNotFound()) continue;
      check(s, "backfill");
      add(*now, item_key, item_codec::decode(value));
    }
    check(it->status(), "backfill");
    catalog.finish_backfill(job);
  } catch (const std::exception&) {
    // The index stays CREATING (or the TTL backfill pending); nothing else depends on it.
  }
}

}  // namespace

void backfill_index(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner) {
  run_backfill(storage, catalog, locks, job, runner, [&](const model::TableInfo& t) { return t.find_index(job.index_name) != nullptr; },
               [&](const model::TableInfo& now, const std::string&, const Item& item) {
    const model::IndexInfo* ix = now.find_index(job.index_name);
    model::IndexKey ik;
    if (!model::index_key_of(*ix, item, ik) || !model::index_key_fits(ik)) return;
    std::string entry = index_entry_key(*ix, ik, now, model::key_from_item(now.key, item));
    std::string existing;
    if (storage.db()->Get(rocksdb::ReadOptions(), storage.index, entry, &existing).ok()) return;
    Item projected = model::project_for_index(now, *ix, item);
    rocksdb::WriteBatch batch;
    batch.Put(storage.index, entry, item_codec::encode(projected));
    counts::add(storage, batch, ix->id, 1, static_cast<int64_t>(model::item_size(projected)));
    storage.write(batch, "backfill");
  });
}

void backfill_ttl(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner) {
  run_backfill(storage, catalog, locks, job, runner,
               [&](const model::TableInfo& t) { return t.ttl.enabled && t.ttl.attribute == job.ttl_attribute; },
               [&](const model::TableInfo&, const std::string& item_key, const Item& item) {
    auto entry = expiry::entry_of(job.table_id, item, job.ttl_attribute, item_key, expiry::now_seconds());
    if (entry) check(storage.db()->Put(storage.write_options, storage.expiry, *entry, rocksdb::Slice()), "backfill");
  });
}

}  // namespace dynarock::engine
