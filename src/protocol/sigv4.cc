#include "protocol/sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

#include "model/error.h"

namespace dynarock::protocol {

namespace sigv4 {

namespace {

constexpr std::string_view kMissing = "MissingAuthenticationTokenException";
constexpr std::string_view kIncomplete = "IncompleteSignatureException";
constexpr std::string_view kInvalid = "InvalidSignatureException";
constexpr std::string_view kUnrecognized = "UnrecognizedClientException";
constexpr std::string_view kBadToken = "The security token included in the request is invalid.";
constexpr std::string_view kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details.";

[[noreturn]] void fail(std::string_view code, std::string message) { throw ApiError(std::string(code), std::move(message)); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) return out;
    s.remove_prefix(p + 1);
  }
}

using Params = std::vector<std::pair<std::string, std::string>>;

Params parse_query(std::string_view raw) {
  Params out;
  if (raw.empty()) return out;
  for (auto pair : split(raw, '&')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.emplace_back(percent_decode(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1)));
  }
  return out;
}

const std::string* find_param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

// "Sun, 06 Nov 1994 08:49:37 GMT": the Date header SigV4 falls back to without X-Amz-Date.
bool parse_http_date(std::string_view text, std::chrono::system_clock::time_point& out) {
  std::string s(text);
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end) return false;
  out = std::chrono::system_clock::from_time_t(timegm(&tm));
  return true;
}

std::string minutes_text(long long seconds) {
  return seconds % 60 == 0 ? std::to_string(seconds / 60) + " min." : std::to_string(seconds) + " sec.";
}

// The request as signed: where each part of the signature comes from in either style.
struct Signed {
  bool presigned = false;
  std::string algorithm, credential, signed_headers, signature, date, token, expires;
  bool has_expires = false;
};

