// TransactWriteItems: up to 100 condition checks, puts, deletes and updates on distinct items,
// all-or-nothing. The engine locks every item (in a global order) before any condition is
// evaluated, so the whole transaction is one isolated step. A ClientRequestToken makes a retry
// within 10 minutes (kept by the engine, across restarts) return the first result without applying
// the writes again; calls with the same token are serialised, so a concurrent retry waits for the
// first call and then replays it.
//
// Order of checks, as on DynamoDB: member constraints; then every action's shape, values and
// expressions in request order (so a malformed expression anywhere wins over a missing table);
// then tables, keys and duplicate targets. A key (table or index key) of the wrong type cancels
// the transaction with a ValidationError reason instead of failing the request.
#include <cctype>
#include <memory>
#include <set>
#include <string_view>

#include "api/item_collection.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

enum class Kind { condition_check, put, remove, update };

constexpr size_t kMaxTransactionSize = 4 * 1024 * 1024;

struct Action {
  Kind kind;
  const std::string* table_name;
  bool return_old_on_failure;  // ReturnValuesOnConditionCheckFailure ALL_OLD
  model::TablePtr table;
  model::PrimaryKey key;
  model::Item item;        // Put: the new item; others: the request key
  expr::Condition condition;
  expr::Update update;
  std::string key_error;   // non-empty: the key does not fit the table (a ValidationError reason)
};

// Key errors that cancel the transaction (a ValidationError reason) rather than fail the request:
// a key attribute of the wrong type or shape, for the table's key or an index key. Empty key
// values and size limits stay request-level errors.
bool is_key_schema_error(const ApiError& e) {
  const std::string& m = e.message();
  return m == "The provided key element does not match the schema" ||
         m.rfind("One or more parameter values were invalid: Type mismatch for key ", 0) == 0 ||
         m.rfind("One or more parameter values were invalid: Type mismatch for Index Key ", 0) == 0 ||
         m.rfind("One or more parameter values were invalid: Missing the key ", 0) == 0;
}

// First pass over one action: its shape, values and expressions; no table is looked up.
// Spec: shapes::ConditionCheck, Put, Delete or Update.
template <typename Spec>
Action parse_action(const Spec& spec, Kind kind, const char* member, size_t index) {
  constexpr bool kPut = requires { spec.Item; };
  constexpr bool kUpdate = requires { spec.UpdateExpression; };
  std::string prefix = "transactItems." + std::to_string(index) + ".member.";
  prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(member[0])));
  prefix += std::string(member + 1) + ".";
  Constraints c;
  c.table_name_or_arn(ptr(spec.TableName), (prefix + "tableName").c_str());
  c.enum_value(ptr(spec.ReturnValuesOnConditionCheckFailure), (prefix + "returnValuesOnConditionCheckFailure").c_str(),
               {"ALL_OLD", "NONE"});
  const std::optional<model::Checked<model::Item>>* item;
  if constexpr (kPut) item = &spec.Item;
  else item = &spec.Key;
  if (!*item) c.add("null", prefix + (kPut ? "item" : "key"), "Member must not be null");
  if constexpr (kUpdate)
    if (!spec.UpdateExpression) c.add("null", prefix + "updateExpression", "Member must not be null");
  if (kind == Kind::condition_check && !spec.ConditionExpression)
    c.add("null", prefix + "conditionExpression", "Member must not be null");
  c.finish();

  Action a{kind, &*spec.TableName, spec.ReturnValuesOnConditionCheckFailure == "ALL_OLD", nullptr, {}, {}, {}, {}, {}};
  // As in PutItem/UpdateItem/DeleteItem: which expression parameters are present first, then the
  // item or key (a put's size with it), then the expressions.
  check_attributes_have_expressions(present_attributes(spec), {{"UpdateExpression", kUpdate}, {"ConditionExpression", spec.ConditionExpression.has_value()}});
  a.item = (*item)->get();
  if constexpr (kPut) check_item_size(a.item);
  expr::Attributes attrs = expr::parse_attributes(ptr(spec.ExpressionAttributeNames), ptr(spec.ExpressionAttributeValues));
  if constexpr (kUpdate) a.update = expr::compile_update(*spec.UpdateExpression, attrs);
  if (spec.ConditionExpression) a.condition = expr::compile_condition(*spec.ConditionExpression, attrs, "ConditionExpression");
  expr::check_unused(attrs);
  return a;
}

Action parse_action(const shapes::TransactWriteItem& entry, size_t index) {
  if (entry.null_element) throw serialization_error("Unexpected value type in payload");
  if (entry.ConditionCheck.has_value() + entry.Put.has_value() + entry.Delete.has_value() + entry.Update.has_value() != 1)
    throw validation_error("TransactItems can only contain one of Check, Put, Update or Delete");
  if (entry.ConditionCheck) return parse_action(*entry.ConditionCheck, Kind::condition_check, "ConditionCheck", index);
  if (entry.Put) return parse_action(*entry.Put, Kind::put, "Put", index);
  if (entry.Delete) return parse_action(*entry.Delete, Kind::remove, "Delete", index);
  return parse_action(*entry.Update, Kind::update, "Update", index);
}

