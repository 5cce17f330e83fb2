// TransactGetItems: up to 100 items read from one consistent snapshot.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "engine/key_codec.h"
#include "model/error.h"

namespace dynarock::api {

std::string transact_get_items(Context& ctx, const Json& req) {
  Constraints c;
  const Json* items = get_array(req, "TransactItems");
  if (!items) c.add("null", "transactItems", "Member must not be null");
  else if (items->empty()) c.add("'[]'", "transactItems", "Member must have length greater than or equal to 1");
  else if (items->size() > 100)
    c.add("'" + items->dump() + "'", "transactItems", "Member must have length less than or equal to 100");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.finish();

  std::vector<engine::Target> targets;
  std::vector<std::optional<expr::Projection>> projections;
  std::set<std::string> seen;
  for (const auto& entry : *items) {
    if (!entry.is_object()) throw serialization_error("Unexpected value type in payload");
    const Json* get = get_object(entry, "Get");
    if (!get) throw validation_error("1 validation error detected: Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
    Constraints gc;
    gc.table_name_or_arn(*get, "TableName", "tableName");
    if (!get_object(*get, "Key")) gc.add("null", "key", "Member must not be null");
    gc.finish();
    expr::Attributes attrs = expr::parse_attributes(*get);
    check_attributes_have_expressions(*get, attrs, {"ProjectionExpression"});
    projections.push_back(read_projection(*get, attrs));
    expr::check_unused(attrs);
    model::TablePtr table = ctx.require_table(table_name_from(*get_string(*get, "TableName")));
    model::PrimaryKey key = model::key_from_request(table->key, model::parse_item((*get)["Key"]));
    if (!seen.insert(engine::key_codec::item_key(table->id, key)).second)
      throw validation_error("Transaction request cannot include multiple operations on one item");
    targets.push_back({table, std::move(key)});
  }

  std::vector<std::optional<model::Item>> found = ctx.engine.get_many(targets);
  std::string out = "{\"Responses\":[";
  std::map<std::string, double> units;
  std::map<std::string, model::TablePtr> tables;
  for (size_t i = 0; i < found.size(); ++i) {
    if (i) out += ',';
    out += '{';
    if (found[i]) {
      out += "\"Item\":";
      model::write_json(projections[i] ? projections[i]->apply(*found[i]) : *found[i], out);
    }
    out += '}';
    units[targets[i].table->name] += 2 * read_units(found[i] ? model::item_size(*found[i]) : 0, true);
    tables[targets[i].table->name] = targets[i].table;
  }
  out += ']';
  CapacityDetail detail = capacity_detail(req);
  if (detail != CapacityDetail::none) {
    out += ",\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto& [name, u] : units) {
      if (!first) out += ',';
      first = false;
      out += consumed_capacity(detail, *tables[name], u, false);
    }
    out += ']';
  }
  out += '}';
  return out;
}

}  // namespace dynarock::api
