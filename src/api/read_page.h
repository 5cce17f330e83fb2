// What Query and Scan share: resolving the table or index read, Select and projection rules,
// ExclusiveStartKey, and the page loop with DynamoDB's Limit and 1 MB rules (both counted
// before the filter).
#pragma once

#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/context.h"
#include "api/validate.h"
#include "engine/engine.h"
#include "expr/expression.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

struct ReadSource {
  model::TablePtr table;
  const model::IndexInfo* index = nullptr;  // null: the base table
  const model::KeySchema& schema() const { return index ? index->key : table->key; }
};

enum class Select { all_attributes, all_projected, specific, count };

struct PageOptions {
  engine::ReadSpec spec;
  std::optional<long long> limit;
  const expr::Condition* filter = nullptr;
  const std::optional<expr::Projection>* projection = nullptr;
  Select select = Select::all_attributes;
  bool consistent = false;
  CapacityDetail capacity = CapacityDetail::none;
  std::string table_name;  // as the request gave it (name or ARN), for ConsumedCapacity
  // Query only: the sort-key condition re-checked per item (the range already bounds it).
  const expr::KeyCondition* key_condition = nullptr;
};

// One page's result before it becomes a response body (PartiQL joins pages without reparsing).
struct Page {
  std::string items;                  // the Items array as JSON text; empty for Select COUNT
  size_t count = 0, scanned = 0;
  std::optional<model::Item> last_key;  // LastEvaluatedKey
  std::string capacity;               // the ConsumedCapacity object as JSON text, "" for none
};

// Runs the page.
Page read_page(Context& ctx, const ReadSource& source, const PageOptions& options);

// The Query / Scan response body of a page.
std::string page_body(const Page& page);

// Query and Scan up to the page: validation, then the read (the response body is page_body()).
// The JSON forms type-check and decode the request first (PartiQL's lowered requests).
Page query_page(Context& ctx, const shapes::QueryInput& req);
Page scan_page(Context& ctx, const shapes::ScanInput& req);
Page query_page(Context& ctx, const Json& req);
Page scan_page(Context& ctx, const Json& req);

// What Query and Scan share, for Req = shapes::QueryInput or shapes::ScanInput, in the order
// each operation calls them.
//
// The model's constraints: TableName, IndexName, Select, Limit, ReturnConsumedCapacity,
// ConditionalOperator, AttributesToGet not empty. Does not call finish().
template <typename Req>
void check_read_request(const Req& req, Constraints& c);

// IndexName resolution: "The table does not have the specified index: X".
template <typename Req>
ReadSource resolve_source(Context& ctx, const Req& req);

// The filter from the legacy QueryFilter or ScanFilter (`legacy` names it) with ConditionalOperator;
// an empty Condition when it is not given (FilterExpression is compiled by the caller).
template <typename Req>
expr::Condition legacy_filter(const Req& req, const char* legacy);

// QueryFilter, ScanFilter or KeyConditions for the expression layer; a null entry is a
// SerializationException.
std::vector<expr::LegacyComparison> read_conditions(const std::map<std::string, shapes::Condition>& conditions);

// After the expressions: no document path into a key attribute (projection, then filter).
void check_read_paths(const ReadSource& source, const std::optional<expr::Projection>& projection, const expr::Condition& filter);

// ConsistentRead on a global index, then Select with DynamoDB's rules for projections and index
// types. `query` picks the wording that differs between Query and Scan.
template <typename Req>
Select resolve_select(const Req& req, const ReadSource& source, bool has_projection, bool query);

// The options every page read has: source, Limit, filter, projection, Select, ConsistentRead,
// ReturnConsumedCapacity. The caller adds its key range, segment and start key.
template <typename Req>
PageOptions page_options(const Req& req, const ReadSource& source, const expr::Condition& filter,
                         const std::optional<expr::Projection>& projection, Select select);

// The start key's contents ("The provided starting key is invalid: ..."), checked before the table
// is looked up.
void check_start_key_contents(const std::optional<model::Checked<model::Item>>& exclusive_start_key);
// ExclusiveStartKey split into table and index key (none when absent); DynamoDB's errors for a
// key that does not fit the source.
std::optional<engine::StartKey> start_key(const std::optional<model::Checked<model::Item>>& exclusive_start_key,
                                          const ReadSource& source);

}  // namespace dynarock::api
