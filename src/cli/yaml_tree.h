// A YAML (or JSON) document as a tree that remembers each node's line and tag, so --init can
// name the line of a bad value and resolve CloudFormation's short-form tags (!Ref, !Sub, ...).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace dynarock::cli {

struct Field;

struct Node {
  enum class Kind { scalar, sequence, mapping } kind = Kind::scalar;
  std::string tag;      // "!Ref" etc. for CloudFormation short forms; "" otherwise
  std::string value;    // scalar text
  bool quoted = false;  // a quoted scalar is always a string
  int line = 0;         // 1-based
  std::vector<Node> items;                           // sequence
  std::vector<Field> fields;  // mapping, in document order

  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_map() const { return kind == Kind::mapping; }
  bool is_seq() const { return kind == Kind::sequence; }
  bool is_null() const { return kind == Kind::scalar && !quoted && (value.empty() || value == "null" || value == "~"); }
  const Node* find(const std::string& key) const;
};

// A mapping entry. Not std::pair: clang with libstdc++ rejects a pair of a still-incomplete type
// inside the type's own definition.
struct Field {
  Field(std::string k, Node v) : first(std::move(k)), second(std::move(v)) {}
  std::string first;
  Node second;
};

// Parses the first document of a YAML or JSON text; throws InitError naming `file` and the line.
Node parse_yaml(const std::string& text, const std::string& file);

// Plain scalars become numbers, booleans or null when they look like one; quoted ones stay strings.
nlohmann::json to_json(const Node& node);

}  // namespace dynarock::cli
