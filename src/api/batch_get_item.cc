// BatchGetItem: up to 100 items from one or more tables, read from one snapshot. Everything is
// always processed, so UnprocessedKeys is always empty.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "engine/key_codec.h"
#include "model/error.h"
#include "model/json_writer.h"

namespace dynarock::api {

std::string batch_get_item(Context& ctx, const Json& req) {
  Constraints c;
  const Json* request_items = get_object(req, "RequestItems");
  if (!request_items) c.add("null", "requestItems", "Member must not be null");
  else if (request_items->empty()) c.add("'{}'", "requestItems", "Member must have length greater than or equal to 1");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.finish();

  struct TableRead {
    std::string name;
    model::TablePtr table;
    std::vector<model::PrimaryKey> keys;
    std::optional<expr::Projection> projection;
    bool consistent = false;
  };
  std::vector<TableRead> reads;
  size_t total = 0;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    const Json& spec = it.value();
    if (!spec.is_object()) throw serialization_error("Unexpected value type in payload");
    const Json* keys = get_array(spec, "Keys");
    if (!keys || keys->empty())
      throw validation_error("1 validation error detected: Value null at 'requestItems." + it.key() +
                             ".member.keys' failed to satisfy constraint: Member must not be null");
    total += keys->size();
    if (total > 100) throw validation_error("Too many items requested for the BatchGetItem call");
    check_no_mixing(spec, {"AttributesToGet"}, {"ProjectionExpression"});
    TableRead read;
    read.name = table_name_from(it.key());
    expr::Attributes attrs = expr::parse_attributes(spec);
    check_attributes_have_expressions(spec, attrs, {"ProjectionExpression"});
    read.projection = read_projection(spec, attrs);
    expr::check_unused(attrs);
    read.consistent = get_bool(spec, "ConsistentRead").value_or(false);
    read.table = ctx.require_table(read.name);
    std::set<std::string> seen;
    for (const auto& k : *keys) {
      model::PrimaryKey key = model::key_from_request(read.table->key, model::parse_item(k));
      if (!seen.insert(engine::key_codec::item_key(read.table->id, key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      read.keys.push_back(std::move(key));
    }
    reads.push_back(std::move(read));
  }

  std::vector<engine::Target> targets;
  for (const auto& r : reads)
    for (const auto& k : r.keys) targets.push_back({r.table, k});
  std::vector<std::optional<model::Item>> items = ctx.engine.get_many(targets);

  CapacityDetail detail = capacity_detail(req);
  std::string out = "{\"Responses\":{", capacity;
  size_t next = 0;
  for (size_t t = 0; t < reads.size(); ++t) {
    if (t) out += ',';
    json_writer::string(out, reads[t].name);
    out += ":[";
    double units = 0;  // each item is rounded up on its own, as for GetItem
    bool first = true;
    for (size_t k = 0; k < reads[t].keys.size(); ++k, ++next) {
      units += read_units(items[next] ? model::item_size(*items[next]) : 0, reads[t].consistent);
      if (!items[next]) continue;
      if (!first) out += ',';
      first = false;
      model::write_json(reads[t].projection ? reads[t].projection->apply(*items[next]) : *items[next], out);
    }
    out += ']';
    if (detail != CapacityDetail::none) {
      if (!capacity.empty()) capacity += ',';
      capacity += consumed_capacity(detail, *reads[t].table, units, false);
    }
  }
  out += "},\"UnprocessedKeys\":{}";
  if (detail != CapacityDetail::none) out += ",\"ConsumedCapacity\":[" + capacity + "]";
  out += '}';
  return out;
}

}  // namespace dynarock::api
