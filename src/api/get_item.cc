// GetItem: one item by its full primary key. Reads are always strongly consistent here; the
// capacity reported follows the ConsistentRead the client asked for.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string get_item(Context& ctx, const Json& req) {
  Constraints c;
  check_item_request(req, c);
  const Json* key_json = get_object(req, "Key");
  if (!key_json) c.add("null", "key", "Member must not be null");
  if (const Json* names = get_array(req, "AttributesToGet"); names && names->empty())
    c.add("'[]'", "attributesToGet", "Member must have length greater than or equal to 1");
  bool consistent = get_bool(req, "ConsistentRead").value_or(false);
  c.finish();
  check_no_mixing(req, {"AttributesToGet"}, {"ProjectionExpression"});

  model::Item key_item = model::parse_item(*key_json);
  expr::Attributes attrs = expr::parse_attributes(req, false);
  check_attributes_have_expressions(req, attrs, {"ProjectionExpression"});
  std::optional<expr::Projection> projection = read_projection(req, attrs);
  expr::check_unused(attrs);

  model::TablePtr table = ctx.require_table(table_name_from(*get_string(req, "TableName")));
  model::PrimaryKey key = model::key_from_request(table->key, key_item);
  if (projection) check_key_paths(*table, projection->paths());
  std::optional<model::Item> item = ctx.engine.get(*table, key);

  std::string out = "{";
  if (item) {
    out += "\"Item\":";
    model::write_json(projection ? projection->apply(*item) : *item, out);
  }
  CapacityDetail detail = capacity_detail(req);
  if (detail != CapacityDetail::none)
    append_member(out, "ConsumedCapacity",
                  consumed_capacity(detail, *table, read_units(item ? model::item_size(*item) : 0, consistent), false));
  out += '}';
  return out;
}

}  // namespace dynarock::api
