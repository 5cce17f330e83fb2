// Request validation shared by the operations, in DynamoDB's order and words: wire-type errors
// first (SerializationException), then the service model's constraints, collected as
// "N validation error(s) detected: ...", then each operation's own rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/context.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// Wire-type checks: a member of the wrong JSON type is a SerializationException.
const std::string* get_string(const Json& req, const char* member);
const Json* get_object(const Json& req, const char* member);
const Json* get_array(const Json& req, const char* member);
std::optional<bool> get_bool(const Json& req, const char* member);
std::optional<long long> get_integer(const Json& req, const char* member);

// The value of an optional typed request member, or nullptr.
template <typename T>
const T* ptr(const std::optional<T>& member) {
  return member ? &*member : nullptr;
}

// Collects constraint violations: "Value 'x' at 'tableName' failed to satisfy constraint: ...".
class Constraints {
 public:
  void not_null(const Json& req, const char* member, const char* path);
  void table_name(const Json& req, const char* member, const char* path, bool required = true);
  void table_name(const std::string* value, const char* path, bool required = true);
  // A table name or ARN (item operations accept either).
  void table_name_or_arn(const Json& req, const char* member, const char* path);
  void table_name_or_arn(const std::string* value, const char* path);
  void index_name(const std::string* value, const std::string& path);
  void length(const std::string* value, const std::string& path, size_t min, size_t max);
  void enum_value(const Json& req, const char* member, const char* path, std::initializer_list<const char*> allowed);
  void enum_value(const std::string* value, const char* path, std::initializer_list<const char*> allowed);
  void integer_range(std::optional<long long> value, const std::string& path, long long min, std::optional<long long> max);
  void add(const std::string& value_text, const std::string& path, const std::string& constraint);
  // A whole violation text, for members DynamoDB reports in its newer wording, which names the
  // member without echoing its value ("Value at 'RequestItems' failed to satisfy constraint: ...").
  void add_message(std::string text) { errors_.push_back(std::move(text)); }
  // Throws the collected errors (DynamoDB reports at most 10).
  void finish() const;

 private:
  std::vector<std::string> errors_;
};

// A table name within the model's rules: 3..255 characters of [a-zA-Z0-9_.-].
bool valid_table_name(const std::string& name);

// "arn:aws:dynamodb:<region>:<account>:table/<name>" -> "<name>"; other text unchanged.
std::string table_name_from(const std::string& name_or_arn);

}  // namespace dynarock::api
