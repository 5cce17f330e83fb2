#include "api/item_collection.h"

#include <cmath>

namespace dynarock::api {

namespace {

bool has_local_index(const model::TableInfo& table) {
  for (const auto& ix : table.indexes)
    if (!ix.global) return true;
  return false;
}

}  // namespace

bool reports_collection(const std::optional<std::string>& return_item_collection_metrics, const model::TableInfo& table) {
  return return_item_collection_metrics == "SIZE" && has_local_index(table);
}

size_t collection_bytes(engine::Engine& engine, const model::TableInfo& table, const model::AttributeValue& partition) {
  // An item is in an LSI only when it has the index's sort key.
  engine::ReadSpec spec;
  spec.table = &table;
  spec.query = true;
  spec.partition = {partition};
  size_t bytes = 0;
  engine.read(spec, [&](model::Item&& item) {
    bytes += model::item_size(item);
    for (const auto& ix : table.indexes) {
      model::IndexKey k;
      if (!ix.global && model::index_key_of(ix, item, k)) bytes += model::item_size(model::project_for_index(table, ix, item));
    }
    return true;
  });
  return bytes;
}

std::vector<double> size_estimate_gb(size_t bytes) {
  // DynamoDB answers [0.0, 1.0] for any small collection: whole gigabytes either side.
  double lower = std::floor(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return {lower, lower + 1};
}

shapes::ItemCollectionMetrics collection_metrics(engine::Engine& engine, const model::TableInfo& table,
                                                 const model::AttributeValue& partition) {
  shapes::ItemCollectionMetrics m;
  m.ItemCollectionKey = model::Item{{table.key.hash.name, partition}};
  m.SizeEstimateRangeGB = size_estimate_gb(collection_bytes(engine, table, partition));
  return m;
}

std::optional<shapes::ItemCollectionMetrics> collection_metrics_of(engine::Engine& engine,
                                                                   const std::optional<std::string>& return_item_collection_metrics,
                                                                   const model::TableInfo& table, const model::PrimaryKey& key) {
  if (!reports_collection(return_item_collection_metrics, table)) return std::nullopt;
  return collection_metrics(engine, table, key.hash);
}

void WrittenCollections::add(const model::TablePtr& table, const model::PrimaryKey& key) {
  if (!size_ || !has_local_index(*table)) return;
  Table& t = tables_[table->name];
  t.table = table;
  // The partition key alone orders collections by DynamoDB's partition hash.
  t.partitions.emplace(engine::item_id(*table, model::PrimaryKey{key.hash, std::nullopt}), key.hash);
}

std::optional<std::map<std::string, std::vector<shapes::ItemCollectionMetrics>>> WrittenCollections::metrics(engine::Engine& engine) const {
  if (tables_.empty()) return std::nullopt;
  std::map<std::string, std::vector<shapes::ItemCollectionMetrics>> out;
  for (const auto& [name, t] : tables_) {
    auto& list = out[name];
    for (const auto& [id, partition] : t.partitions) list.push_back(collection_metrics(engine, *t.table, partition));
  }
  return out;
}

}  // namespace dynarock::api
