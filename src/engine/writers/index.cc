// Index writer: keeps GSI and LSI entries (and their counts) in step with the base row. An entry
// is rewritten only when the item's index key or projection changed.
#include "engine/counts.h"
#include "engine/item_codec.h"
#include "engine/writers/writer.h"

namespace dynarock::engine::writers {

namespace {

class IndexWriter final : public Writer {
 public:
  explicit IndexWriter(Storage& storage) : storage_(storage) {}

  bool needs_old_item(const model::TableInfo& table) const override { return !table.indexes.empty(); }

  void write(const Change& c, Commit& commit) override {
    rocksdb::WriteBatch& batch = commit.batch;
    for (const auto& ix : c.table.indexes) {
      model::IndexKey old_ik, new_ik;
      bool had = c.old && model::index_key_of(ix, *c.old, old_ik);
      bool has = c.next && model::index_key_of(ix, *c.next, new_ik);
      if (!had && !has) continue;
      std::string old_entry = had ? index_entry_key(ix, old_ik, c.table, c.key) : std::string();
      std::string new_entry = has ? index_entry_key(ix, new_ik, c.table, c.key) : std::string();
      model::Item old_projected = had ? model::project_for_index(c.table, ix, *c.old) : model::Item();
      model::Item new_projected = has ? model::project_for_index(c.table, ix, *c.next) : model::Item();
      if (had && has && old_entry == new_entry && old_projected == new_projected) continue;
      if (had && (!has || new_entry != old_entry)) batch.Delete(storage_.index, old_entry);
      if (has) batch.Put(storage_.index, new_entry, item_codec::encode(new_projected));
      int64_t old_size = had ? static_cast<int64_t>(model::item_size(old_projected)) : 0;
      int64_t new_size = has ? static_cast<int64_t>(model::item_size(new_projected)) : 0;
      counts::add(storage_, batch, ix.id, int64_t(has) - int64_t(had), new_size - old_size);
    }
  }

 private:
  Storage& storage_;
};

}  // namespace

std::unique_ptr<Writer> make_index_writer(Storage& storage) { return std::make_unique<IndexWriter>(storage); }

}  // namespace dynarock::engine::writers
