// UpdateItem: edits an item in place (creating it from its key when absent), under the item's
// lock, so a condition and the update it guards are one atomic step.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string update_item(Context& ctx, const Json& req) {
  Constraints c;
  check_item_request(req, c);
  const Json* key_json = get_object(req, "Key");
  if (!key_json) c.add("null", "key", "Member must not be null");
  c.enum_value(req, "ReturnValues", "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
  c.finish();
  check_no_mixing(req, {"AttributeUpdates", "Expected", "ConditionalOperator"}, {"UpdateExpression", "ConditionExpression"});

  model::Item key_item = model::parse_item(*key_json);
  expr::Attributes attrs = expr::parse_attributes(req);
  check_attributes_have_expressions(req, attrs, {"UpdateExpression", "ConditionExpression"});
  expr::Update update;
  if (const std::string* text = get_string(req, "UpdateExpression")) update = expr::compile_update(*text, attrs);
  else if (const Json* legacy = get_object(req, "AttributeUpdates")) update = expr::from_attribute_updates(*legacy);
  expr::Condition condition = write_condition(req, attrs);
  expr::check_unused(attrs);

  model::TablePtr table = ctx.require_table(table_name_from(*get_string(req, "TableName")));
  model::PrimaryKey key = model::key_from_request(table->key, key_item);
  for (const auto& name : update.top_level_targets())
    if (table->key.is_key_attribute(name))
      throw validation_error("One or more parameter values were invalid: Cannot update attribute " + name + ". This attribute is part of the key");
  check_update_for_indexes(*table, update);

  const std::string rv = get_string(req, "ReturnValues") ? *get_string(req, "ReturnValues") : "NONE";
  CapacityDetail detail = capacity_detail(req);
  std::string out = "{";
  ctx.engine.mutate(*table, key, [&](const model::Item* old) {
    if (!condition.empty() && !condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    model::Item next = update.apply(old ? *old : key_item);
    check_updated_item(*table, update, next);
    if (rv == "ALL_OLD" && old) append_attributes(out, *old);
    else if (rv == "UPDATED_OLD" && old) append_attributes(out, update.updated_view(*old));
    else if (rv == "ALL_NEW") append_attributes(out, next);
    else if (rv == "UPDATED_NEW") append_attributes(out, update.updated_view(next));
    append_member(out, "ConsumedCapacity", write_capacity(detail, *table, old, &next));
    return engine::Decision{engine::Decision::Action::put, std::move(next)};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
