// TransactWriteItems: up to 100 condition checks, puts, deletes and updates on distinct items,
// all-or-nothing. The engine locks every item (in a global order) before any condition is
// evaluated, so the whole transaction is one isolated step. A ClientRequestToken makes a retry
// within 10 minutes return the first result without applying the writes again.
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>

#include "api/item_request.h"
#include "api/operations.h"
#include "engine/key_codec.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

enum class Kind { condition_check, put, remove, update };

struct Action {
  Kind kind;
  const Json* spec;
  model::TablePtr table;
  model::PrimaryKey key;
  model::Item item;        // Put: the new item; others: the request key
  expr::Condition condition;
  expr::Update update;
};

// Idempotency tokens: (namespace, token) -> request text and response, kept 10 minutes.
struct TokenCache {
  struct Entry {
    std::string request;
    std::string response;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;
};
TokenCache& tokens() {
  static TokenCache cache;
  return cache;
}

Action parse_action(Context& ctx, const Json& entry) {
  if (!entry.is_object()) throw serialization_error("Unexpected value type in payload");
  static const std::pair<const char*, Kind> kKinds[] = {
      {"ConditionCheck", Kind::condition_check}, {"Put", Kind::put}, {"Delete", Kind::remove}, {"Update", Kind::update}};
  const Json* spec = nullptr;
  Kind kind = Kind::put;
  int count = 0;
  for (const auto& [name, k] : kKinds)
    if (const Json* s = get_object(entry, name)) {
      spec = s;
      kind = k;
      ++count;
    }
  if (count != 1)
    throw validation_error("TransactItems can only contain one of Check, Put, Update or Delete");
  Constraints c;
  c.table_name_or_arn(*spec, "TableName", "tableName");
  c.enum_value(*spec, "ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
  if (kind == Kind::put && !get_object(*spec, "Item")) c.add("null", "item", "Member must not be null");
  if (kind != Kind::put && !get_object(*spec, "Key")) c.add("null", "key", "Member must not be null");
  if (kind == Kind::update && !get_string(*spec, "UpdateExpression")) c.add("null", "updateExpression", "Member must not be null");
  if (kind == Kind::condition_check && !get_string(*spec, "ConditionExpression"))
    c.add("null", "conditionExpression", "Member must not be null");
  c.finish();

  Action a{kind, spec, nullptr, {}, {}, {}, {}};
  a.item = model::parse_item(kind == Kind::put ? (*spec)["Item"] : (*spec)["Key"]);
  expr::Attributes attrs = expr::parse_attributes(*spec);
  if (kind == Kind::update) a.update = expr::compile_update(*get_string(*spec, "UpdateExpression"), attrs);
  if (const std::string* text = get_string(*spec, "ConditionExpression"))
    a.condition = expr::compile_condition(*text, attrs, "ConditionExpression");
  check_attributes_have_expressions(*spec, attrs, {"UpdateExpression", "ConditionExpression"});
  expr::check_unused(attrs);
  a.table = ctx.require_table(table_name_from(*get_string(*spec, "TableName")));
  if (kind == Kind::put) {
    a.key = model::key_from_item(a.table->key, a.item);
    check_item_for_write(*a.table, a.item);
  } else {
    a.key = model::key_from_request(a.table->key, a.item);
  }
  if (kind == Kind::update)
    for (const auto& name : a.update.top_level_targets())
      if (a.table->key.is_key_attribute(name))
        throw validation_error("One or more parameter values were invalid: Cannot update attribute " + name + ". This attribute is part of the key");
  return a;
}

}  // namespace

std::string transact_write_items(Context& ctx, const Json& req) {
  Constraints c;
  const Json* items = get_array(req, "TransactItems");
  if (!items) c.add("null", "transactItems", "Member must not be null");
  else if (items->empty()) c.add("'[]'", "transactItems", "Member must have length greater than or equal to 1");
  else if (items->size() > 100)
    c.add("'" + items->dump() + "'", "transactItems", "Member must have length less than or equal to 100");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.enum_value(req, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics", {"SIZE", "NONE"});
  const std::string* token = get_string(req, "ClientRequestToken");
  c.length(token, "clientRequestToken", 1, 36);
  c.finish();

  // A retried token replays the first answer; the same token with another request is an error.
  std::string token_key, request_text;
  if (token) {
    token_key = ctx.ns + '\0' + *token;
    Json canonical = *items;
    request_text = canonical.dump();
    std::lock_guard guard(tokens().mutex);
    auto now = std::chrono::steady_clock::now();
    std::erase_if(tokens().entries, [&](const auto& e) { return now - e.second.at > std::chrono::minutes(10); });
    if (auto it = tokens().entries.find(token_key); it != tokens().entries.end()) {
      if (it->second.request != request_text)
        throw ApiError("IdempotentParameterMismatchException",
                       "Request token was already used with different parameters for TransactWriteItems");
      return it->second.response;
    }
  }

  std::vector<Action> actions;
  std::set<std::string> seen;
  for (const auto& entry : *items) {
    actions.push_back(parse_action(ctx, entry));
    if (!seen.insert(engine::key_codec::item_key(actions.back().table->id, actions.back().key)).second)
      throw validation_error("Transaction request cannot include multiple operations on one item");
  }

  std::vector<engine::Target> targets;
  for (const auto& a : actions) targets.push_back({a.table, a.key});
  std::map<std::string, double> units;
  std::map<std::string, model::TablePtr> tables;
  ctx.engine.mutate_many(targets, [&](const std::vector<const model::Item*>& olds) {
    std::vector<engine::Decision> decisions(actions.size());
    Json reasons = Json::array();
    bool cancelled = false;
    std::string codes;
    for (size_t i = 0; i < actions.size(); ++i) {
      const Action& a = actions[i];
      const model::Item* old = olds[i];
      Json reason = {{"Code", "None"}};
      try {
        if (!a.condition.empty() && !a.condition.evaluate(old ? *old : model::Item())) {
          reason = {{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}};
          const std::string* rv = get_string(*a.spec, "ReturnValuesOnConditionCheckFailure");
          if (rv && *rv == "ALL_OLD" && old) reason["Item"] = model::to_json(*old);
        } else if (a.kind == Kind::put) {
          decisions[i] = {engine::Decision::Action::put, a.item};
        } else if (a.kind == Kind::remove) {
          decisions[i] = {old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
        } else if (a.kind == Kind::update) {
          model::Item next = a.update.apply(old ? *old : a.item);
          check_item_for_write(*a.table, next);
          decisions[i] = {engine::Decision::Action::put, std::move(next)};
        }
      } catch (const ApiError& e) {
        if (e.code() != "ValidationException") throw;
        reason = {{"Code", "ValidationError"}, {"Message", e.message()}};
      }
      if (reason["Code"] != "None") cancelled = true;
      codes += (i ? ", " : "") + reason["Code"].get<std::string>();
      reasons.push_back(std::move(reason));
      size_t size = std::max(old ? model::item_size(*old) : 0,
                             decisions[i].action == engine::Decision::Action::put ? model::item_size(decisions[i].item) : 0);
      units[a.table->name] += 2 * write_units(size);
      tables[a.table->name] = a.table;
    }
    if (cancelled) {
      ApiError e("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
      e.extra["CancellationReasons"] = reasons;
      throw e;
    }
    return decisions;
  });

  std::string out = "{";
  CapacityDetail detail = capacity_detail(req);
  if (detail != CapacityDetail::none) {
    out += "\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto& [name, u] : units) {
      if (!first) out += ',';
      first = false;
      out += consumed_capacity(detail, *tables[name], u, true);
    }
    out += ']';
  }
  out += '}';
  if (token) {
    std::lock_guard guard(tokens().mutex);
    tokens().entries[token_key] = {request_text, out, std::chrono::steady_clock::now()};
  }
  return out;
}

}  // namespace dynarock::api
