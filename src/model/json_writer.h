// Minimal JSON text emitters for the response hot path: building nlohmann DOMs for every item
// just to serialise them again costs more than the rest of a GetItem.
#pragma once

#include <string>
#include <string_view>

namespace dynarock::json_writer {

// Appends `s` as a JSON string literal (quoted, escaped). Bytes >= 0x80 pass through: the
// input is UTF-8 already.
inline void string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

}  // namespace dynarock::json_writer
