#include "api/item_formats.h"

#include <cctype>
#include <stdexcept>

#include "model/error.h"
#include "model/wire_json.h"

namespace dynarock::api::formats {

using model::AttributeValue;
using model::Type;
using Json = nlohmann::json;

namespace {

void ion_string(std::string_view s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// A normalised DynamoDB number as an Ion decimal: "12" -> "12.", "1.5E+3" -> "1.5d+3".
void ion_decimal(const std::string& n, std::string& out) {
  size_t e = n.find_first_of("eE");
  std::string mantissa = n.substr(0, e);
  out += mantissa;
  if (mantissa.find('.') == std::string::npos) out += '.';
  if (e != std::string::npos) {
    out += 'd';
    out += n.substr(e + 1);
  }
}

void ion_blob(const std::string& raw, std::string& out) {
  out += "{{";
  out += model::base64_encode(raw);
  out += "}}";
}

// A small reader of Ion text: the values DynamoDB's exports contain, turned into wire JSON
// ({"S": ...}) so model::parse_value validates them as any request's values.
class IonReader {
 public:
  explicit IonReader(std::string_view text) : s_(text) {}

  Json value(int depth = 0) {
    if (depth > model::kMaxNestingDepth + 2) fail("nested too deeply");
    skip();
    std::string annotation;
    // symbol:: annotations (only DynamoDB's set annotations mean anything here)
    size_t save = i_;
    if (std::isalpha(peek()) || peek() == '$' || peek() == '_' || peek() == '\'') {
      std::string sym = symbol();
      skip();
      if (s_.substr(i_, 2) == "::") {
        i_ += 2;
        annotation = sym;
        skip();
      } else {
        i_ = save;
      }
    }
    char c = peek();
    Json v;
    if (c == '{' && s_.substr(i_, 2) == "{{") v = {{"B", blob()}};
    else if (c == '{') v = {{"M", structure(depth)}};
    else if (c == '[') v = {{"L", list(depth)}};
    else if (c == '"') v = {{"S", string()}};
    else if (c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c))) v = {{"N", number()}};
    else {
      std::string sym = symbol();
      if (sym == "true" || sym == "false") v = {{"BOOL", sym == "true"}};
      else if (sym.rfind("null", 0) == 0) v = {{"NULL", true}};
      else fail("unexpected symbol " + sym);
    }
    if (annotation.empty()) return v;
    static const std::pair<const char*, const char*> kSets[] = {
        {"$dynamodb_SS", "SS"}, {"$dynamodb_NS", "NS"}, {"$dynamodb_BS", "BS"}};
    for (const auto& [name, type] : kSets) {
      if (annotation != name) continue;
      if (!v.contains("L")) fail("a set annotation needs a list");
      Json members = Json::array();
      for (const auto& m : v["L"]) members.push_back(m.begin().value());
      return {{type, members}};
    }
    return v;
  }

  void skip() {
    while (i_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      else if (s_.substr(i_, 2) == "//") {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (s_.substr(i_, 2) == "/*") {
        size_t end = s_.find("*/", i_ + 2);
        i_ = end == std::string_view::npos ? s_.size() : end + 2;
      } else break;
    }
  }
  bool at_end() {
    skip();
    return i_ >= s_.size();
  }
  // The version marker a file may start with.
  void skip_version_marker() {
    skip();
    if (s_.substr(i_, 8) == "$ion_1_0") i_ += 8;
  }

 private:
  [[noreturn]] void fail(const std::string& what) { throw std::runtime_error("invalid Ion: " + what); }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    skip();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }

