// The statement AST of DynamoDB's PartiQL dialect: what the parser produces and lowering reads.
// Values stay as written (literal text, parameter positions) until lowering binds them.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace dynarock::partiql {

// A document path: a top-level name, then `.name` and `[n]` steps.
struct PathStep {
  bool is_index = false;
  std::string name;
  size_t index = 0;
};
using Path = std::vector<PathStep>;

struct Expr {
  enum class Kind {
    path,      // path
    string,    // text: the string's characters
    number,    // text: the number as written
    boolean,   // text: "true"/"false"
    null,      // NULL
    missing,   // MISSING (only valid after IS)
    param,     // param: 0-based position of the `?`
    tuple,     // keys + args: { 'k': v, ... }
    list,      // args: [ ... ]
    bag,       // args: << ... >>
    compare,   // op in = <> < <= > >=; args: lhs, rhs
    arith,     // op in + -; args: lhs, rhs
    between,   // args: value, low, high
    in,        // args: value, then the candidates
    and_,      // args: lhs, rhs
    or_,       // args: lhs, rhs
    not_,      // args: operand
    is,        // text: type name (MISSING, NULL, STRING...); negated for IS NOT; args: operand
    call,      // text: lower-case function name; args
  };
  Kind kind = Kind::null;
  std::string text;
  std::string op;
  bool negated = false;
  size_t param = 0;
  Path path;
  std::vector<std::string> keys;
  std::vector<Expr> args;
};

// UPDATE's actions, in statement order.
struct Assignment {
  enum class Kind { set, remove };
  Kind kind = Kind::set;
  Path target;
  Expr value;  // set only
};

enum class Returning { none, all_old, modified_old, all_new, modified_new };

struct Statement {
  enum class Kind { select, insert, update, remove, exists };
  Kind kind = Kind::select;
  std::string table;
  std::string index;                 // SELECT ... FROM "table"."index"
  bool star = false;                 // SELECT *
  std::vector<Path> projection;      // SELECT a, b.c
  bool has_where = false;
  Expr where;
  std::vector<std::pair<std::string, bool>> order_by;  // (attribute, descending)
  Expr value;                        // INSERT ... VALUE
  std::vector<Assignment> assignments;
  Returning returning = Returning::none;
  size_t parameters = 0;             // how many `?` the statement holds

  bool is_read() const { return kind == Kind::select; }
};

}  // namespace dynarock::partiql
