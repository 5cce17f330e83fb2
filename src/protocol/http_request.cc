#include "protocol/http_request.h"

namespace dynarock::protocol {

std::string_view Request::header(std::string_view name) const {
  for (const Header& h : headers) {
    if (h.name.size() != name.size()) continue;
    bool same = true;
    // ASCII case folding is enough: header names are tokens.
    for (size_t i = 0; i < name.size() && same; ++i) same = (h.name[i] | 0x20) == (name[i] | 0x20);
    if (same) return h.value;
  }
  return {};
}

}  // namespace dynarock::protocol
