// ItemStore: items and their secondary data. Reads go straight to RocksDB; every write takes the
// item's lock stripe, reads what the writers need of the old item, and commits the base row plus
// every writer's part in one WriteBatch.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/engine.h"
#include "engine/lock_table.h"
#include "engine/storage.h"
#include "engine/writers/writer.h"

namespace dynarock::engine {

class ItemStore {
 public:
  ItemStore(Storage& storage, Catalog& catalog);

  std::optional<model::Item> get(const model::TableInfo& table, const model::PrimaryKey& key);
  std::vector<std::optional<model::Item>> get_many(const std::vector<Target>& targets);

  void mutate(const model::TableInfo& table, const model::PrimaryKey& key, const std::function<Decision(const model::Item*)>& decide);
  void mutate_many(const std::vector<Target>& targets,
                   const std::function<std::vector<Decision>(const std::vector<const model::Item*>&)>& decide);
  WriteResult put(const model::TableInfo& table, const model::PrimaryKey& key, const model::Item* item);
  // For the engine's own deletions (TTL sweeps): under the lock of the item stored at `item_key`,
  // `decide` sees the table as it is now and the item (null when gone) and returns true to delete
  // it as `origin` through every writer; it may add its own changes to `batch` either way.
  // Returns whether the item was deleted.
  bool remove_stored_if(const model::TableInfo& table, const std::string& item_key, writers::Origin origin,
                        const std::function<bool(const model::TableInfo& now, const model::Item* item, rocksdb::WriteBatch& batch)>& decide);

  void read(const ReadSpec& spec, const std::function<bool(model::Item&&)>& visit);
  void scan(const Range& range, const std::function<bool(std::string_view, model::Item&&)>& visit);

  LockTable& locks() { return locks_; }
  // Adds a secondary writer (at engine start, before any request); it also follows table changes.
  void add_writer(std::unique_ptr<writers::Writer> writer);

 private:
  // The old item as a write sees it: existence and size always, attributes when needed.
  struct Old {
    bool existed = false;
    size_t size = 0;
    std::optional<model::Item> item;
  };
  Old read_old(const std::string& item_key, bool decode);
  bool writers_need_old(const model::TableInfo& table) const;
  // Base row plus every writer's part for one decision, added to `commit`.
  void apply(writers::Commit& commit, const model::TableInfo& table, const model::PrimaryKey& key, const std::string& item_key,
             const Old& old, const model::Item* next, writers::Origin origin);
  // Writes the batch, then tells the writers that asked.
  void commit(writers::Commit& commit);

  Storage& storage_;
  Catalog& catalog_;
  LockTable locks_;
  writers::WriterList writers_;
};

// The storage range of a ReadSpec (key encoding lives here and in key_codec only).
Range plan_read(const ReadSpec& spec);

}  // namespace dynarock::engine
