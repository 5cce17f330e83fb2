#include "engine/history.h"

#include <rocksdb/iterator.h>

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>

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

namespace dynarock::engine::history {

namespace {

constexpr size_t kLogHeader = 12;  // log id (4) + micros (8)

std::string_view suffix_of(const rocksdb::Slice& key, size_t header) { return {key.data() + header, key.size() - header}; }

int64_t micros_of(const rocksdb::Slice& key) {
  uint64_t v = 0;
  for (size_t i = 4; i < kLogHeader; ++i) v = (v << 8) | static_cast<unsigned char>(key[i]);
  return static_cast<int64_t>(v);
}

// Log entries of `table` in [lower, upper) as one snapshot sees them, oldest first.
void scan_log(Storage& storage, const rocksdb::Snapshot* snapshot, const std::string& lower, const std::string& upper,
              const std::function<void(const rocksdb::Slice& key, const rocksdb::Slice& value)>& visit) {
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(ro, storage.items));
  for (it->Seek(lower); it->Valid(); it->Next()) visit(it->key(), it->value());
  check(it->status(), "read history");
}

// A log value ('P' item | 'D') as the stored item bytes, or nullopt for a delete.
std::optional<std::string_view> logged_item(std::string_view value) {
  if (!value.empty() && value[0] == 'P') return value.substr(1);
  return std::nullopt;
}

void require_history(const model::TableInfo& table) {
  if (!table.pitr.enabled || table.pitr.earliest <= 0)
    throw std::runtime_error("point-in-time recovery is not enabled for " + table.name);
}

}  // namespace

void read_at(Storage& storage, const model::TableInfo& table, int64_t micros, const std::function<bool(model::Item&& item)>& visit) {
  require_history(table);
  SnapshotGuard snapshot(storage.db());
  // The log up to `micros`, latest change per item ("" marks a delete: stored items are never empty).
  std::map<std::string, std::string> changed;
  scan_log(storage, snapshot.get(), id_prefix(table.pitr.log_id), log_bound(table.pitr.log_id, micros),
           [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
             auto item = logged_item({value.data(), value.size()});
             changed[std::string(suffix_of(key, kLogHeader))] = item ? std::string(*item) : std::string();
           });
  // The base merged with those changes, in key order.
  std::string lower = id_prefix(table.pitr.base_id), upper = id_prefix(table.pitr.base_id + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.get();
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(ro, storage.items));
  auto next_change = changed.begin();
  auto emit = [&](std::string_view bytes) { return bytes.empty() || visit(item_codec::decode(bytes)); };
  for (it->Seek(lower); it->Valid(); it->Next()) {
    std::string_view suffix = suffix_of(it->key(), 4);
    for (; next_change != changed.end() && std::string_view(next_change->first) < suffix; ++next_change)
      if (!emit(next_change->second)) return;
    if (next_change != changed.end() && next_change->first == suffix) {
      if (!emit((next_change++)->second)) return;
      continue;
    }
    if (!emit({it->value().data(), it->value().size()})) return;
  }
  check(it->status(), "read history");
  for (; next_change != changed.end(); ++next_change)
    if (!emit(next_change->second)) return;
}

void read_changes(Storage& storage, const model::TableInfo& table, int64_t from_micros, int64_t to_micros,
                  const std::function<void(int64_t micros, const model::Item* old_item, const model::Item* new_item)>& visit) {
  require_history(table);
  SnapshotGuard snapshot(storage.db());
  struct Change {
    int64_t micros = 0;
    std::optional<std::string> before, after;  // item bytes; nullopt: absent
  };
  std::map<std::string, Change> changes;
  uint32_t log = table.pitr.log_id;
  scan_log(storage, snapshot.get(), log_bound(log, from_micros - 1), log_bound(log, to_micros - 1),
           [&](const rocksdb::Slice& key, const rocksdb::Slice& value) {
             Change& c = changes[std::string(suffix_of(key, kLogHeader))];
             c.micros = micros_of(key);
             auto item = logged_item({value.data(), value.size()});
             c.after = item ? std::optional<std::string>(std::string(*item)) : std::nullopt;
           });
  if (changes.empty()) return;
  // The state before the window: the base, then the log before it.
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot.get();
  std::string base = id_prefix(table.pitr.base_id), value;
  for (auto& [suffix, c] : changes) {
    rocksdb::Status s = storage.db()->Get(ro, storage.items, base + suffix, &value);
    if (s.ok()) c.before = value;
    else if (!s.IsNotFound()) check(s, "read history");
  }
  scan_log(storage, snapshot.get(), id_prefix(log), log_bound(log, from_micros - 1),
           [&](const rocksdb::Slice& key, const rocksdb::Slice& v) {
             auto found = changes.find(std::string(suffix_of(key, kLogHeader)));
             if (found == changes.end()) return;
             auto item = logged_item({v.data(), v.size()});
             found->second.before = item ? std::optional<std::string>(std::string(*item)) : std::nullopt;
           });
  for (const auto& [suffix, c] : changes) {
    if (!c.before && !c.after) continue;
    std::optional<model::Item> before, after;
    if (c.before) before = item_codec::decode(*c.before);
    if (c.after) after = item_codec::decode(*c.after);
    visit(c.micros, before ? &*before : nullptr, after ? &*after : nullptr);
  }
}

}  // namespace dynarock::engine::history
