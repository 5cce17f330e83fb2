#include "api/item_request.h"

#include <span>
#include <string_view>

#include "model/error.h"
#include "model/key_limits.h"

namespace dynarock::api {

void check_item_request(const Json& req, Constraints& c) {
  c.table_name_or_arn(req, "TableName", "tableName");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.enum_value(req, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics", {"SIZE", "NONE"});
  c.enum_value(req, "ConditionalOperator", "conditionalOperator", {"AND", "OR"});
  c.enum_value(req, "ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
}

namespace {

bool has(const Json& req, const char* m) { return req.contains(m) && !req[m].is_null(); }

std::string joined_present(std::span<const Given> given) {
  std::string used;
  for (const Given& g : given)
    if (g.present) used += (used.empty() ? "" : ", ") + std::string(g.name);
  return used;
}

void no_mixing(std::span<const Given> legacy, std::span<const Given> expressions) {
  std::string used_legacy = joined_present(legacy), used_expr = joined_present(expressions);
  if (!used_legacy.empty() && !used_expr.empty())
    throw validation_error("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
                           used_legacy + "} Expression parameters: {" + used_expr + "}");
}

std::vector<Given> given_in(const Json& req, std::initializer_list<const char*> names) {
  std::vector<Given> out;
  for (const char* m : names) out.push_back({m, has(req, m)});
  return out;
}

void attributes_have_expressions(const expr::Attributes& attrs, std::span<const Given> expressions) {
  bool any = false;
  // The values message names the expressions that can use values: ProjectionExpression cannot.
  std::string names;
  size_t count = 0;
  for (const Given& g : expressions) {
    if (g.present) any = true;
    if (std::string_view(g.name) == "ProjectionExpression") continue;
    if (count++) names += " and ";
    names += g.name;
  }
  if (any) return;
  if (attrs.has_names) throw validation_error("ExpressionAttributeNames can only be specified when using expressions");
  if (attrs.has_values && count)
    throw validation_error("ExpressionAttributeValues can only be specified when using expressions: " + names +
                           (count > 1 ? " are null" : " is null"));
}

}  // namespace

void check_no_mixing(const Json& req, std::initializer_list<const char*> legacy, std::initializer_list<const char*> expressions) {
  no_mixing(given_in(req, legacy), given_in(req, expressions));
}

void check_no_mixing(std::initializer_list<Given> legacy, std::initializer_list<Given> expressions) {
  no_mixing(std::span<const Given>(legacy.begin(), legacy.size()), std::span<const Given>(expressions.begin(), expressions.size()));
}

void check_attributes_have_expressions(const Json& req, const expr::Attributes& attrs, std::initializer_list<const char*> expressions) {
  attributes_have_expressions(attrs, given_in(req, expressions));
}

void check_attributes_have_expressions(const expr::Attributes& attrs, std::initializer_list<Given> expressions) {
  attributes_have_expressions(attrs, std::span<const Given>(expressions.begin(), expressions.size()));
}

std::vector<expr::LegacyComparison> legacy_comparisons(const std::map<std::string, shapes::ExpectedAttributeValue>& expected) {
  std::vector<expr::LegacyComparison> out;
  out.reserve(expected.size());
  for (const auto& [name, e] : expected)
    if (!e.null_element) out.push_back({name, ptr(e.ComparisonOperator), ptr(e.AttributeValueList), ptr(e.Value), ptr(e.Exists)});
  return out;
}

std::vector<expr::LegacyComparison> legacy_comparisons(const std::map<std::string, shapes::Condition>& conditions) {
  std::vector<expr::LegacyComparison> out;
  out.reserve(conditions.size());
  for (const auto& [name, c] : conditions)
    if (!c.null_element) out.push_back({name, ptr(c.ComparisonOperator), ptr(c.AttributeValueList)});
  return out;
}

// The write condition from ConditionExpression or Expected (empty Condition when neither).
template <typename Req>
expr::Condition write_condition(const Req& req, expr::Attributes& attrs) {
  if (req.ConditionExpression) return expr::compile_condition(*req.ConditionExpression, attrs, "ConditionExpression");
  if (req.Expected) return expr::from_expected(legacy_comparisons(*req.Expected), ptr(req.ConditionalOperator));
  return expr::Condition();
}

template <typename Req>
ItemWrite prepare_item_write(Context& ctx, const Req& req) {
  constexpr bool kPut = requires { req.Item; };
  constexpr bool kUpdate = requires { req.UpdateExpression; };
  const std::optional<model::Checked<model::Item>>* member;
  if constexpr (kPut) member = &req.Item;
  else member = &req.Key;
  Constraints c;
  check_item_request(req, c);
  if (!*member) c.add("null", kPut ? "item" : "key", "Member must not be null");
  c.enum_value(ptr(req.ReturnValues), "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
  c.finish();
  ItemWrite w;
  if (req.ReturnValues) w.return_values = *req.ReturnValues;
  if (!kUpdate && w.return_values != "NONE" && w.return_values != "ALL_OLD")
    throw validation_error("ReturnValues can only be ALL_OLD or NONE");
  const Given expected{"Expected", req.Expected.has_value()}, op{"ConditionalOperator", req.ConditionalOperator.has_value()},
      condition{"ConditionExpression", req.ConditionExpression.has_value()};
  const expr::Attributes present = present_attributes(req);
  if constexpr (kUpdate) {
    const Given update{"UpdateExpression", req.UpdateExpression.has_value()};
    check_no_mixing({{"AttributeUpdates", req.AttributeUpdates.has_value()}, expected, op}, {update, condition});
    check_attributes_have_expressions(present, {update, condition});
    w.item = &(*member)->get();
    expr::Attributes attrs = expr::parse_attributes(ptr(req.ExpressionAttributeNames), ptr(req.ExpressionAttributeValues));
    if (req.UpdateExpression) {
      w.update = expr::compile_update(*req.UpdateExpression, attrs);
    } else if (req.AttributeUpdates) {
      std::vector<expr::LegacyUpdate> updates;
      for (const auto& [name, u] : *req.AttributeUpdates)
        if (!u.null_element) updates.push_back({name, ptr(u.Action), ptr(u.Value)});
      w.update = expr::from_attribute_updates(updates);
    }
    w.condition = write_condition(req, attrs);
    expr::check_unused(attrs);
  } else {
    check_no_mixing({expected, op}, {condition});
    check_attributes_have_expressions(present, {condition});
    w.item = &(*member)->get();
    // A put's size is checked with its contents, before its conditions and before the table is
    // looked up (DynamoDB answers an oversized item for a table that does not exist).
    if constexpr (kPut) check_item_size(*w.item);
    expr::Attributes attrs = expr::parse_attributes(ptr(req.ExpressionAttributeNames), ptr(req.ExpressionAttributeValues));
    w.condition = write_condition(req, attrs);
    expr::check_unused(attrs);
  }
  w.table = ctx.require_table(table_name_from(*req.TableName));
  w.return_old_on_failure = req.ReturnValuesOnConditionCheckFailure == "ALL_OLD";
  w.detail = capacity_detail(req.ReturnConsumedCapacity);
  return w;
}

template ItemWrite prepare_item_write(Context&, const shapes::PutItemInput&);
template ItemWrite prepare_item_write(Context&, const shapes::DeleteItemInput&);
template ItemWrite prepare_item_write(Context&, const shapes::UpdateItemInput&);

std::optional<expr::Projection> read_projection(const Json& req, expr::Attributes& attrs) {
  if (const std::string* text = get_string(req, "ProjectionExpression")) return expr::compile_projection(*text, attrs);
  if (const Json* names = get_array(req, "AttributesToGet")) return expr::from_attributes_to_get(*names);
  return std::nullopt;
}

std::optional<expr::Projection> read_projection(const std::optional<std::string>& projection_expression,
                                                const std::optional<std::vector<std::string>>& attributes_to_get,
                                                expr::Attributes& attrs) {
  if (projection_expression) return expr::compile_projection(*projection_expression, attrs);
  if (attributes_to_get) return expr::from_attributes_to_get(*attributes_to_get);
  return std::nullopt;
}

namespace {

// Calls fn(index, key element, is_hash) for every secondary index key attribute that is not also a
// table key attribute, in index order.
template <typename F>
void for_each_index_key(const model::TableInfo& table, F fn) {
  for (const auto& ix : table.indexes) {
    for (const model::KeyElement& k : ix.hash_elements())
      if (!table.key.is_key_attribute(k.name)) fn(ix, k, true);
    for (const model::KeyElement& k : ix.range_elements())
      if (!table.key.is_key_attribute(k.name)) fn(ix, k, false);
  }
}

[[noreturn]] void index_type_mismatch(const model::IndexInfo& ix, const model::KeyElement& k, model::Type actual) {
  throw validation_error("One or more parameter values were invalid: Type mismatch for Index Key " + k.name + " Expected: " +
                         model::type_name(k.type) + " Actual: " + model::type_name(actual) + " IndexName: " + ix.name);
}

void check_index_key_values(const model::TableInfo& table, const model::Item& item, const expr::Update* update) {
  for_each_index_key(table, [&](const model::IndexInfo& ix, const model::KeyElement& k, bool is_hash) {
    auto it = item.find(k.name);
    if (it == item.end()) return;
    if (it->second.type != k.type) {
      // An update that copied the value from another attribute only learns its type now.
      if (update) throw validation_error("The update expression attempted to update the secondary index key to unsupported type");
      index_type_mismatch(ix, k, it->second.type);
    }
    if ((k.type == model::Type::S || k.type == model::Type::B) && it->second.scalar.empty()) {
      const char* what = k.type == model::Type::S ? "string" : "binary";
      if (update)
        throw validation_error(std::string("One or more parameter values are not valid. The update expression attempted to update a "
                                           "secondary index key to a value that is not supported. The AttributeValue for a key "
                                           "attribute cannot contain an empty ") +
                               what + " value.");
      throw validation_error(std::string("One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
                                         "The AttributeValue for a key attribute cannot contain an empty ") +
                             what + " value. IndexName: " + ix.name + ", IndexKey: " + k.name);
    }
    const size_t size = model::key_value_size(it->second);
    const size_t max = is_hash ? model::kMaxPartitionKeySize : model::kMaxSortKeySize;
    if (size > max)
      throw validation_error("One or more parameter values were invalid: Size limit exceeded for Index Key " + k.name + " Actual Size: " +
                             std::to_string(size) + " bytes Max Size: " + std::to_string(max) + " bytes IndexName: " + ix.name);
  });
}

}  // namespace

void check_key_paths(const model::TableInfo& table, const std::vector<expr::Path>& paths) {
  const char* kScalars = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ";
  for (const expr::Path& p : paths)
    if (p.size() > 1 && table.key.is_key_attribute(p[0].name)) throw validation_error(kScalars + std::string("Key: ") + p[0].name);
  for (const expr::Path& p : paths) {
    if (p.size() < 2) continue;
    for_each_index_key(table, [&](const model::IndexInfo&, const model::KeyElement& k, bool) {
      if (k.name == p[0].name) throw validation_error(kScalars + std::string("IndexKey: ") + k.name);
    });
  }
}

void check_item_size(const model::Item& item) {
  if (model::item_size(item) > model::kMaxItemSize) throw validation_error(model::kItemTooLarge);
}

void check_item_for_write(const model::TableInfo& table, const model::Item& item) {
  check_index_key_values(table, item, nullptr);
}

void check_update_for_indexes(const model::TableInfo& table, const expr::Update& update) {
  if (table.indexes.empty()) return;
  const std::vector<expr::Path>& targets = update.target_paths();
  // Table key targets were rejected already ("Cannot update attribute ..."); operands that read
  // inside a table key are reported like any other path into a key.
  check_key_paths(table, targets);
  check_key_paths(table, update.operand_paths());
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::optional<model::Type> type = update.static_type(i);
    if (!type || update.action_kind(i) == expr::Update::ActionKind::Remove) continue;
    for_each_index_key(table, [&](const model::IndexInfo& ix, const model::KeyElement& k, bool) {
      if (k.name == targets[i][0].name && *type != k.type) index_type_mismatch(ix, k, *type);
    });
  }
}

void check_updated_item(const model::TableInfo& table, const expr::Update& update, const model::Item& item) {
  check_index_key_values(table, item, &update);
  if (model::item_size(item) > model::kMaxItemSize)
    throw validation_error("Item size to update has exceeded the maximum allowed size");
}

void condition_failed(bool return_old, const model::Item* old) {
  ApiError e = conditional_check_failed();
  if (return_old && old) e.extra["Item"] = model::to_json(*old);
  throw e;
}

std::optional<shapes::ConsumedCapacity> write_capacity_of(CapacityDetail detail, const std::string& table_name,
                                                          const model::TableInfo& table, const model::Item* old,
                                                          const model::Item* now) {
  if (detail == CapacityDetail::none) return std::nullopt;
  return capacity(detail, table_name, table, write_consumed(table, old, now));
}

void append_attributes(std::string& out, const model::Item& item) {
  if (item.empty()) return;
  if (out.size() > 1) out += ',';
  out += "\"Attributes\":";
  model::write_json(item, out);
}

void append_member(std::string& out, const char* name, const std::string& json_text) {
  if (json_text.empty()) return;
  if (out.size() > 1) out += ',';
  out += '"';
  out += name;
  out += "\":";
  out += json_text;
}

}  // namespace dynarock::api
