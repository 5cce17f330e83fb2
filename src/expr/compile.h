// The semantic front shared by every expression kind. DynamoDB checks an expression in three
// passes, and the first problem of the earliest pass is the one reported:
//   1. empty / too long, then the parse (syntax errors, redundant parentheses);
//   2. a walk over the parse tree in written order: function names and where functions may be
//      used, reserved words, list index range, repeated update sections;
//   3. a post-order walk that resolves #names and :values and checks each operator (operand
//      count, operand types, repeated paths, BETWEEN bounds, IN size, operator count).
#pragma once

#include <string_view>

#include "expr/internal.h"
#include "expr/syntax.h"

namespace dynarock::expr::detail {

enum class Category { Condition, Update, Projection };

// Pass 1.
syntax::Tree parse_expression(std::string_view text, Category category, std::string_view kind);
// Pass 2.
void walk_checks(const syntax::Tree& tree, Category category, std::string_view kind);

// Pass 3: builds Program nodes from parse-tree nodes, validating as it goes.
class Builder {
 public:
  Builder(const syntax::Tree& tree, Attributes& attrs, std::string_view kind, Program& out)
      : tree_(tree), attrs_(attrs), kind_(kind), out_(out) {}

  // Resolves a path's #names (checking its depth first).
  Path resolve_path(int path_index);
  // Validates and compiles a parse-tree node and everything under it; returns the node index.
  uint32_t build(int node);
  // The :value named by a token, marked used.
  const AttributeValue& value(uint32_t tok);
  uint32_t add_value(const AttributeValue& v);

 private:
  const syntax::Tree& tree_;
  Attributes& attrs_;
  std::string_view kind_;
  Program& out_;
  int operators_ = 0;

  uint32_t emit(Op op, const std::vector<uint32_t>& kids, uint32_t ref = 0);
  void check_operator(Op op, const std::vector<uint32_t>& kids);
};

// Operator name as DynamoDB prints it ("=", "BETWEEN", "size", ...).
const char* op_name(Op op);

}  // namespace dynarock::expr::detail
