#include "cli/request_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <ctime>

namespace dynarock::cli {

namespace {

std::string env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string hex(const unsigned char* data, size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex(digest, sizeof digest);
}

std::string hmac(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

}  // namespace

AwsCredentials AwsCredentials::from_environment() {
  AwsCredentials c;
  c.access_key = env("AWS_ACCESS_KEY_ID", "local");
  c.secret_key = env("AWS_SECRET_ACCESS_KEY", "local");
  c.session_token = env("AWS_SESSION_TOKEN", "");
  c.region = env("AWS_REGION", env("AWS_DEFAULT_REGION", "us-east-1"));
  return c;
}

std::string amz_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return buf;
}

std::map<std::string, std::string> sign_request(const AwsCredentials& c, const std::string& host_header,
                                                const std::string& target, const std::string& body,
                                                const std::string& amz_date) {
  const std::string date = amz_date.substr(0, 8);
  const std::string content_type = "application/x-amz-json-1.0";
  // Canonical headers, sorted by lower-case name.
  std::map<std::string, std::string> signed_headers = {
      {"content-type", content_type}, {"host", host_header}, {"x-amz-date", amz_date}, {"x-amz-target", target}};
  if (!c.session_token.empty()) signed_headers["x-amz-security-token"] = c.session_token;
  std::string canonical_headers, names;
  for (const auto& [k, v] : signed_headers) {
    canonical_headers += k + ":" + v + "\n";
    names += (names.empty() ? "" : ";") + k;
  }
  const std::string canonical_request = "POST\n/\n\n" + canonical_headers + "\n" + names + "\n" + sha256_hex(body);
  const std::string scope = date + "/" + c.region + "/dynamodb/aws4_request";
  const std::string string_to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + sha256_hex(canonical_request);
  std::string key = hmac("AWS4" + c.secret_key, date);
  key = hmac(key, c.region);
  key = hmac(key, "dynamodb");
  key = hmac(key, "aws4_request");
  std::string sig = hmac(key, string_to_sign);
  std::map<std::string, std::string> headers = {
      {"Host", host_header}, {"Content-Type", content_type}, {"X-Amz-Date", amz_date}, {"X-Amz-Target", target},
      {"Authorization", "AWS4-HMAC-SHA256 Credential=" + c.access_key + "/" + scope + ", SignedHeaders=" + names +
                            ", Signature=" + hex(reinterpret_cast<const unsigned char*>(sig.data()), sig.size())}};
  if (!c.session_token.empty()) headers["X-Amz-Security-Token"] = c.session_token;
  return headers;
}

}  // namespace dynarock::cli
