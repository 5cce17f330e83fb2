#include "engine/catalog.h"

#include <rocksdb/iterator.h>

#include "engine/counts.h"
#include "engine/item_codec.h"
#include "model/error.h"

namespace dynarock::engine {

using model::TableInfo;
using model::TablePtr;

namespace {

constexpr char kNextIdKey[] = "next_id";

std::string catalog_key(const std::string& ns, const std::string& name) { return ns + '\0' + name; }

// Count and size of every entry under `id` (format upgrade only).
TableStats scan_stats(Storage& storage, rocksdb::ColumnFamilyHandle* cf, uint32_t id) {
  TableStats out;
  std::string lower = id_prefix(id), upper = id_prefix(id + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(ro, cf));
  for (it->Seek(lower); it->Valid(); it->Next()) {
    ++out.item_count;
    out.size_bytes += item_codec::item_size({it->value().data(), it->value().size()});
  }
  check(it->status(), "upgrade");
  return out;
}

}  // namespace

Catalog::Catalog(Storage& storage) : storage_(storage) {
  std::string next;
  if (storage_.db()->Get(rocksdb::ReadOptions(), storage_.meta, kNextIdKey, &next).ok())
    next_id_ = static_cast<uint32_t>(std::stoul(next));
  auto map = std::make_shared<Map>();
  std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(rocksdb::ReadOptions(), storage_.catalog));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto info = model::table_from_json(nlohmann::json::parse(it->value().ToString()));
    (*map)[it->key().ToString()] = std::make_shared<const TableInfo>(std::move(info));
  }
  map_.store(std::move(map));
  if (storage_.stored_format() < storage_.format()) upgrade_format();
}

// Format 1 kept no counts: compute them once, in one batch with the new format version (also
// stamps a new directory, or an older one without items, as format 3).
void Catalog::upgrade_format() {
  rocksdb::WriteBatch batch;
  for (const auto& [key, table] : *map_.load()) {
    TableStats t = scan_stats(storage_, storage_.items, table->id);
    counts::set(storage_, batch, table->id, t.item_count, t.size_bytes);
    for (const auto& ix : table->indexes) {
      TableStats s = scan_stats(storage_, storage_.index, ix.id);
      counts::set(storage_, batch, ix.id, s.item_count, s.size_bytes);
    }
  }
  storage_.store_format(batch);
  storage_.write(batch, "upgrade");
}

TablePtr Catalog::find(const std::string& ns, const std::string& name) const {
  auto snapshot = map_.load(std::memory_order_acquire);
  auto it = snapshot->find(catalog_key(ns, name));
  return it == snapshot->end() ? nullptr : it->second;
}

