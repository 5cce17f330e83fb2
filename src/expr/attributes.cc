// ExpressionAttributeNames / ExpressionAttributeValues: read and checked once per request,
// then every expression of the request resolves its placeholders against them.
#include "expr/internal.h"

namespace dynarock::expr {

namespace {

using nlohmann::json;

bool placeholder_syntax_ok(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (size_t i = 1; i < key.size(); ++i) {
    const char c = key[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

const json* member(const json& request, const char* name) {
  if (!request.is_object()) return nullptr;
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return nullptr;
  if (!it->is_object()) {
    if (it->is_array()) throw serialization_error("Start of list found where not expected");
    throw serialization_error("Expected map or null");
  }
  return &*it;
}

std::vector<std::string> in_java_order(std::vector<std::string> keys, size_t map_size) {
  std::vector<int32_t> hashes;
  hashes.reserve(keys.size());
  for (const auto& k : keys) hashes.push_back(detail::java_hash(k));
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (size_t i : detail::java_iteration_order(hashes, detail::java_copied_set_capacity(map_size)))
    out.push_back(std::move(keys[i]));
  return out;
}

void read_names(const std::map<std::string, std::string>& names, Attributes& out) {
  out.has_names = true;
  if (names.empty()) throw validation_error("ExpressionAttributeNames must not be empty");
  for (const auto& [key, name] : names) {
    const size_t size = detail::utf16_length(key);
    if (size > detail::kMaxPlaceholderSize)
      throw validation_error(
          "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too "
          "long; size of key: " +
          std::to_string(size));
    if (!placeholder_syntax_ok(key, '#'))
      throw validation_error("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
  }
  for (const auto& [key, name] : names) {
    if (name.empty())
      throw validation_error("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
    out.names.emplace(key, name);
  }
}

void read_values(const std::map<std::string, model::Checked<model::AttributeValue>>& values, Attributes& out) {
  out.has_values = true;
  if (values.empty()) throw validation_error("ExpressionAttributeValues must not be empty");
  std::vector<std::string> keys;
  for (const auto& [key, value] : values) {
    if (detail::utf16_length(key) > detail::kMaxPlaceholderSize)
      throw validation_error(
          "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too "
          "long;");
    if (!placeholder_syntax_ok(key, ':'))
      throw validation_error("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
    keys.push_back(key);
  }
  // DynamoDB converts the values in its hash order, which decides which bad value it reports.
  for (const std::string& key : in_java_order(keys, keys.size())) {
    const model::Checked<model::AttributeValue>& value = values.at(key);
    if (value.error) {
      if (value.error->code() != "ValidationException") throw *value.error;
      throw validation_error("ExpressionAttributeValues contains invalid value: " + value.error->message() + " for key " + key);
    }
    out.values.emplace(key, &value.value);
  }
}

void report_unused(const char* what, const std::vector<std::string>& unused, size_t map_size) {
  std::string msg = std::string("Value provided in ") + what + " unused in expressions: keys: {";
  bool first = true;
  for (const auto& k : in_java_order(unused, map_size)) {
    if (!first) msg += ", ";
    first = false;
    msg += k;
  }
  throw validation_error(msg + "}");
}

}  // namespace

Attributes parse_attributes(const nlohmann::json& request, bool with_values) {
  std::optional<std::map<std::string, std::string>> names;
  auto values = std::make_shared<std::optional<std::map<std::string, model::Checked<model::AttributeValue>>>>();
  if (const json* j = member(request, "ExpressionAttributeNames")) {
    names.emplace();
    for (auto it = j->begin(); it != j->end(); ++it) {
      if (!it->is_string()) throw serialization_error("Expected string");
      names->emplace(it.key(), it->get<std::string>());
    }
  }
  if (const json* j = with_values ? member(request, "ExpressionAttributeValues") : nullptr) {
    values->emplace();
    for (auto it = j->begin(); it != j->end(); ++it) {
      model::Checked<model::AttributeValue>& v = (**values)[it.key()];
      try {
        v.value = model::parse_value(*it);
      } catch (const ApiError& e) {
        v.error = e;
      }
    }
  }
  Attributes out = parse_attributes(names ? &*names : nullptr, *values ? &**values : nullptr);
  out.owned = values;
  return out;
}

Attributes parse_attributes(const std::map<std::string, std::string>* names,
                            const std::map<std::string, model::Checked<model::AttributeValue>>* values) {
  Attributes out;
  if (names) read_names(*names, out);
  if (values) read_values(*values, out);
  return out;
}

void check_unused(const Attributes& attrs) {
  std::vector<std::string> unused;
  for (const auto& [k, v] : attrs.names)
    if (!attrs.used_names.count(k)) unused.push_back(k);
  if (!unused.empty()) report_unused("ExpressionAttributeNames", unused, attrs.names.size());
  for (const auto& [k, v] : attrs.values)
    if (!attrs.used_values.count(k)) unused.push_back(k);
  if (!unused.empty()) report_unused("ExpressionAttributeValues", unused, attrs.values.size());
}

}  // namespace dynarock::expr
