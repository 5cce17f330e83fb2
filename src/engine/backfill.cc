// Backfills (jobs). GSI: copies existing items into a new index. TTL: gives existing items their
// expiry entries. Each item is re-read under its lock, so an entry is never written for a version
// a concurrent write has already replaced, and an entry a concurrent write already made is neither
// written nor counted twice. Writes that follow the catalog change maintain the entries themselves.
#include "engine/backfill.h"

#include <rocksdb/iterator.h>

#include "engine/counts.h"
#include "engine/expiry.h"
#include "engine/item_codec.h"

namespace dynarock::engine {

using model::Item;
using model::TablePtr;

void backfill_index(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner) {
  try {
    TablePtr table = catalog.find(job.ns, job.table_name);
    if (!table || table->id != job.table_id || !table->find_index(job.index_name)) return;
    std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(rocksdb::ReadOptions(), storage.items));
    std::string lower = id_prefix(job.table_id), upper = id_prefix(job.table_id + 1);
    for (it->Seek(lower); it->Valid() && it->key().compare(upper) < 0; it->Next()) {
      if (runner.stopping()) return;
      std::string item_key = it->key().ToString();
      auto guard = locks.lock(job.table_id, item_key);
      TablePtr now = catalog.find(job.ns, job.table_name);
      if (!now || now->id != job.table_id) return;
      const model::IndexInfo* ix = now->find_index(job.index_name);
      if (!ix) return;
      std::string value;
      auto s = storage.db()->Get(rocksdb::ReadOptions(), storage.items, item_key, &value);
      if (s.IsNotFound()) continue;
      check(s, "backfill");
      Item item = item_codec::decode(value);
      model::IndexKey ik;
      if (!model::index_key_of(*ix, item, ik)) continue;
      std::string entry = index_entry_key(*ix, ik, *now, model::key_from_item(now->key, item));
      std::string existing;
      if (storage.db()->Get(rocksdb::ReadOptions(), storage.index, entry, &existing).ok()) continue;
      Item projected = model::project_for_index(*now, *ix, item);
      rocksdb::WriteBatch batch;
      batch.Put(storage.index, entry, item_codec::encode(projected));
      counts::add(storage, batch, ix->id, 1, static_cast<int64_t>(model::item_size(projected)));
      storage.write(batch, "backfill");
    }
    check(it->status(), "backfill");
    catalog.finish_backfill(job);
  } catch (const std::exception&) {
    // The index stays CREATING; nothing else depends on it.
  }
}

void backfill_ttl(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner) {
  auto still_wanted = [&](TablePtr& now) {
    now = catalog.find(job.ns, job.table_name);
    return now && now->id == job.table_id && now->ttl.enabled && now->ttl.attribute == job.ttl_attribute;
  };
  try {
    TablePtr now;
    if (!still_wanted(now)) return;
    std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(rocksdb::ReadOptions(), storage.items));
    std::string lower = id_prefix(job.table_id), upper = id_prefix(job.table_id + 1);
    for (it->Seek(lower); it->Valid() && it->key().compare(upper) < 0; it->Next()) {
      if (runner.stopping()) return;
      std::string item_key = it->key().ToString();
      auto guard = locks.lock(job.table_id, item_key);
      if (!still_wanted(now)) return;
      std::string value;
      auto s = storage.db()->Get(rocksdb::ReadOptions(), storage.items, item_key, &value);
      if (s.IsNotFound()) continue;
      check(s, "backfill");
      auto entry = expiry::entry_of(job.table_id, item_codec::decode(value), job.ttl_attribute, item_key, expiry::now_seconds());
      if (entry) check(storage.db()->Put(storage.write_options, storage.expiry, *entry, rocksdb::Slice()), "backfill");
    }
    check(it->status(), "backfill");
    catalog.finish_backfill(job);
  } catch (const std::exception&) {
    // Restarted on the next open (the table keeps its backfilling mark).
  }
}

}  // namespace dynarock::engine
