#include "api/item_request.h"

#include "model/error.h"

namespace dynarock::api {

void check_item_request(const Json& req, Constraints& c) {
  c.table_name_or_arn(req, "TableName", "tableName");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.enum_value(req, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics", {"SIZE", "NONE"});
  c.enum_value(req, "ConditionalOperator", "conditionalOperator", {"AND", "OR"});
  c.enum_value(req, "ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
}

void check_no_mixing(const Json& req, std::initializer_list<const char*> legacy, std::initializer_list<const char*> expressions) {
  std::string used_legacy, used_expr;
  for (const char* m : legacy)
    if (req.contains(m) && !req[m].is_null()) used_legacy += (used_legacy.empty() ? "" : ", ") + std::string(m);
  for (const char* m : expressions)
    if (req.contains(m) && !req[m].is_null()) used_expr += (used_expr.empty() ? "" : ", ") + std::string(m);
  if (!used_legacy.empty() && !used_expr.empty())
    throw validation_error("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
                           used_legacy + "} Expression parameters: {" + used_expr + "}");
}

void check_attributes_have_expressions(const Json& req, const expr::Attributes& attrs, std::initializer_list<const char*> expressions) {
  bool any = false;
  std::string names;
  for (const char* m : expressions) {
    if (req.contains(m) && !req[m].is_null()) any = true;
    if (!names.empty()) names += expressions.size() > 2 ? ", " : " and ";
    names += m;
  }
  if (any) return;
  if (attrs.has_names) throw validation_error("ExpressionAttributeNames can only be specified when using expressions");
  if (attrs.has_values)
    throw validation_error("ExpressionAttributeValues can only be specified when using expressions: " + names +
                           (expressions.size() > 1 ? " are null" : " is null"));
}

expr::Condition write_condition(const Json& req, expr::Attributes& attrs) {
  if (const std::string* text = get_string(req, "ConditionExpression"))
    return expr::compile_condition(*text, attrs, "ConditionExpression");
  if (const Json* expected = get_object(req, "Expected")) {
    auto it = req.find("ConditionalOperator");
    return expr::from_expected(*expected, it != req.end() && !it->is_null() ? &*it : nullptr);
  }
  return expr::Condition();
}

std::optional<expr::Projection> read_projection(const Json& req, expr::Attributes& attrs) {
  if (const std::string* text = get_string(req, "ProjectionExpression")) return expr::compile_projection(*text, attrs);
  if (const Json* names = get_array(req, "AttributesToGet")) return expr::from_attributes_to_get(*names);
  return std::nullopt;
}

void check_item_for_write(const model::TableInfo& table, const model::Item& item) {
  if (model::item_size(item) > model::kMaxItemSize) throw validation_error("Item size has exceeded the maximum allowed size");
  for (const auto& ix : table.indexes) {
    std::vector<model::KeyElement> elements = ix.hash_elements();
    for (const auto& e : ix.range_elements()) elements.push_back(e);
    for (const model::KeyElement& element : elements) {
      const model::KeyElement* k = &element;
      if (table.key.is_key_attribute(k->name)) continue;
      auto it = item.find(k->name);
      if (it == item.end()) continue;
      if (it->second.type != k->type)
        throw validation_error("One or more parameter values were invalid: Type mismatch for Index Key " + k->name + " Expected: " +
                               model::type_name(k->type) + " Actual: " + model::type_name(it->second.type) + " IndexName: " + ix.name);
      if ((k->type == model::Type::S || k->type == model::Type::B) && it->second.scalar.empty())
        throw validation_error(std::string("One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
                                           "The AttributeValue for a key attribute cannot contain an empty ") +
                               (k->type == model::Type::S ? "string" : "binary") + " value. IndexName: " + ix.name + ", IndexKey: " + k->name);
    }
  }
}

void condition_failed(const Json& req, const model::Item* old) {
  ApiError e = conditional_check_failed();
  const std::string* rv = get_string(req, "ReturnValuesOnConditionCheckFailure");
  if (rv && *rv == "ALL_OLD" && old) e.extra["Item"] = model::to_json(*old);
  throw e;
}

std::string write_capacity(CapacityDetail detail, const model::TableInfo& table, const model::Item* old, const model::Item* now) {
  if (detail == CapacityDetail::none) return "";
  size_t size = std::max(old ? model::item_size(*old) : 0, now ? model::item_size(*now) : 0);
  std::vector<std::pair<std::string, double>> index_units;
  for (const auto& ix : table.indexes) {
    model::IndexKey k;
    bool in_old = old && model::index_key_of(ix, *old, k);
    bool in_new = now && model::index_key_of(ix, *now, k);
    if (!in_old && !in_new) continue;
    size_t isize = std::max(in_old ? model::item_size(model::project_for_index(table, ix, *old)) : 0,
                            in_new ? model::item_size(model::project_for_index(table, ix, *now)) : 0);
    index_units.emplace_back(ix.name, write_units(isize) * (in_old && in_new ? 1 : 1));
  }
  return consumed_capacity(detail, table, write_units(size), true, index_units);
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
