// PITR writer: while point-in-time recovery is on, logs every change (the new item, or a delete)
// under the table's log id, keyed by time, in the change's own WriteBatch (engine/history.h).
#include "engine/history.h"
#include "engine/writers/writer.h"

namespace dynarock::engine::writers {

namespace {

class PitrWriter final : public Writer {
 public:
  explicit PitrWriter(Storage& storage) : storage_(storage) {}

  bool needs_old_item(const model::TableInfo&) const override { return false; }

  void write(const Change& c, Commit& commit) override {
    if (!c.table.pitr.enabled || c.table.pitr.log_id == 0) return;
    commit.batch.Put(storage_.items, history::log_key(c.table.pitr.log_id, history::next_micros(), c.item_key), history::log_value(c.next));
  }

 private:
  Storage& storage_;
};

}  // namespace

std::unique_ptr<Writer> make_pitr_writer(Storage& storage) { return std::make_unique<PitrWriter>(storage); }

}  // namespace dynarock::engine::writers
