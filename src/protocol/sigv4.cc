#include "protocol/sigv4.h"

namespace dynarock::protocol {

std::optional<Credential> parse_authorization(std::string_view header) {
  constexpr std::string_view kScheme = "AWS4-HMAC-SHA256";
  if (header.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  auto pos = header.find("Credential=");
  if (pos == std::string_view::npos) return std::nullopt;
  std::string_view rest = header.substr(pos + 11);
  rest = rest.substr(0, rest.find_first_of(", "));
  // AKID / date / region / service / aws4_request
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    auto slash = rest.find('/');
    if (i < 4 && slash == std::string_view::npos) return std::nullopt;
    parts[i] = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  if (parts[0].empty() || parts[2].empty()) return std::nullopt;
  return Credential{std::string(parts[0]), std::string(parts[2])};
}

}  // namespace dynarock::protocol
