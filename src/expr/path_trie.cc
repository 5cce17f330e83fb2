// Document-path tries: the paths of an update or a projection merged into one tree. Building it
// is where DynamoDB rejects paths that overlap ("a" and "a.b") or conflict (one uses "a" as a
// list, the other as a map); projecting an item through it keeps only those paths.
#include <algorithm>

#include "expr/internal.h"

namespace dynarock::expr::detail {

namespace {

// The path DynamoDB quotes for the existing side of a clash: the new path's first `depth`
// elements, then down the trie from `node` through each node's first entry to a leaf.
Path existing_path(const Path& path, size_t depth, const PathTrie* node) {
  Path out(path.begin(), path.begin() + static_cast<long>(depth));
  while (node && !node->entries.empty()) {
    const PathTrie::Entry& e = node->entries.front();
    out.push_back(e.element);
    node = e.sub.get();
  }
  return out;
}

[[noreturn]] void clash(std::string_view kind, const char* what, const Path& one, const Path& two) {
  fail(kind, std::string("Two document paths ") + what +
                 " with each other; must remove or rewrite one of these paths; path one: " + path_to_string(one) +
                 ", path two: " + path_to_string(two));
}

std::optional<AttributeValue> project_value(const PathTrie& trie, const AttributeValue& v) {
  AttributeValue out;
  if (v.type == Type::M) {
    out.type = Type::M;
    for (const auto& e : trie.entries) {
      if (e.element.is_index) continue;
      auto it = v.map.find(e.element.name);
      if (it == v.map.end()) continue;
      if (!e.sub) {
        out.map.emplace(it->first, it->second);
      } else if (auto part = project_value(*e.sub, it->second)) {
        out.map.emplace(it->first, std::move(*part));
      }
    }
    if (out.map.empty()) return std::nullopt;
    return out;
  }
  if (v.type == Type::L) {
    // Selected elements keep their relative order and close up.
    std::vector<std::pair<uint32_t, AttributeValue>> picked;
    for (const auto& e : trie.entries) {
      if (!e.element.is_index || e.element.index >= v.list.size()) continue;
      const AttributeValue& elem = v.list[e.element.index];
      if (!e.sub) picked.emplace_back(e.element.index, elem);
      else if (auto part = project_value(*e.sub, elem)) picked.emplace_back(e.element.index, std::move(*part));
    }
    if (picked.empty()) return std::nullopt;
    std::sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    out.type = Type::L;
    out.list.reserve(picked.size());
    for (auto& p : picked) out.list.push_back(std::move(p.second));
    return out;
  }
  return std::nullopt;
}

}  // namespace

const PathTrie::Entry* PathTrie::find(const PathElement& e) const {
  for (const auto& entry : entries)
    if (entry.element == e) return &entry;
  return nullptr;
}

PathTrie::Entry& trie_insert(PathTrie& root, const Path& path, std::string_view kind) {
  PathTrie* node = &root;
  for (size_t depth = 0;; ++depth) {
    const PathElement& e = path[depth];
    const bool last = depth + 1 == path.size();
    auto it = std::find_if(node->entries.begin(), node->entries.end(),
                           [&](const PathTrie::Entry& x) { return x.element == e; });
    if (it == node->entries.end()) {
      // Siblings are all map keys or all list indexes; the other kind conflicts.
      if (!node->entries.empty() && node->entries.front().element.is_index != e.is_index)
        clash(kind, "conflict", path, existing_path(path, depth, node));
      node->entries.push_back(PathTrie::Entry{e, nullptr, -1});
      PathTrie::Entry* entry = &node->entries.back();
      // The rest of the path hangs below as a chain.
      for (size_t d = depth + 1; d < path.size(); ++d) {
        entry->sub = std::make_unique<PathTrie>();
        entry->sub->entries.push_back(PathTrie::Entry{path[d], nullptr, -1});
        entry = &entry->sub->entries.back();
      }
      return *entry;
    }
    // One path ends where the other goes on (or both end): the existing side is quoted through
    // the shared element.
    if (!it->sub || last) {
      Path through(path.begin(), path.begin() + static_cast<long>(depth) + 1);
      clash(kind, "overlap", path, existing_path(through, depth + 1, it->sub.get()));
    }
    node = it->sub.get();
  }
}

Item project(const PathTrie& trie, const Item& item) {
  Item out;
  for (const auto& e : trie.entries) {
    auto it = item.find(e.element.name);
    if (it == item.end()) continue;
    if (!e.sub) out.emplace(it->first, it->second);
    else if (auto part = project_value(*e.sub, it->second)) out.emplace(it->first, std::move(*part));
  }
  return out;
}

}  // namespace dynarock::expr::detail
