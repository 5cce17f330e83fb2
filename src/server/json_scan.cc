#include "server/json_scan.h"

namespace dynarock::server {

bool JsonScanner::feed(std::string_view bytes) {
  if (too_deep_) return false;
  for (char c : bytes) {
    if (in_string_) {
      if (escaped_) escaped_ = false;
      else if (c == '\\') escaped_ = true;
      else if (c == '"') in_string_ = false;
      continue;
    }
    switch (c) {
      case '"': in_string_ = true; break;
      case '[':
      case '{':
        if (++depth_ > kMaxJsonDepth) {
          too_deep_ = true;
          return false;
        }
        break;
      case ']':
      case '}':
        // Unbalanced closers are the JSON parser's to report; only depth matters here.
        if (depth_ > 0) --depth_;
        break;
      default: break;
    }
  }
  return true;
}

}  // namespace dynarock::server
