// BatchGetItem: up to 100 items from one or more tables, read from one snapshot. Everything is
// always processed, so UnprocessedKeys is always empty.
//
// Validation follows DynamoDB's order: the service model's member constraints first (RequestItems
// not empty, table names, 1..100 keys per table, the ReturnConsumedCapacity enum), reported
// together; then the request's own rules (expression/legacy mixing across all tables, the 100-key
// total over all tables), and only then the tables themselves, their key schemas and duplicates.
#include <set>
#include <unordered_set>

#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api::ops {

namespace {

// RequestItems as DynamoDB echoes it in a constraint message: the request's JSON, members sorted.
std::string echo_request_items(const std::map<std::string, shapes::KeysAndAttributesIn>& request_items) {
  Json echo = Json::object();
  for (const auto& [name, spec] : request_items) {
    Json& e = echo[name] = Json::object();
    if (spec.AttributesToGet) e["AttributesToGet"] = *spec.AttributesToGet;
    if (spec.ConsistentRead) e["ConsistentRead"] = *spec.ConsistentRead;
    if (spec.ExpressionAttributeNames) e["ExpressionAttributeNames"] = *spec.ExpressionAttributeNames;
    if (spec.Keys) {
      Json& keys = e["Keys"] = Json::array();
      for (const auto& k : *spec.Keys) keys.push_back(k.error ? Json() : model::to_json(k.value));
    }
    if (spec.ProjectionExpression) e["ProjectionExpression"] = *spec.ProjectionExpression;
  }
  return echo.dump();
}

constexpr size_t kMaxResponseSize = 16 * 1024 * 1024;

// The Keys list of `table`'s UnprocessedKeys entry, made on first use with the request's other
// members for that table so that the entry can be sent again as it is.
std::vector<model::Item>& unprocessed_keys(shapes::BatchGetItemOutput& out, const std::string& table,
                                           const shapes::KeysAndAttributesIn& spec) {
  auto [it, added] = out.UnprocessedKeys->try_emplace(table);
  if (added) {
    it->second.AttributesToGet = spec.AttributesToGet;
    it->second.ConsistentRead = spec.ConsistentRead;
    it->second.ProjectionExpression = spec.ProjectionExpression;
    it->second.ExpressionAttributeNames = spec.ExpressionAttributeNames;
    it->second.Keys.emplace();
  }
  return *it->second.Keys;
}

}  // namespace

