// KeyConditionExpression: a condition checked like any other, then reduced to one condition per
// key attribute and matched against the key schema of the table or index queried.
#include <algorithm>

#include "expr/compile.h"

namespace dynarock::expr {

namespace detail {

namespace {

using Cmp = KeyCondition::Op;

class Extractor {
 public:
  explicit Extractor(const Program& p) : p_(p) {}

  std::vector<KeyTerm> run() {
    extract(p_.root);
    return std::move(terms_);
  }

 private:
  const Program& p_;
  std::vector<KeyTerm> terms_;

  [[noreturn]] static void invalid_condition(const std::string& why) {
    throw validation_error("Invalid condition in KeyConditionExpression: " + why);
  }

  void extract(uint32_t i) {
    const Node& n = p_.node(i);
    if (n.op == Op::And) {
      extract(p_.kid(n, 0));
      extract(p_.kid(n, 1));
      return;
    }
    Cmp cmp;
    switch (n.op) {
      case Op::Eq: cmp = Cmp::EQ; break;
      case Op::Lt: cmp = Cmp::LT; break;
      case Op::Le: cmp = Cmp::LE; break;
      case Op::Gt: cmp = Cmp::GT; break;
      case Op::Ge: cmp = Cmp::GE; break;
      case Op::Between: cmp = Cmp::BETWEEN; break;
      case Op::BeginsWith: cmp = Cmp::BEGINS_WITH; break;
      default: throw validation_error(std::string("Invalid operator used in KeyConditionExpression: ") + op_name(n.op));
    }
    KeyTerm term{{}, cmp, {}};
    for (uint32_t k = 0; k < n.count; ++k) {
      const Node& kid = p_.node(p_.kid(n, k));
      if (kid.op == Op::Path) {
        if (!term.name.empty()) invalid_condition("Multiple attribute names used in one condition");
        const Path& path = p_.paths[kid.ref];
        if (path.size() > 1) throw validation_error("Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
        term.name = path[0].name;
      } else if (kid.op == Op::Value) {
        if (term.name.empty()) {
          // ":v < key" reads as "key > :v"; BETWEEN and begins_with cannot be turned round.
          if (cmp == Cmp::BETWEEN || cmp == Cmp::BEGINS_WITH)
            invalid_condition(std::string(op_name(n.op)) + " operator must have the key attribute as its first operand");
          term.op = cmp == Cmp::LT ? Cmp::GT : cmp == Cmp::GT ? Cmp::LT : cmp == Cmp::LE ? Cmp::GE : cmp == Cmp::GE ? Cmp::LE : cmp;
        }
        term.values.push_back(p_.values[kid.ref]);
      } else {
        throw validation_error("KeyConditionExpressions cannot contain nested operations");
      }
    }
    if (term.name.empty()) invalid_condition("No key attribute specified");
    for (const auto& t : terms_)
      if (t.name == term.name) throw validation_error("Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
    terms_.push_back(std::move(term));
  }
};

}  // namespace

}  // namespace detail

KeyCondition match_key_condition(std::vector<KeyTerm> terms, const std::string& hash_key, const std::string& range_key) {
  size_t key_count = range_key.empty() ? 1 : 2;
  if (terms.size() > key_count)
    throw validation_error("The number of query conditions (" + std::to_string(terms.size()) +
                           ") exceeds the number of key attributes defined in the schema (" + std::to_string(key_count) + ")");
  auto find = [&](const std::string& name) {
    auto it = std::find_if(terms.begin(), terms.end(), [&](const KeyTerm& t) { return t.name == name; });
    return it == terms.end() ? nullptr : &*it;
  };
  const KeyTerm* hash = find(hash_key);
  if (!hash) throw validation_error("Query condition missed key schema element: " + hash_key);
  const KeyTerm* range = range_key.empty() ? nullptr : find(range_key);
  if (terms.size() > 1 && !range_key.empty() && !range)
    throw validation_error("Query condition missed key schema element: " + range_key);
  if (hash->op != KeyCondition::Op::EQ) throw validation_error("Query key condition not supported");
  for (const auto& t : terms)
    if (t.name != hash_key && (range_key.empty() || t.name != range_key))
      throw validation_error("Query key condition not supported");

  KeyCondition out;
  out.hash_name = hash_key;
  out.hash_value = hash->values.at(0);
  if (range) {
    out.range_name = range_key;
    out.op = range->op;
    out.range_a = range->values.at(0);
    if (range->values.size() > 1) out.range_b = range->values[1];
  }
  return out;
}

KeyCondition match_key_condition(std::vector<KeyTerm> terms, const std::vector<std::string>& hash_keys,
                                 const std::vector<std::string>& range_keys) {
  auto find = [&](const std::string& name) -> const KeyTerm* {
    auto it = std::find_if(terms.begin(), terms.end(), [&](const KeyTerm& t) { return t.name == name; });
    return it == terms.end() ? nullptr : &*it;
  };
  KeyCondition out;
  for (const auto& name : hash_keys) {
    const KeyTerm* t = find(name);
    if (!t) throw validation_error("Query condition missed key schema element: " + name);
    if (t->op != KeyCondition::Op::EQ) throw validation_error("Query key condition not supported");
    out.hash_values.push_back(t->values.at(0));
  }
  out.hash_name = hash_keys[0];
  out.hash_value = out.hash_values[0];
  size_t used = hash_keys.size();
  std::vector<const KeyTerm*> range_terms;
  for (const auto& name : range_keys) {
    if (const KeyTerm* t = find(name)) range_terms.push_back(t);
    else break;
  }
  used += range_terms.size();
  if (used != terms.size()) {
    // A condition on a later sort key attribute with an earlier one missing, or on a non-key.
    for (size_t i = range_terms.size(); i < range_keys.size(); ++i)
      if (find(range_keys[i])) throw validation_error("Query condition missed key schema element: " + range_keys[range_terms.size()]);
    throw validation_error("Query key condition not supported");
  }
  for (size_t i = 0; i + 1 < range_terms.size(); ++i) {
    if (range_terms[i]->op != KeyCondition::Op::EQ) throw validation_error("Query key condition not supported");
    out.range_prefix_names.push_back(range_terms[i]->name);
    out.range_prefix.push_back(range_terms[i]->values.at(0));
  }
  if (!range_terms.empty()) {
    const KeyTerm* last = range_terms.back();
    out.range_name = last->name;
    out.op = last->op;
    out.range_a = last->values.at(0);
    if (last->values.size() > 1) out.range_b = last->values[1];
  }
  return out;
}

bool KeyCondition::range_matches(const model::AttributeValue& v) const {
  if (!range_name) return true;
  if (op == Op::BEGINS_WITH) {
    return v.type == range_a.type && (v.type == model::Type::S || v.type == model::Type::B) &&
           v.scalar.compare(0, range_a.scalar.size(), range_a.scalar) == 0 && v.scalar.size() >= range_a.scalar.size();
  }
  if (v.type != range_a.type || !detail::is_ordered(v.type)) return false;
  const int c = detail::compare_scalars(v, range_a);
  switch (op) {
    case Op::EQ: return c == 0;
    case Op::LT: return c < 0;
    case Op::LE: return c <= 0;
    case Op::GT: return c > 0;
    case Op::GE: return c >= 0;
    case Op::BETWEEN: return c >= 0 && v.type == range_b.type && detail::compare_scalars(v, range_b) <= 0;
    default: return false;
  }
}

std::vector<KeyTerm> parse_key_condition(std::string_view text, Attributes& attrs) {
  using namespace detail;
  constexpr std::string_view kind = "KeyConditionExpression";
  const syntax::Tree tree = parse_expression(text, Category::Condition, kind);
  walk_checks(tree, Category::Condition, kind);
  Program program;
  Builder builder(tree, attrs, kind, program);
  program.root = builder.build(tree.root);
  return Extractor(program).run();
}

}  // namespace dynarock::expr
