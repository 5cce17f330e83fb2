// ItemCollectionMetrics (ReturnItemCollectionMetrics SIZE): the item collection (the items of one
// partition key value, plus what the table's local secondary indexes hold for them) a write
// touched, and an estimate of its size. DynamoDB reports it only for tables with a local secondary
// index; everywhere else the member is left out. The size is read after the write, only when
// asked, so writes that do not ask never read their partition.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "model/table.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// Whether a write to `table` reports its collection: SIZE was asked and the table has an LSI.
bool reports_collection(const std::optional<std::string>& return_item_collection_metrics, const model::TableInfo& table);

// The bytes of the collection of `partition` (a partition key value of `table`) as it is now: the
// size of its items plus the size of what each local secondary index projects of them.
size_t collection_bytes(engine::Engine& engine, const model::TableInfo& table, const model::AttributeValue& partition);
// SizeEstimateRangeGB for that many bytes: [floor(GB), floor(GB) + 1].
std::vector<double> size_estimate_gb(size_t bytes);

// The collection of `partition` as it is now:
// ItemCollectionKey {pk: value}, SizeEstimateRangeGB [floor(GB), floor(GB) + 1].
shapes::ItemCollectionMetrics collection_metrics(engine::Engine& engine, const model::TableInfo& table,
                                                 const model::AttributeValue& partition);

// For PutItem, UpdateItem and DeleteItem: the metrics of `key`'s collection, or nullopt.
std::optional<shapes::ItemCollectionMetrics> collection_metrics_of(engine::Engine& engine,
                                                                   const std::optional<std::string>& return_item_collection_metrics,
                                                                   const model::TableInfo& table, const model::PrimaryKey& key);

// BatchWriteItem and TransactWriteItems: each collection written, once, per table. Entries of a
// table are in DynamoDB's partition order (the order Scan visits partitions), as DynamoDB lists
// them.
class WrittenCollections {
 public:
  explicit WrittenCollections(const std::optional<std::string>& return_item_collection_metrics)
      : size_(return_item_collection_metrics == "SIZE") {}

  // Remembers the collection of `key` (nothing unless the table reports collections).
  void add(const model::TablePtr& table, const model::PrimaryKey& key);
  // {table name: [metrics...]}, or nullopt when no written table reports collections.
  std::optional<std::map<std::string, std::vector<shapes::ItemCollectionMetrics>>> metrics(engine::Engine& engine) const;

 private:
  struct Table {
    model::TablePtr table;
    std::map<engine::ItemId, model::AttributeValue> partitions;  // ordered by storage (hash) order
  };
  bool size_;
  std::map<std::string, Table> tables_;
};

}  // namespace dynarock::api
