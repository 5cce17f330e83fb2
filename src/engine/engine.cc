#include "engine/engine.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/item_codec.h"
#include "engine/key_codec.h"
#include "engine/lock_table.h"
#include "engine/writers/stream.h"
#include "model/error.h"

namespace dynarock::engine {

using model::Item;
using model::PrimaryKey;
using model::TableInfo;
using model::TablePtr;

std::string index_entry_key(const model::IndexInfo& index, const model::IndexKey& index_key, const TableInfo& table,
                            const PrimaryKey& table_key) {
  std::string out = key_codec::index_partition_prefix(index.id, index_key.hash);
  for (const auto& v : index_key.range) key_codec::append_value(out, v);
  key_codec::append_value(out, table_key.hash);
  if (table.key.range && table_key.range) key_codec::append_value(out, *table_key.range);
  return out;
}

std::string index_entry_key(const model::IndexInfo& index, const PrimaryKey& index_key, const TableInfo& table,
                            const PrimaryKey& table_key) {
  model::IndexKey k{{index_key.hash}, {}};
  if (index_key.range) k.range.push_back(*index_key.range);
  return index_entry_key(index, k, table, table_key);
}

namespace {

constexpr char kNextIdKey[] = "next_id";

std::string catalog_key(const std::string& ns, const std::string& name) { return ns + '\0' + name; }

std::string id_prefix(uint32_t id) {
  std::string out;
  key_codec::append_id(out, id);
  return out;
}

void check(const rocksdb::Status& s, const char* what) {
  if (!s.ok()) throw ApiError("InternalServerError", std::string("Internal server error: ") + what + ": " + s.ToString(), 500);
}

class RocksEngine final : public Engine {
 public:
  explicit RocksEngine(const Options& options) {
    rocksdb::Options db_options;
    db_options.create_if_missing = true;
    db_options.create_missing_column_families = true;
    db_options.max_background_jobs = 2;
    db_options.keep_log_file_num = 2;
    db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
    db_options.max_manifest_file_size = 4 << 20;
    db_options.write_buffer_size = 16 << 20;
    if (options.in_memory) {
      mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
      db_options.env = mem_env_.get();
    }
    rocksdb::BlockBasedTableOptions table_options;
    table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table_options.block_cache = rocksdb::NewLRUCache(32 << 20);
    rocksdb::ColumnFamilyOptions cf_options(db_options);
    cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
    cf_options.write_buffer_size = 16 << 20;

    std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
        {rocksdb::kDefaultColumnFamilyName, cf_options}, {"catalog", cf_options}, {"items", cf_options}, {"index", cf_options},
        {"streams", cf_options}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    std::string path = options.in_memory ? "/dynarock-memory" : options.path;
    check(rocksdb::DB::Open(db_options, path, cfs, &handles, &db), "open");
    db_.reset(db);
    meta_ = handles[0];
    catalog_cf_ = handles[1];
    items_ = handles[2];
    index_ = handles[3];
    handles_ = handles;

    write_options_.sync = options.sync && !options.in_memory;
    write_options_.disableWAL = options.in_memory;
    stream_log_ = std::make_unique<StreamLog>(db_.get(), handles[4], write_options_, options.streams);
    load_catalog();
  }

  ~RocksEngine() override {
    stopping_ = true;
    for (auto& t : backfills_)
      if (t.joinable()) t.join();
    stream_log_.reset();
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    db_->Close();
    db_.reset();
  }

  TablePtr find_table(const std::string& ns, const std::string& name) override {
    auto snapshot = catalog_.load(std::memory_order_acquire);
    auto it = snapshot->find(catalog_key(ns, name));
    return it == snapshot->end() ? nullptr : it->second;
  }

