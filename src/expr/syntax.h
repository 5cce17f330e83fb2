// The syntax layer: DynamoDB's expression tokens and the parse tree, before any semantic check.
// One grammar serves all five expression kinds, as in DynamoDB, so a keyword of one kind (SET,
// AND, ...) is a keyword everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dynarock::expr::syntax {

enum class Tok : uint8_t {
  Eq, Ne, Lt, Le, Gt, Ge, Plus, Minus,         // = <> < <= > >= + -
  Comma, LParen, RParen, Dot, LBracket, RBracket,
  In, Between, Not, And, Or, Set, Add, Delete, Remove,  // keywords, any case
  Index,    // list index digits
  Id,       // name
  NameRef,  // #name
  ValueRef, // :value
  Unknown,  // any other character
  End,      // end of input
};

struct Token {
  Tok kind;
  uint32_t begin, end;  // byte offsets into the expression
};

// Splits the expression into tokens (whitespace dropped); the last token is End.
std::vector<Token> tokenize(std::string_view text);

enum class NodeKind : uint8_t { Path, Value, Call, Compare, Between, In, Not, And, Or, Arith };

struct Step {
  enum Kind : uint8_t { Id, NameRef, ValueRef, Index } kind;
  uint32_t tok;  // the token naming it; for Index the digits
};

struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  NodeKind kind;
  Tok op = Tok::End;  // Compare: comparator; Arith: Plus / Minus
  uint32_t tok = 0;   // Value: the :value token; Call: the function name token
  int path = -1;       // Path: index into Tree::paths
  std::vector<int> kids;
};

struct Action {
  int path;        // index into Tree::paths
  int value = -1;  // SET: value tree; ADD / DELETE: the :value node; REMOVE: none
};

struct Clause {
  Tok section;  // Set, Remove, Add, Delete
  std::vector<Action> actions;
};

struct Tree {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<Node> nodes;  // may hold nodes of abandoned readings; only reachable ones matter
  std::vector<std::vector<Step>> paths;
  int root = -1;                // condition
  std::vector<Clause> clauses;  // update, in written order
  std::vector<int> projection;  // projection: path indexes in written order

  std::string_view text_of(uint32_t tok) const {
    const Token& t = tokens[tok];
    return text.substr(t.begin, t.end - t.begin);
  }
};

// Parse failures carry DynamoDB's message text without the "Invalid <kind>: " prefix.
struct ParseError {
  std::string message;
};

Tree parse_condition(std::string_view text);
Tree parse_update(std::string_view text);
Tree parse_projection(std::string_view text);

}  // namespace dynarock::expr::syntax
