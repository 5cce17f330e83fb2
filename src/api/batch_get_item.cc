// BatchGetItem: up to 100 items from one or more tables, read from one snapshot. Everything is
// always processed, so UnprocessedKeys is always empty.
//
// Validation follows DynamoDB's order: the service model's member constraints first (RequestItems
// not empty, table names, 1..100 keys per table, the ReturnConsumedCapacity enum), reported
// together; then the request's own rules (expression/legacy mixing across all tables, the 100-key
// total over all tables), and only then the tables themselves, their key schemas and duplicates.
#include <cctype>
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"
#include "model/json_writer.h"

namespace dynarock::api {

namespace {

bool valid_table_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 255) return false;
  for (char ch : name)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.')) return false;
  return true;
}

}  // namespace

std::string batch_get_item(Context& ctx, const Json& req) {
  Constraints v;
  const Json* request_items = get_object(req, "RequestItems");
  if (!request_items) v.add_message("Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  else if (request_items->empty())
    v.add_message("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (request_items) {
    bool bad_name = false;
    for (auto it = request_items->begin(); it != request_items->end(); ++it) {
      if (!it.value().is_object()) throw serialization_error("Unexpected value type in payload");
      // A table ARN is accepted as a key; a plain name must satisfy the TableName pattern.
      if (it.key().rfind("arn:", 0) != 0 && !valid_table_name(it.key())) bad_name = true;
    }
    if (bad_name)
      v.add_message("Value '" + request_items->dump() + "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
            "[Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
    for (auto it = request_items->begin(); it != request_items->end(); ++it) {
      const Json* keys = get_array(it.value(), "Keys");
      std::string path = "RequestItems." + it.key() + ".member.Keys";
      if (!keys) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must not be null");
      else if (keys->empty()) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
      else if (keys->size() > 100) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must have length less than or equal to 100");
    }
  }
  v.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.finish();

  // Expression and legacy projections cannot be mixed, not even across tables.
  std::string legacy_table, expression_table;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    const Json& spec = it.value();
    check_no_mixing(spec, {"AttributesToGet"}, {"ProjectionExpression"});
    if (spec.contains("AttributesToGet") && !spec["AttributesToGet"].is_null()) legacy_table = it.key();
    if (spec.contains("ProjectionExpression") && !spec["ProjectionExpression"].is_null()) expression_table = it.key();
  }
  if (!legacy_table.empty() && !expression_table.empty())
    throw validation_error(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
        "{AttributesToGet} Expression parameters: {ProjectionExpression}");

  struct TableRead {
    std::string name;
    const Json* keys = nullptr;
    model::TablePtr table;
    std::vector<model::PrimaryKey> primary_keys;
    std::optional<expr::Projection> projection;
    bool consistent = false;
  };
  std::vector<TableRead> reads;
  size_t total = 0;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    const Json& spec = it.value();
    TableRead read;
    read.name = it.key();
    read.keys = get_array(spec, "Keys");
    expr::Attributes attrs = expr::parse_attributes(spec, false);
    check_attributes_have_expressions(spec, attrs, {"ProjectionExpression"});
    read.projection = read_projection(spec, attrs);
    expr::check_unused(attrs);
    read.consistent = get_bool(spec, "ConsistentRead").value_or(false);
    total += read.keys->size();
    if (total > 100) throw validation_error("Too many items requested for the BatchGetItem call");
    reads.push_back(std::move(read));
  }

  for (auto& read : reads) {
    read.table = ctx.require_table(table_name_from(read.name));
    std::set<engine::ItemId> seen;
    for (const auto& k : *read.keys) {
      if (!k.is_object()) throw serialization_error("Unexpected value type in payload");
      model::PrimaryKey key = model::key_from_request(read.table->key, model::parse_item(k));
      if (!seen.insert(engine::item_id(*read.table, key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      read.primary_keys.push_back(std::move(key));
    }
  }

  std::vector<engine::Target> targets;
  for (const auto& r : reads)
    for (const auto& k : r.primary_keys) targets.push_back({r.table, k});
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
    for (size_t k = 0; k < reads[t].primary_keys.size(); ++k, ++next) {
      units += read_units(items[next] ? model::item_size(*items[next]) : 0, reads[t].consistent);
      if (!items[next]) continue;
      if (!first) out += ',';
      first = false;
      // A present item whose projection matches nothing stays in the list as {}.
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
