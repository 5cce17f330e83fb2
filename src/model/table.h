// TableInfo: what the catalog knows about a table: identity, key schema, secondary indexes, the
// settings the engine acts on as typed fields (TTL, stream, point-in-time recovery), and the rest
// of its description (billing, tags...) kept as the JSON DescribeTable returns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/attribute_value.h"
#include "model/key_schema.h"

namespace dynarock::model {

enum class ProjectionType { ALL, KEYS_ONLY, INCLUDE };

// An index key's values: one per key attribute (a GSI may have up to 4 of each kind).
struct IndexKey {
  std::vector<AttributeValue> hash;
  std::vector<AttributeValue> range;
};

struct IndexInfo {
  std::string name;
  bool global = true;
  uint32_t id = 0;  // storage id, unique across all tables and indexes
  KeySchema key;    // the first partition and sort key attributes
  // Multi-attribute GSI keys: every HASH and RANGE attribute in KeySchema order. Empty means
  // just `key`'s (single-attribute index).
  std::vector<KeyElement> hash_keys, range_keys;
  ProjectionType projection = ProjectionType::ALL;
  std::vector<std::string> non_key_attributes;  // INCLUDE only
  std::string status = "ACTIVE";
  bool backfilling = false;

  std::vector<KeyElement> hash_elements() const { return hash_keys.empty() ? std::vector<KeyElement>{key.hash} : hash_keys; }
  std::vector<KeyElement> range_elements() const {
    if (!range_keys.empty() || !hash_keys.empty()) return range_keys;
    return key.range ? std::vector<KeyElement>{*key.range} : std::vector<KeyElement>{};
  }
  bool is_key_attribute(const std::string& attr) const {
    for (const auto& e : hash_elements())
      if (e.name == attr) return true;
    for (const auto& e : range_elements())
      if (e.name == attr) return true;
    return false;
  }
};

// Time to Live: items whose `attribute` (a Number of epoch seconds) has passed are deleted.
struct TimeToLive {
  bool enabled = false;
  std::string attribute;
  double changed = 0;  // epoch seconds of the last UpdateTimeToLive (0: never)
  bool backfilling = false;  // the engine is still adding expiry entries for existing items
};

// DynamoDB Streams: the table's stream, if enabled; the label stays after it is disabled
// (LatestStreamArn keeps naming the last stream).
struct StreamSettings {
  bool enabled = false;
  std::string view_type;  // NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY
  std::string label;      // LatestStreamLabel ("" when the table never had a stream)
};

// Point-in-time recovery (continuous backups): while enabled, every change is logged under
// `log_id` and `base_id` holds the table as of the start of the kept history (engine/history.h).
struct PointInTimeRecovery {
  bool enabled = false;
  double earliest = 0;  // earliest restorable time, epoch seconds (when recovery was enabled)
  int period_days = 35;  // RecoveryPeriodInDays
  uint32_t base_id = 0;
  uint32_t log_id = 0;
};

struct TableInfo {
  uint32_t id = 0;
  std::string ns;    // isolation namespace ("" with --shared-db)
  std::string name;
  std::string region = "us-east-1";
  KeySchema key;
  std::vector<IndexInfo> indexes;
  std::string status = "ACTIVE";
  double created = 0;  // epoch seconds
  TimeToLive ttl;
  StreamSettings stream;
  PointInTimeRecovery pitr;
  // Everything else DescribeTable reports and clients set: AttributeDefinitions, BillingModeSummary,
  // ProvisionedThroughput, SSEDescription, TableClassSummary, DeletionProtectionEnabled, tags
  // (under "Tags", never described).
  nlohmann::json extra = nlohmann::json::object();

  const IndexInfo* find_index(const std::string& index_name) const {
    for (const auto& ix : indexes)
      if (ix.name == index_name) return &ix;
    return nullptr;
  }
  std::string arn() const { return "arn:aws:dynamodb:" + region + ":000000000000:table/" + name; }
  // LatestStreamArn: the table's newest stream (enabled or not), named by its label.
  std::string stream_arn() const { return arn() + "/stream/" + stream.label; }
};

using TablePtr = std::shared_ptr<const TableInfo>;

// Catalog persistence: TableInfo <-> JSON.
nlohmann::json table_to_json(const TableInfo& t);
TableInfo table_from_json(const nlohmann::json& j);

// The index key of `item` in index `ix`, or false when the item is not in the index (sparse):
// an index key attribute is missing or has another type.
bool index_key_of(const IndexInfo& ix, const Item& item, IndexKey& out);

// The index key attributes of `item` as an Item (for LastEvaluatedKey).
Item index_key_attributes(const IndexInfo& ix, const Item& item);

// The attributes of `item` projected into index `ix` of table `t`.
Item project_for_index(const TableInfo& t, const IndexInfo& ix, const Item& item);

}  // namespace dynarock::model
