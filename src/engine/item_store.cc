#include "engine/item_store.h"

#include <rocksdb/iterator.h>

#include <stdexcept>

#include "engine/item_codec.h"
#include "engine/key_codec.h"

namespace dynarock::engine {

using model::Item;
using model::PrimaryKey;
using model::TableInfo;
using model::TablePtr;

ItemStore::ItemStore(Storage& storage, Catalog& catalog) : storage_(storage), catalog_(catalog) {
  writers_.push_back(writers::make_index_writer(storage_));
  writers_.push_back(writers::make_count_writer(storage_));
  writers_.push_back(writers::make_ttl_writer(storage_));
  writers_.push_back(writers::make_pitr_writer(storage_));
  for (auto& w : writers_) catalog_.observe(*w);
}

void ItemStore::add_writer(std::unique_ptr<writers::Writer> writer) {
  catalog_.observe(*writer);
  writers_.push_back(std::move(writer));
}

void ItemStore::commit(writers::Commit& commit) {
  storage_.write(commit.batch, "write");
  commit.finish(true);
}

std::optional<Item> ItemStore::get(const TableInfo& table, const PrimaryKey& key) {
  rocksdb::PinnableSlice value;
  auto s = storage_.db()->Get(rocksdb::ReadOptions(), storage_.items, key_codec::item_key(table.id, key), &value);
  if (s.IsNotFound()) return std::nullopt;
  check(s, "get");
  return item_codec::decode({value.data(), value.size()});
}

std::vector<std::optional<Item>> ItemStore::get_many(const std::vector<Target>& targets) {
  const rocksdb::Snapshot* snap = storage_.db()->GetSnapshot();
  rocksdb::ReadOptions ro;
  ro.snapshot = snap;
  std::vector<std::optional<Item>> out;
  out.reserve(targets.size());
  try {
    for (const auto& t : targets) {
      rocksdb::PinnableSlice value;
      auto s = storage_.db()->Get(ro, storage_.items, key_codec::item_key(t.table->id, t.key), &value);
      if (s.IsNotFound()) {
        out.emplace_back();
        continue;
      }
      check(s, "get");
      out.emplace_back(item_codec::decode({value.data(), value.size()}));
    }
  } catch (...) {
    storage_.db()->ReleaseSnapshot(snap);
    throw;
  }
  storage_.db()->ReleaseSnapshot(snap);
  return out;
}

ItemStore::Old ItemStore::read_old(const std::string& item_key, bool decode) {
  Old old;
  rocksdb::PinnableSlice value;
  auto s = storage_.db()->Get(rocksdb::ReadOptions(), storage_.items, item_key, &value);
  if (s.IsNotFound()) return old;
  check(s, "read");
  old.existed = true;
  std::string_view bytes(value.data(), value.size());
  if (decode) {
    old.item = item_codec::decode(bytes);
    old.size = model::item_size(*old.item);
  } else {
    old.size = item_codec::item_size(bytes);
  }
  return old;
}

bool ItemStore::writers_need_old(const TableInfo& table) const {
  for (const auto& w : writers_)
    if (w->needs_old_item(table)) return true;
  return false;
}

void ItemStore::apply(writers::Commit& commit, const TableInfo& table, const PrimaryKey& key, const std::string& item_key,
                      const Old& old, const Item* next, writers::Origin origin) {
  writers::Change change{table, key, item_key};
  change.existed = old.existed;
  change.old_size = old.size;
  change.old = old.item ? &*old.item : nullptr;
  change.next = next;
  change.new_size = next ? model::item_size(*next) : 0;
  change.origin = origin;
  for (const auto& w : writers_) w->write(change, commit);
  if (next) commit.batch.Put(storage_.items, item_key, item_codec::encode(*next));
  else commit.batch.Delete(storage_.items, item_key);
}

void ItemStore::mutate(const TableInfo& table, const PrimaryKey& key, const std::function<Decision(const Item*)>& decide) {
  std::string item_key = key_codec::item_key(table.id, key);
  auto guard = locks_.lock(table.id, item_key);
  TablePtr current = catalog_.current(table);
  Old old = read_old(item_key, true);
  Decision d = decide(old.item ? &*old.item : nullptr);
  if (d.action == Decision::Action::keep) return;
  writers::Commit c;
  apply(c, *current, key, item_key, old, d.action == Decision::Action::put ? &d.item : nullptr, writers::Origin::client);
  commit(c);
}

WriteResult ItemStore::put(const TableInfo& table, const PrimaryKey& key, const Item* item) {
  std::string item_key = key_codec::item_key(table.id, key);
  auto guard = locks_.lock(table.id, item_key);
  TablePtr current = catalog_.current(table);
  Old old = read_old(item_key, writers_need_old(*current));
  if (!item && !old.existed) return {};
  writers::Commit c;
  apply(c, *current, key, item_key, old, item, writers::Origin::client);
  commit(c);
  return {old.existed, old.size};
}

bool ItemStore::remove_stored_if(const TableInfo& table, const std::string& item_key, writers::Origin origin,
                                 const std::function<bool(const TableInfo&, const Item*, rocksdb::WriteBatch&)>& decide) {
  auto guard = locks_.lock(table.id, item_key);
  TablePtr current = catalog_.current(table);
  Old old = read_old(item_key, true);
  writers::Commit c;
  bool remove = decide(*current, old.item ? &*old.item : nullptr, c.batch) && old.existed;
  if (remove) apply(c, *current, model::key_from_item(current->key, *old.item), item_key, old, nullptr, origin);
  if (c.batch.Count() > 0) commit(c);
  return remove;
}

void ItemStore::mutate_many(const std::vector<Target>& targets,
                            const std::function<std::vector<Decision>(const std::vector<const Item*>&)>& decide) {
  std::vector<std::string> keys;
  std::vector<std::pair<uint32_t, std::string_view>> lock_keys;
  keys.reserve(targets.size());
  for (const auto& t : targets) keys.push_back(key_codec::item_key(t.table->id, t.key));
  for (size_t i = 0; i < targets.size(); ++i) lock_keys.emplace_back(targets[i].table->id, keys[i]);
  auto guard = locks_.lock_all(lock_keys);
  std::vector<Old> olds;
  std::vector<const Item*> views;
  olds.reserve(targets.size());
  for (const auto& k : keys) olds.push_back(read_old(k, true));
  for (const auto& o : olds) views.push_back(o.item ? &*o.item : nullptr);
  std::vector<TablePtr> tables;
  for (const auto& t : targets) tables.push_back(catalog_.current(*t.table));
  std::vector<Decision> decisions = decide(views);
  if (decisions.size() != targets.size()) throw std::logic_error("mutate_many: one decision per target");
  writers::Commit c;
  for (size_t i = 0; i < targets.size(); ++i) {
    const Decision& d = decisions[i];
    if (d.action == Decision::Action::keep || (d.action == Decision::Action::remove && !olds[i].existed)) continue;
    apply(c, *tables[i], targets[i].key, keys[i], olds[i], d.action == Decision::Action::put ? &d.item : nullptr,
          writers::Origin::client);
  }
  if (c.batch.Count() > 0) commit(c);
}

void ItemStore::read(const ReadSpec& spec, const std::function<bool(Item&&)>& visit) {
  scan(plan_read(spec), [&](std::string_view, Item&& item) { return visit(std::move(item)); });
}

void ItemStore::scan(const Range& range, const std::function<bool(std::string_view, Item&&)>& visit) {
  std::string lower = range.lower.empty() ? id_prefix(range.id) : range.lower;
  std::string upper = range.upper.empty() ? id_prefix(range.id + 1) : range.upper;
  rocksdb::Slice lower_slice(lower), upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_lower_bound = &lower_slice;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(ro, range.index ? storage_.index : storage_.items));
  auto emit = [&] {
    auto k = it->key();
    return visit(std::string_view(k.data(), k.size()), item_codec::decode({it->value().data(), it->value().size()}));
  };
  if (!range.reverse) {
    if (range.after.empty()) it->Seek(lower);
    else {
      it->Seek(range.after);
      if (it->Valid() && it->key() == rocksdb::Slice(range.after)) it->Next();
    }
    for (; it->Valid(); it->Next())
      if (!emit()) break;
  } else {
    if (range.after.empty()) it->SeekToLast();
    else {
      it->SeekForPrev(range.after);
      if (it->Valid() && it->key() == rocksdb::Slice(range.after)) it->Prev();
    }
    for (; it->Valid(); it->Prev())
      if (!emit()) break;
  }
  check(it->status(), "scan");
}

}  // namespace dynarock::engine
