// Legacy AttributeUpdates (PUT / ADD / DELETE per top-level attribute) and AttributesToGet,
// compiled to the same update plan and projection trie as their expression counterparts.
#include <deque>
#include <string_view>
#include <unordered_set>

#include "expr/internal.h"

namespace dynarock::expr {

namespace {

using nlohmann::json;
using model::AttributeValue;
using model::Type;

const std::string kInvalid = "One or more parameter values were invalid: ";

detail::ActionKind parse_action(const std::string* action, std::string_view key) {
  if (!action || *action == "PUT") return detail::ActionKind::LegacyPut;
  if (*action == "ADD") return detail::ActionKind::LegacyAdd;
  if (*action == "DELETE") return detail::ActionKind::LegacyDelete;
  throw validation_error("1 validation error detected: Value '" + *action + "' at 'attributeUpdates." + std::string(key) +
                         ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, "
                         "DELETE, PUT]");
}

}  // namespace

Update from_attribute_updates(const std::vector<LegacyUpdate>& attribute_updates) {
  auto plan = std::make_shared<detail::UpdatePlan>();
  for (const LegacyUpdate& entry : attribute_updates) {
    detail::UpdateAction action{parse_action(entry.action, entry.name)};
    if (entry.value) {
      const AttributeValue& v = entry.value->get();
      if (action.kind == detail::ActionKind::LegacyDelete && !v.is_set())
        throw validation_error(kInvalid + "DELETE action with value is not supported for the type " + model::type_name(v.type));
      if (action.kind == detail::ActionKind::LegacyAdd &&
          (v.type == Type::S || v.type == Type::B || v.type == Type::BOOL || v.type == Type::NUL || v.type == Type::M))
        throw validation_error(kInvalid + "ADD action is not supported for the type " + model::type_name(v.type));
      plan->program.values.push_back(v);
      action.value = static_cast<uint32_t>(plan->program.values.size() - 1);
      action.has_value = true;
    } else if (action.kind != detail::ActionKind::LegacyDelete) {
      throw validation_error(kInvalid + "Only DELETE action is allowed when no attribute value is specified");
    }
    plan->actions.push_back(action);
    plan->targets.paths.push_back(Path{PathElement::key(std::string(entry.name))});
    detail::trie_insert(plan->targets, plan->targets.paths.back(), "AttributeUpdates").action =
        static_cast<int>(plan->actions.size() - 1);
  }
  return Update(std::move(plan));
}

Update from_attribute_updates(const nlohmann::json& attribute_updates) {
  if (!attribute_updates.is_object()) throw serialization_error("Expected map or null");
  // Wire types first, then the typed entry point over the decoded entries.
  std::deque<std::string> actions;
  std::deque<model::Checked<AttributeValue>> values;
  std::vector<LegacyUpdate> entries;
  for (auto it = attribute_updates.begin(); it != attribute_updates.end(); ++it) {
    const json& entry = it.value();
    if (!entry.is_object()) throw serialization_error("Expected map or null");
    LegacyUpdate u{it.key()};
    if (auto a = entry.find("Action"); a != entry.end() && !a->is_null()) {
      if (!a->is_string()) throw serialization_error("Expected string");
      u.action = &actions.emplace_back(a->get<std::string>());
    }
    if (auto v = entry.find("Value"); v != entry.end() && !v->is_null()) {
      u.value = &values.emplace_back(model::checked([&] { return model::parse_value(*v); }));
    }
    entries.push_back(u);
  }
  return from_attribute_updates(entries);
}

Projection from_attributes_to_get(const nlohmann::json& attributes_to_get) {
  if (!attributes_to_get.is_array()) throw serialization_error("Expected list or null");
  std::vector<std::string> names;
  for (const auto& name : attributes_to_get) {
    if (!name.is_string()) throw serialization_error("Expected string");
    names.push_back(name.get<std::string>());
  }
  return from_attributes_to_get(names);
}

Projection from_attributes_to_get(const std::vector<std::string>& attributes_to_get) {
  // Top-level names only, so the trie is one flat level: entries are added directly, with a
  // hash set for duplicates (the list has no length limit; a scan per name would be quadratic).
  auto trie = std::make_shared<detail::PathTrie>();
  std::unordered_set<std::string_view> seen;
  trie->entries.reserve(attributes_to_get.size());
  trie->paths.reserve(attributes_to_get.size());
  for (const std::string& n : attributes_to_get) {
    if (!seen.insert(n).second) throw validation_error(kInvalid + "Duplicate value in attribute name: " + n);
    trie->paths.push_back(Path{PathElement::key(n)});
    trie->entries.push_back(detail::PathTrie::Entry{PathElement::key(n), nullptr, -1});
  }
  return Projection(std::move(trie));
}

}  // namespace dynarock::expr
