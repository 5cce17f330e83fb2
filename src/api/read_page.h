// What Query and Scan share: resolving the table or index read, Select and projection rules,
// ExclusiveStartKey, and the page loop with DynamoDB's Limit and 1 MB rules (both counted
// before the filter).
#pragma once

#include <optional>
#include <string>

#include "api/context.h"
#include "api/validate.h"
#include "engine/engine.h"
#include "expr/expression.h"

namespace dynarock::api {

struct ReadSource {
  model::TablePtr table;
  const model::IndexInfo* index = nullptr;  // null: the base table
  const model::KeySchema& schema() const { return index ? index->key : table->key; }
};

// IndexName resolution: "The table does not have the specified index: X".
ReadSource resolve_source(Context& ctx, const Json& req);

enum class Select { all_attributes, all_projected, specific, count };

// Select with DynamoDB's rules for projections and index types. `query` picks the wording that
// differs between Query and Scan.
Select resolve_select(const Json& req, const ReadSource& source, bool has_projection, bool query);

// ExclusiveStartKey split into table and index key (none when absent); DynamoDB's errors for a
// key that does not fit the source.
std::optional<engine::StartKey> start_key(const Json& req, const ReadSource& source);

struct PageOptions {
  engine::ReadSpec spec;
  std::optional<long long> limit;
  const expr::Condition* filter = nullptr;
  const std::optional<expr::Projection>* projection = nullptr;
  Select select = Select::all_attributes;
  bool consistent = false;
  CapacityDetail capacity = CapacityDetail::none;
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
Page query_page(Context& ctx, const Json& req);
Page scan_page(Context& ctx, const Json& req);

// The filter from FilterExpression or its legacy twin (`legacy`: "QueryFilter" or "ScanFilter",
// with ConditionalOperator); an empty Condition when neither is given.
expr::Condition read_filter(const Json& req, expr::Attributes& attrs, const char* legacy);

// Checks shared by Query and Scan: Limit, Select, ConsistentRead on a GSI.
void check_read_request(const Json& req, Constraints& c);

}  // namespace dynarock::api
