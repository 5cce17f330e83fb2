// AWS Signature Version 4, as DynamoDB checks it: parsing the Authorization header or the
// presigned query string (with DynamoDB's parsing errors, checked on every request), and, when a
// credential store is given, verifying the date, scope, access key, signature and session token.
// The building blocks (canonical request, string to sign, signing key) are exposed for tests.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/credentials.h"
#include "protocol/http_request.h"

namespace dynarock::protocol::sigv4 {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kService = "dynamodb";
constexpr std::chrono::minutes kMaxSkew{15};

// Who is calling, as the credential scope says.
struct Credential {
  std::string access_key;
  std::string region;
};

// Checks the request's authentication and returns its credential. Throws ApiError with
// DynamoDB's code and message. store == nullptr: only the parsing checks every request gets
// (a request signed with any secret is accepted); otherwise the full verification.
Credential authenticate(const Request& request, const CredentialStore* store,
                        std::chrono::system_clock::time_point now);

// --- Building blocks ---
std::string hex(std::string_view bytes);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
// RFC 3986 encoding with AWS's unreserved set (A-Z a-z 0-9 - _ . ~); '/' kept when asked.
std::string uri_encode(std::string_view s, bool keep_slash);
std::string percent_decode(std::string_view s);  // '+' stays '+', as AWS reads it
// The normalized, encoded path ("/" when empty).
std::string canonical_uri(std::string_view raw_path);
// Decoded, re-encoded and sorted name=value pairs; without X-Amz-Signature when drop_signature.
std::string canonical_query(std::string_view raw_query, bool drop_signature);
// "name:value\n" per signed header (lower-case names, trimmed values, repeats joined by ',').
std::string canonical_headers(const Request& request, const std::vector<std::string>& signed_names);
std::string canonical_request(std::string_view method, std::string_view uri, std::string_view query,
                              std::string_view headers, std::string_view signed_headers, std::string_view payload_hash);
std::string string_to_sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request);
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region, std::string_view service);
// Hex signature of a string to sign under a signing key.
std::string signature(std::string_view key, std::string_view string_to_sign);
// ISO-8601 basic ("20150830T123600Z") <-> time; parse returns false when malformed.
bool parse_amz_date(std::string_view text, std::chrono::system_clock::time_point& out);
std::string format_amz_date(std::chrono::system_clock::time_point t);

}  // namespace dynarock::protocol::sigv4
