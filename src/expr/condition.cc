// ConditionExpression and FilterExpression: compiled once, evaluated per item.
#include <algorithm>

#include "expr/compile.h"

namespace dynarock::expr {

namespace detail {

// The top-level attribute names a compiled condition reads, first use first.
void collect_top_level_names(Program& p) {
  std::vector<std::string>& names = p.top_level_names;
  auto add = [&](const std::string& n) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  };
  for (const Path& path : p.paths) add(path[0].name);
  for (const LegacyTest& t : p.legacy) add(t.name);
}

}  // namespace detail

Condition::Condition() = default;

bool Condition::evaluate(const model::Item& item) const {
  if (!program_) return true;
  return detail::evaluate_condition(*program_, program_->root, item);
}

const std::vector<std::string>& Condition::top_level_names() const {
  static const std::vector<std::string> none;
  return program_ ? program_->top_level_names : none;
}

const std::vector<Path>& Condition::paths() const {
  static const std::vector<Path> none;
  return program_ ? program_->paths : none;
}

Condition compile_condition(std::string_view text, Attributes& attrs, std::string_view kind) {
  using namespace detail;
  const syntax::Tree tree = parse_expression(text, Category::Condition, kind);
  walk_checks(tree, Category::Condition, kind);
  auto program = std::make_shared<Program>();
  Builder builder(tree, attrs, kind, *program);
  program->root = builder.build(tree.root);
  collect_top_level_names(*program);
  return Condition(std::move(program));
}

}  // namespace dynarock::expr
