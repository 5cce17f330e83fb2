// DeleteItem: removes an item (no error when it is absent), optionally under a condition.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string delete_item(Context& ctx, const Json& req) {
  Constraints c;
  check_item_request(req, c);
  const Json* key_json = get_object(req, "Key");
  if (!key_json) c.add("null", "key", "Member must not be null");
  c.enum_value(req, "ReturnValues", "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
  c.finish();
  const std::string* rv = get_string(req, "ReturnValues");
  bool return_old = rv && *rv == "ALL_OLD";
  if (rv && *rv != "NONE" && *rv != "ALL_OLD") throw validation_error("ReturnValues can only be ALL_OLD or NONE");
  check_no_mixing(req, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});

  model::Item key_item = model::parse_item(*key_json);
  expr::Attributes attrs = expr::parse_attributes(req);
  check_attributes_have_expressions(req, attrs, {"ConditionExpression"});
  expr::Condition condition = write_condition(req, attrs);
  expr::check_unused(attrs);

  model::TablePtr table = ctx.require_table(table_name_from(*get_string(req, "TableName")));
  model::PrimaryKey key = model::key_from_request(table->key, key_item);

  CapacityDetail detail = capacity_detail(req);
  if (condition.empty() && !return_old && detail == CapacityDetail::none) {
    ctx.engine.put(*table, key, nullptr);  // as in PutItem: no decode unless a writer needs it
    return "{}";
  }
  std::string out = "{";
  ctx.engine.mutate(*table, key, [&](const model::Item* old) {
    if (!condition.empty() && !condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    if (return_old && old) append_attributes(out, *old);
    append_member(out, "ConsumedCapacity", write_capacity(detail, *table, old, nullptr));
    return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
