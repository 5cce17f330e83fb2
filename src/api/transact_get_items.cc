// TransactGetItems: up to 100 items read from one consistent snapshot.
//
// Order of checks, as on DynamoDB: member constraints; then every action's expressions (so a bad
// projection anywhere wins over a missing table); then tables, keys and duplicate targets. A key
// that does not match its table's schema cancels the transaction with a ValidationError reason
// rather than failing the request.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

bool is_key_schema_error(const ApiError& e) {
  const std::string& m = e.message();
  return m == "The provided key element does not match the schema" ||
         m.rfind("One or more parameter values were invalid: Type mismatch for key ", 0) == 0 ||
         m.rfind("One or more parameter values were invalid: Missing the key ", 0) == 0;
}

}  // namespace

namespace ops {

std::string transact_get_items(Context& ctx, const shapes::TransactGetItemsInput& req) {
  Constraints v;
  const auto* items = ptr(req.TransactItems);
  if (!items) v.add_message("Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  else if (items->empty()) v.add_message("Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  else if (items->size() > 100)
    v.add_message("Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
  v.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.finish();

  struct Read {
    const shapes::Get* get = nullptr;
    std::optional<expr::Projection> projection;
    const model::Item* key_item = nullptr;
    model::TablePtr table;
    std::optional<model::PrimaryKey> key;  // nullopt: the key does not match the schema
    std::string key_error;
  };
  std::vector<Read> reads;
  size_t index = 0;
  for (const auto& entry : *items) {
    ++index;
    if (entry.null_element) throw serialization_error("Unexpected value type in payload");
    if (!entry.Get)
      throw validation_error("1 validation error detected: Value null at 'transactItems." + std::to_string(index) +
                             ".member.get' failed to satisfy constraint: Member must not be null");
    const shapes::Get& get = *entry.Get;
    std::string prefix = "transactItems." + std::to_string(index) + ".member.get.";
    Constraints gc;
    gc.table_name_or_arn(ptr(get.TableName), (prefix + "tableName").c_str());
    if (!get.Key) gc.add("null", prefix + "key", "Member must not be null");
    gc.finish();
    Read r;
    r.get = &get;
    // As in GetItem: names given without an expression before the key's contents.
    check_attributes_have_expressions(present_attributes(get), {{"ProjectionExpression", get.ProjectionExpression.has_value()}});
    r.key_item = &get.Key->get();
    // Get has no ExpressionAttributeValues: DynamoDB ignores them.
    expr::Attributes attrs = expr::parse_attributes(ptr(get.ExpressionAttributeNames), nullptr);
    r.projection = read_projection(get.ProjectionExpression, std::nullopt, attrs);
    expr::check_unused(attrs);
    reads.push_back(std::move(r));
  }

  std::set<engine::ItemId> seen;
  bool cancelled = false;
  for (auto& r : reads) {
    r.table = ctx.require_table(table_name_from(*r.get->TableName));
    try {
      r.key = model::key_from_request(r.table->key, *r.key_item);
    } catch (const ApiError& e) {
      if (e.code() != "ValidationException" || !is_key_schema_error(e)) throw;
      r.key_error = e.message();
      cancelled = true;
      continue;
    }
    if (!seen.insert(engine::item_id(*r.table, *r.key)).second)
      throw validation_error("Transaction request cannot include multiple operations on one item");
  }
  if (cancelled) {
    Json reasons = Json::array();
    std::string codes;
    for (const auto& r : reads) {
      Json reason = {{"Code", "None"}};
      if (!r.key) reason = {{"Code", "ValidationError"}, {"Message", r.key_error}};
      codes += (codes.empty() ? "" : ", ") + reason["Code"].get<std::string>();
      reasons.push_back(std::move(reason));
    }
    ApiError e("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
    e.extra["CancellationReasons"] = reasons;
    throw e;
  }

  std::vector<engine::Target> targets;
  for (const auto& r : reads) targets.push_back({r.table, *r.key});
  std::vector<std::optional<model::Item>> found = ctx.engine.get_many(targets);
  // Responses come before ConsumedCapacity in DynamoDB's answer (the model lists them the other
  // way round), so the body is written here rather than by the generated encoder.
  std::string out = "{\"Responses\":[";
  CapacityByTable usage;
  for (size_t i = 0; i < found.size(); ++i) {
    if (i) out += ',';
    out += '{';
    if (found[i]) {
      model::Item item = reads[i].projection ? reads[i].projection->apply(*found[i]) : *found[i];
      // A present item whose projection matches nothing is left out, as if it were missing.
      if (!item.empty()) {
        out += "\"Item\":";
        model::write_json(item, out);
      }
    }
    out += '}';
    // Two read units per item (each rounded up on its own), a missing item included.
    usage.add(*reads[i].get->TableName, targets[i].table,
              Consumed{2 * read_units(found[i] ? model::item_size(*found[i]) : 0, true), {}});
  }
  out += ']';
  CapacityDetail detail = capacity_detail(req.ReturnConsumedCapacity);
  if (detail != CapacityDetail::none) {
    out += ',' + usage.member(detail, Charge::transactional_read);
  }
  out += '}';
  return out;
}

}  // namespace ops

}  // namespace dynarock::api
