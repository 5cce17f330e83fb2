// The expression layer: DynamoDB's ConditionExpression, FilterExpression, KeyConditionExpression,
// UpdateExpression and ProjectionExpression, and the legacy parameters (Expected, QueryFilter,
// ScanFilter, KeyConditions, AttributeUpdates, AttributesToGet) translated into the same compiled
// forms. Each expression is parsed and validated once, with DynamoDB's checks in DynamoDB's order
// and its exact messages; the compiled objects are cheap to copy (shared, immutable) and evaluate
// against an item without copying it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/attribute_value.h"
#include "model/checked.h"

namespace dynarock::expr {

// ExpressionAttributeNames / ExpressionAttributeValues of one request, and which were used.
struct Attributes {
  std::map<std::string, std::string> names;             // "#n" -> "status"
  // ":v" -> value, pointing into the request (no copy: a body may hold many megabytes of them)
  std::map<std::string, const model::AttributeValue*> values;
  std::shared_ptr<const void> owned;  // the values' storage when read from JSON
  std::set<std::string> used_names, used_values;
  bool has_names = false, has_values = false;  // present in request at all
};

// Reads request["ExpressionAttributeNames"] / ["ExpressionAttributeValues"] and validates them as
// DynamoDB does: "ExpressionAttributeNames must not be empty", "ExpressionAttributeNames contains
// invalid key: Syntax error; key: \"a\"", "ExpressionAttributeValues contains invalid value: <why>
// for key :v", ...
// Read operations whose input has no ExpressionAttributeValues member (GetItem, BatchGetItem,
// TransactGetItems) pass with_values = false: DynamoDB ignores members an operation does not have.
Attributes parse_attributes(const nlohmann::json& request, bool with_values = true);
// The same from typed request members (either may be null: absent). Values carry the error their
// contents had; it is reported as "ExpressionAttributeValues contains invalid value: ...".
Attributes parse_attributes(const std::map<std::string, std::string>* names,
                            const std::map<std::string, model::Checked<model::AttributeValue>>* values);

// After compiling all expressions of a request: "Value provided in ExpressionAttributeNames unused
// in expressions: keys: {#a, #b}" (names first), then the same for values.
void check_unused(const Attributes& attrs);

// One step of a document path: an attribute / map-key name, or a list index.
struct PathElement {
  std::string name;
  uint32_t index = 0;
  bool is_index = false;

  static PathElement key(std::string n) { return PathElement{std::move(n), 0, false}; }
  static PathElement at(uint32_t i) { return PathElement{{}, i, true}; }
  bool operator==(const PathElement& o) const {
    return is_index == o.is_index && (is_index ? index == o.index : name == o.name);
  }
};
using Path = std::vector<PathElement>;

// DynamoDB's rendering in messages: "[a, b, [3]]".
std::string path_to_string(const Path& path);

namespace detail {
struct Program;
struct UpdatePlan;
struct PathTrie;
}  // namespace detail

// ConditionExpression / FilterExpression (and Expected / QueryFilter / ScanFilter).
class Condition {
 public:
  Condition();  // no condition: evaluates to true
  // `item` may be an empty map: "no item".
  bool evaluate(const model::Item& item) const;
  bool empty() const { return program_ == nullptr; }
  // Top-level attribute names the condition reads, first use first (a Query filter may not
  // name key attributes).
  const std::vector<std::string>& top_level_names() const;
  // Every document path the condition reads, first use first (legacy entries are top-level names
  // and have none). Key attributes are scalars: a caller rejects paths that go inside one.
  const std::vector<Path>& paths() const;

  explicit Condition(std::shared_ptr<const detail::Program> p) : program_(std::move(p)) {}

 private:
  std::shared_ptr<const detail::Program> program_;
};

// kind is "ConditionExpression" or "FilterExpression" (it prefixes messages: "Invalid
// ConditionExpression: ...").
Condition compile_condition(std::string_view text, Attributes& attrs, std::string_view kind);

class Update {
 public:
  Update();  // no actions
  // Applies to `item` (an empty map when the item does not exist yet) and returns the new item.
  // Throws ApiError with DynamoDB's runtime messages ("An operand in the update expression has an
  // incorrect data type", "The provided expression refers to an attribute that does not exist in
  // the item", "The document path provided in the update expression is invalid for update",
  // number overflow, ...).
  model::Item apply(const model::Item& item) const;
  // `item` projected to the updated paths (ReturnValues UPDATED_OLD on the old item, UPDATED_NEW
  // on the new one): nested paths keep only the updated parts, list elements compact in order.
  model::Item updated_view(const model::Item& item) const;
  // Top-level attributes written or removed, first mention first (the caller rejects key
  // attributes: "Cannot update attribute <name>. This attribute is part of the key").
  std::vector<std::string> top_level_targets() const;
  // Every target path, in expression order (for index-key checks on nested updates).
  const std::vector<Path>& target_paths() const;
  // Every document path the update reads (SET operands), in no particular order.
  const std::vector<Path>& operand_paths() const;
  // What action i (target_paths()[i]) does, and the type of the value it writes when that is
  // known before the item is read: a literal, arithmetic (N), list_append (L), ADD / DELETE
  // operands and legacy values. DynamoDB checks secondary index key types against it up front.
  enum class ActionKind { Set, Remove, Add, Delete };
  ActionKind action_kind(size_t i) const;
  std::optional<model::Type> static_type(size_t i) const;

