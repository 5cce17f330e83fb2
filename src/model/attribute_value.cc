#include "model/attribute_value.h"

#include <algorithm>
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

// Wire JSON type errors are SerializationExceptions, as DynamoDB's JSON binder reports them.
[[noreturn]] void wrong_json(const json& j, const char* expected) {
  if (j.is_array()) throw serialization_error("Start of list found where not expected");
  if (j.is_object()) throw serialization_error("Start of structure or map found where not expected.");
  const char* kind = j.is_boolean() ? "BOOLEAN_VALUE" : j.is_number() ? "NUMBER_VALUE" : j.is_null() ? "NULL_VALUE" : "STRING_VALUE";
  throw serialization_error(std::string(kind) + " can not be converted to " + expected);
}

const std::string& json_string(const json& j, const char* expected) {
  if (!j.is_string()) wrong_json(j, expected);
  return j.get_ref<const std::string&>();
}

std::string decode_blob(const json& j) {
  const std::string& text = json_string(j, "a Blob");
  std::string raw;
  if (text.size() % 4 != 0)
    throw serialization_error("'" + text + "' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: " + std::to_string(text.size()));
  if (!base64_decode(text, raw))
    throw serialization_error("'" + text + "' can not be converted to a Blob: Invalid Base64 character");
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

AttributeValue parse_at(const json& j, int depth);

// An attribute name (top level or a map key) is at most 64 KB - 1 bytes.
constexpr size_t kMaxAttributeNameSize = 65535;

const std::string& checked_name(const std::string& name) {
  if (name.size() > kMaxAttributeNameSize) throw validation_error("Attribute name is too large, must be less than 65536 bytes");
  return name;
}

void parse_into(const json& j, int depth, const std::string& type, AttributeValue& v) {
  const json& body = j;
  if (type == "S") {
    v.type = Type::S;
    v.scalar = json_string(body, "String");
  } else if (type == "N") {
    v.type = Type::N;
    v.scalar = Decimal::parse(json_string(body, "String")).to_string();
  } else if (type == "B") {
    v.type = Type::B;
    v.scalar = decode_blob(body);
  } else if (type == "BOOL") {
    v.type = Type::BOOL;
    if (!body.is_boolean()) wrong_json(body, "Boolean");
    v.boolean = body.get<bool>();
  } else if (type == "NULL") {
    v.type = Type::NUL;
    if (!body.is_boolean()) wrong_json(body, "Boolean");
    if (!body.get<bool>())
      throw validation_error("One or more parameter values were invalid: Null attribute value types must have the value of true");
  } else if (type == "SS" || type == "NS" || type == "BS") {
    if (!body.is_array()) {
      if (body.is_object()) throw serialization_error("Start of structure or map found where not expected.");
      throw serialization_error("Expected list or null");
    }
    v.type = type == "SS" ? Type::SS : type == "NS" ? Type::NS : Type::BS;
    v.members.reserve(body.size());
    for (const auto& m : body) {
      if (v.type == Type::SS) v.members.push_back(json_string(m, "String"));
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
      for (const auto& m : body) shown.push_back(m.get<std::string>());
      throw validation_error("One or more parameter values were invalid: Input collection " + quoted_collection(shown) + "of type BS contains duplicates.");
    }
  } else if (type == "M") {
    if (!body.is_object()) {
      if (body.is_array()) throw serialization_error("Start of list found where not expected");
      throw serialization_error("Expected map or null");
    }
    v.type = Type::M;
    for (auto it = body.begin(); it != body.end(); ++it) v.map.emplace(checked_name(it.key()), parse_at(it.value(), depth + 1));
  } else if (type == "L") {
    if (!body.is_array()) {
      if (body.is_object()) throw serialization_error("Start of structure or map found where not expected.");
      throw serialization_error("Expected list or null");
    }
    v.type = Type::L;
    v.list.reserve(body.size());
    for (const auto& e : body) v.list.push_back(parse_at(e, depth + 1));
  } else {
    throw serialization_error("Unknown member type: " + type);  // unreachable: filtered by caller
  }
}

bool known_type(const std::string& t) {
  return t == "S" || t == "N" || t == "B" || t == "BOOL" || t == "NULL" || t == "SS" || t == "NS" || t == "BS" ||
         t == "M" || t == "L";
}

AttributeValue parse_at(const json& j, int depth) {
  // The attribute itself is level 1, so 32 containers around a value is one level too deep.
  if (depth >= kMaxNestingDepth)
    throw validation_error("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit");
  if (!j.is_object()) {
    if (j.is_array()) throw serialization_error("Start of list found where not expected");
    if (j.is_null()) throw validation_error("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    throw serialization_error("Unexpected value type in payload");
  }
  AttributeValue v;
  int count = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_null()) continue;  // null members are absent, as in DynamoDB's binder
    if (!known_type(it.key())) continue;  // unknown members are ignored by the binder
    if (++count > 1)
      throw validation_error("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    parse_into(it.value(), depth, it.key(), v);
  }
  if (count == 0)
    throw validation_error("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  return v;
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

AttributeValue parse_value(const json& j) { return parse_at(j, 0); }

Item parse_item(const json& j) {
  if (!j.is_object()) {
    if (j.is_array()) throw serialization_error("Start of list found where not expected");
    throw serialization_error("Expected map or null");
  }
  Item item;
  for (auto it = j.begin(); it != j.end(); ++it) item.emplace(checked_name(it.key()), parse_value(it.value()));
  return item;
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
