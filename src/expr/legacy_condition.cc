// Legacy conditions: Expected (+ ConditionalOperator), QueryFilter / ScanFilter and
// KeyConditions. Each entry becomes one LegacyTest with the old ComparisonOperator semantics,
// which differ from expressions in places (NOT_CONTAINS of a missing attribute is false; a list
// CONTAINS a scalar; lists compare as sets under EQ).
#include <algorithm>
#include <cctype>
#include <deque>

#include "expr/internal.h"

namespace dynarock::expr {

namespace {

using nlohmann::json;
using detail::LegacyTest;
using Cmp = detail::LegacyTest::Cmp;
using model::AttributeValue;
using model::Type;

constexpr const char* kOperatorEnum =
    "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

struct Named {
  const char* name;
  Cmp cmp;
};
constexpr Named kOperators[] = {
    {"EQ", Cmp::EQ},       {"NE", Cmp::NE},           {"LE", Cmp::LE},
    {"LT", Cmp::LT},       {"GE", Cmp::GE},           {"GT", Cmp::GT},
    {"NOT_NULL", Cmp::NOT_NULL}, {"NULL", Cmp::NUL},  {"CONTAINS", Cmp::CONTAINS},
    {"NOT_CONTAINS", Cmp::NOT_CONTAINS}, {"BEGINS_WITH", Cmp::BEGINS_WITH}, {"IN", Cmp::IN},
    {"BETWEEN", Cmp::BETWEEN},
};

const char* cmp_name(Cmp c) {
  for (const auto& n : kOperators)
    if (n.cmp == c) return n.name;
  return "?";
}

// Where a parameter lives, for the shape messages: "scanFilter.a.member.comparisonOperator".
std::string member_path(std::string_view parameter, const std::string& key, const char* field) {
  std::string out(parameter);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out + "." + key + ".member." + field;
}

[[noreturn]] void shape_error(const std::string& value, const std::string& where, const std::string& constraint) {
  throw validation_error("1 validation error detected: Value " + value + " at '" + where +
                         "' failed to satisfy constraint: " + constraint);
}

Cmp parse_cmp(const std::string* op, std::string_view parameter, std::string_view key) {
  const std::string where = member_path(parameter, std::string(key), "comparisonOperator");
  if (!op) shape_error("null", where, "Member must not be null");
  for (const auto& n : kOperators)
    if (*op == n.name) return n.cmp;
  shape_error("'" + *op + "'", where, std::string("Member must satisfy enum value set: ") + kOperatorEnum);
}

std::vector<AttributeValue> values_of(const std::vector<model::Checked<AttributeValue>>& list) {
  std::vector<AttributeValue> out;
  out.reserve(list.size());
  for (const auto& v : list) out.push_back(v.get());
  return out;
}

bool count_ok(Cmp c, size_t n) {
  switch (c) {
    case Cmp::NUL:
    case Cmp::NOT_NULL: return n == 0;
    case Cmp::IN: return n >= 1;
    case Cmp::BETWEEN: return n == 2;
    default: return n == 1;
  }
}

bool type_ok(Cmp c, Type t) {
  switch (c) {
    case Cmp::EQ:
    case Cmp::NE: return true;
    case Cmp::BEGINS_WITH: return t == Type::S || t == Type::B;
    case Cmp::CONTAINS:
    case Cmp::NOT_CONTAINS: return detail::is_ordered(t) || t == Type::BOOL || t == Type::NUL;
    default: return detail::is_ordered(t);
  }
}

// The checks every legacy comparison gets; `count_message` differs between parameters.
void check_arguments(Cmp c, const std::vector<AttributeValue>& args, const std::string& count_message) {
  if (!count_ok(c, args.size())) throw validation_error(count_message);
  for (const auto& a : args)
    if (a.type != args[0].type)
      throw validation_error(
          "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
  for (const auto& a : args)
    if (!type_ok(c, a.type))
      throw validation_error(std::string("One or more parameter values were invalid: ComparisonOperator ") + cmp_name(c) +
                             " is not valid for " + model::type_name(a.type) + " AttributeValue type");
  if (c == Cmp::BETWEEN && detail::compare_scalars(args[0], args[1]) > 0)
    throw validation_error("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
}

std::string invalid_count(Cmp c) {
  return std::string("One or more parameter values were invalid: Invalid number of argument(s) for the ") + cmp_name(c) +
         " ComparisonOperator";
}

bool use_or(const std::string* conditional_operator) {
  if (!conditional_operator || *conditional_operator == "AND") return false;
  if (*conditional_operator == "OR") return true;
  shape_error("'" + *conditional_operator + "'", "conditionalOperator", "Member must satisfy enum value set: [AND, OR]");
}

// Joins the tests with AND / OR into a program.
Condition combine(std::vector<LegacyTest> tests, bool any) {
  if (tests.empty()) return Condition();
  auto p = std::make_shared<detail::Program>();
  p->legacy = std::move(tests);
  auto leaf = [&](uint32_t i) {
    p->nodes.push_back(detail::Node{detail::Op::Legacy, 0, 0, i});
    return static_cast<uint32_t>(p->nodes.size() - 1);
  };
  uint32_t root = leaf(0);
  for (uint32_t i = 1; i < p->legacy.size(); ++i) {
    const uint32_t right = leaf(i);
    p->kids.push_back(root);
    p->kids.push_back(right);
    p->nodes.push_back(detail::Node{any ? detail::Op::Or : detail::Op::And, static_cast<uint32_t>(p->kids.size() - 2), 2, 0});
    root = static_cast<uint32_t>(p->nodes.size() - 1);
  }
  p->root = root;
  detail::collect_top_level_names(*p);
  return Condition(std::move(p));
}

const json& require_object(const json& j) {
  if (!j.is_object()) {
    if (j.is_array()) throw serialization_error("Start of list found where not expected");
    throw serialization_error("Expected map or null");
  }
  return j;
}

const json* member(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && !it->is_null() ? &*it : nullptr;
}

model::Checked<AttributeValue> checked(const json& j) {
  return model::checked([&] { return model::parse_value(j); });
}

// A legacy condition parameter read from JSON: wire types checked up front, values kept with
// their content errors, so the typed entry points see what a decoded request would hold.
struct JsonComparisons {
  std::vector<LegacyComparison> entries;
  std::deque<std::string> strings;
  std::deque<std::vector<model::Checked<AttributeValue>>> lists;
  std::deque<model::Checked<AttributeValue>> values;
  std::deque<bool> flags;

  explicit JsonComparisons(const json& parameter) {
    require_object(parameter);
    for (auto it = parameter.begin(); it != parameter.end(); ++it) {
      const json& cond = require_object(it.value());
      LegacyComparison c{it.key()};
      if (const json* op = member(cond, "ComparisonOperator")) {
        if (!op->is_string()) throw serialization_error("Expected string");
        c.comparison_operator = &strings.emplace_back(op->get<std::string>());
      }
      if (const json* list = member(cond, "AttributeValueList")) {
        if (!list->is_array()) throw serialization_error("Expected list or null");
        auto& out = lists.emplace_back();
        for (const auto& v : *list) out.push_back(checked(v));
        c.attribute_value_list = &out;
      }
      if (const json* value = member(cond, "Value")) c.value = &values.emplace_back(checked(*value));
      if (const json* exists = member(cond, "Exists")) {
        if (!exists->is_boolean()) throw serialization_error("Expected boolean");
        c.exists = &flags.emplace_back(exists->get<bool>());
      }
      entries.push_back(c);
    }
  }
  const std::string* op(const json* conditional_operator) {
    if (!conditional_operator || conditional_operator->is_null()) return nullptr;
    if (!conditional_operator->is_string()) throw serialization_error("Expected string");
    conditional_operator_ = conditional_operator->get<std::string>();
    return &conditional_operator_;
  }

 private:
  std::string conditional_operator_;
};

// Lists compare as sets under the legacy EQ (each contains the other).
bool legacy_equal(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) return false;
  if (a.type != Type::L) return a == b;
  auto within = [](const model::List& x, const model::List& y) {
    return std::all_of(x.begin(), x.end(), [&](const AttributeValue& e) { return std::find(y.begin(), y.end(), e) != y.end(); });
  };
  return within(a.list, b.list) && within(b.list, a.list);
}

bool list_has(const AttributeValue& v, const AttributeValue& e) {
  return v.type == Type::L && std::find(v.list.begin(), v.list.end(), e) != v.list.end();
}

bool legacy_contains(const AttributeValue& v, const AttributeValue& arg) {
  switch (arg.type) {
    case Type::S:
    case Type::B:
      if (v.type == arg.type) return v.scalar.find(arg.scalar) != std::string::npos;
      if (v.type == (arg.type == Type::S ? Type::SS : Type::BS)) return detail::set_contains(v, arg.scalar);
      return list_has(v, arg);
    case Type::N:
      if (v.type == Type::NS) return detail::set_contains(v, arg.scalar);
      return list_has(v, arg);
    default: return list_has(v, arg);
  }
}

}  // namespace

namespace detail {

bool evaluate_legacy(const LegacyTest& t, const Item& item) {
  auto it = item.find(t.name);
  const AttributeValue* v = it == item.end() ? nullptr : &it->second;
  auto compare = [&](const AttributeValue& arg, int& out) {
    if (!v || v->type != arg.type || !is_ordered(v->type)) return false;
    out = compare_scalars(*v, arg);
    return true;
  };
  int c = 0;
  switch (t.cmp) {
    case Cmp::EQ: return v && legacy_equal(*v, t.args[0]);
    case Cmp::NE: return !(v && legacy_equal(*v, t.args[0]));
    case Cmp::LT: return compare(t.args[0], c) && c < 0;
    case Cmp::LE: return compare(t.args[0], c) && c <= 0;
    case Cmp::GT: return compare(t.args[0], c) && c > 0;
    case Cmp::GE: return compare(t.args[0], c) && c >= 0;
    case Cmp::BETWEEN: {
      int hi = 0;
      return compare(t.args[0], c) && c >= 0 && compare(t.args[1], hi) && hi <= 0;
    }
    case Cmp::NOT_NULL: return v != nullptr;
    case Cmp::NUL: return v == nullptr;
    case Cmp::CONTAINS: return v && legacy_contains(*v, t.args[0]);
    case Cmp::NOT_CONTAINS: return v && !legacy_contains(*v, t.args[0]);
    case Cmp::BEGINS_WITH:
      return v && v->type == t.args[0].type && (v->type == Type::S || v->type == Type::B) &&
             v->scalar.compare(0, t.args[0].scalar.size(), t.args[0].scalar) == 0 &&
             v->scalar.size() >= t.args[0].scalar.size();
    case Cmp::IN:
      if (!v || v->type != t.args[0].type) return false;
      return std::any_of(t.args.begin(), t.args.end(), [&](const AttributeValue& a) { return legacy_equal(*v, a); });
  }
  return false;
}

}  // namespace detail

Condition from_expected(const std::vector<LegacyComparison>& expected, const std::string* conditional_operator) {
  const bool any = use_or(conditional_operator);
  std::vector<LegacyTest> tests;
  const std::string invalid = "One or more parameter values were invalid: ";
  for (const LegacyComparison& cond : expected) {
    const std::string key(cond.name);
    const bool has_list = cond.attribute_value_list, has_value = cond.value;
    if (has_list && has_value)
      throw validation_error(invalid + "Value and AttributeValueList cannot be used together for Attribute: " + key);
    LegacyTest test{key, Cmp::EQ, {}};
    if (cond.comparison_operator) {
      if (cond.exists)
        throw validation_error(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: " + key);
      test.cmp = parse_cmp(cond.comparison_operator, "Expected", key);
      if (test.cmp != Cmp::NUL && test.cmp != Cmp::NOT_NULL && !has_list && !has_value)
        throw validation_error(invalid + "Value or AttributeValueList must be used with ComparisonOperator: " +
                               cmp_name(test.cmp) + " for Attribute: " + key);
      if (has_list) test.args = values_of(*cond.attribute_value_list);
      else if (has_value) test.args.push_back(cond.value->get());
      check_arguments(test.cmp, test.args, invalid_count(test.cmp));
    } else if (has_list) {
      throw validation_error(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key);
    } else {
      // Exists true (or absent) needs a Value to compare with; Exists false forbids one.
      const bool must_exist = !cond.exists || *cond.exists;
      if (must_exist && !has_value)
        throw validation_error(invalid + "Value must be provided when Exists is " + (cond.exists ? "true" : "null") +
                               " for Attribute: " + key);
      if (!must_exist && has_value)
        throw validation_error(invalid + "Value cannot be used when Exists is false for Attribute: " + key);
      if (must_exist) test.args.push_back(cond.value->get());
      else test.cmp = Cmp::NUL;
    }
    tests.push_back(std::move(test));
  }
  return combine(std::move(tests), any);
}

namespace {

// QueryFilter, ScanFilter and KeyConditions entries: an operator and its argument list.
std::vector<LegacyTest> comparisons(const std::vector<LegacyComparison>& entries, std::string_view kind,
                                    const std::string* count_message) {
  std::vector<LegacyTest> tests;
  for (const LegacyComparison& cond : entries) {
    LegacyTest test{std::string(cond.name), Cmp::EQ, {}};
    test.cmp = parse_cmp(cond.comparison_operator, kind, cond.name);
    if (cond.attribute_value_list) test.args = values_of(*cond.attribute_value_list);
    check_arguments(test.cmp, test.args, count_message ? *count_message : invalid_count(test.cmp));
    tests.push_back(std::move(test));
  }
  return tests;
}

}  // namespace

Condition from_filter(const std::vector<LegacyComparison>& filter, const std::string* conditional_operator,
                      std::string_view kind) {
  const bool any = use_or(conditional_operator);
  return combine(comparisons(filter, kind, nullptr), any);
}

KeyCondition from_key_conditions(const std::vector<LegacyComparison>& key_conditions, const std::string& hash_key,
                                 const std::string& range_key) {
  static const std::string kCount = "The attempted filter operation is not supported for the provided filter argument count";
  std::vector<LegacyTest> tests = comparisons(key_conditions, "KeyConditions", &kCount);
  if (tests.empty() || tests.size() > 2) throw validation_error("Conditions can be of length 1 or 2 only");

  auto named = [&](const std::string& name) {
    return std::any_of(tests.begin(), tests.end(), [&](const LegacyTest& t) { return t.name == name; });
  };
  if (!named(hash_key)) throw validation_error("Query condition missed key schema element: " + hash_key);
  if (tests.size() > 1 && !range_key.empty() && !named(range_key))
    throw validation_error("Query condition missed key schema element: " + range_key);

  std::vector<KeyTerm> terms;
  for (const auto& t : tests) {
    KeyCondition::Op op;
    switch (t.cmp) {
      case Cmp::EQ: op = KeyCondition::Op::EQ; break;
      case Cmp::LT: op = KeyCondition::Op::LT; break;
      case Cmp::LE: op = KeyCondition::Op::LE; break;
      case Cmp::GT: op = KeyCondition::Op::GT; break;
      case Cmp::GE: op = KeyCondition::Op::GE; break;
      case Cmp::BETWEEN: op = KeyCondition::Op::BETWEEN; break;
      case Cmp::BEGINS_WITH: op = KeyCondition::Op::BEGINS_WITH; break;
      default: throw validation_error("Attempted conditional constraint is not an indexable operation");
    }
    terms.push_back(KeyTerm{t.name, op, t.args});
  }
  return match_key_condition(std::move(terms), hash_key, range_key);
}

Condition from_expected(const nlohmann::json& expected, const nlohmann::json* conditional_operator) {
  JsonComparisons c(expected);
  return from_expected(c.entries, c.op(conditional_operator));
}

Condition from_filter(const nlohmann::json& filter, const nlohmann::json* conditional_operator, std::string_view kind) {
  JsonComparisons c(filter);
  return from_filter(c.entries, c.op(conditional_operator), kind);
}

KeyCondition from_key_conditions(const nlohmann::json& key_conditions, const std::string& hash_key,
                                 const std::string& range_key) {
  JsonComparisons c(key_conditions);
  return from_key_conditions(c.entries, hash_key, range_key);
}

}  // namespace dynarock::expr