  explicit Update(std::shared_ptr<const detail::UpdatePlan> p) : plan_(std::move(p)) {}

 private:
  std::shared_ptr<const detail::UpdatePlan> plan_;
};

Update compile_update(std::string_view text, Attributes& attrs);

class Projection {
 public:
  Projection();  // projects nothing
  // Only the projected paths; nested paths stay nested, list elements compact in index order.
  model::Item apply(const model::Item& item) const;
  std::vector<std::string> top_level_names() const;
  const std::vector<Path>& paths() const;

  explicit Projection(std::shared_ptr<const detail::PathTrie> t) : trie_(std::move(t)) {}

 private:
  std::shared_ptr<const detail::PathTrie> trie_;
};

Projection compile_projection(std::string_view text, Attributes& attrs);

// Query key conditions: partition key equality plus an optional sort key condition.
struct KeyCondition {
  std::string hash_name;
  model::AttributeValue hash_value;
  std::optional<std::string> range_name;
  enum class Op { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH } op = Op::EQ;
  model::AttributeValue range_a, range_b;  // range_b only for BETWEEN
  // Multi-attribute GSI keys: every partition key value in key schema order, and the equality
  // conditions on leading sort key attributes before the one `range_name` names.
  std::vector<model::AttributeValue> hash_values;
  std::vector<std::string> range_prefix_names;
  std::vector<model::AttributeValue> range_prefix;

  // Whether a sort key value satisfies the range condition (true when there is none).
  bool range_matches(const model::AttributeValue& v) const;
};

// One key attribute's condition, before it meets the key schema.
struct KeyTerm {
  std::string name;
  KeyCondition::Op op;
  std::vector<model::AttributeValue> values;
};

// A KeyConditionExpression checked as an expression (syntax, names and values used, the operators
// a key condition allows, one condition per attribute), before the key schema is known: DynamoDB
// reports these errors before it looks the table up.
std::vector<KeyTerm> parse_key_condition(std::string_view text, Attributes& attrs);

// The terms against the key schema of the table or index queried (range_key empty when none):
// "Query condition missed key schema element: <name>", "Query key condition not supported".
// Value types against the key schema's attribute types are the caller's check.
KeyCondition match_key_condition(std::vector<KeyTerm> terms, const std::string& hash_key, const std::string& range_key);

// A multi-attribute key schema (GSI with up to 4 partition and 4 sort key attributes): equality
// on every partition key attribute; sort key attributes left to right, equality on all but the
// last one given, which may use any key comparison.
KeyCondition match_key_condition(std::vector<KeyTerm> terms, const std::vector<std::string>& hash_keys,
                                 const std::vector<std::string>& range_keys);

// Legacy parameters, translated to the same compiled forms.

// One entry of Expected, QueryFilter, ScanFilter or KeyConditions as a typed request holds it
// (nullptr: member absent). Values carry their content error, thrown where DynamoDB reports it.
struct LegacyComparison {
  std::string_view name;
  const std::string* comparison_operator = nullptr;
  const std::vector<model::Checked<model::AttributeValue>>* attribute_value_list = nullptr;
  const model::Checked<model::AttributeValue>* value = nullptr;  // Expected only
  const bool* exists = nullptr;                                  // Expected only
};
// One entry of AttributeUpdates.
struct LegacyUpdate {
  std::string_view name;
  const std::string* action = nullptr;
  const model::Checked<model::AttributeValue>* value = nullptr;
};
Condition from_expected(const std::vector<LegacyComparison>& expected, const std::string* conditional_operator);
Condition from_filter(const std::vector<LegacyComparison>& filter, const std::string* conditional_operator,
                      std::string_view kind);
KeyCondition from_key_conditions(const std::vector<LegacyComparison>& key_conditions, const std::string& hash_key,
                                 const std::string& range_key);
Update from_attribute_updates(const std::vector<LegacyUpdate>& attribute_updates);

// The same from request JSON (wire types checked here).
Condition from_expected(const nlohmann::json& expected, const nlohmann::json* conditional_operator);
// kind: "QueryFilter" or "ScanFilter".
Condition from_filter(const nlohmann::json& filter, const nlohmann::json* conditional_operator,
                      std::string_view kind);
Update from_attribute_updates(const nlohmann::json& attribute_updates);
Projection from_attributes_to_get(const nlohmann::json& attributes_to_get);
Projection from_attributes_to_get(const std::vector<std::string>& attributes_to_get);
KeyCondition from_key_conditions(const nlohmann::json& key_conditions, const std::string& hash_key,
                                 const std::string& range_key);

// DynamoDB's reserved words (case-insensitive), as the developer guide lists them.
bool is_reserved_word(std::string_view word);
const std::vector<std::string_view>& reserved_words();

}  // namespace dynarock::expr
