// ConsumedCapacity: DynamoDB's capacity arithmetic and the shapes it reports it in
// (docs/compatibility.md, "ConsumedCapacity", lists the rules and their sources).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/context.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// ReturnConsumedCapacity: NONE (absent), TOTAL or INDEXES.
enum class CapacityDetail { none, total, indexes };
CapacityDetail capacity_detail(const Json& req);
CapacityDetail capacity_detail(const std::optional<std::string>& return_consumed_capacity);

// Reads in 4 KB units (halved when eventually consistent), writes in 1 KB units; at least one
// unit, so a missing item still costs 0.5 / 1.
double read_units(size_t bytes, bool consistent);
double write_units(size_t bytes);

// The units one request consumed on one table: its own and each secondary index's it touched
// (a read of an index charges the index and leaves the table at 0).
struct Consumed {
  double table = 0;
  std::map<std::string, double> indexes;
  void add(const Consumed& other);
  double total() const;
};

// Write units of replacing `old` with `now` (either null: an insert, a delete or a missing
// item). The table is charged on the larger image; each index on the change to the entry it
// stores: nothing when the entry stays absent or identical, the larger entry when it changes in
// place, the old and the new entry each when its index key moves (a delete plus an insert).
Consumed write_consumed(const model::TableInfo& table, const model::Item* old, const model::Item* now);

// How the units are labelled. Single-item operations, Query, Scan, the batches and PartiQL
// statements report CapacityUnits alone; transactions also carry ReadCapacityUnits or
// WriteCapacityUnits, at the top and in each arm.
enum class Charge { plain, transactional_read, transactional_write };

// The ConsumedCapacity of one table (nullopt for NONE). `table_name` is the name as the request
// gave it: DynamoDB answers with the ARN when it was asked with one.
std::optional<shapes::ConsumedCapacity> capacity(CapacityDetail detail, const std::string& table_name,
                                                 const model::TableInfo& table, const Consumed& units,
                                                 Charge charge = Charge::plain);
// The same as JSON text ("" for NONE).
std::string consumed_capacity(CapacityDetail detail, const std::string& table_name, const model::TableInfo& table,
                              const Consumed& units, Charge charge = Charge::plain);

// Batches and transactions: one entry per table, in table-name order.
class CapacityByTable {
 public:
  // `table_name` as the request gave it; the first form given names the entry.
  void add(const std::string& table_name, const model::TablePtr& table, const Consumed& units);
  void clear() { tables_.clear(); }
  std::vector<shapes::ConsumedCapacity> list(CapacityDetail detail, Charge charge) const;
  // "ConsumedCapacity":[...]
  std::string member(CapacityDetail detail, Charge charge) const;

 private:
  struct Entry {
    std::string name;
    model::TablePtr table;
    Consumed units;
  };
  std::map<std::string, Entry> tables_;  // by table name
};

// A ConsumedCapacity object held as JSON (PartiQL sums its statements' answers that way) written
// in the model's member order, as the other operations write it; a list is written entry by entry.
std::string capacity_text(const Json& consumed);

}  // namespace dynarock::api
