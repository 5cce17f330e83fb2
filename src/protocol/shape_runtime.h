// What the generated shape code (protocol/generated/shapes.*) stands on: DynamoDB's wire type
// checks with their exact SerializationException texts, decoding helpers and small encoders.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/attribute_value.h"
#include "model/checked.h"
#include "model/error.h"
#include "model/wire_json.h"

namespace dynarock::shapes {

// Requests are read from the compact wire document, never from a general-purpose DOM.
using Json = wire::Value;

// Where a value sits decides DynamoDB's wording when it has the wrong JSON type: a structure
// member ("field"), an element of a list or map ("value").
enum class Position { field, value };

// A request member holding AttributeValues: type-checked while decoding, but its contents
// (empty sets, numbers, nesting...) are validated when the operation reads it, after the model's
// constraints, as DynamoDB orders its errors.
using model::Checked;

// The member `name` of object `j`, or an absent value (exists() false) when absent or null
// (DynamoDB ignores nulls).
inline Json member(const Json& j, const char* name) {
  Json v = j.find(name);
  return v.is_null() ? Json() : v;
}

// Type checks: each throws SerializationException worded as DynamoDB words it.
void check_string(const Json& j);
void check_boolean(const Json& j);
void check_number(const Json& j, const char* java_type);  // "Integer", "Long", "Double"
void check_timestamp(const Json& j);
void check_blob(const Json& j);
// For containers: false when there is nothing to descend into (null), throws on a wrong type.
bool list_start(const Json& j, Position pos);
bool map_start(const Json& j, Position pos, const char* java_map_type);
bool struct_start(const Json& j, Position pos, const char* java_class, int depth);

// Decoding helpers (the JSON is already checked).
std::string decode_blob(const Json& j);
long long integer_of(const Json& j);
Checked<model::AttributeValue> checked_value(const Json& j);
Checked<model::Item> checked_item(const Json& j);
// A put's item. One over DynamoDB's item size limit is measured, not built, and holds the size
// error: every put reads its item and checks its size next, so the answer is the same, and a
// body of many megabytes never becomes a model of ten times that.
Checked<model::Item> checked_put_item(const Json& j);
// A member kept as JSON for the code that reads it so (PartiQL's Parameters). A list keeps at
// most kMaxRawElements elements: a statement has at most 8192 characters, so a longer list can
// never match its `?` count, and the answer is the same without the rest.
constexpr size_t kMaxRawElements = 8193;
nlohmann::json raw_json(const Json& j);
// A string, number, boolean or null as nlohmann JSON (null for a container).
nlohmann::json scalar_json(const Json& j);
// Null elements are dropped, except where the operation answers them itself: a null
// AttributeValue is an empty value ("Supplied AttributeValue is empty, ..."); a null item or key
// keeps a SerializationException for when it is read; a null input-only structure is kept with
// `null_element` set, so the operation rejects it in its own order (BatchWriteItem's WriteRequest,
// TransactItems entries...).
template <typename T>
constexpr bool kNullMarked = requires(T t) { t.null_element = true; };
template <typename T>
constexpr bool kKeepsNull = std::is_same_v<T, Checked<model::AttributeValue>> || std::is_same_v<T, Checked<model::Item>> || kNullMarked<T>;
template <typename T, typename F>
T decode_element(const Json& e, F& f) {
  if constexpr (std::is_same_v<T, Checked<model::Item>>) {
    if (e.is_null()) return T{{}, serialization_error("Unexpected value type in payload")};
  } else if constexpr (kNullMarked<T>) {
    if (e.is_null()) {
      T marked;
      marked.null_element = true;
      return marked;
    }
  }
  return f(e);
}
template <typename T, typename F>
std::vector<T> decode_list(const Json& j, F&& f) {
  std::vector<T> out;
  out.reserve(j.size());
  for (const Json& e : j)
    if (kKeepsNull<T> || !e.is_null()) out.push_back(decode_element<T>(e, f));
  return out;
}
template <typename T, typename F>
std::map<std::string, T> decode_map(const Json& j, F&& f) {
  std::map<std::string, T> out;
  // A repeated name keeps its last value, as JSON binders do.
  for (auto it = j.begin(); it != j.end(); ++it)
    if (kKeepsNull<T> || !(*it).is_null()) out.insert_or_assign(std::string(it.key()), decode_element<T>(*it, f));
  return out;
}

// Encoding helpers.
void write_blob(std::string& out, const std::string& raw);
void write_double(std::string& out, double v);

}  // namespace dynarock::shapes