std::vector<std::string> Catalog::list(const std::string& ns) const {
  auto snapshot = map_.load(std::memory_order_acquire);
  std::vector<std::string> names;
  std::string prefix = ns + '\0';
  for (auto it = snapshot->lower_bound(prefix); it != snapshot->end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    names.push_back(it->second->name);
  return names;
}

std::vector<PendingBackfill> Catalog::pending_backfills() const {
  std::vector<PendingBackfill> out;
  for (const auto& [key, table] : *map_.load())
    for (const auto& ix : table->indexes)
      if (ix.backfilling) out.push_back({table->ns, table->name, ix.name, table->id});
  for (const auto& [key, table] : *map_.load())
    if (table->ttl.enabled && table->ttl.backfilling) out.push_back({table->ns, table->name, "", table->id, table->ttl.attribute});
  return out;
}

std::vector<TablePtr> Catalog::all() const {
  std::vector<TablePtr> out;
  for (const auto& [key, table] : *map_.load()) out.push_back(table);
  return out;
}

uint32_t Catalog::allocate_ids(uint32_t n) {
  std::lock_guard guard(mutex_);
  uint32_t first = next_id_;
  next_id_ += n;
  check(storage_.db()->Put(storage_.write_options, storage_.meta, kNextIdKey, std::to_string(next_id_)), "allocate ids");
  return first;
}

TablePtr Catalog::create(TableInfo info) {
  std::lock_guard guard(mutex_);
  std::string key = catalog_key(info.ns, info.name);
  if (map_.load()->count(key)) throw resource_in_use("Table already exists: " + info.name);
  if (info.id == 0) info.id = next_id_++;
  for (auto& ix : info.indexes)
    if (ix.id == 0) ix.id = next_id_++;
  rocksdb::WriteBatch batch;
  batch.Put(storage_.meta, kNextIdKey, std::to_string(next_id_));
  batch.Put(storage_.catalog, key, model::table_to_json(info).dump());
  notify(batch, nullptr, &info);
  storage_.write(batch, "create table");
  auto ptr = std::make_shared<const TableInfo>(std::move(info));
  publish(key, ptr);
  return ptr;
}

TablePtr Catalog::update(TableInfo info, std::vector<PendingBackfill>& added) {
  std::lock_guard guard(mutex_);
  std::string key = catalog_key(info.ns, info.name);
  for (auto& ix : info.indexes)
    if (ix.id == 0) {
      ix.id = next_id_++;
      ix.status = "CREATING";
      ix.backfilling = true;
      added.push_back({info.ns, info.name, ix.name, info.id});
    }
  auto old = find(info.ns, info.name);
  // Index states belong to the engine: a caller's copy may predate a finished backfill.
  if (old)
    for (auto& ix : info.indexes)
      if (const model::IndexInfo* was = old->find_index(ix.name); was && was->id == ix.id) {
        ix.status = was->status;
        ix.backfilling = was->backfilling;
      }
  // So does the TTL backfill's progress; a TTL newly enabled (or on another attribute) needs one.
  bool ttl_was = old && old->ttl.enabled, ttl_is = info.ttl.enabled;
  bool ttl_same = ttl_was && ttl_is && old->ttl.attribute == info.ttl.attribute;
  info.ttl.backfilling = ttl_same ? old->ttl.backfilling : ttl_is;
  if (ttl_is && !ttl_same) added.push_back({info.ns, info.name, "", info.id, info.ttl.attribute});
  rocksdb::WriteBatch batch;
  if (ttl_was && !ttl_same) batch.DeleteRange(storage_.expiry, id_prefix(info.id), id_prefix(info.id + 1));
  batch.Put(storage_.meta, kNextIdKey, std::to_string(next_id_));
  batch.Put(storage_.catalog, key, model::table_to_json(info).dump());
  // Entries (and counts) of removed indexes go with the catalog change.
  if (old)
    for (const auto& ix : old->indexes)
      if (!info.find_index(ix.name)) {
        batch.DeleteRange(storage_.index, id_prefix(ix.id), id_prefix(ix.id + 1));
        counts::remove(storage_, batch, ix.id);
      }
  notify(batch, old.get(), &info);
  storage_.write(batch, "update table");
  auto ptr = std::make_shared<const TableInfo>(std::move(info));
  publish(key, ptr);
  return ptr;
}

void Catalog::remove(const TableInfo& table) {
  std::lock_guard guard(mutex_);
  std::string key = catalog_key(table.ns, table.name);
  TablePtr now = find(table.ns, table.name);  // the caller's copy may predate a stream change
  rocksdb::WriteBatch batch;
  batch.Delete(storage_.catalog, key);
  batch.DeleteRange(storage_.items, id_prefix(table.id), id_prefix(table.id + 1));
  batch.DeleteRange(storage_.expiry, id_prefix(table.id), id_prefix(table.id + 1));
  counts::remove(storage_, batch, table.id);
  // Point-in-time history goes with the table (backups are copies of their own and stay).
  const model::PointInTimeRecovery& pitr = now && now->id == table.id ? now->pitr : table.pitr;
  for (uint32_t history : {pitr.base_id, pitr.log_id})
    if (history) batch.DeleteRange(storage_.items, id_prefix(history), id_prefix(history + 1));
  for (const auto& ix : table.indexes) {
    batch.DeleteRange(storage_.index, id_prefix(ix.id), id_prefix(ix.id + 1));
    counts::remove(storage_, batch, ix.id);
  }
  notify(batch, now && now->id == table.id ? now.get() : &table, nullptr);
  storage_.write(batch, "delete table");
  publish(key, nullptr);
}

bool Catalog::finish_backfill(const PendingBackfill& job) {
  std::lock_guard guard(mutex_);
  TablePtr now = find(job.ns, job.table_name);
  if (!now || now->id != job.table_id) return false;
  if (job.ttl() ? !now->ttl.enabled || now->ttl.attribute != job.ttl_attribute : !now->find_index(job.index_name)) return false;
  TableInfo next = *now;
  if (job.ttl()) next.ttl.backfilling = false;
  for (auto& ix : next.indexes)
    if (ix.name == job.index_name) {
      ix.status = "ACTIVE";
      ix.backfilling = false;
    }
  std::string key = catalog_key(job.ns, job.table_name);
  check(storage_.db()->Put(storage_.write_options, storage_.catalog, key, model::table_to_json(next).dump()), "backfill");
  publish(key, std::make_shared<const TableInfo>(std::move(next)));
  return true;
}

TablePtr Catalog::current(const TableInfo& table) const {
  TablePtr now = find(table.ns, table.name);
  if (!now || now->id != table.id) throw resource_not_found();
  return now;
}

TableStats Catalog::stats(uint32_t id) { return counts::read(storage_, id); }

void Catalog::notify(rocksdb::WriteBatch& batch, const TableInfo* before, const TableInfo* after) {
  for (auto* o : observers_) o->table_changed(batch, before, after);
}

// Copy-on-write: readers never lock, writers (table DDL, rare) swap a new map in.
void Catalog::publish(const std::string& key, TablePtr table) {
  auto next = std::make_shared<Map>(*map_.load());
  if (table) (*next)[key] = std::move(table);
  else next->erase(key);
  map_.store(std::move(next), std::memory_order_release);
}

}  // namespace dynarock::engine
