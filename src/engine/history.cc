#include "engine/history.h"

#include <rocksdb/iterator.h>

#include <atomic>
#include <chrono>

#include "engine/item_codec.h"
#include "engine/table_copy.h"

namespace dynarock::engine::history {

namespace {

void append_be64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

class SnapshotGuard {
 public:
  explicit SnapshotGuard(rocksdb::DB* db) : db_(db), snapshot_(db->GetSnapshot()) {}
  ~SnapshotGuard() { db_->ReleaseSnapshot(snapshot_); }
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

}  // namespace

int64_t next_micros() {
  static std::atomic<int64_t> last{0};
  int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  int64_t prev = last.load(std::memory_order_relaxed);
  int64_t next = 0;
  do {
    next = std::max(now, prev + 1);
  } while (!last.compare_exchange_weak(prev, next, std::memory_order_relaxed));
  return next;
}

std::string log_key(uint32_t log_id, int64_t micros, std::string_view item_key) {
  std::string key = id_prefix(log_id);
  append_be64(key, static_cast<uint64_t>(micros));
  key.append(item_key.substr(4));  // the item key without its table id
  return key;
}

std::string log_bound(uint32_t log_id, int64_t micros) {
  std::string key = id_prefix(log_id);
  append_be64(key, static_cast<uint64_t>(micros) + 1);
  return key;
}

std::string log_value(const model::Item* next) {
  if (!next) return "D";
  std::string out = "P";
  item_codec::encode(*next, out);
  return out;
}

model::TablePtr set_recovery(Storage& storage, Catalog& catalog, LockTable& locks, const model::TableInfo& table,
                             bool enabled, int period_days) {
  model::TablePtr current = catalog.current(table);
  std::vector<PendingBackfill> none;
  model::TableInfo next = *current;
  if (enabled && current->pitr.enabled && current->pitr.earliest > 0) {
    next.pitr.period_days = period_days;
    return catalog.update(std::move(next), none);
  }
  if (!enabled) {
    if (!current->pitr.enabled) return current;
    next.pitr = {};
    next.pitr.period_days = period_days;
    model::TablePtr out = catalog.update(std::move(next), none);
    drop_items(storage, current->pitr.base_id);
    drop_items(storage, current->pitr.log_id);
    return out;
  }
  if (current->pitr.enabled) {  // an enable cut short by a restart: start over
    drop_items(storage, current->pitr.base_id);
    drop_items(storage, current->pitr.log_id);
  }
  uint32_t first = catalog.allocate_ids(2);
  next.pitr.enabled = true;
  next.pitr.earliest = 0;
  next.pitr.period_days = period_days;
  next.pitr.base_id = first;
  next.pitr.log_id = first + 1;
  catalog.update(next, none);
  // Writes that saw the table without recovery hold an item lock until they commit: once every
  // stripe has been free, all of them are in the snapshot and every later write is logged.
  locks.barrier();
  {
    SnapshotGuard snapshot(storage.db());
    copy_range(storage, snapshot.get(), table.id, next.pitr.base_id);
  }
  model::TableInfo done = *catalog.current(table);
  done.pitr = next.pitr;
  done.pitr.earliest = static_cast<double>(next_micros()) / 1e6;
  return catalog.update(std::move(done), none);
}

void compact(Storage& storage, const model::TableInfo& table, int64_t cutoff_micros) {
  if (!table.pitr.enabled || table.pitr.earliest <= 0 || cutoff_micros <= 0) return;
  std::string lower = id_prefix(table.pitr.log_id), upper = log_bound(table.pitr.log_id, cutoff_micros - 1);
  std::string base = id_prefix(table.pitr.base_id);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(ro, storage.items));
  rocksdb::WriteBatch batch;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    std::string key = base;
    key.append(it->key().data() + 12, it->key().size() - 12);
    rocksdb::Slice v = it->value();
    if (!v.empty() && v[0] == 'P') batch.Put(storage.items, key, rocksdb::Slice(v.data() + 1, v.size() - 1));
    else batch.Delete(storage.items, key);
    batch.Delete(storage.items, it->key());
    if (batch.Count() >= 1000) {
      storage.write(batch, "compact history");
      batch.Clear();
    }
  }
  check(it->status(), "compact history");
  if (batch.Count() > 0) storage.write(batch, "compact history");
}

}  // namespace dynarock::engine::history
