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

// An index whose backfill has not finished (after UpdateTable, or cut short by a restart).
struct PendingBackfill {
  std::string ns, table_name, index_name;
  uint32_t table_id = 0;
};

class Catalog {
 public:
  // Loads every description; upgrades a format-1 directory (counts computed once by a scan).
  explicit Catalog(Storage& storage);

  model::TablePtr find(const std::string& ns, const std::string& name) const;
  std::vector<std::string> list(const std::string& ns) const;
  std::vector<PendingBackfill> pending_backfills() const;
  // Every table of every namespace (periodic jobs).
  std::vector<model::TablePtr> all() const;
  // Reserves `n` consecutive storage ids (for copies and histories); returns the first.
  uint32_t allocate_ids(uint32_t n);

  // Ids already set (a restore fills the table under its ids before it becomes visible) are kept.
  model::TablePtr create(model::TableInfo info);
  // New indexes (id 0) get ids and start CREATING; they are appended to `added`.
  model::TablePtr update(model::TableInfo info, std::vector<PendingBackfill>& added);
  void remove(const model::TableInfo& table);
  // Marks a backfilled index ACTIVE; false when the table or index is gone.
  bool finish_backfill(const PendingBackfill& job);

  // The table as the catalog has it now: writers resolve indexes under the item lock, so a write
  // that follows an index being added always maintains it (the backfill relies on that).
  // ResourceNotFoundException when the table was deleted (or re-created) meanwhile.
  model::TablePtr current(const model::TableInfo& table) const;

  TableStats stats(uint32_t id);

 private:
  using Map = std::map<std::string, model::TablePtr>;
  void publish(const std::string& key, model::TablePtr table);
  void upgrade_format();

  Storage& storage_;
  std::mutex mutex_;  // DDL
  std::atomic<std::shared_ptr<const Map>> map_{std::make_shared<const Map>()};
  uint32_t next_id_ = 1;
};

}  // namespace dynarock::engine
