// Runs compiled conditions and update values against an item, without copying it. The rules
// are DynamoDB's: a comparison involving a missing attribute or mismatched types is false (so
// "<>" is true), ordering exists only within S, N and B, and size() of a type without a size is
// a missing value. Update arithmetic and list_append instead fail on a missing or mistyped
// operand.
#include <algorithm>

#include "expr/internal.h"

namespace dynarock::expr::detail {

namespace {

bool equal(const AttributeValue* a, const AttributeValue* b) { return a && b && *a == *b; }

// <0, 0, >0 for values of one ordered type; nullopt when they cannot be ordered.
std::optional<int> order(const AttributeValue* a, const AttributeValue* b) {
  if (!a || !b || a->type != b->type || !is_ordered(a->type)) return std::nullopt;
  return compare_scalars(*a, *b);
}

bool begins_with(const AttributeValue* a, const AttributeValue* b) {
  if (!a || !b || a->type != b->type || (a->type != Type::S && a->type != Type::B)) return false;
  return a->scalar.compare(0, b->scalar.size(), b->scalar) == 0 && a->scalar.size() >= b->scalar.size();
}

bool contains(const AttributeValue* a, const AttributeValue* b) {
  if (!a || !b) return false;
  switch (a->type) {
    case Type::S:
    case Type::B: return a->type == b->type && a->scalar.find(b->scalar) != std::string::npos;
    case Type::L:
      return std::any_of(a->list.begin(), a->list.end(), [&](const AttributeValue& e) { return e == *b; });
    case Type::SS: return b->type == Type::S && set_contains(*a, b->scalar);
    case Type::NS: return b->type == Type::N && set_contains(*a, b->scalar);
    case Type::BS: return b->type == Type::B && set_contains(*a, b->scalar);
    default: return false;
  }
}

// size(): characters of S (UTF-16 units, as DynamoDB counts), bytes of B, members of a set,
// entries of M and L; other types have no size.
bool size_of(const AttributeValue* v, uint64_t& out) {
  if (!v) return false;
  switch (v->type) {
    case Type::S: out = utf16_length(v->scalar); return true;
    case Type::B: out = v->scalar.size(); return true;
    case Type::SS:
    case Type::NS:
    case Type::BS: out = v->members.size(); return true;
    case Type::M: out = v->map.size(); return true;
    case Type::L: out = v->list.size(); return true;
    default: return false;
  }
}

// An operand of a condition: a path, a value, or size() written into `scratch`.
const AttributeValue* operand(const Program& p, uint32_t i, const Item& item, AttributeValue& scratch) {
  const Node& n = p.node(i);
  switch (n.op) {
    case Op::Path: return resolve(item, p.paths[n.ref]);
    case Op::Value: return &p.values[n.ref];
    case Op::Size: {
      AttributeValue inner;
      uint64_t size;
      if (!size_of(operand(p, p.kid(n, 0), item, inner), size)) return nullptr;
      scratch = AttributeValue::number(std::to_string(size));
      return &scratch;
    }
    default: return nullptr;  // conditions are not operands
  }
}

// A comparison or function condition; only these need scratch space for size() results.
bool evaluate_comparison(const Program& p, const Node& n, const Item& item) {
  AttributeValue s0, s1, s2;
  switch (n.op) {
    case Op::Eq: return equal(operand(p, p.kid(n, 0), item, s0), operand(p, p.kid(n, 1), item, s1));
    case Op::Ne: return !equal(operand(p, p.kid(n, 0), item, s0), operand(p, p.kid(n, 1), item, s1));
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      auto c = order(operand(p, p.kid(n, 0), item, s0), operand(p, p.kid(n, 1), item, s1));
      if (!c) return false;
      return n.op == Op::Lt ? *c < 0 : n.op == Op::Le ? *c <= 0 : n.op == Op::Gt ? *c > 0 : *c >= 0;
    }
    case Op::Between: {
      const AttributeValue* v = operand(p, p.kid(n, 0), item, s0);
      auto lo = order(v, operand(p, p.kid(n, 1), item, s1));
      auto hi = order(v, operand(p, p.kid(n, 2), item, s2));
      return lo && hi && *lo >= 0 && *hi <= 0;
    }
    case Op::In: {
      const AttributeValue* v = operand(p, p.kid(n, 0), item, s0);
      if (!v) return false;
      for (uint32_t k = 1; k < n.count; ++k)
        if (equal(v, operand(p, p.kid(n, k), item, s1))) return true;
      return false;
    }
    case Op::AttributeExists: return operand(p, p.kid(n, 0), item, s0) != nullptr;
    case Op::AttributeNotExists: return operand(p, p.kid(n, 0), item, s0) == nullptr;
    case Op::AttributeType: {
      const AttributeValue* v = operand(p, p.kid(n, 0), item, s0);
      const AttributeValue* t = operand(p, p.kid(n, 1), item, s1);
      return v && t && t->scalar == model::type_name(v->type);
    }
    case Op::BeginsWith: return begins_with(operand(p, p.kid(n, 0), item, s0), operand(p, p.kid(n, 1), item, s1));
    case Op::Contains: return contains(operand(p, p.kid(n, 0), item, s0), operand(p, p.kid(n, 1), item, s1));
    default: return false;
  }
}

}  // namespace

bool evaluate_condition(const Program& p, uint32_t i, const Item& item) {
  const Node& n = p.node(i);
  switch (n.op) {
    case Op::And: return evaluate_condition(p, p.kid(n, 0), item) && evaluate_condition(p, p.kid(n, 1), item);
    case Op::Or: return evaluate_condition(p, p.kid(n, 0), item) || evaluate_condition(p, p.kid(n, 1), item);
    case Op::Not: return !evaluate_condition(p, p.kid(n, 0), item);
    case Op::Legacy: return evaluate_legacy(p.legacy[n.ref], item);
    default: return evaluate_comparison(p, n, item);
  }
}

ValueRef evaluate_value(const Program& p, uint32_t i, const Item& item) {
  const Node& n = p.node(i);
  ValueRef out;
  switch (n.op) {
    case Op::Path: out.ptr = resolve(item, p.paths[n.ref]); return out;
    case Op::Value: out.ptr = &p.values[n.ref]; return out;
    default: break;
  }
  // Every operand is evaluated first, left to right, as DynamoDB does.
  ValueRef a = evaluate_value(p, p.kid(n, 0), item);
  ValueRef b = evaluate_value(p, p.kid(n, 1), item);
  if (n.op == Op::IfNotExists) {
    if (!b.get()) fail_missing_attribute();
    return a.get() ? std::move(a) : std::move(b);
  }
  const Type want = n.op == Op::ListAppend ? Type::L : Type::N;
  for (const ValueRef* v : {&a, &b}) {
    if (!v->get()) fail_missing_attribute();
    if (v->get()->type != want) fail_operand_type();
  }
  if (n.op == Op::ListAppend) {
    AttributeValue list = *a.get();
    list.list.insert(list.list.end(), b.get()->list.begin(), b.get()->list.end());
    out.owned = std::move(list);
    return out;
  }
  out.owned = arithmetic(*a.get(), *b.get(), n.op == Op::Minus);
  return out;
}

}  // namespace dynarock::expr::detail