Signed parse(const Request& request, const Params& query, bool verify) {
  std::string_view auth = request.header("authorization");
  const std::string* query_algorithm = find_param(query, "X-Amz-Algorithm");
  if (!auth.empty() && query_algorithm)
    fail(kInvalid, "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  std::string_view trimmed = trim(auth);
  if ((auth.empty() && !query_algorithm) || (!auth.empty() && trimmed.substr(0, 5) != "AWS4-"))
    fail(kMissing, "Request is missing Authentication Token");

  Signed s;
  std::string missing;
  std::string missing_date;
  if (!auth.empty()) {
    auto space = trimmed.find(' ');
    s.algorithm = std::string(trimmed.substr(0, space));
    std::string_view rest = space == std::string_view::npos ? std::string_view() : trimmed.substr(space + 1);
    bool has_signed_headers = false;
    size_t i = 0;
    while (i < rest.size()) {
      size_t j = rest.find_first_of(", ", i);
      if (j == std::string_view::npos) j = rest.size();
      std::string_view token = rest.substr(i, j - i);
      i = j + 1;
      if (token.empty()) continue;
      auto eq = token.find('=');
      if (eq == std::string_view::npos)
        fail(kIncomplete, "'" + std::string(token) + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" +
                              std::string(auth) + "'.");
      std::string_view key = token.substr(0, eq), value = token.substr(eq + 1);
      if (key == "Credential") s.credential = value;
      else if (key == "Signature") s.signature = value;
      else if (key == "SignedHeaders") s.signed_headers = value, has_signed_headers = true;
    }
    if (s.credential.empty()) missing += "Authorization header requires 'Credential' parameter. ";
    if (s.signature.empty()) missing += "Authorization header requires 'Signature' parameter. ";
    if (!has_signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
    s.date = request.header("x-amz-date");
    if (s.date.empty()) s.date = request.header("date");
    if (s.date.empty()) missing_date = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    // Without verification a missing date alone is let through: the date is only needed to check it.
    if (!missing.empty() || (verify && !missing_date.empty()))
      fail(kIncomplete, missing + missing_date + "Authorization=" + std::string(auth));
    s.token = request.header("x-amz-security-token");
  } else {
    s.presigned = true;
    auto take = [&](std::string_view name, std::string& into) {
      const std::string* v = find_param(query, name);
      if (v && !v->empty()) into = *v;
      else if (name == "X-Amz-Date") missing_date = "AWS query-string parameters must include 'X-Amz-Date'. ";
      else missing += "AWS query-string parameters must include '" + std::string(name) + "'. ";
    };
    take("X-Amz-Algorithm", s.algorithm);
    take("X-Amz-Credential", s.credential);
    take("X-Amz-Signature", s.signature);
    take("X-Amz-SignedHeaders", s.signed_headers);
    take("X-Amz-Date", s.date);
    if (!missing.empty() || (verify && !missing_date.empty()))
      fail(kIncomplete, missing + missing_date + "Re-examine the query-string parameters.");
    if (const std::string* t = find_param(query, "X-Amz-Security-Token")) s.token = *t;
    if (const std::string* e = find_param(query, "X-Amz-Expires")) s.expires = *e, s.has_expires = true;
  }
  return s;
}

// The accepted window: 15 minutes either side of the signing time; a presigned request is also
// good until X-Amz-Expires seconds after it.
void check_time(const Signed& s, std::chrono::system_clock::time_point t, std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  now = time_point_cast<seconds>(now);
  long long window = duration_cast<seconds>(kMaxSkew).count();
  if (s.presigned && s.has_expires) {
    long long expires = -1;
    auto [p, ec] = std::from_chars(s.expires.data(), s.expires.data() + s.expires.size(), expires);
    if (ec != std::errc() || p != s.expires.data() + s.expires.size() || expires < 1 || expires > 604800)
      fail(kIncomplete, "X-Amz-Expires must be a whole number of seconds from 1 to 604800. Got '" + s.expires + "'.");
    window = std::max(window, expires);
  }
  if (t < now - seconds(window))
    fail(kInvalid, "Signature expired: " + format_amz_date(t) + " is now earlier than " + format_amz_date(now - seconds(window)) +
                       " (" + format_amz_date(now) + " - " + minutes_text(window) + ")");
  if (t > now + kMaxSkew)
    fail(kInvalid, "Signature not yet current: " + format_amz_date(t) + " is still later than " +
                       format_amz_date(now + kMaxSkew) + " (" + format_amz_date(now) + " + 15 min.)");
}

bool valid_region(std::string_view region) {
  return !region.empty() && std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

Credential authenticate(const Request& request, const CredentialStore* store, std::chrono::system_clock::time_point now) {
  Params query = parse_query(request.query());
  Signed s = parse(request, query, store != nullptr);

  std::chrono::system_clock::time_point signed_at;
  std::string amz_date;
  std::vector<std::string> signed_names;
  if (store) {
    bool ok = parse_amz_date(s.date, signed_at);
    if (!ok && !s.presigned && request.header("x-amz-date").empty()) ok = parse_http_date(s.date, signed_at);
    if (!ok) fail(kIncomplete, "Date must be in ISO-8601 'basic format'. Got '" + s.date + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    amz_date = format_amz_date(signed_at);
    check_time(s, signed_at, now);
    for (auto name : split(s.signed_headers, ';')) signed_names.push_back(lower(name));
    if (std::find(signed_names.begin(), signed_names.end(), "host") == signed_names.end())
      fail(kInvalid, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (s.algorithm != kAlgorithm)
    fail(kIncomplete, "Unsupported AWS 'algorithm': '" + s.algorithm + "' (only AWS4-HMAC-SHA256 for now). ");
  std::string_view scope = s.credential;
  while (!scope.empty() && scope.back() == '/') scope.remove_suffix(1);  // trailing slashes are ignored
  auto parts = split(scope, '/');
  if (parts.size() != 5)
    fail(kIncomplete, "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" +
                          s.credential + "'");
  Credential who{std::string(parts[0]), std::string(parts[2])};
  if (!store) return who;

  std::string problems;
  auto add = [&](std::string text) { problems += (problems.empty() ? "" : " ") + text; };
  if (!valid_region(parts[2])) add("Credential should be scoped to a valid region, not '" + std::string(parts[2]) + "'.");
  if (parts[3] != kService) add("Credential should be scoped to correct service: 'dynamodb'.");
  if (parts[4] != "aws4_request")
    add("Credential should be scoped with a valid terminator: 'aws4_request', not '" + std::string(parts[4]) + "'.");
  if (parts[1] != std::string_view(amz_date).substr(0, 8))
    add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + std::string(parts[1]) +
        "' != '" + amz_date.substr(0, 8) + "', from '" + amz_date + "'.");
  if (!problems.empty()) fail(kInvalid, problems);

  const Secret* secret = store->find(parts[0]);
  if (!secret) fail(kUnrecognized, std::string(kBadToken));

  std::string canonical =
      canonical_request(request.method, canonical_uri(request.path()), canonical_query(request.query(), s.presigned),
                        canonical_headers(request, signed_names), s.signed_headers, sha256_hex(request.body));
  std::string expected = signature(signing_key(secret->secret_key, parts[1], parts[2], parts[3]),
                                   string_to_sign(amz_date, scope.substr(parts[0].size() + 1), canonical));
  if (expected.size() != s.signature.size() || CRYPTO_memcmp(expected.data(), s.signature.data(), expected.size()) != 0)
    fail(kInvalid, std::string(kMismatch));
  if (s.token != secret->session_token) fail(kUnrecognized, std::string(kBadToken));
  return who;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 15];
    }
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && value(s[i + 1]) >= 0 && value(s[i + 2]) >= 0) {
      out += static_cast<char>(value(s[i + 1]) * 16 + value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string canonical_uri(std::string_view raw_path) {
  // Dot segments and empty segments removed; a trailing slash kept (as the AWS SDKs normalize).
  std::vector<std::string_view> out;
  for (auto segment : split(raw_path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
    } else {
      out.push_back(segment);
    }
  }
  std::string path = "/";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) path += '/';
    path += out[i];
  }
  if (!out.empty() && raw_path.size() > 1 && raw_path.back() == '/') path += '/';
  return uri_encode(path, true);
}

std::string canonical_query(std::string_view raw_query, bool drop_signature) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto& [k, v] : parse_query(raw_query)) {
    if (drop_signature && k == "X-Amz-Signature") continue;
    pairs.emplace_back(uri_encode(k, false), uri_encode(v, false));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

std::string canonical_headers(const Request& request, const std::vector<std::string>& signed_names) {
  std::string out;
  for (const auto& name : signed_names) {
    out += name;
    out += ':';
    bool first = true;
    for (const auto& [n, v] : request.headers) {
      if (lower(n) != name) continue;
      if (!first) out += ',';
      first = false;
      // Trimall: no leading or trailing blanks, inner runs of blanks as one space.
      bool pending_space = false;
      for (char c : trim(v)) {
        if (c == ' ' || c == '\t') {
          pending_space = true;
          continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
      }
    }
    out += '\n';
  }
  return out;
}

std::string canonical_request(std::string_view method, std::string_view uri, std::string_view query, std::string_view headers,
                              std::string_view signed_headers, std::string_view payload_hash) {
  std::string out;
  out.reserve(method.size() + uri.size() + query.size() + headers.size() + signed_headers.size() + payload_hash.size() + 6);
  out.append(method).append("\n").append(uri).append("\n").append(query).append("\n").append(headers).append("\n");
  out.append(signed_headers).append("\n").append(payload_hash);
  return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.append("\n").append(amz_date).append("\n").append(scope).append("\n").append(sha256_hex(canonical_request));
  return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region, std::string_view service) {
  std::string key = hmac_sha256("AWS4" + std::string(secret), date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  return hmac_sha256(key, "aws4_request");
}

std::string signature(std::string_view key, std::string_view string_to_sign) { return hex(hmac_sha256(key, string_to_sign)); }

bool parse_amz_date(std::string_view text, std::chrono::system_clock::time_point& out) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return false;
  auto num = [&](size_t pos, size_t len, int& into) {
    for (size_t i = pos; i < pos + len; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    std::from_chars(text.data() + pos, text.data() + pos + len, into);
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!num(0, 4, y) || !num(4, 2, mo) || !num(6, 2, d) || !num(9, 2, h) || !num(11, 2, mi) || !num(13, 2, s)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  out = std::chrono::system_clock::from_time_t(timegm(&tm));
  return true;
}

std::string format_amz_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace sigv4
}  // namespace dynarock::protocol