  std::vector<std::string> list_tables(const std::string& ns) override {
    auto snapshot = catalog_.load(std::memory_order_acquire);
    std::vector<std::string> names;
    std::string prefix = ns + '\0';
    for (auto it = snapshot->lower_bound(prefix); it != snapshot->end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      names.push_back(it->second->name);
    return names;
  }

  TablePtr create_table(TableInfo info) override {
    std::lock_guard guard(catalog_mutex_);
    std::string key = catalog_key(info.ns, info.name);
    auto snapshot = catalog_.load();
    if (snapshot->count(key)) throw resource_in_use("Table already exists: " + info.name);
    info.id = allocate_id();
    for (auto& ix : info.indexes) ix.id = allocate_id();
    rocksdb::WriteBatch batch;
    batch.Put(meta_, kNextIdKey, std::to_string(next_id_));
    batch.Put(catalog_cf_, key, model::table_to_json(info).dump());
    stream_log_->table_changed(batch, nullptr, &info);
    check(db_->Write(write_options_, &batch), "create table");
    auto ptr = std::make_shared<const TableInfo>(std::move(info));
    publish(key, ptr);
    return ptr;
  }

  TablePtr update_table(TableInfo info) override {
    std::unique_lock guard(catalog_mutex_);
    std::string key = catalog_key(info.ns, info.name);
    std::vector<std::string> added;
    for (auto& ix : info.indexes)
      if (ix.id == 0) {
        ix.id = allocate_id();
        ix.status = "CREATING";
        ix.backfilling = true;
        added.push_back(ix.name);
      }
    auto old = find_table(info.ns, info.name);
    // Index states belong to the engine: a caller's copy may predate a finished backfill.
    if (old)
      for (auto& ix : info.indexes)
        if (const model::IndexInfo* was = old->find_index(ix.name); was && was->id == ix.id) {
          ix.status = was->status;
          ix.backfilling = was->backfilling;
        }
    rocksdb::WriteBatch batch;
    batch.Put(meta_, kNextIdKey, std::to_string(next_id_));
    batch.Put(catalog_cf_, key, model::table_to_json(info).dump());
    // Entries of removed indexes go with the catalog change.
    if (old)
      for (const auto& ix : old->indexes)
        if (!info.find_index(ix.name)) batch.DeleteRange(index_, id_prefix(ix.id), id_prefix(ix.id + 1));
    stream_log_->table_changed(batch, old.get(), &info);
    check(db_->Write(write_options_, &batch), "update table");
    auto ptr = std::make_shared<const TableInfo>(std::move(info));
    publish(key, ptr);
    // New indexes fill in the background, as in DynamoDB: CREATING (Backfilling) until done.
    for (const auto& name : added) {
      uint32_t table_id = ptr->id;
      std::string ns = ptr->ns, table_name = ptr->name;
      backfills_.emplace_back([this, ns, table_name, table_id, name] { backfill(ns, table_name, table_id, name); });
    }
    return ptr;
  }

  void delete_table(const TableInfo& table) override {
    std::lock_guard guard(catalog_mutex_);
    std::string key = catalog_key(table.ns, table.name);
    rocksdb::WriteBatch batch;
    batch.Delete(catalog_cf_, key);
    batch.DeleteRange(items_, id_prefix(table.id), id_prefix(table.id + 1));
    for (const auto& ix : table.indexes) batch.DeleteRange(index_, id_prefix(ix.id), id_prefix(ix.id + 1));
    // The stream closes but stays readable for its retention period, as on DynamoDB.
    TablePtr current = find_table(table.ns, table.name);
    stream_log_->table_changed(batch, current ? current.get() : &table, nullptr);
    check(db_->Write(write_options_, &batch), "delete table");
    publish(key, nullptr);
  }

  TableStats table_stats(const TableInfo& table) override { return stats(items_, table.id); }
  TableStats index_stats(const model::IndexInfo& index) override { return stats(index_, index.id); }

  std::optional<Item> get(const TableInfo& table, const PrimaryKey& key) override {
    std::string value;
    auto s = db_->Get(rocksdb::ReadOptions(), items_, key_codec::item_key(table.id, key), &value);
    if (s.IsNotFound()) return std::nullopt;
    check(s, "get");
    return item_codec::decode(value);
  }

  std::vector<std::optional<Item>> get_many(const std::vector<Target>& targets) override {
    const rocksdb::Snapshot* snap = db_->GetSnapshot();
    rocksdb::ReadOptions ro;
    ro.snapshot = snap;
    std::vector<std::optional<Item>> out;
    out.reserve(targets.size());
    try {
      for (const auto& t : targets) {
        std::string value;
        auto s = db_->Get(ro, items_, key_codec::item_key(t.table->id, t.key), &value);
        if (s.IsNotFound()) {
          out.emplace_back();
          continue;
        }
        check(s, "get");
        out.emplace_back(item_codec::decode(value));
      }
    } catch (...) {
      db_->ReleaseSnapshot(snap);
      throw;
    }
    db_->ReleaseSnapshot(snap);
    return out;
  }

  void mutate(const TableInfo& table, const PrimaryKey& key, const std::function<Decision(const Item*)>& decide) override {
    std::string item_key = key_codec::item_key(table.id, key);
    auto guard = locks_.lock(table.id, item_key);
    TablePtr current = current_table(table);
    std::optional<Item> old = read(item_key);
    Decision d = decide(old ? &*old : nullptr);
    if (d.action == Decision::Action::keep) return;
    rocksdb::WriteBatch batch;
    StreamTickets tickets(*stream_log_);
    apply(batch, *current, key, item_key, old ? &*old : nullptr, d, tickets);
    check(db_->Write(write_options_, &batch), "write");
  }

  void mutate_many(const std::vector<Target>& targets,
                   const std::function<std::vector<Decision>(const std::vector<const Item*>&)>& decide) override {
    std::vector<std::string> keys;
    std::vector<std::pair<uint32_t, std::string_view>> lock_keys;
    keys.reserve(targets.size());
    for (const auto& t : targets) keys.push_back(key_codec::item_key(t.table->id, t.key));
    for (size_t i = 0; i < targets.size(); ++i) lock_keys.emplace_back(targets[i].table->id, keys[i]);
    auto guard = locks_.lock_all(lock_keys);
    std::vector<std::optional<Item>> olds;
    std::vector<const Item*> views;
    olds.reserve(targets.size());
    for (const auto& k : keys) olds.push_back(read(k));
    for (const auto& o : olds) views.push_back(o ? &*o : nullptr);
    std::vector<TablePtr> tables;
    for (const auto& t : targets) tables.push_back(current_table(*t.table));
    std::vector<Decision> decisions = decide(views);
    if (decisions.size() != targets.size()) throw std::logic_error("mutate_many: one decision per target");
    rocksdb::WriteBatch batch;
    StreamTickets tickets(*stream_log_);
    for (size_t i = 0; i < targets.size(); ++i)
      if (decisions[i].action != Decision::Action::keep)
        apply(batch, *tables[i], targets[i].key, keys[i], views[i], decisions[i], tickets);
    if (batch.Count() > 0) check(db_->Write(write_options_, &batch), "write");
  }

  StreamReader& streams() override { return *stream_log_; }

  void scan(const Range& range, const std::function<bool(std::string_view, Item&&)>& visit) override {
    std::string lower = range.lower.empty() ? id_prefix(range.id) : range.lower;
    std::string upper = range.upper.empty() ? id_prefix(range.id + 1) : range.upper;
    rocksdb::Slice lower_slice(lower), upper_slice(upper);
    rocksdb::ReadOptions ro;
    ro.iterate_lower_bound = &lower_slice;
    ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, range.index ? index_ : items_));
    if (!range.reverse) {
      if (range.after.empty()) it->Seek(lower);
      else {
        it->Seek(range.after);
        if (it->Valid() && it->key() == rocksdb::Slice(range.after)) it->Next();
      }
      for (; it->Valid(); it->Next()) {
        auto k = it->key();
        if (!visit(std::string_view(k.data(), k.size()), item_codec::decode({it->value().data(), it->value().size()}))) break;
      }
    } else {
      if (range.after.empty()) it->SeekToLast();
      else {
        it->SeekForPrev(range.after);
        if (it->Valid() && it->key() == rocksdb::Slice(range.after)) it->Prev();
      }
      for (; it->Valid(); it->Prev()) {
        auto k = it->key();
        if (!visit(std::string_view(k.data(), k.size()), item_codec::decode({it->value().data(), it->value().size()}))) break;
      }
    }
    check(it->status(), "scan");
  }

