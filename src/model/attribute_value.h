// AttributeValue: the ten DynamoDB types (S N B SS NS BS M L NULL BOOL) and an Item, with
// conversion from and to the wire JSON, validated exactly as DynamoDB validates input.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/wire_json.h"

namespace dynarock::model {

enum class Type : uint8_t { S, N, B, BOOL, NUL, SS, NS, BS, M, L };

// The wire descriptor: "S", "N", ..., "NULL", "BOOL".
const char* type_name(Type t);

struct AttributeValue;
using Map = std::map<std::string, AttributeValue>;
using List = std::vector<AttributeValue>;
using Item = Map;

struct AttributeValue {
  Type type = Type::NUL;
  bool boolean = true;              // BOOL's value; true for NULL (it is always NULL: true)
  std::string scalar;               // S text, N normalised decimal text, B raw bytes
  std::vector<std::string> members; // SS / NS (normalised) / BS (raw bytes) members, input order
  Map map;                          // M
  List list;                        // L

  static AttributeValue string(std::string s) { AttributeValue v; v.type = Type::S; v.scalar = std::move(s); return v; }
  static AttributeValue number(std::string normalised) { AttributeValue v; v.type = Type::N; v.scalar = std::move(normalised); return v; }
  static AttributeValue binary(std::string raw) { AttributeValue v; v.type = Type::B; v.scalar = std::move(raw); return v; }
  static AttributeValue boolean_value(bool b) { AttributeValue v; v.type = Type::BOOL; v.boolean = b; return v; }
  static AttributeValue null() { return AttributeValue{}; }

  bool is_set() const { return type == Type::SS || type == Type::NS || type == Type::BS; }
  bool is_scalar() const { return type == Type::S || type == Type::N || type == Type::B; }
};

// DynamoDB equality: same type and value; numbers compare numerically; sets ignore order.
bool operator==(const AttributeValue& a, const AttributeValue& b);
inline bool operator!=(const AttributeValue& a, const AttributeValue& b) { return !(a == b); }

// Parses one wire AttributeValue ({"S": "x"}). Throws ApiError with DynamoDB's messages:
// unknown or missing type descriptor, more than one type, empty sets, duplicate set members,
// invalid numbers or base64, nesting deeper than 32 levels.
AttributeValue parse_value(const nlohmann::json& j);
AttributeValue parse_value(const wire::Value& j);
// Parses an item map {"name": {...}, ...}.
Item parse_item(const nlohmann::json& j);
Item parse_item(const wire::Value& j);
// The size item_size would give the item parse_item would build, without building it (only
// single values and sets are built, one at a time); throws what parse_item throws.
size_t measure_item(const wire::Value& j);

nlohmann::json to_json(const AttributeValue& v);
nlohmann::json to_json(const Item& item);
// Appends the wire JSON text of a value / item to `out` (fast path for responses).
void write_json(const AttributeValue& v, std::string& out);
void write_json(const Item& item, std::string& out);

// DynamoDB's size accounting: attribute name bytes + value bytes (numbers by significant
// digits, containers with their per-element overheads).
size_t value_size(const AttributeValue& v);
size_t item_size(const Item& item);
// The size of a number from its text (the engine sizes stored items without decoding them).
size_t number_size(std::string_view text);

constexpr size_t kMaxItemSize = 400 * 1024;
// DynamoDB's answer to a put whose item is over kMaxItemSize.
constexpr const char* kItemTooLarge = "Item size has exceeded the maximum allowed size";
constexpr size_t kMaxPartitionKeySize = 2048;
constexpr size_t kMaxSortKeySize = 1024;
constexpr int kMaxNestingDepth = 32;

std::string base64_encode(std::string_view raw);
// Returns false on invalid base64.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace dynarock::model
