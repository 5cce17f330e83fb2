// Passes 1 and 2 of expression checking (see compile.h): size and parse, then the written-order
// walk that DynamoDB makes over its parse tree before it looks at any placeholder.
#include <string>

#include "expr/compile.h"

namespace dynarock::expr::detail {

syntax::Tree parse_expression(std::string_view text, Category category, std::string_view kind) {
  if (text.empty()) fail(kind, "The expression can not be empty;");
  const size_t size = utf16_length(text);
  if (size > kMaxExpressionSize) {
    // Only condition-type expressions say how large they were.
    if (category == Category::Condition)
      fail(kind, "Expression size has exceeded the maximum allowed size; expression size: " + std::to_string(size));
    fail(kind, "Expression size has exceeded the maximum allowed size;");
  }
  try {
    switch (category) {
      case Category::Condition: return syntax::parse_condition(text);
      case Category::Update: return syntax::parse_update(text);
      case Category::Projection: return syntax::parse_projection(text);
    }
  } catch (const syntax::ParseError& e) {
    fail(kind, e.message);
  }
  fail(kind, "Syntax error");  // unreachable
}

namespace {

bool function_op(std::string_view name, Op& op) {
  struct Fn {
    const char* name;
    Op op;
  };
  static constexpr Fn kFunctions[] = {
      {"attribute_exists", Op::AttributeExists}, {"attribute_not_exists", Op::AttributeNotExists},
      {"attribute_type", Op::AttributeType},     {"begins_with", Op::BeginsWith},
      {"contains", Op::Contains},                {"size", Op::Size},
      {"if_not_exists", Op::IfNotExists},        {"list_append", Op::ListAppend},
  };
  for (const auto& f : kFunctions)
    if (name == f.name) {  // function names are case-sensitive
      op = f.op;
      return true;
    }
  return false;
}

class Walker {
 public:
  Walker(const syntax::Tree& t, Category c, std::string_view kind) : t_(t), category_(c), kind_(kind) {}

  void run() {
    switch (category_) {
      case Category::Condition: node(t_.root, 0); break;
      case Category::Projection:
        for (int p : t_.projection) path(p);
        break;
      case Category::Update: {
        bool seen[4] = {false, false, false, false};
        for (const auto& clause : t_.clauses) {
          for (const auto& a : clause.actions) {
            path(a.path);
            if (a.value >= 0) node(a.value, 0);
          }
          // DynamoDB notices a repeated section when it finishes reading it.
          const int s = clause.section == syntax::Tok::Set      ? 0
                        : clause.section == syntax::Tok::Remove ? 1
                        : clause.section == syntax::Tok::Add    ? 2
                                                                : 3;
          static constexpr const char* kNames[] = {"SET", "REMOVE", "ADD", "DELETE"};
          if (seen[s])
            fail(kind_, std::string("The \"") + kNames[s] + "\" section can only be used once in an update expression;");
          seen[s] = true;
        }
        break;
      }
    }
  }

 private:
  const syntax::Tree& t_;
  Category category_;
  std::string_view kind_;

  void path(int p) {
    for (const auto& step : t_.paths[p]) {
      const std::string_view text = t_.text_of(step.tok);
      if (step.kind == syntax::Step::Id && is_reserved_word(text))
        fail(kind_, "Attribute name is a reserved keyword; reserved keyword: " + std::string(text));
      if (step.kind == syntax::Step::Index && (text.size() > 10 || std::stoll(std::string(text)) > 2147483647LL))
        fail(kind_, "List index is not within the allowable range; index: [" + std::string(text) + "]");
    }
  }

  // `level` counts the comparisons, arithmetic and function calls around a node.
  void node(int n, int level) {
    const syntax::Node& x = t_.nodes[n];
    switch (x.kind) {
      case syntax::NodeKind::Path: path(x.path); return;
      case syntax::NodeKind::Value: return;
      case syntax::NodeKind::Call: function(x, level); break;
      case syntax::NodeKind::Not:
      case syntax::NodeKind::And:
      case syntax::NodeKind::Or:
        for (int k : x.kids) node(k, level);
        return;
      default: break;
    }
    for (int k : x.kids) node(k, level + 1);
  }

  void function(const syntax::Node& x, int level) {
    const std::string name(t_.text_of(x.tok));
    Op op;
    if (!function_op(name, op)) fail(kind_, "Invalid function name; function: " + name);
    const bool value_function = op == Op::IfNotExists || op == Op::ListAppend;
    bool misplaced;
    if (category_ == Category::Update) {
      if (!value_function) fail(kind_, "The function is not allowed in an update expression; function: " + name);
      misplaced = level > 0 && op != Op::IfNotExists;
    } else {
      if (value_function) fail(kind_, "The function is not allowed in a condition expression; function: " + name);
      // size() is the only function that is an operand; the others are conditions.
      misplaced = level == 0 ? op == Op::Size : op != Op::Size;
    }
    if (misplaced) fail(kind_, "The function is not allowed to be used this way in an expression; function: " + name);
  }
};

}  // namespace

void walk_checks(const syntax::Tree& tree, Category category, std::string_view kind) {
  Walker(tree, category, kind).run();
}

}  // namespace dynarock::expr::detail