 private:
  using CatalogMap = std::map<std::string, TablePtr>;

  void load_catalog() {
    std::string next;
    if (db_->Get(rocksdb::ReadOptions(), meta_, kNextIdKey, &next).ok()) next_id_ = static_cast<uint32_t>(std::stoul(next));
    auto map = std::make_shared<CatalogMap>();
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), catalog_cf_));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto info = model::table_from_json(nlohmann::json::parse(it->value().ToString()));
      (*map)[it->key().ToString()] = std::make_shared<const TableInfo>(std::move(info));
    }
    catalog_.store(std::move(map));
    // Backfills cut short by a restart start again (they are idempotent).
    for (const auto& [key, table] : *catalog_.load())
      for (const auto& ix : table->indexes)
        if (ix.backfilling)
          backfills_.emplace_back([this, ns = table->ns, name = table->name, id = table->id, ix_name = ix.name] {
            backfill(ns, name, id, ix_name);
          });
  }

  // Copy-on-write: readers never lock, writers (table DDL, rare) swap a new map in.
  void publish(const std::string& key, TablePtr table) {
    auto next = std::make_shared<CatalogMap>(*catalog_.load());
    if (table) (*next)[key] = std::move(table);
    else next->erase(key);
    catalog_.store(std::move(next), std::memory_order_release);
  }

  uint32_t allocate_id() { return next_id_++; }

  std::optional<Item> read(const std::string& key) {
    std::string value;
    auto s = db_->Get(rocksdb::ReadOptions(), items_, key, &value);
    if (s.IsNotFound()) return std::nullopt;
    check(s, "read");
    return item_codec::decode(value);
  }

  // Base row plus index maintenance for one decision, added to `batch`.
  void apply(rocksdb::WriteBatch& batch, const TableInfo& table, const PrimaryKey& key, const std::string& item_key,
             const Item* old, const Decision& d, StreamTickets& tickets) {
    for (const auto& ix : table.indexes) {
      model::IndexKey old_ik, new_ik;
      bool had = old && model::index_key_of(ix, *old, old_ik);
      bool has = d.action == Decision::Action::put && model::index_key_of(ix, d.item, new_ik);
      std::string old_entry = had ? index_entry_key(ix, old_ik, table, key) : std::string();
      if (had && (!has || index_entry_key(ix, new_ik, table, key) != old_entry)) batch.Delete(index_, old_entry);
      if (has) batch.Put(index_, index_entry_key(ix, new_ik, table, key), item_codec::encode(model::project_for_index(table, ix, d.item)));
    }
    if (d.action == Decision::Action::put) batch.Put(items_, item_key, item_codec::encode(d.item));
    else batch.Delete(items_, item_key);
    tickets.add(stream_log_->add_record(batch, table, old, d.action == Decision::Action::put ? &d.item : nullptr, d.by_service));
  }

  // The table as the catalog has it now: writers resolve indexes under the item lock, so a write
  // that follows an index being added always maintains it (the backfill relies on that).
  TablePtr current_table(const TableInfo& table) {
    TablePtr current = find_table(table.ns, table.name);
    if (!current || current->id != table.id) throw resource_not_found();
    return current;
  }

  // Copies existing items into a new index. Each item is re-read under its lock, so an entry is
  // never written for a version a concurrent write has already replaced.
  void backfill(const std::string& ns, const std::string& name, uint32_t table_id, const std::string& index_name) {
    try {
      TablePtr table = find_table(ns, name);
      if (!table || table->id != table_id || !table->find_index(index_name)) return;
      std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), items_));
      std::string lower = id_prefix(table_id), upper = id_prefix(table_id + 1);
      for (it->Seek(lower); it->Valid() && it->key().compare(upper) < 0 && !stopping_; it->Next()) {
        std::string item_key = it->key().ToString();
        auto guard = locks_.lock(table_id, item_key);
        TablePtr now = find_table(ns, name);
        if (!now || now->id != table_id) return;
        const model::IndexInfo* ix = now->find_index(index_name);
        if (!ix) return;
        std::optional<Item> item = read(item_key);
        model::IndexKey ik;
        if (!item || !model::index_key_of(*ix, *item, ik)) continue;
        PrimaryKey tk = model::key_from_item(now->key, *item);
        check(db_->Put(write_options_, index_, index_entry_key(*ix, ik, *now, tk),
                       item_codec::encode(model::project_for_index(*now, *ix, *item))),
              "backfill");
      }
      std::lock_guard catalog_guard(catalog_mutex_);
      TablePtr now = find_table(ns, name);
      if (!now || now->id != table_id || !now->find_index(index_name)) return;
      TableInfo next = *now;
      for (auto& ix : next.indexes)
        if (ix.name == index_name) {
          ix.status = "ACTIVE";
          ix.backfilling = false;
        }
      check(db_->Put(write_options_, catalog_cf_, catalog_key(ns, name), model::table_to_json(next).dump()), "backfill");
      publish(catalog_key(ns, name), std::make_shared<const TableInfo>(std::move(next)));
    } catch (const std::exception&) {
      // The index stays CREATING; nothing else depends on it.
    }
  }

  TableStats stats(rocksdb::ColumnFamilyHandle* cf, uint32_t id) {
    TableStats out;
    std::string lower = id_prefix(id), upper = id_prefix(id + 1);
    rocksdb::Slice upper_slice(upper);
    rocksdb::ReadOptions ro;
    ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf));
    for (it->Seek(lower); it->Valid(); it->Next()) {
      ++out.item_count;
      out.size_bytes += model::item_size(item_codec::decode({it->value().data(), it->value().size()}));
    }
    return out;
  }

  std::unique_ptr<rocksdb::Env> mem_env_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* catalog_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* items_ = nullptr;
  rocksdb::ColumnFamilyHandle* index_ = nullptr;
  rocksdb::WriteOptions write_options_;
  std::mutex catalog_mutex_;
  std::atomic<std::shared_ptr<const CatalogMap>> catalog_{std::make_shared<const CatalogMap>()};
  uint32_t next_id_ = 1;
  LockTable locks_;
  std::unique_ptr<StreamLog> stream_log_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> backfills_;
};

}  // namespace

std::unique_ptr<Engine> Engine::open(const Options& options) { return std::make_unique<RocksEngine>(options); }

}  // namespace dynarock::engine
