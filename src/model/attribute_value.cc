#include "model/attribute_value.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "model/decimal.h"
#include "model/error.h"
#include "model/json_writer.h"

namespace dynarock::model {

using nlohmann::json;

const char* type_name(Type t) {
  switch (t) {
    case Type::S: return "S";
    case Type::N: return "N";
    case Type::B: return "B";
    case Type::BOOL: return "BOOL";
    case Type::NUL: return "NULL";
    case Type::SS: return "SS";
    case Type::NS: return "NS";
    case Type::BS: return "BS";
    case Type::M: return "M";
    case Type::L: return "L";
  }
  return "?";
}

namespace {

bool sets_equal(const std::vector<std::string>& a, const std::vector<std::string>& b, bool numeric) {
  if (a.size() != b.size()) return false;
  // Members are normalised on input, so text equality is value equality even for NS.
  (void)numeric;
  std::vector<std::string_view> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

// The two JSON forms values are read from: a request's wire document, and nlohmann JSON (stored
// records, in-process callers).
std::string_view str_of(const json& j) { return j.get_ref<const std::string&>(); }
std::string_view str_of(const wire::Value& j) { return j.text(); }

// Wire JSON type errors are SerializationExceptions, as DynamoDB's JSON binder reports them.
template <typename J>
[[noreturn]] void wrong_json(const J& j, const char* expected) {
  if (j.is_array()) throw serialization_error("Start of list found where not expected");
  if (j.is_object()) throw serialization_error("Start of structure or map found where not expected.");
  const char* kind = j.is_boolean() ? "BOOLEAN_VALUE" : j.is_number() ? "NUMBER_VALUE" : j.is_null() ? "NULL_VALUE" : "STRING_VALUE";
  throw serialization_error(std::string(kind) + " can not be converted to " + expected);
}

template <typename J>
std::string_view json_string(const J& j, const char* expected) {
  if (!j.is_string()) wrong_json(j, expected);
  return str_of(j);
}

template <typename J>
std::string decode_blob(const J& j) {
  std::string_view text = json_string(j, "a Blob");
  std::string raw;
  if (text.size() % 4 != 0)
    throw serialization_error("'" + std::string(text) + "' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: " + std::to_string(text.size()));
  if (!base64_decode(text, raw))
    throw serialization_error("'" + std::string(text) + "' can not be converted to a Blob: Invalid Base64 character");
  return raw;
}

std::string quoted_collection(const std::vector<std::string>& members) {
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out += ", ";
    out += members[i];
  }
  return out + "]";
}

bool has_duplicates(const std::vector<std::string>& members) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(members.size());
  for (const auto& m : members)
    if (!seen.insert(m).second) return true;
  return false;
}

template <typename J>
AttributeValue parse_at(const J& j, int depth);

// An attribute name (top level or a map key) is at most 64 KB - 1 bytes.
constexpr size_t kMaxAttributeNameSize = 65535;

std::string_view checked_name(std::string_view name) {
  if (name.size() > kMaxAttributeNameSize) throw validation_error("Attribute name is too large, must be less than 65536 bytes");
  return name;
}

template <typename J>
void parse_into(const J& j, int depth, std::string_view type, AttributeValue& v) {
  const J& body = j;
  if (type == "S") {
    v.type = Type::S;
    v.scalar = std::string(json_string(body, "String"));
  } else if (type == "N") {
    v.type = Type::N;
    v.scalar = Decimal::parse(json_string(body, "String")).to_string();
  } else if (type == "B") {
    v.type = Type::B;
    v.scalar = decode_blob(body);
  } else if (type == "BOOL") {
    v.type = Type::BOOL;
    if (!body.is_boolean()) wrong_json(body, "Boolean");
    v.boolean = body.template get<bool>();
  } else if (type == "NULL") {
    v.type = Type::NUL;
    if (!body.is_boolean()) wrong_json(body, "Boolean");
    if (!body.template get<bool>())
      throw validation_error("One or more parameter values were invalid: Null attribute value types must have the value of true");
  } else if (type == "SS" || type == "NS" || type == "BS") {
    if (!body.is_array()) {
      if (body.is_object()) throw serialization_error("Start of structure or map found where not expected.");
      throw serialization_error("Expected list or null");
    }
    v.type = type == "SS" ? Type::SS : type == "NS" ? Type::NS : Type::BS;
    v.members.reserve(body.size());
    for (const auto& m : body) {
      if (v.type == Type::SS) v.members.push_back(std::string(json_string(m, "String")));
      else if (v.type == Type::NS) v.members.push_back(Decimal::parse(json_string(m, "String")).to_string());
      else v.members.push_back(decode_blob(m));
    }
    if (v.members.empty()) {
      if (v.type == Type::SS) throw validation_error("One or more parameter values were invalid: An string set  may not be empty");
      if (v.type == Type::NS) throw validation_error("One or more parameter values were invalid: An number set  may not be empty");
      throw validation_error("One or more parameter values were invalid: Binary sets should not be empty");
    }
    if (has_duplicates(v.members)) {
      if (v.type == Type::SS)
        throw validation_error("One or more parameter values were invalid: Input collection " + quoted_collection(v.members) + " contains duplicates.");
      if (v.type == Type::NS) throw validation_error("Input collection contains duplicates");
      std::vector<std::string> shown;
      for (const auto& m : body) shown.push_back(std::string(str_of(m)));
      throw validation_error("One or more parameter values were invalid: Input collection " + quoted_collection(shown) + "of type BS contains duplicates.");
    }
  } else if (type == "M") {
    if (!body.is_object()) {
      if (body.is_array()) throw serialization_error("Start of list found where not expected");
      throw serialization_error("Expected map or null");
    }
    v.type = Type::M;
    // A repeated name keeps its last value, as JSON binders do.
    for (auto it = body.begin(); it != body.end(); ++it)
      v.map.insert_or_assign(std::string(checked_name(it.key())), parse_at(it.value(), depth + 1));
  } else if (type == "L") {
    if (!body.is_array()) {
      if (body.is_object()) throw serialization_error("Start of structure or map found where not expected.");
      throw serialization_error("Expected list or null");
    }
    v.type = Type::L;
    v.list.reserve(body.size());
    for (const auto& e : body) v.list.push_back(parse_at(e, depth + 1));
  } else {
    throw serialization_error("Unknown member type: " + std::string(type));  // unreachable: filtered by caller
  }
}

// The ten type descriptors in name order, the order a value's members are read in (so the same
// value gives the same first error whatever order its members were written in).
constexpr std::string_view kTypeNames[] = {"B", "BOOL", "BS", "L", "M", "N", "NS", "NULL", "S", "SS"};

int type_slot(std::string_view t) {
  for (int i = 0; i < 10; ++i)
    if (kTypeNames[i] == t) return i;
  return -1;
}

// A value's member kept aside while its descriptors are sorted out: a pointer into nlohmann JSON,
// or the (cheap) wire handle itself.
const json* hold(const json& v) { return &v; }
wire::Value hold(const wire::Value& v) { return v; }
const json& held(const json* v) { return *v; }
const wire::Value& held(const wire::Value& v) { return v; }

// What parse_at and measure_at both do first: the nesting bound, the JSON type, then the value's
// type descriptors by name order. Null members are absent and unknown ones ignored, as in
// DynamoDB's binder; a repeated descriptor keeps its last value.
template <typename J>
auto descriptors(const J& j, int depth) {
  // The attribute itself is level 1, so 32 containers around a value is one level too deep.
  if (depth >= kMaxNestingDepth)
    throw validation_error("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
  if (!j.is_object()) {
    if (j.is_array()) throw serialization_error("Start of list found where not expected");
    if (j.is_null()) throw validation_error("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    throw serialization_error("Unexpected value type in payload");
  }
  std::array<std::optional<decltype(hold(j))>, 10> slots;
  for (auto it = j.begin(); it != j.end(); ++it) {
    int slot = type_slot(it.key());
    if (slot >= 0) {
      if (it.value().is_null()) slots[slot].reset();
      else slots[slot] = hold(it.value());
    }
  }
  return slots;
}

// Runs `read(member, type)` on the value's one type descriptor. A second one is refused when it
// is reached, after the first was read (so the first one's own error wins); none at all after.
template <typename J, typename F>
void read_descriptor(const J& j, int depth, F&& read) {
  auto slots = descriptors(j, depth);
  int count = 0;
  for (int i = 0; i < 10; ++i) {
    if (!slots[i]) continue;
    if (++count > 1)
      throw validation_error("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    read(held(*slots[i]), kTypeNames[i]);
  }
  if (count == 0)
    throw validation_error("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

template <typename J>
AttributeValue parse_at(const J& j, int depth) {
  AttributeValue v;
  read_descriptor(j, depth, [&](const J& body, std::string_view type) { parse_into(body, depth, type, v); });
  return v;
}

// An item is a JSON object; anything else is the binder's error.
template <typename J>
void check_item_object(const J& j) {
  if (!j.is_object()) {
    if (j.is_array()) throw serialization_error("Start of list found where not expected");
    throw serialization_error("Expected map or null");
  }
}

}  // namespace

size_t number_size(std::string_view text) {
  // DynamoDB: roughly one byte per two significant digits, plus one.
  size_t digits = 0;
  bool started = false;
  size_t trailing_zeros = 0;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    if (!started && c == '0') continue;
    started = true;
    ++digits;
    trailing_zeros = c == '0' ? trailing_zeros + 1 : 0;
  }
  digits -= trailing_zeros;
  if (digits == 0) return 1;
  return (digits + 1) / 2 + 1;
}

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::S:
    case Type::B:
    case Type::N:  // normalised text, so text equality is numeric equality
      return a.scalar == b.scalar;
    case Type::BOOL: return a.boolean == b.boolean;
    case Type::NUL: return true;
    case Type::SS:
    case Type::BS: return sets_equal(a.members, b.members, false);
    case Type::NS: return sets_equal(a.members, b.members, true);
    case Type::M: return a.map == b.map;
    case Type::L: return a.list == b.list;
  }
  return false;
}

namespace {

template <typename J>
Item parse_item_from(const J& j) {
  check_item_object(j);
  Item item;
  for (auto it = j.begin(); it != j.end(); ++it) item.insert_or_assign(std::string(checked_name(it.key())), parse_at(it.value(), 0));
  return item;
}

// parse_at's walk, summing sizes instead of building containers. A repeated name counts once, at
// its last value (as insert_or_assign keeps it), but every occurrence is validated.
size_t measure_at(const wire::Value& j, int depth);

size_t measure_members(const wire::Value& j, int depth, size_t per_member) {
  size_t total = 0;
  std::vector<uint32_t> positions;
  positions.reserve(j.size());
  for (auto it = j.begin(); it != j.end(); ++it) {
    total += checked_name(it.key()).size() + measure_at(*it, depth) + per_member;
    positions.push_back(it.position());
  }
  // Names repeated: all but the last occurrence of each come off again.
  std::stable_sort(positions.begin(), positions.end(), [&](uint32_t a, uint32_t b) { return j.at(a).key() < j.at(b).key(); });
  for (size_t i = 0; i + 1 < positions.size(); ++i) {
    auto it = j.at(positions[i]);
    if (it.key() == j.at(positions[i + 1]).key()) total -= it.key().size() + measure_at(*it, depth) + per_member;
  }
  return total;
}

size_t measure_at(const wire::Value& j, int depth) {
  size_t size = 0;
  read_descriptor(j, depth, [&](const wire::Value& body, std::string_view type) {
    if (type == "M" && body.is_object()) {
      size = 3 + measure_members(body, depth + 1, 1);
    } else if (type == "L" && body.is_array()) {
      size = 3;
      for (const wire::Value& e : body) size += measure_at(e, depth + 1) + 1;
    } else {
      // A single value or a set (or a wrong JSON type, whose error parse_into throws).
      AttributeValue v;
      parse_into(body, depth, type, v);
      size = value_size(v);
    }
  });
  return size;
}

}  // namespace

AttributeValue parse_value(const json& j) { return parse_at(j, 0); }
AttributeValue parse_value(const wire::Value& j) { return parse_at(j, 0); }
Item parse_item(const json& j) { return parse_item_from(j); }
Item parse_item(const wire::Value& j) { return parse_item_from(j); }

size_t measure_item(const wire::Value& j) {
  check_item_object(j);
  return measure_members(j, 0, 0);
}

void write_json(const AttributeValue& v, std::string& out) {
  out += "{\"";
  out += type_name(v.type);
  out += "\":";
  switch (v.type) {
    case Type::S:
    case Type::N: json_writer::string(out, v.scalar); break;
    case Type::B:
      out += '"';
      out += base64_encode(v.scalar);
      out += '"';
      break;
    case Type::BOOL: out += v.boolean ? "true" : "false"; break;
    case Type::NUL: out += "true"; break;
    case Type::SS:
    case Type::NS:
    case Type::BS:
      out += '[';
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        if (v.type == Type::BS) {
          out += '"';
          out += base64_encode(v.members[i]);
          out += '"';
        } else {
          json_writer::string(out, v.members[i]);
        }
      }
      out += ']';
      break;
    case Type::M: write_json(v.map, out); break;
    case Type::L:
      out += '[';
      for (size_t i = 0; i < v.list.size(); ++i) {
        if (i) out += ',';
        write_json(v.list[i], out);
      }
      out += ']';
      break;
  }
  out += '}';
}

void write_json(const Item& item, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out += ',';
    first = false;
    json_writer::string(out, name);
    out += ':';
    write_json(value, out);
  }
  out += '}';
}

