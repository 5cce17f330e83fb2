// TTL writer: keeps the item's expiry entry (engine/expiry.h) in step with its TTL attribute while
// the table has TTL enabled: added, moved when the value changes, removed with the item.
#include "engine/expiry.h"
#include "engine/writers/writer.h"

namespace dynarock::engine::writers {

namespace {

class TtlWriter final : public Writer {
 public:
  explicit TtlWriter(Storage& storage) : storage_(storage) {}

  bool needs_old_item(const model::TableInfo& table) const override { return table.ttl.enabled; }

  void write(const Change& c, Commit& commit) override {
    rocksdb::WriteBatch& batch = commit.batch;
    const model::TimeToLive& ttl = c.table.ttl;
    if (!ttl.enabled) return;
    // The old entry is found whatever its age: it may have been written when it was younger.
    auto old_entry = c.old ? expiry::any_entry_of(c.table.id, *c.old, ttl.attribute, c.item_key) : std::nullopt;
    auto new_entry = c.next ? expiry::entry_of(c.table.id, *c.next, ttl.attribute, c.item_key, expiry::now_seconds()) : std::nullopt;
    if (old_entry == new_entry) return;
    if (old_entry) batch.Delete(storage_.expiry, *old_entry);
    if (new_entry) batch.Put(storage_.expiry, *new_entry, rocksdb::Slice());
  }

 private:
  Storage& storage_;
};

}  // namespace

std::unique_ptr<Writer> make_ttl_writer(Storage& storage) { return std::make_unique<TtlWriter>(storage); }

}  // namespace dynarock::engine::writers
