// Internals shared by the expression layer's files: the compiled forms, value helpers and the
// error helpers. Not part of the public API.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.h"
#include "model/attribute_value.h"
#include "model/error.h"

namespace dynarock::expr::detail {

using model::AttributeValue;
using model::Item;
using model::Type;

// DynamoDB's limits on expressions.
constexpr size_t kMaxExpressionSize = 4096;  // UTF-16 code units, as DynamoDB counts
constexpr size_t kMaxPathDepth = 32;
constexpr int kMaxOperators = 300;
constexpr size_t kMaxInOperands = 100;
constexpr size_t kMaxPlaceholderSize = 255;

// "Invalid <kind>: <message>".
[[noreturn]] void fail(std::string_view kind, std::string_view message);

// Runtime update errors, as DynamoDB words them.
[[noreturn]] void fail_missing_attribute();  // an operand path does not exist
[[noreturn]] void fail_operand_type();       // an operand has the wrong type
[[noreturn]] void fail_invalid_path();       // the path cannot be updated

// ---- values ----

// Number of UTF-16 code units in UTF-8 text (Java's String.length()).
size_t utf16_length(std::string_view utf8);
// Java's String.hashCode() of UTF-8 text.
int32_t java_hash(std::string_view utf8);
// The order a java.util.HashMap with `capacity` buckets iterates keys of these hash codes
// (given in insertion order): by bucket, then insertion. DynamoDB lists unused placeholders,
// and converts ExpressionAttributeValues, in that order.
std::vector<size_t> java_iteration_order(const std::vector<int32_t>& hashes, size_t capacity);
// Bucket count of a HashSet copied from a collection of n keys.
size_t java_copied_set_capacity(size_t n);

// Orders two numbers given as DynamoDB number text: <0, 0, >0.
int compare_numbers(std::string_view a, std::string_view b);
// For S, N, B of the same type: <0, 0, >0.
int compare_scalars(const AttributeValue& a, const AttributeValue& b);
// S, N, B.
inline bool is_ordered(Type t) { return t == Type::S || t == Type::N || t == Type::B; }

// DynamoDB's long type names in update messages: STRING, NUMBER, ..., STRING_SET.
const char* long_type_name(Type t);
// "AttributeValue: {S:text}" as DynamoDB prints a value in BETWEEN messages.
std::string describe_value(const AttributeValue& v);
// Type abbreviation -> type, for attribute_type(); false when not a type name.
bool parse_type_name(std::string_view name, Type& out);

// a + b or a - b for two N values. A result DynamoDB cannot store exactly is an error; DynamoDB
// reports an inexact result (1E50 + 1) as an overflow too, not as too many digits.
AttributeValue arithmetic(const AttributeValue& a, const AttributeValue& b, bool subtract);

// Set algebra on SS / NS / BS members (members are normalised, so text equality is equality).
bool set_contains(const AttributeValue& set, std::string_view member);
void set_union(AttributeValue& into, const AttributeValue& add);
// Removes `remove`'s members from `from`; returns false when nothing is left.
bool set_difference(AttributeValue& from, const AttributeValue& remove);

// The value at `path` in `item`, or nullptr.
const AttributeValue* resolve(const Item& item, const Path& path);

// ---- compiled conditions and update values ----

enum class Op : uint8_t {
  Path, Value,                                   // leaves
  Eq, Ne, Lt, Le, Gt, Ge, Between, In,           // comparisons
  And, Or, Not,                                  // logic
  AttributeExists, AttributeNotExists, AttributeType, BeginsWith, Contains, Size,
  IfNotExists, ListAppend, Plus, Minus,          // update values
  Legacy,                                        // one Expected / filter entry
};

struct Node {
  Op op;
  uint32_t first = 0, count = 0;  // children: Program::kids[first .. first + count)
  uint32_t ref = 0;               // Path: paths[ref]; Value: values[ref]; Legacy: legacy[ref]
};

// One legacy comparison (Expected, QueryFilter, ScanFilter): ComparisonOperator semantics.
struct LegacyTest {
  enum class Cmp : uint8_t { EQ, NE, LE, LT, GE, GT, NOT_NULL, NUL, CONTAINS, NOT_CONTAINS, BEGINS_WITH, IN, BETWEEN };
  std::string name;  // top-level attribute
  Cmp cmp;
  std::vector<AttributeValue> args;
};

struct Program {
  std::vector<Node> nodes;
  std::vector<uint32_t> kids;
  std::vector<Path> paths;
  std::vector<AttributeValue> values;
  std::vector<LegacyTest> legacy;
  std::vector<std::string> top_level_names;
  uint32_t root = 0;

  const Node& node(uint32_t i) const { return nodes[i]; }
  uint32_t kid(const Node& n, uint32_t k) const { return kids[n.first + k]; }
};

// Fills Program::top_level_names from its paths and legacy tests.
void collect_top_level_names(Program& p);

bool evaluate_condition(const Program& p, uint32_t node, const Item& item);
bool evaluate_legacy(const LegacyTest& t, const Item& item);

// The result of an update value: either a value in the item / expression, or one computed.
struct ValueRef {
  const AttributeValue* ptr = nullptr;
  std::optional<AttributeValue> owned;
  const AttributeValue* get() const { return owned ? &*owned : ptr; }
};
ValueRef evaluate_value(const Program& p, uint32_t node, const Item& item);

// ---- document path tries (update targets, projections) ----

struct PathTrie {
  struct Entry {
    PathElement element;
    std::unique_ptr<PathTrie> sub;  // nullptr: a path ends here
    int action = -1;                // update: the action at this leaf
  };
  std::vector<Entry> entries;  // insertion order
  std::vector<Path> paths;     // root only: every path, in written order

  const Entry* find(const PathElement& e) const;
};

// Inserts `path` (already resolved) into `root`, failing with DynamoDB's overlap / conflict
// messages under `kind`. Returns the leaf entry.
PathTrie::Entry& trie_insert(PathTrie& root, const Path& path, std::string_view kind);
// `item` projected through `trie`.
Item project(const PathTrie& trie, const Item& item);

// ---- updates ----

enum class ActionKind : uint8_t { Set, Remove, Add, Delete, LegacyPut, LegacyAdd, LegacyDelete };

struct UpdateAction {
  ActionKind kind;
  uint32_t value = 0;  // Set: Program node; Add / Delete / legacy: Program::values index
  bool has_value = false;
};

struct UpdatePlan {
  Program program;
  std::vector<UpdateAction> actions;
  PathTrie targets;  // leaves point at actions
};

}  // namespace dynarock::expr::detail
