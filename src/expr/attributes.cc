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

void read_names(const json& names, Attributes& out) {
  out.has_names = true;
  if (names.empty()) throw validation_error("ExpressionAttributeNames must not be empty");
  for (auto it = names.begin(); it != names.end(); ++it) {
    const std::string& key = it.key();
    const size_t size = detail::utf16_length(key);
    if (size > detail::kMaxPlaceholderSize)
      throw validation_error(
          "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too "
          "long; size of key: " +
          std::to_string(size));
    if (!placeholder_syntax_ok(key, '#'))
      throw validation_error("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
  }
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (!it->is_string()) throw serialization_error("Expected string");
    const std::string& name = it->get_ref<const std::string&>();
    if (name.empty())
      throw validation_error("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + it.key());
    out.names.emplace(it.key(), name);
  }
}

void read_values(const json& values, Attributes& out) {
  out.has_values = true;
  if (values.empty()) throw validation_error("ExpressionAttributeValues must not be empty");
  std::vector<std::string> keys;
  for (auto it = values.begin(); it != values.end(); ++it) {
    const std::string& key = it.key();
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
    try {
      out.values.emplace(key, model::parse_value(values.at(key)));
    } catch (const ApiError& e) {
      if (e.code() != "ValidationException") throw;
      throw validation_error("ExpressionAttributeValues contains invalid value: " + e.message() + " for key " + key);
    }
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
  Attributes out;
  if (const json* names = member(request, "ExpressionAttributeNames")) read_names(*names, out);
  if (!with_values) return out;
  if (const json* values = member(request, "ExpressionAttributeValues")) read_values(*values, out);
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
