// PutItem: creates or replaces an item, optionally under a condition, atomically with its index
// entries.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string put_item(Context& ctx, const Json& req) {
  Constraints c;
  check_item_request(req, c);
  const Json* item_json = get_object(req, "Item");
  if (!item_json) c.add("null", "item", "Member must not be null");
  c.enum_value(req, "ReturnValues", "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
  c.finish();
  const std::string* rv = get_string(req, "ReturnValues");
  bool return_old = rv && *rv == "ALL_OLD";
  if (rv && *rv != "NONE" && *rv != "ALL_OLD") throw validation_error("ReturnValues can only be ALL_OLD or NONE");
  check_no_mixing(req, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});

  model::Item item = model::parse_item(*item_json);
  expr::Attributes attrs = expr::parse_attributes(req);
  check_attributes_have_expressions(req, attrs, {"ConditionExpression"});
  expr::Condition condition = write_condition(req, attrs);
  expr::check_unused(attrs);

  model::TablePtr table = ctx.require_table(table_name_from(*get_string(req, "TableName")));
  model::PrimaryKey key = model::key_from_item(table->key, item);
  check_item_for_write(*table, item);

  CapacityDetail detail = capacity_detail(req);
  // Nothing in the response or the decision needs the old item: the engine reads only what its
  // writers need (existence and size for counts; attributes only for index entries).
  if (condition.empty() && !return_old && detail == CapacityDetail::none) {
    ctx.engine.put(*table, key, &item);
    return "{}";
  }
  std::string out = "{";
  ctx.engine.mutate(*table, key, [&](const model::Item* old) {
    if (!condition.empty() && !condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    if (return_old && old) append_attributes(out, *old);
    append_member(out, "ConsumedCapacity", write_capacity(detail, *table, old, &item));
    return engine::Decision{engine::Decision::Action::put, item};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
