// RocksEngine: the Engine interface over its parts. Storage (RocksDB and its column families),
// Catalog (descriptions, counts), StreamLog (DynamoDB Streams), ItemStore (items and writers),
// TokenStore (idempotency tokens) and JobRunner (backfills, expiry, stream trimming, TTL sweeps);
// members are destroyed in reverse order, so the jobs stop before anything they use goes away.
#include "engine/engine.h"

#include <chrono>
#include <mutex>

#include "engine/backfill.h"
#include "engine/catalog.h"
#include "engine/expiry.h"
#include "engine/history.h"
#include "engine/item_store.h"
#include "engine/jobs.h"
#include "engine/records.h"
#include "engine/storage.h"
#include "engine/stream_log.h"
#include "engine/writers/writer.h"
#include "engine/ttl_sweep.h"
#include "engine/table_copy.h"
#include "engine/tokens.h"
#include "model/error.h"

namespace dynarock::engine {

using model::Item;
using model::PrimaryKey;
using model::TableInfo;
using model::TablePtr;

namespace {

class RocksEngine final : public Engine {
 public:
  explicit RocksEngine(const Options& options)
      : storage_(options), catalog_(storage_), streams_(storage_, options.streams), items_(storage_, catalog_), tokens_(storage_) {
    items_.add_writer(writers::make_stream_writer(streams_));
    // Backfills cut short by a restart start again (they are idempotent).
    for (const auto& job : catalog_.pending_backfills()) start_backfill(job);
    jobs_.every("token-expiry", std::chrono::minutes(1), [this] { tokens_.expire(); });
    jobs_.every("stream-trim", std::chrono::milliseconds(streams_.trim_interval_ms()), [this] {
      streams_.trim(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    });
    if (options.ttl_interval.count() > 0) jobs_.every("ttl-sweep", options.ttl_interval, [this] { sweep_expired(); });
    // An enable of point-in-time recovery cut short by a restart copies its base again.
    for (const auto& table : catalog_.all())
      if (table->pitr.enabled && table->pitr.earliest <= 0) set_point_in_time_recovery(*table, true, table->pitr.period_days);
    jobs_.every("pitr-compaction", std::chrono::minutes(10), [this] { compact_history(now_seconds()); });
  }

  ~RocksEngine() override { jobs_.stop(); }

  TablePtr find_table(const std::string& ns, const std::string& name) override { return catalog_.find(ns, name); }
  std::vector<std::string> list_tables(const std::string& ns) override { return catalog_.list(ns); }
  TablePtr create_table(TableInfo info) override { return catalog_.create(std::move(info)); }

  TablePtr update_table(TableInfo info) override {
    std::vector<PendingBackfill> added;
    TablePtr ptr = catalog_.update(std::move(info), added);
    // New indexes fill in the background, as in DynamoDB: CREATING (Backfilling) until done.
    for (const auto& job : added) start_backfill(job);
    return ptr;
  }

  void delete_table(const TableInfo& table) override { catalog_.remove(table); }
  TableStats table_stats(const TableInfo& table) override { return catalog_.stats(table.id); }
  TableStats index_stats(const model::IndexInfo& index) override { return catalog_.stats(index.id); }

  std::optional<Item> get(const TableInfo& table, const PrimaryKey& key) override { return items_.get(table, key); }
  std::vector<std::optional<Item>> get_many(const std::vector<Target>& targets) override { return items_.get_many(targets); }

  void mutate(const TableInfo& table, const PrimaryKey& key, const std::function<Decision(const Item*)>& decide) override {
    items_.mutate(table, key, decide);
  }
  void mutate_many(const std::vector<Target>& targets,
                   const std::function<std::vector<Decision>(const std::vector<const Item*>&)>& decide) override {
    items_.mutate_many(targets, decide);
  }
  WriteResult put(const TableInfo& table, const PrimaryKey& key, const Item* item) override { return items_.put(table, key, item); }

  void read(const ReadSpec& spec, const std::function<bool(Item&&)>& visit) override { items_.read(spec, visit); }
  void scan(const Range& range, const std::function<bool(std::string_view, Item&&)>& visit) override { items_.scan(range, visit); }

  std::unique_ptr<TokenGuard> lock_token(const std::string& ns, const std::string& token) override { return tokens_.lock(ns, token); }
  std::optional<std::string> find_token(const std::string& ns, const std::string& token) override { return tokens_.find(ns, token); }
  void remember_token(const std::string& ns, const std::string& token, const std::string& request) override {
    tokens_.remember(ns, token, request);
  }

  StreamReader& streams() override { return streams_; }
  size_t sweep_expired() override {
    std::lock_guard guard(sweep_mutex_);
    return engine::sweep_expired(storage_, catalog_, items_, jobs_, expiry::now_seconds());
  }

  void put_record(const std::string& kind, const std::string& ns, const std::string& key, const nlohmann::json& value) override {
    records::put(storage_, kind, ns, key, value);
  }
  std::optional<nlohmann::json> get_record(const std::string& kind, const std::string& ns, const std::string& key) override {
    return records::get(storage_, kind, ns, key);
  }
  std::vector<nlohmann::json> list_records(const std::string& kind, const std::string& ns) override {
    return records::list(storage_, kind, ns);
  }
  void delete_record(const std::string& kind, const std::string& ns, const std::string& key) override {
    records::remove(storage_, kind, ns, key);
  }

  uint32_t copy_items(const TableInfo& table, TableStats& stats) override {
    uint32_t id = catalog_.allocate_ids(1);
    const rocksdb::Snapshot* snapshot = storage_.db()->GetSnapshot();
    try {
      stats = copy_range(storage_, snapshot, table.id, id);
    } catch (...) {
      storage_.db()->ReleaseSnapshot(snapshot);
      drop_items(storage_, id);
      throw;
    }
    storage_.db()->ReleaseSnapshot(snapshot);
    return id;
  }

  void drop_copy(uint32_t id) override { drop_items(storage_, id); }

  TablePtr restore_table(TableInfo info, const RestoreSource& source) override {
    if (catalog_.find(info.ns, info.name)) throw resource_in_use("Table already exists: " + info.name);
    info.id = catalog_.allocate_ids(static_cast<uint32_t>(1 + info.indexes.size()));
    uint32_t next = info.id + 1;
    for (auto& ix : info.indexes) ix.id = next++;
    std::lock_guard guard(history_mutex_);  // compaction must not fold the log under the restore
    const rocksdb::Snapshot* snapshot = storage_.db()->GetSnapshot();
    try {
      fill_table(storage_, snapshot, info, source);
      storage_.db()->ReleaseSnapshot(snapshot);
      snapshot = nullptr;
      return catalog_.create(info);
    } catch (...) {
      if (snapshot) storage_.db()->ReleaseSnapshot(snapshot);
      drop_filled(storage_, info);
      throw;
    }
  }

  TablePtr set_point_in_time_recovery(const TableInfo& table, bool enabled, int period_days) override {
    std::lock_guard guard(history_mutex_);
    return history::set_recovery(storage_, catalog_, items_.locks(), table, enabled, period_days);
  }

  void read_at(const TableInfo& table, int64_t micros, const std::function<bool(Item&& item)>& visit) override {
    history::read_at(storage_, *catalog_.current(table), micros, visit);
  }

  void read_changes(const TableInfo& table, int64_t from_micros, int64_t to_micros,
                    const std::function<void(int64_t, const Item*, const Item*)>& visit) override {
    history::read_changes(storage_, *catalog_.current(table), from_micros, to_micros, visit);
  }

  void compact_history(double now) override {
    std::lock_guard guard(history_mutex_);
    for (const auto& table : catalog_.all()) {
      if (!table->pitr.enabled) continue;
      double cutoff = now - table->pitr.period_days * 86400.0;
      history::compact(storage_, *table, static_cast<int64_t>(cutoff * 1e6));
    }
  }

 private:
  static double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  void start_backfill(const PendingBackfill& job) {
    jobs_.start([this, job] {
      if (job.ttl()) backfill_ttl(storage_, catalog_, items_.locks(), job, jobs_);
      else backfill_index(storage_, catalog_, items_.locks(), job, jobs_);
    });
  }

  Storage storage_;
  Catalog catalog_;
  StreamLog streams_;
  ItemStore items_;
  TokenStore tokens_;
  std::mutex sweep_mutex_;  // one sweep at a time (the periodic job or a request)
  std::mutex history_mutex_;  // PITR enable/disable, compaction and restores, one at a time
  JobRunner jobs_;
};

}  // namespace

std::unique_ptr<Engine> Engine::open(const Options& options) { return std::make_unique<RocksEngine>(options); }

}  // namespace dynarock::engine
