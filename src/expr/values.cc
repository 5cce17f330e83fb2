// Value helpers of the expression layer: ordering, set algebra, path lookup, the renderings
// DynamoDB uses in its messages, and the Java hash orders its messages follow.
#include <algorithm>
#include <numeric>

#include "expr/internal.h"
#include "model/decimal.h"

namespace dynarock::expr::detail {

void fail(std::string_view kind, std::string_view message) {
  std::string text = "Invalid ";
  text.append(kind);
  text += ": ";
  text.append(message);
  throw validation_error(std::move(text));
}

void fail_missing_attribute() {
  throw validation_error("The provided expression refers to an attribute that does not exist in the item");
}
void fail_operand_type() { throw validation_error("An operand in the update expression has an incorrect data type"); }
void fail_invalid_path() {
  throw validation_error("The document path provided in the update expression is invalid for update");
}

namespace {

// Decodes one UTF-8 sequence at s[i] (advancing i); invalid bytes count as one unit each.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i++]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
  while (extra-- > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

}  // namespace

size_t utf16_length(std::string_view utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();) n += next_code_point(utf8, i) >= 0x10000 ? 2 : 1;
  return n;
}

int32_t java_hash(std::string_view utf8) {
  uint32_t h = 0;  // unsigned: Java's int arithmetic wraps
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

std::vector<size_t> java_iteration_order(const std::vector<int32_t>& hashes, size_t capacity) {
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  auto bucket = [&](size_t i) {
    const uint32_t h = static_cast<uint32_t>(hashes[i]);
    return (h ^ (h >> 16)) & (capacity - 1);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bucket(a) < bucket(b); });
  return order;
}

size_t java_copied_set_capacity(size_t n) {
  size_t want = std::max<size_t>(static_cast<size_t>(static_cast<float>(n) / 0.75f) + 1, 16), cap = 1;
  while (cap < want) cap <<= 1;
  return cap;
}

int compare_numbers(std::string_view a, std::string_view b) {
  // Stored numbers are plain normalised decimals ("-12.5", "0.001"); compare them as text.
  // Anything else (an exponent, a '+') goes through Decimal.
  auto plain = [](std::string_view s) {
    return s.find_first_not_of("-.0123456789") == std::string_view::npos && !s.empty();
  };
  if (!plain(a) || !plain(b)) return model::Decimal::parse(a).compare(model::Decimal::parse(b));
  struct Parts {
    bool negative;
    std::string_view whole, fraction;  // no leading / trailing zeros
  };
  auto split = [](std::string_view s) {
    Parts p{false, {}, {}};
    if (!s.empty() && s[0] == '-') p.negative = true, s.remove_prefix(1);
    size_t dot = s.find('.');
    p.whole = s.substr(0, dot);
    p.fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    while (!p.whole.empty() && p.whole[0] == '0') p.whole.remove_prefix(1);
    while (!p.fraction.empty() && p.fraction.back() == '0') p.fraction.remove_suffix(1);
    if (p.whole.empty() && p.fraction.empty()) p.negative = false;  // zero has no sign
    return p;
  };
  const Parts x = split(a), y = split(b);
  if (x.negative != y.negative) return x.negative ? -1 : 1;
  int magnitude;
  if (x.whole.size() != y.whole.size()) {
    magnitude = x.whole.size() < y.whole.size() ? -1 : 1;
  } else if (int c = x.whole.compare(y.whole)) {
    magnitude = c;
  } else {
    int c2 = x.fraction.compare(y.fraction);  // no trailing zeros: plain text order is value order
    magnitude = c2;
  }
  magnitude = (magnitude > 0) - (magnitude < 0);
  return x.negative ? -magnitude : magnitude;
}

int compare_scalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.type == Type::N) return compare_numbers(a.scalar, b.scalar);
  // S by UTF-8 bytes, B by unsigned bytes: char_traits<char> compares like memcmp.
  const int c = a.scalar.compare(b.scalar);
  return (c > 0) - (c < 0);
}

const char* long_type_name(Type t) {
  switch (t) {
    case Type::S: return "STRING";
    case Type::N: return "NUMBER";
    case Type::B: return "BINARY";
    case Type::BOOL: return "BOOLEAN";
    case Type::NUL: return "NULL";
    case Type::SS: return "STRING_SET";
    case Type::NS: return "NUMBER_SET";
    case Type::BS: return "BINARY_SET";
    case Type::M: return "MAP";
    case Type::L: return "LIST";
  }
  return "?";
}

std::string describe_value(const AttributeValue& v) {
  std::string out = "AttributeValue: {";
  out += model::type_name(v.type);
  out += ':';
  switch (v.type) {
    case Type::S:
    case Type::N: out += v.scalar; break;
    case Type::B: {
      // DynamoDB prints the Java buffer object, not the bytes.
      const std::string n = std::to_string(v.scalar.size());
      out += "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
      break;
    }
    case Type::BOOL: out += v.boolean ? "true" : "false"; break;
    case Type::NUL: out += "true"; break;
    default: out += "..."; break;  // only scalars reach BETWEEN's bound check
  }
  out += '}';
  return out;
}

bool parse_type_name(std::string_view name, Type& out) {
  static constexpr Type kTypes[] = {Type::S, Type::N, Type::B, Type::BOOL, Type::NUL,
                                    Type::SS, Type::NS, Type::BS, Type::M, Type::L};
  for (Type t : kTypes)
    if (name == model::type_name(t)) {
      out = t;
      return true;
    }
  return false;
}

AttributeValue arithmetic(const AttributeValue& a, const AttributeValue& b, bool subtract) {
  const model::Decimal x = model::Decimal::parse(a.scalar);
  const model::Decimal y = model::Decimal::parse(b.scalar);
  try {
    return AttributeValue::number((subtract ? x.subtract(y) : x.add(y)).to_string());
  } catch (const ApiError& e) {
    if (e.message() != "Attempting to store more than 38 significant digits in a Number") throw;
    throw validation_error("Number overflow. Attempting to store a number with magnitude larger than supported range");
  }
}

bool set_contains(const AttributeValue& set, std::string_view member) {
  return std::find(set.members.begin(), set.members.end(), member) != set.members.end();
}

void set_union(AttributeValue& into, const AttributeValue& add) {
  for (const auto& m : add.members)
    if (!set_contains(into, m)) into.members.push_back(m);
}

bool set_difference(AttributeValue& from, const AttributeValue& remove) {
  auto& m = from.members;
  m.erase(std::remove_if(m.begin(), m.end(), [&](const std::string& x) { return set_contains(remove, x); }), m.end());
  return !m.empty();
}

const AttributeValue* resolve(const Item& item, const Path& path) {
  auto top = item.find(path[0].name);
  if (top == item.end()) return nullptr;
  const AttributeValue* cur = &top->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElement& e = path[i];
    if (e.is_index) {
      if (cur->type != Type::L || e.index >= cur->list.size()) return nullptr;
      cur = &cur->list[e.index];
    } else {
      if (cur->type != Type::M) return nullptr;
      auto it = cur->map.find(e.name);
      if (it == cur->map.end()) return nullptr;
      cur = &it->second;
    }
  }
  return cur;
}

}  // namespace dynarock::expr::detail

namespace dynarock::expr {

std::string path_to_string(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i) out += ", ";
    if (path[i].is_index) out += "[" + std::to_string(path[i].index) + "]";
    else out += path[i].name;
  }
  return out + "]";
}

}  // namespace dynarock::expr
