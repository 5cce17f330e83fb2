// Pieces every item operation shares: the expression parameters and their legacy twins, the
// checks an item must pass before it is stored, and response fragments.
#pragma once

#include <initializer_list>
#include <string>

#include "api/capacity.h"
#include "api/context.h"
#include "api/validate.h"
#include "expr/expression.h"

namespace dynarock::api {

// Common wire/constraint checks: TableName (name or ARN), ReturnConsumedCapacity,
// ReturnItemCollectionMetrics, ConditionalOperator. Does not call finish().
void check_item_request(const Json& req, Constraints& c);

// The same for a typed request: the members its operation has.
template <typename Req>
void check_item_request(const Req& r, Constraints& c) {
  c.table_name_or_arn(ptr(r.TableName), "tableName");
  c.enum_value(ptr(r.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  if constexpr (requires { r.ReturnItemCollectionMetrics; })
    c.enum_value(ptr(r.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", {"SIZE", "NONE"});
  if constexpr (requires { r.ConditionalOperator; })
    c.enum_value(ptr(r.ConditionalOperator), "conditionalOperator", {"AND", "OR"});
  if constexpr (requires { r.ReturnValuesOnConditionCheckFailure; })
    c.enum_value(ptr(r.ReturnValuesOnConditionCheckFailure), "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
}

// A request parameter by name, and whether the request has it.
struct Given {
  const char* name;
  bool present;
};

// DynamoDB rejects requests that mix expression and legacy parameters:
// "Can not use both expression and non-expression parameters in the same request: ...".
void check_no_mixing(const Json& req, std::initializer_list<const char*> legacy, std::initializer_list<const char*> expressions);
void check_no_mixing(std::initializer_list<Given> legacy, std::initializer_list<Given> expressions);

// ExpressionAttributeNames/Values given while none of `expressions` is: DynamoDB's message.
void check_attributes_have_expressions(const Json& req, const expr::Attributes& attrs,
                                       std::initializer_list<const char*> expressions);
void check_attributes_have_expressions(const expr::Attributes& attrs, std::initializer_list<Given> expressions);
// Only whether the expression attribute maps are present (a request without values has none):
// DynamoDB checks that before it reads them, or the item, key or filter they come with.
template <typename Req>
expr::Attributes present_attributes(const Req& req) {
  expr::Attributes present;
  present.has_names = req.ExpressionAttributeNames.has_value();
  if constexpr (requires { req.ExpressionAttributeValues; }) present.has_values = req.ExpressionAttributeValues.has_value();
  return present;
}

// The prologue PutItem, DeleteItem and UpdateItem share, in DynamoDB's order: constraints (the
// Item or Key required, ReturnValues), ReturnValues NONE or ALL_OLD (PutItem, DeleteItem), no
// mixing of expression and legacy parameters, the item or key, the update (UpdateItem), the
// condition, unused expression attributes, the table.
struct ItemWrite {
  const model::Item* item = nullptr;  // PutItem's Item, DeleteItem's and UpdateItem's Key
  expr::Update update;                // UpdateItem only
  expr::Condition condition;
  model::TablePtr table;
  std::string return_values = "NONE";
  bool return_old_on_failure = false;  // ReturnValuesOnConditionCheckFailure ALL_OLD
  CapacityDetail detail = CapacityDetail::none;
};
template <typename Req>  // shapes::PutItemInput, DeleteItemInput, UpdateItemInput
ItemWrite prepare_item_write(Context& ctx, const Req& req);

// Legacy condition parameters of a typed request, as the expression layer takes them.
std::vector<expr::LegacyComparison> legacy_comparisons(const std::map<std::string, shapes::ExpectedAttributeValue>& expected);
std::vector<expr::LegacyComparison> legacy_comparisons(const std::map<std::string, shapes::Condition>& conditions);

// The projection from ProjectionExpression or AttributesToGet; nullopt = whole item.
std::optional<expr::Projection> read_projection(const Json& req, expr::Attributes& attrs);
std::optional<expr::Projection> read_projection(const std::optional<std::string>& projection_expression,
                                                const std::optional<std::vector<std::string>>& attributes_to_get,
                                                expr::Attributes& attrs);

// Key attributes are scalars, so a document path may not go inside one: "Key attributes must be
// scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk" (table keys are
// looked for first, then "IndexKey: <name>" for secondary index keys).
void check_key_paths(const model::TableInfo& table, const std::vector<expr::Path>& paths);

// DynamoDB's 400 KB item size limit ("Item size has exceeded the maximum allowed size"), checked
// with the item's contents, before the table is looked up.
void check_item_size(const model::Item& item);
// The secondary index key values of an item about to be written, once its table is known.
void check_item_for_write(const model::TableInfo& table, const model::Item& item);

// UpdateItem's index checks before the item is read: no document path may reach inside a
// secondary index key ("Key attributes must be scalars; ..."), and a value whose type is known up
// front must have the index key's type ("... Type mismatch for Index Key ...").
void check_update_for_indexes(const model::TableInfo& table, const expr::Update& update);
// UpdateItem's checks on the updated item: index keys set from other attributes ("The update
// expression attempted to update the secondary index key to unsupported type"), then its size
// ("Item size to update has exceeded the maximum allowed size").
void check_updated_item(const model::TableInfo& table, const expr::Update& update, const model::Item& item);

// ConditionalCheckFailedException, with the old item when ReturnValuesOnConditionCheckFailure
// is ALL_OLD.
[[noreturn]] void condition_failed(bool return_old, const model::Item* old);

// The ConsumedCapacity of replacing `old` with `now` (either may be null), indexes included;
// `table_name` as the request gave it (name or ARN).
std::optional<shapes::ConsumedCapacity> write_capacity_of(CapacityDetail detail, const std::string& table_name,
                                                          const model::TableInfo& table, const model::Item* old,
                                                          const model::Item* now);

// ,"Attributes":{...} (nothing when the item is empty).
void append_attributes(std::string& out, const model::Item& item);
// ,"<name>":<json text> (nothing when the text is empty); `out` is an object being built.
void append_member(std::string& out, const char* name, const std::string& json_text);

}  // namespace dynarock::api
