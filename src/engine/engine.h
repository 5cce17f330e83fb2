// Engine: tables and their items in RocksDB. The only layer that touches RocksDB or storage keys.
// Every write of an item (base row, its index entries, its counts: everything the secondary
// writers add) is one WriteBatch; read-modify-write runs under per-item striped locks so
// conditional writes and transactions are atomic and isolated. Parts: catalog (descriptions,
// counts, idempotency tokens), item store (reads, writes, writers/), stream log (DynamoDB
// Streams), job runner (background work).
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/streams.h"
#include "model/attribute_value.h"
#include "model/key_schema.h"
#include "model/table.h"

namespace dynarock::engine {

struct Options {
  std::string path = "./dynarock-data";
  bool in_memory = false;
  bool sync = false;  // fsync the WAL on every write (survives power loss, not just kill -9)
  StreamOptions streams;
  // How often the TTL sweep deletes expired items; 0: only on request (Engine::sweep_expired).
  std::chrono::milliseconds ttl_interval{1000};
};

// What a read-modify-write function decides for one item.
struct Decision {
  enum class Action { keep, put, remove } action = Action::keep;
  model::Item item;  // the new item for put
};

// What a write found: whether the item existed and its size (DynamoDB's item size).
struct WriteResult {
  bool existed = false;
  size_t old_size = 0;
};

struct TableStats {
  uint64_t item_count = 0;
  uint64_t size_bytes = 0;
};

// Where a restored table's items come from: a copy (a backup, or a table's point-in-time base)
// and, for point-in-time recovery, the change log replayed up to `until_micros` (inclusive).
struct RestoreSource {
  uint32_t copy_id = 0;
  uint32_t log_id = 0;  // 0: no log
  int64_t until_micros = 0;
};

// One item to read-modify-write inside a transaction.
struct Target {
  model::TablePtr table;
  model::PrimaryKey key;
};

// A Query or Scan by descriptor: the engine alone turns it into storage keys.
struct SortCondition {
  enum class Op { none, eq, lt, le, gt, ge, between, begins_with } op = Op::none;
  model::AttributeValue a, b;  // b: BETWEEN's upper bound
};

// ExclusiveStartKey, split into its table key and (for an index) its index key.
struct StartKey {
  model::PrimaryKey table_key;
  model::IndexKey index_key;
};

struct ReadSpec {
  const model::TableInfo* table = nullptr;
  const model::IndexInfo* index = nullptr;  // null: the base table
  // Query: the partition key values (one per hash attribute of the index), sort-key values fixed
  // by equality (leading attributes of a multi-attribute sort key), and the condition on the next.
  bool query = false;
  std::vector<model::AttributeValue> partition;
  std::vector<model::AttributeValue> sort_prefix;
  SortCondition sort;
  // Scan: parallel segment `segment` of `total_segments` (total 0: the whole table).
  long long segment = 0, total_segments = 0;
  bool reverse = false;
  std::optional<StartKey> start;
};

// Where a start key lies relative to the read (DynamoDB rejects keys outside it).
enum class StartFit { ok, outside_partition, outside_segment };
StartFit check_start(const ReadSpec& spec);

// Identifies one item of one table, for duplicate checks in batches and transactions; ids of one table sort as Scan visits (partition hash first).
class ItemId {
 public:
  auto operator<=>(const ItemId&) const = default;

 private:
  friend ItemId item_id(const model::TableInfo& table, const model::PrimaryKey& key);
  std::string bytes_;
};
ItemId item_id(const model::TableInfo& table, const model::PrimaryKey& key);

// A key range of one table or index, in storage order (engine internals and its tests; api reads
// by ReadSpec).
struct Range {
  uint32_t id = 0;           // table id or index id
  bool index = false;        // true: the range is over index entries
  std::string lower;         // inclusive encoded lower bound
  std::string upper;         // exclusive encoded upper bound ("" = end of id)
  bool reverse = false;
  std::string after;         // resume strictly after (forward) / before (reverse) this key; "" = none
};

class Engine {
 public:
  static std::unique_ptr<Engine> open(const Options& options);
  virtual ~Engine() = default;

  // Catalog. Table names are unique per isolation namespace.
  virtual model::TablePtr find_table(const std::string& ns, const std::string& name) = 0;
  virtual std::vector<std::string> list_tables(const std::string& ns) = 0;  // sorted
  // Assigns table and index ids; throws ResourceInUseException if the name exists.
  virtual model::TablePtr create_table(model::TableInfo info) = 0;
  // Replaces a table's description (same id). New indexes (id 0) get ids and are backfilled.
  virtual model::TablePtr update_table(model::TableInfo info) = 0;
  // Removes the table, its items and its index entries.
  virtual void delete_table(const model::TableInfo& table) = 0;
  // Item counts and sizes, maintained with every write: O(1).
  virtual TableStats table_stats(const model::TableInfo& table) = 0;
  virtual TableStats index_stats(const model::IndexInfo& index) = 0;

  virtual std::optional<model::Item> get(const model::TableInfo& table, const model::PrimaryKey& key) = 0;

