#include "protocol/http_request.h"

#include <algorithm>
#include <cctype>

namespace dynarock::protocol {

std::string_view HttpRequestView::header(std::string_view name) const {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), same)) return v;
  return {};
}

}  // namespace dynarock::protocol