shapes::BatchGetItemOutput batch_get_item(Context& ctx, const shapes::BatchGetItemInput& req) {
  Constraints v;
  const auto* request_items = ptr(req.RequestItems);
  if (!request_items) v.add_message("Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  else if (request_items->empty())
    v.add_message("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (request_items) {
    bool bad_name = false;
    for (const auto& [name, spec] : *request_items) {
      if (spec.null_element) throw serialization_error("Unexpected value type in payload");
      // A table ARN is accepted as a key; a plain name must satisfy the TableName pattern.
      if (name.rfind("arn:", 0) != 0 && !valid_table_name(name)) bad_name = true;
    }
    if (bad_name)
      v.add_message("Value '" + echo_request_items(*request_items) + "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
            "[Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
    for (const auto& [name, spec] : *request_items) {
      std::string path = "RequestItems." + name + ".member.Keys";
      if (!spec.Keys) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must not be null");
      else if (spec.Keys->empty()) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
      else if (spec.Keys->size() > 100) v.add_message("Value at '" + path + "' failed to satisfy constraint: Member must have length less than or equal to 100");
    }
  }
  v.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.finish();

  // Expression and legacy projections cannot be mixed, not even across tables.
  std::string legacy_table, expression_table;
  for (const auto& [name, spec] : *request_items) {
    check_no_mixing({{"AttributesToGet", spec.AttributesToGet.has_value()}},
                    {{"ProjectionExpression", spec.ProjectionExpression.has_value()}});
    if (spec.AttributesToGet) legacy_table = name;
    if (spec.ProjectionExpression) expression_table = name;
  }
  if (!legacy_table.empty() && !expression_table.empty())
    throw validation_error(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
        "{AttributesToGet} Expression parameters: {ProjectionExpression}");

  struct TableRead {
    const std::string* name;
    const shapes::KeysAndAttributesIn* spec;
    const std::vector<model::Checked<model::Item>>* keys;
    model::TablePtr table;
    std::vector<model::PrimaryKey> primary_keys;
    std::optional<expr::Projection> projection;
    bool consistent = false;
  };
  std::vector<TableRead> reads;
  size_t total = 0;
  for (const auto& [name, spec] : *request_items) {
    TableRead read{&name, &spec, &*spec.Keys, nullptr, {}, std::nullopt, false};
    // DynamoDB's order (answers recorded from the service): names given without an expression,
    // the keys' contents, the projection, then keys repeated by value, before any table lookup.
    check_attributes_have_expressions(present_attributes(spec), {{"ProjectionExpression", spec.ProjectionExpression.has_value()}});
    for (const auto& k : *read.keys) k.get();
    // KeysAndAttributes has no ExpressionAttributeValues: DynamoDB ignores them.
    expr::Attributes attrs = expr::parse_attributes(ptr(spec.ExpressionAttributeNames), nullptr);
    read.projection = read_projection(spec.ProjectionExpression, spec.AttributesToGet, attrs);
    expr::check_unused(attrs);
    std::unordered_set<std::string> given;  // each key's wire text: members sorted, numbers normalised
    for (const auto& k : *read.keys) {
      std::string text;
      model::write_json(k.value, text);
      if (!given.insert(std::move(text)).second) throw validation_error("Provided list of item keys contains duplicates");
    }
    read.consistent = spec.ConsistentRead.value_or(false);
    total += read.keys->size();
    if (total > 100) throw validation_error("Too many items requested for the BatchGetItem call");
    reads.push_back(std::move(read));
  }

  for (auto& read : reads) {
    read.table = ctx.require_table(table_name_from(*read.name));
    std::set<engine::ItemId> seen;
    for (const auto& k : *read.keys) {
      model::PrimaryKey key = model::key_from_request(read.table->key, k.get());
      if (!seen.insert(engine::item_id(*read.table, key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      read.primary_keys.push_back(std::move(key));
    }
  }

  std::vector<engine::Target> targets;
  for (const auto& r : reads)
    for (const auto& k : r.primary_keys) targets.push_back({r.table, k});
  std::vector<std::optional<model::Item>> items = ctx.engine.get_many(targets);

  CapacityDetail detail = capacity_detail(req.ReturnConsumedCapacity);
  shapes::BatchGetItemOutput out;
  auto& responses = out.Responses.emplace();
  out.UnprocessedKeys.emplace();
  CapacityByTable usage;
  size_t next = 0;
  size_t response_size = 0;
  for (const auto& read : reads) {
    std::vector<model::Item>& found = responses[*read.name];
    double units = 0;  // each item is rounded up on its own, as for GetItem
    for (size_t k = 0; k < read.primary_keys.size(); ++k, ++next) {
      std::optional<model::Item>& item = items[next];
      if (!item) {
        units += read_units(0, read.consistent);
        continue;
      }
      const size_t stored = model::item_size(*item);
      // A present item whose projection matches nothing stays in the list as {}.
      model::Item shown = read.projection ? read.projection->apply(*item) : std::move(*item);
      // A response holds at most 16 MB of items; the keys past that come back unprocessed.
      response_size += model::item_size(shown);
      if (response_size > kMaxResponseSize) {
        unprocessed_keys(out, *read.name, *read.spec).push_back((*read.keys)[k].value);
        continue;
      }
      units += read_units(stored, read.consistent);
      found.push_back(std::move(shown));
    }
    usage.add(*read.name, read.table, Consumed{units, {}});
  }
  if (detail != CapacityDetail::none) out.ConsumedCapacity = usage.list(detail, Charge::plain);
  return out;
}

}  // namespace dynarock::api::ops