  // Reads the item under its lock, asks `decide` what to do, and applies the decision together
  // with its index maintenance in one WriteBatch. `decide` may throw to abort without writing.
  virtual void mutate(const model::TableInfo& table, const model::PrimaryKey& key,
                      const std::function<Decision(const model::Item* old)>& decide) = 0;

  // Puts `item` (or deletes the item when `item` is null) without asking anyone about the old
  // item: for writes with no condition and no ReturnValues. The old item is decoded only when a
  // writer needs it (index entries to replace); counts need just its existence and size.
  virtual WriteResult put(const model::TableInfo& table, const model::PrimaryKey& key, const model::Item* item) = 0;

  // The same for several items at once (transactions): all locks are taken in a global order,
  // `decide` sees every current item (nullptr when absent) and all decisions commit together.
  virtual void mutate_many(const std::vector<Target>& targets,
                           const std::function<std::vector<Decision>(const std::vector<const model::Item*>& olds)>& decide) = 0;

  // Reads several items from one consistent snapshot.
  virtual std::vector<std::optional<model::Item>> get_many(const std::vector<Target>& targets) = 0;

  // Visits the items of a Query or Scan in order (projected items for an index); `visit` returns
  // false to stop.
  virtual void read(const ReadSpec& spec, const std::function<bool(model::Item&& item)>& visit) = 0;

  // Visits entries of a raw range in order; `visit` gets the encoded key and the decoded item
  // (projected item for index ranges) and returns false to stop.
  virtual void scan(const Range& range, const std::function<bool(std::string_view key, model::Item&& item)>& visit) = 0;

  // Idempotency tokens (TransactWriteItems' ClientRequestToken), persisted with their 10-minute
  // lifetime so a retry after a restart is still recognised. `lock_token` serialises calls with
  // one token; `find_token` gives the request text stored with a live token.
  class TokenGuard {
   public:
    virtual ~TokenGuard() = default;
  };
  virtual std::unique_ptr<TokenGuard> lock_token(const std::string& ns, const std::string& token) = 0;
  virtual std::optional<std::string> find_token(const std::string& ns, const std::string& token) = 0;
  virtual void remember_token(const std::string& ns, const std::string& token, const std::string& request) = 0;

  // The change records of tables with a stream enabled (DynamoDB Streams).
  virtual StreamReader& streams() = 0;
  // Runs a TTL sweep now, on the calling thread (never alongside another sweep), and returns how
  // many expired items it deleted.
  virtual size_t sweep_expired() = 0;
  // Records: small JSON documents the api keeps per namespace and kind (backups, exports,
  // imports, global tables), listed in key order.
  virtual void put_record(const std::string& kind, const std::string& ns, const std::string& key, const nlohmann::json& value) = 0;
  virtual std::optional<nlohmann::json> get_record(const std::string& kind, const std::string& ns, const std::string& key) = 0;
  virtual std::vector<nlohmann::json> list_records(const std::string& kind, const std::string& ns) = 0;
  virtual void delete_record(const std::string& kind, const std::string& ns, const std::string& key) = 0;

  // Copies the table's items as of one RocksDB snapshot (writes go on meanwhile) under a new id;
  // a backup keeps that id. `stats` gets the copy's item count and size.
  virtual uint32_t copy_items(const model::TableInfo& table, TableStats& stats) = 0;
  virtual void drop_copy(uint32_t id) = 0;
  // Creates table `info` (ids assigned here) filled from `source`, its indexes and counts built,
  // and only then visible. ResourceInUseException when the name is taken.
  virtual model::TablePtr restore_table(model::TableInfo info, const RestoreSource& source) = 0;

  // Point-in-time recovery on or off, or a new recovery period (days). Turning it on copies the
  // table as its history's base; from then every change is logged; off drops the history.
  virtual model::TablePtr set_point_in_time_recovery(const model::TableInfo& table, bool enabled, int period_days) = 0;
  // Point-in-time reads for exports, from the table's recovery history (recovery must be on).
  // Visits the items as they were at `micros` (inclusive), in storage order; `visit` returns false
  // to stop.
  virtual void read_at(const model::TableInfo& table, int64_t micros, const std::function<bool(model::Item&& item)>& visit) = 0;
  // Visits each item changed in [from_micros, to_micros): the time of its last change there, and
  // its state just before `from_micros` and at the end (nullptr: absent). Items created and deleted
  // inside the window are skipped.
  virtual void read_changes(const model::TableInfo& table, int64_t from_micros, int64_t to_micros,
                            const std::function<void(int64_t micros, const model::Item* old_item, const model::Item* new_item)>& visit) = 0;
  // Folds history older than each table's recovery period into its base (a periodic job; the
  // tests call it with a clock of their own).
  virtual void compact_history(double now_seconds) = 0;
};

// Storage key of an index entry: index id | hash(index pk) | enc(index pk) | enc(index sk) |
// enc(table pk) | enc(table sk); the table key makes entries with equal index keys distinct.
std::string index_entry_key(const model::IndexInfo& index, const model::IndexKey& index_key,
                            const model::TableInfo& table, const model::PrimaryKey& table_key);
std::string index_entry_key(const model::IndexInfo& index, const model::PrimaryKey& index_key,
                            const model::TableInfo& table, const model::PrimaryKey& table_key);

}  // namespace dynarock::engine