// The request as the idempotency token remembers it: the actions' JSON, members sorted, so their
// order in the request does not matter. (Validation has read every value by now.)
std::string token_text(const std::vector<shapes::TransactWriteItem>& items) {
  auto item_json = [](const std::optional<model::Checked<model::Item>>& item) { return model::to_json(item->value); };
  auto common = [](Json& j, const auto& spec) {
    if (spec.TableName) j["TableName"] = *spec.TableName;
    if (spec.ConditionExpression) j["ConditionExpression"] = *spec.ConditionExpression;
    if (spec.ExpressionAttributeNames) j["ExpressionAttributeNames"] = *spec.ExpressionAttributeNames;
    if (spec.ExpressionAttributeValues) {
      Json& values = j["ExpressionAttributeValues"] = Json::object();
      for (const auto& [name, v] : *spec.ExpressionAttributeValues) values[name] = model::to_json(v.value);
    }
    if (spec.ReturnValuesOnConditionCheckFailure) j["ReturnValuesOnConditionCheckFailure"] = *spec.ReturnValuesOnConditionCheckFailure;
  };
  Json list = Json::array();
  for (const auto& entry : items) {
    Json e = Json::object();
    if (entry.ConditionCheck) {
      Json& j = e["ConditionCheck"] = {{"Key", item_json(entry.ConditionCheck->Key)}};
      common(j, *entry.ConditionCheck);
    } else if (entry.Put) {
      Json& j = e["Put"] = {{"Item", item_json(entry.Put->Item)}};
      common(j, *entry.Put);
    } else if (entry.Delete) {
      Json& j = e["Delete"] = {{"Key", item_json(entry.Delete->Key)}};
      common(j, *entry.Delete);
    } else {
      Json& j = e["Update"] = {{"Key", item_json(entry.Update->Key)}, {"UpdateExpression", *entry.Update->UpdateExpression}};
      common(j, *entry.Update);
    }
    list.push_back(std::move(e));
  }
  return list.dump();
}

// Second pass: the table, the key and what the item must satisfy before it is written.
void resolve_action(Context& ctx, Action& a) {
  a.table = ctx.require_table(table_name_from(*a.table_name));
  try {
    if (a.kind == Kind::put) {
      a.key = model::key_from_item(a.table->key, a.item);
      check_item_for_write(*a.table, a.item);
    } else {
      a.key = model::key_from_request(a.table->key, a.item);
    }
  } catch (const ApiError& e) {
    if (e.code() != "ValidationException" || !is_key_schema_error(e)) throw;
    a.key_error = e.message();
    return;
  }
  if (a.kind == Kind::update) {
    for (const auto& name : a.update.top_level_targets())
      if (a.table->key.is_key_attribute(name))
        throw validation_error("One or more parameter values were invalid: Cannot update attribute " + name + ". This attribute is part of the key");
    check_update_for_indexes(*a.table, a.update);
  }
}

// ItemCollectionMetrics after ConsumedCapacity, as in the model (the response is written here).
void append_collections(std::string& out, std::optional<std::map<std::string, std::vector<shapes::ItemCollectionMetrics>>> metrics) {
  if (!metrics) return;
  shapes::TransactWriteItemsOutput only;
  only.ItemCollectionMetrics = std::move(metrics);
  std::string text;
  shapes::encode_TransactWriteItemsOutput(only, text);
  if (out.size() > 1) out += ',';
  out.append(text, 1, text.size() - 2);  // the member without the object's braces
}

[[noreturn]] void cancel(const Json& reasons) {
  std::string codes;
  for (const auto& r : reasons) codes += (codes.empty() ? "" : ", ") + r["Code"].get<std::string>();
  ApiError e("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
  e.extra["CancellationReasons"] = reasons;
  throw e;
}

}  // namespace

