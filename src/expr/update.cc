// UpdateExpression: SET, REMOVE, ADD and DELETE actions (and legacy AttributeUpdates, compiled
// to the same plan). Every value is computed from the item as it was before the update; the
// actions are then merged into a copy of it through the target trie, so list elements keep
// their original indexes while several of them change: "REMOVE a[1], a[2]" removes both
// original elements, and indexes past the end append in index order.
#include <algorithm>

#include "expr/compile.h"

namespace dynarock::expr {

namespace detail {

namespace {

[[noreturn]] void fail_legacy_type() { throw validation_error("Type mismatch for attribute to update"); }

// The new value at a target, or nullopt when the target ends up absent.
std::optional<AttributeValue> action_result(const UpdatePlan& plan, const UpdateAction& a,
                                            const AttributeValue* existing, const Item& original) {
  const Program& p = plan.program;
  switch (a.kind) {
    case ActionKind::Set: {
      ValueRef r = evaluate_value(p, a.value, original);
      if (!r.get()) fail_missing_attribute();
      if (r.owned) return std::move(*r.owned);
      return *r.get();
    }
    case ActionKind::Remove: return std::nullopt;
    case ActionKind::Add:
    case ActionKind::LegacyAdd: {
      const AttributeValue& v = p.values[a.value];
      if (!existing) return v;
      const bool legacy = a.kind == ActionKind::LegacyAdd;
      if (existing->type != v.type) legacy ? fail_legacy_type() : fail_operand_type();
      if (v.type == Type::N) return arithmetic(*existing, v, false);
      AttributeValue out = *existing;
      if (v.type == Type::L) out.list.insert(out.list.end(), v.list.begin(), v.list.end());  // legacy only
      else set_union(out, v);
      return out;
    }
    case ActionKind::Delete:
    case ActionKind::LegacyDelete: {
      if (!a.has_value || !existing) return std::nullopt;
      const AttributeValue& v = p.values[a.value];
      if (existing->type != v.type) a.kind == ActionKind::LegacyDelete ? fail_legacy_type() : fail_operand_type();
      AttributeValue out = *existing;
      if (!set_difference(out, v)) return std::nullopt;  // an emptied set disappears
      return out;
    }
    case ActionKind::LegacyPut: return p.values[a.value];
  }
  return std::nullopt;
}

void apply_list(const UpdatePlan& plan, const PathTrie& node, model::List& list, const Item& original);

// Applies the trie below a map (or the item itself) to `m`.
void apply_map(const UpdatePlan& plan, const PathTrie& node, model::Map& m, const Item& original) {
  for (const auto& e : node.entries) {
    if (e.element.is_index) fail_invalid_path();  // a list index into a map
    auto it = m.find(e.element.name);
    if (!e.sub) {
      auto result = action_result(plan, plan.actions[e.action], it == m.end() ? nullptr : &it->second, original);
      if (result) m.insert_or_assign(e.element.name, std::move(*result));
      else if (it != m.end()) m.erase(it);
      continue;
    }
    // A nested target needs its container to exist already.
    if (it == m.end()) fail_invalid_path();
    AttributeValue& child = it->second;
    if (child.type == Type::M) apply_map(plan, *e.sub, child.map, original);
    else if (child.type == Type::L) apply_list(plan, *e.sub, child.list, original);
    else fail_invalid_path();
  }
}

void apply_list(const UpdatePlan& plan, const PathTrie& node, model::List& list, const Item& original) {
  std::vector<const PathTrie::Entry*> entries;
  entries.reserve(node.entries.size());
  for (const auto& e : node.entries) {
    if (!e.element.is_index) fail_invalid_path();  // a map key into a list
    entries.push_back(&e);
  }
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->element.index < b->element.index; });
  model::List out;
  out.reserve(list.size() + entries.size());
  size_t next = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (next == entries.size() || entries[next]->element.index != i) {
      out.push_back(std::move(list[i]));
      continue;
    }
    const PathTrie::Entry& e = *entries[next++];
    if (!e.sub) {
      if (auto result = action_result(plan, plan.actions[e.action], &list[i], original)) out.push_back(std::move(*result));
      continue;
    }
    AttributeValue& child = list[i];
    if (child.type == Type::M) apply_map(plan, *e.sub, child.map, original);
    else if (child.type == Type::L) apply_list(plan, *e.sub, child.list, original);
    else fail_invalid_path();
    out.push_back(std::move(child));
  }
  // Past the end: values are appended in index order; nested targets have nothing to update.
  for (; next < entries.size(); ++next) {
    const PathTrie::Entry& e = *entries[next];
    if (e.sub) fail_invalid_path();
    if (auto result = action_result(plan, plan.actions[e.action], nullptr, original)) out.push_back(std::move(*result));
  }
  list = std::move(out);
}

