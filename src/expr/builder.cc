// Pass 3 of expression checking (see compile.h): resolves placeholders and validates every
// operator after its operands, as DynamoDB's expression validator does, while compiling the
// nodes the evaluator runs.
#include <string>

#include "expr/compile.h"

namespace dynarock::expr::detail {

namespace {

// Type masks: one bit per model::Type.
using Mask = uint16_t;
constexpr Mask bit(Type t) { return static_cast<Mask>(1u << static_cast<unsigned>(t)); }
constexpr Mask kAll = 0x3FF;
constexpr Mask kOrdered = bit(Type::S) | bit(Type::N) | bit(Type::B);
constexpr Mask kSized = bit(Type::S) | bit(Type::B) | bit(Type::SS) | bit(Type::NS) | bit(Type::BS) |
                        bit(Type::L) | bit(Type::M);

// How DynamoDB prints "any type" (its internal type set, in its hash order).
constexpr const char* kAnyType = "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,DOUBLE}";
constexpr const char* kTypeNames = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";

Mask operand_types(Op op) {
  switch (op) {
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::Between: return kOrdered;
    case Op::BeginsWith: return bit(Type::S) | bit(Type::B);
    case Op::Size: return kSized;
    case Op::ListAppend: return bit(Type::L);
    case Op::Plus:
    case Op::Minus: return bit(Type::N);
    case Op::And:
    case Op::Or:
    case Op::Not: return bit(Type::BOOL);
    default: return kAll;
  }
}

Mask result_types(Op op) {
  switch (op) {
    case Op::Size:
    case Op::Plus:
    case Op::Minus: return bit(Type::N);
    case Op::ListAppend: return bit(Type::L);
    case Op::IfNotExists: return kAll;
    default: return bit(Type::BOOL);
  }
}

// Operators whose operands may be missing attributes; only these reject a repeated path.
bool allows_missing(Op op) {
  switch (op) {
    case Op::Plus:
    case Op::Minus:
    case Op::ListAppend:
    case Op::And:
    case Op::Or:
    case Op::Not: return false;
    default: return true;
  }
}

int arity(Op op) {
  switch (op) {
    case Op::AttributeExists:
    case Op::AttributeNotExists:
    case Op::Size: return 1;
    case Op::AttributeType:
    case Op::BeginsWith:
    case Op::Contains:
    case Op::IfNotExists:
    case Op::ListAppend: return 2;
    default: return -1;  // fixed by the grammar
  }
}

Op op_of(const syntax::Tree& t, const syntax::Node& n) {
  switch (n.kind) {
    case syntax::NodeKind::Compare:
      switch (n.op) {
        case syntax::Tok::Eq: return Op::Eq;
        case syntax::Tok::Ne: return Op::Ne;
        case syntax::Tok::Lt: return Op::Lt;
        case syntax::Tok::Le: return Op::Le;
        case syntax::Tok::Gt: return Op::Gt;
        default: return Op::Ge;
      }
    case syntax::NodeKind::Between: return Op::Between;
    case syntax::NodeKind::In: return Op::In;
    case syntax::NodeKind::Not: return Op::Not;
    case syntax::NodeKind::And: return Op::And;
    case syntax::NodeKind::Or: return Op::Or;
    case syntax::NodeKind::Arith: return n.op == syntax::Tok::Plus ? Op::Plus : Op::Minus;
    default: break;
  }
  const std::string_view name = t.text_of(n.tok);
  if (name == "attribute_exists") return Op::AttributeExists;
  if (name == "attribute_not_exists") return Op::AttributeNotExists;
  if (name == "attribute_type") return Op::AttributeType;
  if (name == "begins_with") return Op::BeginsWith;
  if (name == "contains") return Op::Contains;
  if (name == "size") return Op::Size;
  if (name == "if_not_exists") return Op::IfNotExists;
  return Op::ListAppend;  // pass 2 let only known functions through
}

}  // namespace

const char* op_name(Op op) {
  switch (op) {
    case Op::Eq: return "=";
    case Op::Ne: return "<>";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Between: return "BETWEEN";
    case Op::In: return "IN";
    case Op::And: return "AND";
    case Op::Or: return "OR";
    case Op::Not: return "NOT";
    case Op::AttributeExists: return "attribute_exists";
    case Op::AttributeNotExists: return "attribute_not_exists";
    case Op::AttributeType: return "attribute_type";
    case Op::BeginsWith: return "begins_with";
    case Op::Contains: return "contains";
    case Op::Size: return "size";
    case Op::IfNotExists: return "if_not_exists";
    case Op::ListAppend: return "list_append";
    case Op::Plus: return "+";
    case Op::Minus: return "-";
    default: return "?";
  }
}

Path Builder::resolve_path(int path_index) {
  const auto& steps = tree_.paths[path_index];
  if (steps.size() > kMaxPathDepth)
    fail(kind_, "The document path has too many nesting levels; nesting levels: " + std::to_string(steps.size()));
  Path path;
  path.reserve(steps.size());
  for (const auto& step : steps) {
    const std::string_view text = tree_.text_of(step.tok);
    switch (step.kind) {
      case syntax::Step::Id: path.push_back(PathElement::key(std::string(text))); break;
      case syntax::Step::Index: path.push_back(PathElement::at(static_cast<uint32_t>(std::stoul(std::string(text))))); break;
      case syntax::Step::NameRef: {
        auto it = attrs_.names.find(std::string(text));
        if (it == attrs_.names.end())
          fail(kind_, "An expression attribute name used in the document path is not defined; attribute name: " +
                          std::string(text));
        attrs_.used_names.insert(it->first);
        path.push_back(PathElement::key(it->second));
        break;
      }
      case syntax::Step::ValueRef: {
        // DynamoDB's grammar takes "a.:v"; it resolves :v like a name and then fails inside.
        auto it = attrs_.values.find(std::string(text));
        if (it == attrs_.values.end())
          fail(kind_, "An expression attribute name used in the document path is not defined; attribute name: " +
                          std::string(text));
        throw ApiError("InternalServerError", "Internal server error", 500);
      }
    }
  }
  return path;
}

const AttributeValue& Builder::value(uint32_t tok) {
  const std::string name(tree_.text_of(tok));
  auto it = attrs_.values.find(name);
  if (it == attrs_.values.end())
    fail(kind_, "An expression attribute value used in expression is not defined; attribute value: " + name);
  attrs_.used_values.insert(it->first);
  return *it->second;
}

uint32_t Builder::add_value(const AttributeValue& v) {
  out_.values.push_back(v);
  return static_cast<uint32_t>(out_.values.size() - 1);
}

uint32_t Builder::emit(Op op, const std::vector<uint32_t>& kids, uint32_t ref) {
  Node n{op, static_cast<uint32_t>(out_.kids.size()), static_cast<uint32_t>(kids.size()), ref};
  out_.kids.insert(out_.kids.end(), kids.begin(), kids.end());
  out_.nodes.push_back(n);
  return static_cast<uint32_t>(out_.nodes.size() - 1);
}

uint32_t Builder::build(int node) {
  const syntax::Node& n = tree_.nodes[node];
  if (n.kind == syntax::NodeKind::Path) {
    out_.paths.push_back(resolve_path(n.path));
    return emit(Op::Path, {}, static_cast<uint32_t>(out_.paths.size() - 1));
  }
  if (n.kind == syntax::NodeKind::Value) return emit(Op::Value, {}, add_value(value(n.tok)));
  std::vector<uint32_t> kids;
  kids.reserve(n.kids.size());
  for (int k : n.kids) kids.push_back(build(k));
  const Op op = op_of(tree_, n);
  check_operator(op, kids);
  return emit(op, kids);
}

void Builder::check_operator(Op op, const std::vector<uint32_t>& kids) {
  const char* name = op_name(op);
  const int want = arity(op);
  if (want >= 0 && static_cast<int>(kids.size()) != want)
    fail(kind_, std::string("Incorrect number of operands for operator or function; operator or function: ") + name +
                    ", number of operands: " + std::to_string(kids.size()));

  auto is_path = [&](uint32_t k) { return out_.nodes[k].op == Op::Path; };
  auto is_value = [&](uint32_t k) { return out_.nodes[k].op == Op::Value; };
  auto value_of = [&](uint32_t k) -> const AttributeValue& { return out_.values[out_.nodes[k].ref]; };
  auto types_of = [&](uint32_t k) -> Mask {
    if (is_path(k)) return kAll;
    if (is_value(k)) return bit(value_of(k).type);
    return result_types(out_.nodes[k].op);
  };
  auto type_text = [&](uint32_t k) -> std::string {
    const Mask m = types_of(k);
    if (m == kAll) return kAnyType;
    for (unsigned t = 0; t < 10; ++t)
      if (m == (1u << t)) return model::type_name(static_cast<Type>(t));
    return kAnyType;
  };
  auto type_error = [&](uint32_t k) {
    fail(kind_, std::string("Incorrect operand type for operator or function; operator or function: ") + name +
                    ", operand type: " + type_text(k));
  };

  const Mask accepted = operand_types(op);
  for (uint32_t k : kids)
    if (!(types_of(k) & accepted)) type_error(k);

  if (allows_missing(op) && kids.size() > 1 && is_path(kids[0])) {
    const Path& first = out_.paths[out_.nodes[kids[0]].ref];
    for (size_t i = 1; i < kids.size(); ++i)
      if (is_path(kids[i]) && out_.paths[out_.nodes[kids[i]].ref] == first)
        fail(kind_, std::string("The first operand must be distinct from the remaining operands for this operator or "
                                "function; operator: ") +
                        name + ", first operand: " + path_to_string(first));
  }

  switch (op) {
    case Op::AttributeExists:
    case Op::AttributeNotExists:
    case Op::IfNotExists:
      if (!is_path(kids[0]))
        fail(kind_, std::string("Operator or function requires a document path; operator or function: ") + name);
      break;
    case Op::AttributeType: {
      if (!is_value(kids[1]) || value_of(kids[1]).type != Type::S) type_error(kids[1]);
      Type t;
      const std::string& type = value_of(kids[1]).scalar;
      if (!parse_type_name(type, t))
        fail(kind_, "Invalid attribute type name found; type: " + type + ", valid types: " + kTypeNames);
      break;
    }
    case Op::Between:
      if (is_value(kids[1]) && is_value(kids[2])) {
        const AttributeValue& lo = value_of(kids[1]);
        const AttributeValue& hi = value_of(kids[2]);
        if (lo.type != hi.type)
          fail(kind_, "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: " +
                          describe_value(lo) + ", upper bound operand: " + describe_value(hi));
        if (compare_scalars(lo, hi) > 0)
          fail(kind_,
               "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
               "operand: " +
                   describe_value(lo) + ", upper bound operand: " + describe_value(hi));
      }
      break;
    case Op::In:
      if (kids.size() - 1 > kMaxInOperands)
        fail(kind_, "The IN operator is provided with too many operands; number of operands: " +
                        std::to_string(kids.size() - 1));
      break;
    default: break;
  }

  if (++operators_ > kMaxOperators)
    fail(kind_, "The expression contains too many operators; operator count: " + std::to_string(operators_));
}

}  // namespace dynarock::expr::detail