  std::string symbol() {
    if (peek() == '\'') return quoted('\'');
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '$' || s_[i_] == '.')) ++i_;
    if (start == i_) fail("expected a value");
    return std::string(s_.substr(start, i_ - start));
  }

  std::string string() { return quoted('"'); }

  std::string quoted(char q) {
    ++i_;
    std::string out;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated string");
      char c = s_[i_++];
      if (c == q) break;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case 'x': wire::append_utf8(out, hex(2)); break;
        case 'u': wire::append_utf8(out, hex(4)); break;
        case 'U': wire::append_utf8(out, hex(8)); break;
        default: out += e;  // \" \' \\ \/ \?
      }
    }
    return out;
  }

  uint32_t hex(int digits) {
    if (i_ + static_cast<size_t>(digits) > s_.size()) fail("short escape");
    uint32_t v = static_cast<uint32_t>(std::stoul(std::string(s_.substr(i_, static_cast<size_t>(digits))), nullptr, 16));
    i_ += static_cast<size_t>(digits);
    return v;
  }

  // Ion ints, decimals (1.5d3, 12.) and floats (1.5e3) as DynamoDB number text.
  std::string number() {
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == '-' || s_[i_] == '+' || s_[i_] == '_')) ++i_;
    std::string text;
    for (char c : s_.substr(start, i_ - start)) {
      if (c == '_') continue;
      text += (c == 'd' || c == 'D') ? 'E' : c;
    }
    size_t e = text.find_first_of("eE");
    std::string mantissa = text.substr(0, e);
    if (!mantissa.empty() && mantissa.back() == '.') mantissa.pop_back();
    return e == std::string::npos ? mantissa : mantissa + text.substr(e);
  }

  std::string blob() {
    i_ += 2;
    size_t end = s_.find("}}", i_);
    if (end == std::string_view::npos) fail("unterminated blob");
    std::string b64;
    for (char c : s_.substr(i_, end - i_))
      if (!std::isspace(static_cast<unsigned char>(c))) b64 += c;
    i_ = end + 2;
    return b64;
  }

  Json structure(int depth) {
    ++i_;
    Json fields = Json::object();
    skip();
    while (peek() != '}') {
      std::string name = peek() == '"' ? string() : symbol();
      expect(':');
      fields[name] = value(depth + 1);
      skip();
      if (peek() == ',') {
        ++i_;
        skip();
      } else if (peek() != '}') {
        fail("expected ',' or '}'");
      }
    }
    ++i_;
    return fields;
  }

  Json list(int depth) {
    ++i_;
    Json items = Json::array();
    skip();
    while (peek() != ']') {
      items.push_back(value(depth + 1));
      skip();
      if (peek() == ',') {
        ++i_;
        skip();
      } else if (peek() != ']') {
        fail("expected ',' or ']'");
      }
    }
    ++i_;
    return items;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

void write_ion(const AttributeValue& v, std::string& out) {
  switch (v.type) {
    case Type::S: ion_string(v.scalar, out); break;
    case Type::N: ion_decimal(v.scalar, out); break;
    case Type::B: ion_blob(v.scalar, out); break;
    case Type::BOOL: out += v.boolean ? "true" : "false"; break;
    case Type::NUL: out += "null"; break;
    case Type::SS:
    case Type::NS:
    case Type::BS:
      out += v.type == Type::SS ? "$dynamodb_SS::[" : v.type == Type::NS ? "$dynamodb_NS::[" : "$dynamodb_BS::[";
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        if (v.type == Type::SS) ion_string(v.members[i], out);
        else if (v.type == Type::NS) ion_decimal(v.members[i], out);
        else ion_blob(v.members[i], out);
      }
      out += ']';
      break;
    case Type::M: write_ion(v.map, out); break;
    case Type::L:
      out += '[';
      for (size_t i = 0; i < v.list.size(); ++i) {
        if (i) out += ',';
        write_ion(v.list[i], out);
      }
      out += ']';
      break;
  }
}

void write_ion(const model::Item& item, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out += ',';
    first = false;
    ion_string(name, out);
    out += ':';
    write_ion(value, out);
  }
  out += '}';
}

model::Item parse_dynamodb_json_line(std::string_view line) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw std::runtime_error("line is not a JSON object");
  if (!j.contains("Item") || !j["Item"].is_object()) throw std::runtime_error("line has no Item object");
  return model::parse_item(j["Item"]);
}

model::Item parse_ion_line(std::string_view line) {
  IonReader reader(line);
  reader.skip_version_marker();
  Json top = reader.value();
  if (!reader.at_end()) throw std::runtime_error("invalid Ion: more than one value on a line");
  if (!top.contains("M") || !top["M"].contains("Item") || !top["M"]["Item"].contains("M"))
    throw std::runtime_error("line has no Item struct");
  return model::parse_item(top["M"]["Item"]["M"]);
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, char delimiter) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = any = true;
    } else if (c == delimiter) {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted CSV field");
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

model::Item csv_item(const std::vector<std::string>& header, const std::vector<std::string>& row, const model::TableInfo& table) {
  if (row.size() != header.size())
    throw std::runtime_error("row has " + std::to_string(row.size()) + " fields, the header " + std::to_string(header.size()));
  Json item = Json::object();
  const Json& definitions = table.extra.contains("AttributeDefinitions") ? table.extra["AttributeDefinitions"] : Json::array();
  for (size_t i = 0; i < header.size(); ++i) {
    if (row[i].empty()) continue;
    std::string type = "S";
    for (const auto& d : definitions)
      if (d.value("AttributeName", "") == header[i]) type = d.value("AttributeType", "S");
    item[header[i]] = {{type, row[i]}};
  }
  return model::parse_item(item);
}

}  // namespace dynarock::api::formats
