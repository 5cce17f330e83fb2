// Catalog: table descriptions (the `catalog` column family), table and index ids, and the
// maintained counts behind DescribeTable. Readers see an immutable map swapped atomically on DDL,
// so the request path takes no lock.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/storage.h"

namespace dynarock::engine {

// A backfill that has not finished (after UpdateTable or UpdateTimeToLive, or cut short by a
// restart): of a new index's entries, or of the expiry entries of a table whose TTL was enabled.
struct PendingBackfill {
  std::string ns, table_name, index_name;  // index_name "" for a TTL backfill
  uint32_t table_id = 0;
  std::string ttl_attribute;  // for a TTL backfill: the attribute it indexes
  bool ttl() const { return index_name.empty(); }
};

// Something that keeps per-table state beside the catalog (a stream's shard lineage) and follows
// table creation (`before` null), changes, and deletion (`after` null). Told under the catalog's
// DDL lock; what it adds to `batch` commits with the catalog change.
class TableObserver {
 public:
  virtual ~TableObserver() = default;
  virtual void table_changed(rocksdb::WriteBatch& batch, const model::TableInfo* before, const model::TableInfo* after) = 0;
};

class Catalog {
 public:
  // Loads every description; upgrades a format-1 directory (counts computed once by a scan).
  explicit Catalog(Storage& storage);

  model::TablePtr find(const std::string& ns, const std::string& name) const;
  std::vector<std::string> list(const std::string& ns) const;
  std::vector<PendingBackfill> pending_backfills() const;
  // Every table of every namespace (periodic jobs: TTL sweeps, PITR compaction).
  std::vector<model::TablePtr> all() const;
  // Reserves `n` consecutive storage ids (for copies and histories); returns the first.
  uint32_t allocate_ids(uint32_t n);

  // Ids already set (a restore fills the table under its ids before it becomes visible) are kept.
  model::TablePtr create(model::TableInfo info);
  // New indexes (id 0) get ids and start CREATING; they are appended to `added`, and so is a TTL
  // backfill when TTL is enabled. Disabling TTL (or changing its attribute) drops the expiry entries.
  model::TablePtr update(model::TableInfo info, std::vector<PendingBackfill>& added);
  void remove(const model::TableInfo& table);
  // Marks a backfilled index ACTIVE (or a TTL backfill done); false when the table or index is gone.
  bool finish_backfill(const PendingBackfill& job);

  // The table as the catalog has it now: writers resolve indexes under the item lock, so a write
  // that follows an index being added always maintains it (the backfill relies on that).
  // ResourceNotFoundException when the table was deleted (or re-created) meanwhile.
  model::TablePtr current(const model::TableInfo& table) const;

  TableStats stats(uint32_t id);

  // Adds an observer (at engine start, before any request); it must outlive the catalog's use.
  void observe(TableObserver& observer) { observers_.push_back(&observer); }

 private:
  using Map = std::map<std::string, model::TablePtr>;
  void publish(const std::string& key, model::TablePtr table);
  void upgrade_format();
  void notify(rocksdb::WriteBatch& batch, const model::TableInfo* before, const model::TableInfo* after);

  Storage& storage_;
  std::mutex mutex_;  // DDL
  std::atomic<std::shared_ptr<const Map>> map_{std::make_shared<const Map>()};
  uint32_t next_id_ = 1;
  std::vector<TableObserver*> observers_;
};

}  // namespace dynarock::engine
