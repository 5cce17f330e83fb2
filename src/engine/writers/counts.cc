// Count writer: the table's item count and size. Needs only whether the item existed and its old
// size, never the old attributes, so it does not force a decode.
#include "engine/counts.h"
#include "engine/writers/writer.h"

namespace dynarock::engine::writers {

namespace {

class CountWriter final : public Writer {
 public:
  explicit CountWriter(Storage& storage) : storage_(storage) {}

  bool needs_old_item(const model::TableInfo&) const override { return false; }

  void write(const Change& c, Commit& commit) override {
    rocksdb::WriteBatch& batch = commit.batch;
    int64_t items = int64_t(c.next != nullptr) - int64_t(c.existed);
    int64_t bytes = static_cast<int64_t>(c.new_size) - static_cast<int64_t>(c.old_size);
    counts::add(storage_, batch, c.table.id, items, bytes);
  }

 private:
  Storage& storage_;
};

}  // namespace

std::unique_ptr<Writer> make_count_writer(Storage& storage) { return std::make_unique<CountWriter>(storage); }

}  // namespace dynarock::engine::writers