void check_add_delete_operand(syntax::Tok section, const AttributeValue& v) {
  const bool is_add = section == syntax::Tok::Add;
  const bool ok = v.type == Type::SS || v.type == Type::NS || v.type == Type::BS || (is_add && v.type == Type::N);
  if (!ok)
    fail("UpdateExpression", std::string("Incorrect operand type for operator or function; operator: ") +
                                 (is_add ? "ADD" : "DELETE") + ", operand type: " + long_type_name(v.type) +
                                 ", typeSet: " + (is_add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
}

}  // namespace

}  // namespace detail

Update::Update() = default;

model::Item Update::apply(const model::Item& item) const {
  if (!plan_) return item;
  model::Item result = item;
  detail::apply_map(*plan_, plan_->targets, result, item);
  return result;
}

model::Item Update::updated_view(const model::Item& item) const {
  if (!plan_) return {};
  return detail::project(plan_->targets, item);
}

std::vector<std::string> Update::top_level_targets() const {
  std::vector<std::string> names;
  for (const Path& p : target_paths())
    if (std::find(names.begin(), names.end(), p[0].name) == names.end()) names.push_back(p[0].name);
  return names;
}

const std::vector<Path>& Update::target_paths() const {
  static const std::vector<Path> none;
  return plan_ ? plan_->targets.paths : none;
}

const std::vector<Path>& Update::operand_paths() const {
  static const std::vector<Path> none;
  return plan_ ? plan_->program.paths : none;
}

Update::ActionKind Update::action_kind(size_t i) const {
  switch (plan_->actions[i].kind) {
    case detail::ActionKind::Set:
    case detail::ActionKind::LegacyPut: return ActionKind::Set;
    case detail::ActionKind::Remove: return ActionKind::Remove;
    case detail::ActionKind::Add:
    case detail::ActionKind::LegacyAdd: return ActionKind::Add;
    case detail::ActionKind::Delete:
    case detail::ActionKind::LegacyDelete: return plan_->actions[i].has_value ? ActionKind::Delete : ActionKind::Remove;
  }
  return ActionKind::Remove;
}

std::optional<model::Type> Update::static_type(size_t i) const {
  const detail::UpdateAction& a = plan_->actions[i];
  if (!a.has_value) return std::nullopt;
  const detail::Program& p = plan_->program;
  if (a.kind != detail::ActionKind::Set) return p.values[a.value].type;
  const detail::Node& n = p.nodes[a.value];
  switch (n.op) {
    case detail::Op::Value: return p.values[n.ref].type;
    case detail::Op::Plus:
    case detail::Op::Minus: return model::Type::N;
    case detail::Op::ListAppend: return model::Type::L;
    default: return std::nullopt;  // a path or if_not_exists: known once the item is read
  }
}

Update compile_update(std::string_view text, Attributes& attrs) {
  using namespace detail;
  constexpr std::string_view kind = "UpdateExpression";
  const syntax::Tree tree = parse_expression(text, Category::Update, kind);
  walk_checks(tree, Category::Update, kind);

  struct Written {
    syntax::Tok section;
    const syntax::Action* action;
  };
  std::vector<Written> written;
  for (const auto& clause : tree.clauses)
    for (const auto& a : clause.actions) written.push_back({clause.section, &a});

  auto plan = std::make_shared<UpdatePlan>();
  Builder builder(tree, attrs, kind, plan->program);
  plan->actions.resize(written.size());
  plan->targets.paths.resize(written.size());
  // DynamoDB takes the actions last to first: first every target path (its #names, then
  // overlaps), then every value.
  for (size_t i = written.size(); i-- > 0;) {
    plan->targets.paths[i] = builder.resolve_path(written[i].action->path);
    trie_insert(plan->targets, plan->targets.paths[i], kind).action = static_cast<int>(i);
  }
  for (size_t i = written.size(); i-- > 0;) {
    UpdateAction& a = plan->actions[i];
    const syntax::Tok section = written[i].section;
    const int value = written[i].action->value;
    switch (section) {
      case syntax::Tok::Set:
        a.kind = ActionKind::Set;
        a.value = builder.build(value);
        a.has_value = true;
        break;
      case syntax::Tok::Remove: a.kind = ActionKind::Remove; break;
      default: {
        a.kind = section == syntax::Tok::Add ? ActionKind::Add : ActionKind::Delete;
        const AttributeValue& v = builder.value(tree.nodes[value].tok);
        check_add_delete_operand(section, v);
        a.value = builder.add_value(v);
        a.has_value = true;
      }
    }
  }
  return Update(std::move(plan));
}

}  // namespace dynarock::expr