namespace ops {

std::string transact_write_items(Context& ctx, const shapes::TransactWriteItemsInput& req) {
  Constraints v;
  const auto* items = ptr(req.TransactItems);
  if (!items) v.add_message("Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  else if (items->empty()) v.add_message("Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  else if (items->size() > 100)
    v.add_message("Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
  const std::string* token = ptr(req.ClientRequestToken);
  if (token && token->empty())
    v.add_message("Value '' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (token && token->size() > 36)
    v.add_message("Value '" + *token + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36");
  v.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.enum_value(ptr(req.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", {"SIZE", "NONE"});
  v.finish();

  std::vector<Action> actions;
  size_t index = 0;
  for (const auto& entry : *items) actions.push_back(parse_action(entry, ++index));
  // The aggregate size of the transaction's items (Put items, the other actions' keys) is capped
  // at 4 MB, checked before any table or condition is looked at.
  size_t total = 0;
  for (const auto& a : actions) total += model::item_size(a.item);
  if (total > kMaxTransactionSize) throw validation_error("Transaction request cannot be larger than 4 MB");

  std::set<engine::ItemId> seen;
  Json key_reasons = Json::array();
  bool key_errors = false;
  for (auto& a : actions) {
    resolve_action(ctx, a);
    if (!a.key_error.empty()) {
      key_errors = true;
      key_reasons.push_back({{"Code", "ValidationError"}, {"Message", a.key_error}});
      continue;
    }
    key_reasons.push_back({{"Code", "None"}});
    if (!seen.insert(engine::item_id(*a.table, a.key)).second)
      throw validation_error("Transaction request cannot include multiple operations on one item");
  }
  if (key_errors) cancel(key_reasons);

  std::vector<engine::Target> targets;
  WrittenCollections collections(req.ReturnItemCollectionMetrics);
  for (const auto& a : actions) {
    targets.push_back({a.table, a.key});
    if (a.kind != Kind::condition_check) collections.add(a.table, a.key);  // a check writes nothing
  }
  CapacityDetail detail = capacity_detail(req.ReturnConsumedCapacity);

  // A retried token replays the first answer; the same token with another request is an error.
  // The replay reports the read capacity of looking the items up again.
  // Tokens live in the engine (10 minutes, across restarts); same-token calls run one at a time.
  std::unique_ptr<engine::Engine::TokenGuard> token_lock;
  std::string request_text;
  if (token) {
    request_text = token_text(*items);
    token_lock = ctx.engine.lock_token(ctx.ns, *token);
    if (std::optional<std::string> stored = ctx.engine.find_token(ctx.ns, *token)) {
      // The stored text is the request, then after a newline the size each item was charged on.
      size_t newline = stored->find('\n');
      if (std::string_view(*stored).substr(0, newline) != request_text)
        throw ApiError("IdempotentParameterMismatchException",
                       "Request token was already used with different parameters for TransactWriteItems");
      std::string out = "{";
      if (detail != CapacityDetail::none) {
        // A replay is charged as a transactional read of the items as the first call sized them.
        std::vector<size_t> sizes;
        if (newline != std::string::npos) sizes = Json::parse(stored->substr(newline + 1)).get<std::vector<size_t>>();
        std::vector<std::optional<model::Item>> current;
        if (sizes.size() != targets.size()) current = ctx.engine.get_many(targets);
        CapacityByTable usage;
        for (size_t i = 0; i < targets.size(); ++i) {
          size_t size = i < sizes.size() ? sizes[i] : current[i] ? model::item_size(*current[i]) : 0;
          usage.add(*actions[i].table_name, targets[i].table, Consumed{2 * read_units(size, true), {}});
        }
        out += usage.member(detail, Charge::transactional_read);
      }
      append_collections(out, collections.metrics(ctx.engine));
      return out + '}';
    }
  }

  CapacityByTable usage;
  std::vector<size_t> sizes(actions.size());  // what each item was charged on, kept with a token
  ctx.engine.mutate_many(targets, [&](const std::vector<const model::Item*>& olds) {
    usage.clear();
    std::vector<engine::Decision> decisions(actions.size());
    Json reasons = Json::array();
    bool cancelled = false;
    for (size_t i = 0; i < actions.size(); ++i) {
      const Action& a = actions[i];
      const model::Item* old = olds[i];
      Json reason = {{"Code", "None"}};
      try {
        if (!a.condition.empty() && !a.condition.evaluate(old ? *old : model::Item())) {
          reason = {{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}};
          if (a.return_old_on_failure && old) reason["Item"] = model::to_json(*old);
        } else if (a.kind == Kind::put) {
          decisions[i] = {engine::Decision::Action::put, a.item};
        } else if (a.kind == Kind::remove) {
          decisions[i] = {old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
        } else if (a.kind == Kind::update) {
          model::Item next = a.update.apply(old ? *old : a.item);
          check_updated_item(*a.table, a.update, next);
          decisions[i] = {engine::Decision::Action::put, std::move(next)};
        }
      } catch (const ApiError& e) {
        if (e.code() != "ValidationException") throw;
        reason = {{"Code", "ValidationError"}, {"Message", e.message()}};
      }
      if (reason["Code"] != "None") cancelled = true;
      reasons.push_back(std::move(reason));
      // The table arm costs twice what the same write outside a transaction would (a condition
      // check is charged on the item it read); the index arms cost the same as outside one.
      const model::Item* now = decisions[i].action == engine::Decision::Action::put ? &decisions[i].item : nullptr;
      if (detail != CapacityDetail::none) {
        Consumed consumed = write_consumed(*a.table, old, a.kind == Kind::condition_check ? old : now);
        consumed.table *= 2;
        usage.add(*a.table_name, a.table, consumed);
      }
      if (token) sizes[i] = std::max(old ? model::item_size(*old) : 0, now ? model::item_size(*now) : 0);
    }
    if (cancelled) cancel(reasons);
    return decisions;
  });

  std::string out = "{";
  if (detail != CapacityDetail::none) out += usage.member(detail, Charge::transactional_write);
  append_collections(out, collections.metrics(ctx.engine));
  out += '}';
  if (token) ctx.engine.remember_token(ctx.ns, *token, request_text + '\n' + Json(sizes).dump());
  return out;
}

}  // namespace ops

}  // namespace dynarock::api
