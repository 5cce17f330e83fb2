// Stream writer: the change record of every write to a table whose stream is enabled, in the
// item's own WriteBatch, with its sequence number released to the log's committed watermark once
// the batch is written (or abandoned). A TTL deletion (Origin::ttl) is recorded as the service's.
#include "engine/stream_log.h"
#include "engine/writers/writer.h"

namespace dynarock::engine::writers {

namespace {

class StreamWriter final : public Writer {
 public:
  explicit StreamWriter(StreamLog& log) : log_(log) {}

  // The old item tells INSERT from MODIFY from no change, and is the OLD_IMAGE.
  bool needs_old_item(const model::TableInfo& table) const override { return table.stream.enabled; }

  void write(const Change& c, Commit& commit) override {
    if (!c.table.stream.enabled) return;
    uint64_t seq = log_.add_record(commit.batch, c.table, c.old, c.next, c.origin == Origin::ttl);
    if (seq) commit.after(*this, seq);
  }

  void finish(uint64_t seq, bool) override { log_.release(seq); }

  void table_changed(rocksdb::WriteBatch& batch, const model::TableInfo* before, const model::TableInfo* after) override {
    log_.table_changed(batch, before, after);
  }

 private:
  StreamLog& log_;
};

}  // namespace

std::unique_ptr<Writer> make_stream_writer(StreamLog& log) { return std::make_unique<StreamWriter>(log); }

}  // namespace dynarock::engine::writers
