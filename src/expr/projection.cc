// ProjectionExpression (and AttributesToGet): which parts of an item a read returns.
#include <algorithm>

#include "expr/compile.h"

namespace dynarock::expr {

Projection::Projection() = default;

model::Item Projection::apply(const model::Item& item) const {
  if (!trie_) return {};
  return detail::project(*trie_, item);
}

std::vector<std::string> Projection::top_level_names() const {
  std::vector<std::string> names;
  for (const Path& p : paths())
    if (std::find(names.begin(), names.end(), p[0].name) == names.end()) names.push_back(p[0].name);
  return names;
}

const std::vector<Path>& Projection::paths() const {
  static const std::vector<Path> none;
  return trie_ ? trie_->paths : none;
}

Projection compile_projection(std::string_view text, Attributes& attrs) {
  using namespace detail;
  constexpr std::string_view kind = "ProjectionExpression";
  const syntax::Tree tree = parse_expression(text, Category::Projection, kind);
  walk_checks(tree, Category::Projection, kind);
  auto trie = std::make_shared<PathTrie>();
  Program scratch;
  Builder builder(tree, attrs, kind, scratch);
  trie->paths.resize(tree.projection.size());
  // DynamoDB resolves and merges the paths last to first, which decides which clash it reports.
  for (size_t i = tree.projection.size(); i-- > 0;) {
    trie->paths[i] = builder.resolve_path(tree.projection[i]);
    trie_insert(*trie, trie->paths[i], kind);
  }
  return Projection(std::move(trie));
}

}  // namespace dynarock::expr