json to_json(const AttributeValue& v) {
  std::string text;
  write_json(v, text);
  return json::parse(text);
}

json to_json(const Item& item) {
  std::string text;
  write_json(item, text);
  return json::parse(text);
}

size_t value_size(const AttributeValue& v) {
  switch (v.type) {
    case Type::S:
    case Type::B: return v.scalar.size();
    case Type::N: return number_size(v.scalar);
    case Type::BOOL:
    case Type::NUL: return 1;
    case Type::SS:
    case Type::BS: {
      size_t n = 0;
      for (const auto& m : v.members) n += m.size();
      return n;
    }
    case Type::NS: {
      size_t n = 0;
      for (const auto& m : v.members) n += number_size(m);
      return n;
    }
    case Type::M: {
      size_t n = 3;  // container overhead
      for (const auto& [name, value] : v.map) n += name.size() + value_size(value) + 1;
      return n;
    }
    case Type::L: {
      size_t n = 3;
      for (const auto& e : v.list) n += value_size(e) + 1;
      return n;
    }
  }
  return 0;
}

size_t item_size(const Item& item) {
  size_t n = 0;
  for (const auto& [name, value] : item) n += name.size() + value_size(value);
  return n;
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int decode_char(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace

std::string base64_encode(std::string_view raw) {
  std::string out;
  out.reserve((raw.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < raw.size(); i += 3) {
    uint32_t n = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8) | uint8_t(raw[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == raw.size()) {
    uint32_t n = uint8_t(raw[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == raw.size()) {
    uint32_t n = (uint8_t(raw[i]) << 16) | (uint8_t(raw[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    int c[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      unsigned char ch = text[i + k];
      if (ch == '=') {
        // Padding only in the last quantum's final two places.
        if (i + 4 != text.size() || k < 2) return false;
        c[k] = 0;
        ++pad;
      } else {
        if (pad) return false;
        c[k] = decode_char(ch);
        if (c[k] < 0) return false;
      }
    }
    uint32_t n = (c[0] << 18) | (c[1] << 12) | (c[2] << 6) | c[3];
    out += char((n >> 16) & 0xFF);
    if (pad < 2) out += char((n >> 8) & 0xFF);
    if (pad < 1) out += char(n & 0xFF);
  }
  return true;
}

}  // namespace dynarock::model
