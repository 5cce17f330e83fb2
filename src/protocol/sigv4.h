// SigV4 Authorization header parsing: who is calling (access key id) and where (region).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dynarock::protocol {

struct Credential {
  std::string access_key;
  std::string region;
};

// Parses "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, ...".
// Returns nullopt when the header is not a well-formed SigV4 authorization.
std::optional<Credential> parse_authorization(std::string_view header);

}  // namespace dynarock::protocol
