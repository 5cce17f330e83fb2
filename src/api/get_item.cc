// GetItem: one item by its full primary key. Reads are always strongly consistent here; the
// capacity reported follows the ConsistentRead the client asked for.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string get_item(Context& ctx, const shapes::GetItemInput& req) {
  Constraints c;
  check_item_request(req, c);
  if (!req.Key) c.add("null", "key", "Member must not be null");
  if (req.AttributesToGet && req.AttributesToGet->empty())
    c.add("'[]'", "attributesToGet", "Member must have length greater than or equal to 1");
  bool consistent = req.ConsistentRead.value_or(false);
  c.finish();
  check_no_mixing({{"AttributesToGet", req.AttributesToGet.has_value()}},
                  {{"ProjectionExpression", req.ProjectionExpression.has_value()}});

  // Names given without an expression are reported before the key's contents are read.
  check_attributes_have_expressions(present_attributes(req), {{"ProjectionExpression", req.ProjectionExpression.has_value()}});
  const model::Item& key_item = req.Key->get();
  // GetItem's input has no ExpressionAttributeValues: DynamoDB ignores them.
  expr::Attributes attrs = expr::parse_attributes(ptr(req.ExpressionAttributeNames), nullptr);
  std::optional<expr::Projection> projection = read_projection(req.ProjectionExpression, req.AttributesToGet, attrs);
  expr::check_unused(attrs);

  model::TablePtr table = ctx.require_table(table_name_from(*req.TableName));
  model::PrimaryKey key = model::key_from_request(table->key, key_item);
  if (projection) check_key_paths(*table, projection->paths());
  std::optional<model::Item> item = ctx.engine.get(*table, key);

  std::string out = "{";
  if (item) {
    out += "\"Item\":";
    model::write_json(projection ? projection->apply(*item) : *item, out);
  }
  CapacityDetail detail = capacity_detail(req.ReturnConsumedCapacity);
  if (detail != CapacityDetail::none)
    append_member(out, "ConsumedCapacity",
                  consumed_capacity(detail, *req.TableName, *table, Consumed{read_units(item ? model::item_size(*item) : 0, consistent), {}}));
  out += '}';
  return out;
}

}  // namespace dynarock::api::ops
