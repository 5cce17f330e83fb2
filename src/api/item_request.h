// Pieces every item operation shares: the expression parameters and their legacy twins, the
// checks an item must pass before it is stored, and response fragments.
#pragma once

#include <initializer_list>
#include <string>

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

// PutItem's and DeleteItem's shared prologue, in DynamoDB's order: constraints (with `member`,
// "Item" or "Key", required), ReturnValues (NONE or ALL_OLD), no mixing of expression and legacy
// parameters, the item or key, the condition, the table.
struct SingleWrite {
  model::Item item;  // PutItem's Item, DeleteItem's Key
  expr::Condition condition;
  model::TablePtr table;
  bool return_old = false;
  CapacityDetail detail = CapacityDetail::none;
};
SingleWrite prepare_single_write(Context& ctx, const Json& req, const char* member, const char* path);

// The write condition from ConditionExpression or Expected (empty Condition when neither).
expr::Condition write_condition(const Json& req, expr::Attributes& attrs);

// The projection from ProjectionExpression or AttributesToGet; nullopt = whole item.
std::optional<expr::Projection> read_projection(const Json& req, expr::Attributes& attrs);
std::optional<expr::Projection> read_projection(const std::optional<std::string>& projection_expression,
                                                const std::optional<std::vector<std::string>>& attributes_to_get,
                                                expr::Attributes& attrs);

// Key attributes are scalars, so a document path may not go inside one: "Key attributes must be
// scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk" (table keys are
// looked for first, then "IndexKey: <name>" for secondary index keys).
void check_key_paths(const model::TableInfo& table, const std::vector<expr::Path>& paths);

// Item limits and secondary index key types, checked before a write.
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
[[noreturn]] void condition_failed(const Json& req, const model::Item* old);

// Write capacity for replacing `old` with `now` (either may be null), per index too.
std::string write_capacity(CapacityDetail detail, const model::TableInfo& table, const model::Item* old, const model::Item* now);

// ,"Attributes":{...} (nothing when the item is empty).
void append_attributes(std::string& out, const model::Item& item);
// ,"<name>":<json text> (nothing when the text is empty); `out` is an object being built.
void append_member(std::string& out, const char* name, const std::string& json_text);

}  // namespace dynarock::api
