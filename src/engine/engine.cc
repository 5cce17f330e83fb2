// RocksEngine: the Engine interface over its parts. Storage (RocksDB and its column families),
// Catalog (descriptions, counts), StreamLog (DynamoDB Streams), ItemStore (items and writers),
// TokenStore (idempotency tokens) and JobRunner (backfills, expiry, stream trimming, TTL sweeps);
// members are destroyed in reverse order, so the jobs stop before anything they use goes away.
#include "engine/engine.h"

#include <mutex>

#include "engine/backfill.h"
#include "engine/catalog.h"
#include "engine/expiry.h"
#include "engine/item_store.h"
#include "engine/jobs.h"
#include "engine/storage.h"
#include "engine/stream_log.h"
#include "engine/tokens.h"
#include "engine/writers/writer.h"
#include "engine/ttl_sweep.h"

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

 private:
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
  JobRunner jobs_;
};

}  // namespace

std::unique_ptr<Engine> Engine::open(const Options& options) { return std::make_unique<RocksEngine>(options); }

}  // namespace dynarock::engine
