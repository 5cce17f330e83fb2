// The stream log: each stream's description and shard lineage, and its records, in the `streams`
// column family. The stream writer (writers/stream.cc) adds a change's record to the same
// WriteBatch as the item write it describes (so a crash never loses or invents one); records are
// published behind a committed watermark; the job runner trims records past the retention period.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include "engine/storage.h"
#include "engine/streams.h"
#include "model/table.h"

namespace dynarock::engine {

class StreamLog final : public StreamReader {
 public:
  StreamLog(Storage& storage, StreamOptions options);

  // Called under the catalog lock: opens, closes or keeps the table's stream to match `after`
  // (nullptr when the table is deleted), adding the change to `batch`.
  void table_changed(rocksdb::WriteBatch& batch, const model::TableInfo* before, const model::TableInfo* after);

  // Called under the item lock: adds the record of old -> new (nullptr = absent) to `batch` and
  // returns its sequence number, or 0 when the table has no enabled stream or the write changes
  // nothing. Every non-zero result must be passed to release() once the batch is written or
  // abandoned.
  uint64_t add_record(rocksdb::WriteBatch& batch, const model::TableInfo& table, const model::Item* old,
                      const model::Item* now, bool by_service = false);
  void release(uint64_t seq);

  // StreamReader
  std::vector<StreamInfo> list_streams(const std::string& ns) override;
  std::vector<StreamInfo> all_streams() override;
  std::optional<StreamInfo> find_stream(const std::string& ns, const std::string& arn) override;
  std::vector<StreamRecord> read_records(uint32_t id, uint64_t from, uint64_t to, size_t limit, size_t max_bytes) override;
  uint64_t watermark() override { return watermark_.load(std::memory_order_acquire); }
  uint64_t trim_horizon(uint32_t id) override;
  const StreamOptions& stream_options() const override { return options_; }

  // Removes records older than the retention period, and streams whose retention has ended.
  void trim(int64_t now_ms);
  // How often trim() should run: a short retention (tests, demos) is trimmed promptly.
  int64_t trim_interval_ms() const;

 private:
  struct State {
    StreamInfo info;
    int64_t disabled_ms = 0;
    uint64_t shard_records = 0;  // records in the open shard
    uint64_t oldest = 0;         // trim horizon: sequence numbers below it are gone
    uint32_t table_id = 0;
  };

  void load();
  void open_stream(rocksdb::WriteBatch& batch, const model::TableInfo& table);
  void close_stream(rocksdb::WriteBatch& batch, State& state, int64_t now_ms);
  void open_shard(rocksdb::WriteBatch& batch, State& state, uint64_t start, int64_t now_ms);

  Storage& storage_;
  std::atomic<rocksdb::ColumnFamilyHandle*> cf_{nullptr};  // null until the first stream opens
  StreamOptions options_;

  std::mutex mutex_;  // guards everything below except watermark_
  std::map<uint32_t, std::shared_ptr<State>> streams_;
  std::unordered_map<uint32_t, std::shared_ptr<State>> active_;  // by table id
  uint32_t next_stream_id_ = 1;
  uint64_t last_seq_ = 0;
  std::set<uint64_t> in_flight_;
  std::atomic<uint64_t> watermark_{0};
};

}  // namespace dynarock::engine
