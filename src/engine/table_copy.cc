#include "engine/table_copy.h"

#include <rocksdb/iterator.h>

#include <map>

#include "engine/counts.h"
#include "engine/history.h"
#include "engine/item_codec.h"

namespace dynarock::engine {

namespace {

// Writes are grouped so a large copy never builds one huge batch.
constexpr int kBatchEntries = 1000;

class Batcher {
 public:
  explicit Batcher(Storage& storage) : storage_(storage) {}
  rocksdb::WriteBatch& batch() { return batch_; }
  void done_one() {
    if (++pending_ >= kBatchEntries) flush();
  }
  void flush() {
    if (batch_.Count() > 0) storage_.write(batch_, "copy");
    batch_.Clear();
    pending_ = 0;
  }

 private:
  Storage& storage_;
  rocksdb::WriteBatch batch_;
  int pending_ = 0;
};

std::unique_ptr<rocksdb::Iterator> iterate(Storage& storage, const rocksdb::Snapshot* snapshot, rocksdb::ReadOptions& ro,
                                           const rocksdb::Slice& upper) {
  ro.snapshot = snapshot;
  ro.iterate_upper_bound = &upper;
  return std::unique_ptr<rocksdb::Iterator>(storage.db()->NewIterator(ro, storage.items));
}

}  // namespace

TableStats copy_range(Storage& storage, const rocksdb::Snapshot* snapshot, uint32_t from, uint32_t to) {
  TableStats stats;
  std::string lower = id_prefix(from), upper = id_prefix(from + 1), target = id_prefix(to);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  auto it = iterate(storage, snapshot, ro, upper_slice);
  Batcher out(storage);
  for (it->Seek(lower); it->Valid(); it->Next()) {
    std::string key = target;
    key.append(it->key().data() + 4, it->key().size() - 4);
    out.batch().Put(storage.items, key, it->value());
    ++stats.item_count;
    stats.size_bytes += item_codec::item_size({it->value().data(), it->value().size()});
    out.done_one();
  }
  check(it->status(), "copy");
  out.flush();
  return stats;
}

void drop_items(Storage& storage, uint32_t id) {
  rocksdb::WriteBatch batch;
  batch.DeleteRange(storage.items, id_prefix(id), id_prefix(id + 1));
  storage.write(batch, "drop copy");
}

void drop_filled(Storage& storage, const model::TableInfo& target) {
  rocksdb::WriteBatch batch;
  batch.DeleteRange(storage.items, id_prefix(target.id), id_prefix(target.id + 1));
  counts::remove(storage, batch, target.id);
  for (const auto& ix : target.indexes) {
    batch.DeleteRange(storage.index, id_prefix(ix.id), id_prefix(ix.id + 1));
    counts::remove(storage, batch, ix.id);
  }
  storage.write(batch, "drop restore");
}

void fill_table(Storage& storage, const rocksdb::Snapshot* snapshot, const model::TableInfo& target, const RestoreSource& source) {
  copy_range(storage, snapshot, source.copy_id, target.id);
  std::string prefix = id_prefix(target.id);
  if (source.log_id) {
    // Entries are in time order, so later changes of an item land after earlier ones.
    std::string lower = id_prefix(source.log_id), upper = history::log_bound(source.log_id, source.until_micros);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions ro;
    auto it = iterate(storage, snapshot, ro, upper_slice);
    Batcher out(storage);
    for (it->Seek(lower); it->Valid(); it->Next()) {
      std::string key = prefix;
      key.append(it->key().data() + 12, it->key().size() - 12);
      rocksdb::Slice v = it->value();
      if (!v.empty() && v[0] == 'P') out.batch().Put(storage.items, key, rocksdb::Slice(v.data() + 1, v.size() - 1));
      else out.batch().Delete(storage.items, key);
      out.done_one();
    }
    check(it->status(), "restore");
    out.flush();
  }
  // Index entries and counts of the restored table, from its items.
  std::string upper = id_prefix(target.id + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  auto it = iterate(storage, nullptr, ro, upper_slice);
  Batcher out(storage);
  TableStats table_stats;
  std::map<uint32_t, TableStats> index_stats;
  for (const auto& ix : target.indexes) index_stats[ix.id] = {};
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    std::string_view bytes(it->value().data(), it->value().size());
    ++table_stats.item_count;
    table_stats.size_bytes += item_codec::item_size(bytes);
    if (target.indexes.empty()) continue;
    model::Item item = item_codec::decode(bytes);
    model::PrimaryKey key = model::key_from_item(target.key, item);
    for (const auto& ix : target.indexes) {
      model::IndexKey ik;
      if (!model::index_key_of(ix, item, ik)) continue;
      model::Item projected = model::project_for_index(target, ix, item);
      TableStats& s = index_stats[ix.id];
      ++s.item_count;
      s.size_bytes += model::item_size(projected);
      out.batch().Put(storage.index, index_entry_key(ix, ik, target, key), item_codec::encode(projected));
    }
    out.done_one();
  }
  check(it->status(), "restore");
  counts::set(storage, out.batch(), target.id, table_stats.item_count, table_stats.size_bytes);
  for (const auto& [id, s] : index_stats) counts::set(storage, out.batch(), id, s.item_count, s.size_bytes);
  out.flush();
}

}  // namespace dynarock::engine
