#include "api/validate.h"

#include <algorithm>
#include <cctype>

#include "model/error.h"

namespace dynarock::api {

namespace {

[[noreturn]] void wrong_type(const Json& v, const char* expected) {
  if (v.is_array()) throw serialization_error("Start of list found where not expected");
  if (v.is_object()) throw serialization_error("Start of structure or map found where not expected.");
  const char* kind = v.is_boolean() ? "BOOLEAN_VALUE" : v.is_number() ? "NUMBER_VALUE" : "STRING_VALUE";
  throw serialization_error(std::string(kind) + " can not be converted to " + expected);
}

const Json* member_of(const Json& req, const char* member) {
  auto it = req.find(member);
  if (it == req.end() || it->is_null()) return nullptr;
  return &*it;
}

// The model's pattern [a-zA-Z0-9_.-]+, which an empty name fails too.
bool valid_name_chars(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

}  // namespace

bool valid_table_name(const std::string& name) { return name.size() >= 3 && name.size() <= 255 && valid_name_chars(name); }

const std::string* get_string(const Json& req, const char* member) {
  const Json* v = member_of(req, member);
  if (!v) return nullptr;
  if (!v->is_string()) wrong_type(*v, "String");
  return &v->get_ref<const std::string&>();
}

const Json* get_object(const Json& req, const char* member) {
  const Json* v = member_of(req, member);
  if (!v) return nullptr;
  if (!v->is_object()) {
    if (v->is_array()) throw serialization_error("Start of list found where not expected");
    throw serialization_error("Expected map or null");
  }
  return v;
}

const Json* get_array(const Json& req, const char* member) {
  const Json* v = member_of(req, member);
  if (!v) return nullptr;
  if (!v->is_array()) {
    if (v->is_object()) throw serialization_error("Start of structure or map found where not expected.");
    throw serialization_error("Expected list or null");
  }
  return v;
}

std::optional<bool> get_bool(const Json& req, const char* member) {
  const Json* v = member_of(req, member);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) wrong_type(*v, "Boolean");
  return v->get<bool>();
}

std::optional<long long> get_integer(const Json& req, const char* member) {
  const Json* v = member_of(req, member);
  if (!v) return std::nullopt;
  if (!v->is_number()) wrong_type(*v, "Integer");
  return static_cast<long long>(v->get<double>());
}

void Constraints::add(const std::string& value_text, const std::string& path, const std::string& constraint) {
  errors_.push_back("Value " + value_text + " at '" + path + "' failed to satisfy constraint: " + constraint);
}

void Constraints::not_null(const Json& req, const char* member, const char* path) {
  if (!member_of(req, member)) add("null", path, "Member must not be null");
}

void Constraints::length(const std::string* value, const std::string& path, size_t min, size_t max) {
  if (!value) return;
  if (value->size() < min) add("'" + *value + "'", path, "Member must have length greater than or equal to " + std::to_string(min));
  if (value->size() > max) add("'" + *value + "'", path, "Member must have length less than or equal to " + std::to_string(max));
}

void Constraints::table_name(const Json& req, const char* member, const char* path, bool required) {
  table_name(get_string(req, member), path, required);
}

void Constraints::table_name(const std::string* v, const char* path, bool required) {
  if (!v) {
    if (required) add("null", path, "Member must not be null");
    return;
  }
  if (!valid_name_chars(*v)) add("'" + *v + "'", path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  length(v, path, 3, 255);
}

void Constraints::table_name_or_arn(const Json& req, const char* member, const char* path) {
  table_name_or_arn(get_string(req, member), path);
}

void Constraints::table_name_or_arn(const std::string* v, const char* path) {
  if (!v) {
    add("null", path, "Member must not be null");
    return;
  }
  // The service model's TableArn shape: a name or an ARN, 1 to 1024 characters, no pattern.
  length(v, path, 1, 1024);
}

void Constraints::index_name(const std::string* value, const std::string& path) {
  if (!value) return;
  if (!valid_name_chars(*value)) add("'" + *value + "'", path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  length(value, path, 3, 255);
}

void Constraints::enum_value(const Json& req, const char* member, const char* path, std::initializer_list<const char*> allowed) {
  enum_value(get_string(req, member), path, allowed);
}

void Constraints::enum_value(const std::string* v, const char* path, std::initializer_list<const char*> allowed) {
  if (!v) return;
  std::string set;
  for (const char* a : allowed) {
    if (*v == a) return;
    if (!set.empty()) set += ", ";
    set += a;
  }
  add("'" + *v + "'", path, "Member must satisfy enum value set: [" + set + "]");
}

void Constraints::integer_range(std::optional<long long> value, const std::string& path, long long min, std::optional<long long> max) {
  if (!value) return;
  if (*value < min) add("'" + std::to_string(*value) + "'", path, "Member must have value greater than or equal to " + std::to_string(min));
  if (max && *value > *max) add("'" + std::to_string(*value) + "'", path, "Member must have value less than or equal to " + std::to_string(*max));
}

void Constraints::finish() const {
  if (errors_.empty()) return;
  size_t n = std::min<size_t>(errors_.size(), 10);
  std::string msg = std::to_string(n) + " validation error" + (n > 1 ? "s" : "") + " detected: ";
  for (size_t i = 0; i < n; ++i) {
    if (i) msg += "; ";
    msg += errors_[i];
  }
  throw validation_error(msg);
}

std::string table_name_from(const std::string& name_or_arn) {
  if (name_or_arn.rfind("arn:", 0) != 0) return name_or_arn;
  auto pos = name_or_arn.find(":table/");
  if (pos == std::string::npos) throw validation_error("Invalid TableArn: " + name_or_arn);
  std::string rest = name_or_arn.substr(pos + 7);
  return rest.substr(0, rest.find('/'));
}

}  // namespace dynarock::api
