// SigV4: building blocks against known vectors, and authenticate() against requests signed by
// botocore's SigV4Auth / SigV4QueryAuth (captured with a fixed clock), plus tampered variants.
#include <gtest/gtest.h>

#include <vector>

#include "model/error.h"
#include "protocol/sigv4.h"

namespace dynarock::protocol {
namespace {

using namespace std::chrono;
namespace s4 = sigv4;

// A request that owns its header list, so a test can build and edit one in place.
struct HttpRequestView {
  std::string_view method;
  std::string_view target;
  std::vector<Header> headers;
  std::string_view body;
  operator Request() const { return Request{method, target, headers, body}; }
};

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kBody = R"({"TableName":"t"})";
constexpr const char* kAuth =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
    "Signature=d96d5b890e0df1647e1212379646c960d69bd0ef6d4065bfd7d51ea3008e7ff8";

system_clock::time_point at(const char* amz_date) {
  system_clock::time_point t;
  EXPECT_TRUE(s4::parse_amz_date(amz_date, t));
  return t;
}

HttpRequestView signed_request(std::string_view auth = kAuth, std::string_view body = kBody) {
  return HttpRequestView{"POST",
                         "/",
                         {{"Host", "localhost:8000"},
                          {"Content-Type", "application/x-amz-json-1.0"},
                          {"X-Amz-Target", "DynamoDB_20120810.DescribeTable"},
                          {"X-Amz-Date", "20150830T123600Z"},
                          {"Authorization", auth}},
                         body};
}

CredentialStore store(std::string token = "") {
  CredentialStore s;
  s.add("AKIDEXAMPLE", kSecret, std::move(token));
  return s;
}

// Runs authenticate and returns "Code: message" of the rejection, or "" when accepted.
std::string rejection(const HttpRequestView& r, const CredentialStore* creds, system_clock::time_point now) {
  try {
    s4::authenticate(r, creds, now);
    return "";
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
}

TEST(SigV4, SigningKeyMatchesAwsDocumentationExample) {
  EXPECT_EQ(s4::hex(s4::signing_key(kSecret, "20150830", "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

TEST(SigV4, Sha256OfEmptyPayload) {
  EXPECT_EQ(s4::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4, CanonicalRequestAndStringToSign) {
  auto r = signed_request();
  std::string canonical = s4::canonical_request(
      "POST", s4::canonical_uri("/"), s4::canonical_query("", false),
      s4::canonical_headers(r, {"content-type", "host", "x-amz-date", "x-amz-target"}),
      "content-type;host;x-amz-date;x-amz-target", s4::sha256_hex(kBody));
  EXPECT_EQ(canonical,
            "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:localhost:8000\nx-amz-date:20150830T123600Z\n"
            "x-amz-target:DynamoDB_20120810.DescribeTable\n\ncontent-type;host;x-amz-date;x-amz-target\n"
            "f28af92fc15f446717e10364e12f5128ef4611dfaeb8469b0ca93776dd9d3f5a");
  std::string sts = s4::string_to_sign("20150830T123600Z", "20150830/us-east-1/dynamodb/aws4_request", canonical);
  EXPECT_EQ(s4::signature(s4::signing_key(kSecret, "20150830", "us-east-1", "dynamodb"), sts),
            "d96d5b890e0df1647e1212379646c960d69bd0ef6d4065bfd7d51ea3008e7ff8");
}

TEST(SigV4, CanonicalPiecesFollowTheSpec) {
  EXPECT_EQ(s4::canonical_uri(""), "/");
  EXPECT_EQ(s4::canonical_uri("/a/./b/../c//d/"), "/a/c/d/");
  EXPECT_EQ(s4::canonical_uri("/a%20b"), "/a%2520b");  // non-S3 paths are encoded twice
  EXPECT_EQ(s4::canonical_query("b=2&a=3&a=1&c", false), "a=1&a=3&b=2&c=");
  EXPECT_EQ(s4::canonical_query("x=a%2Fb&X-Amz-Signature=ff&y=%7E+", true), "x=a%2Fb&y=~%2B");
  HttpRequestView r{"POST", "/", {{"X-A", "  one   two  "}, {"x-a", "three"}}, ""};
  EXPECT_EQ(s4::canonical_headers(r, {"x-a"}), "x-a:one two,three\n");
  EXPECT_EQ(s4::uri_encode("a b/c~", false), "a%20b%2Fc~");
  EXPECT_EQ(s4::format_amz_date(at("20150830T123600Z")), "20150830T123600Z");
  system_clock::time_point t;
  EXPECT_FALSE(s4::parse_amz_date("2015-08-30T12:36:00Z", t));
  EXPECT_FALSE(s4::parse_amz_date("20151330T123600Z", t));
}

TEST(SigV4, AcceptsBotocoreSignedRequest) {
  auto creds = store();
  auto who = s4::authenticate(signed_request(), &creds, at("20150830T124000Z"));
  EXPECT_EQ(who.access_key, "AKIDEXAMPLE");
  EXPECT_EQ(who.region, "us-east-1");
}

TEST(SigV4, RejectsTamperedBodyHeaderKeyAndSignature) {
  auto creds = store();
  auto now = at("20150830T123600Z");
  const std::string mismatch =
      "InvalidSignatureException: The request signature we calculated does not match the signature you provided. Check your "
      "AWS Secret Access Key and signing method. Consult the service documentation for details.";
  EXPECT_EQ(rejection(signed_request(kAuth, R"({"TableName":"u"})"), &creds, now), mismatch);
  auto r = signed_request();
  r.headers[2].value = "DynamoDB_20120810.DeleteTable";
  EXPECT_EQ(rejection(r, &creds, now), mismatch);
  CredentialStore other;
  other.add("AKIDEXAMPLE", "another secret");
  EXPECT_EQ(rejection(signed_request(), &other, now), mismatch);
  std::string auth = kAuth;
  auth.back() = '9';
  EXPECT_EQ(rejection(signed_request(auth), &creds, now), mismatch);
  CredentialStore unknown;
  unknown.add("AKIDOTHER", kSecret);
  EXPECT_EQ(rejection(signed_request(), &unknown, now),
            "UnrecognizedClientException: The security token included in the request is invalid.");
  // Without a store any signature passes.
  EXPECT_EQ(rejection(signed_request(auth), nullptr, now), "");
}

TEST(SigV4, ClockSkewOfFifteenMinutes) {
  auto creds = store();
  EXPECT_EQ(rejection(signed_request(), &creds, at("20150830T125100Z")), "");
  EXPECT_EQ(rejection(signed_request(), &creds, at("20150830T125101Z")),
            "InvalidSignatureException: Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z "
            "(20150830T125101Z - 15 min.)");
  EXPECT_EQ(rejection(signed_request(), &creds, at("20150830T122059Z")),
            "InvalidSignatureException: Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z "
            "(20150830T122059Z + 15 min.)");
}

TEST(SigV4, SessionTokens) {
  constexpr const char* auth =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
      "Signature=80f4a4f1b092da160c08faafafcff32fb11e0ed85cf8af7f677d1b3d9ba8cc74";
  auto r = signed_request(auth);
  r.headers.emplace_back("X-Amz-Security-Token", "SESSIONTOKEN/+=");
  auto now = at("20150830T123600Z");
  auto with_token = store("SESSIONTOKEN/+=");
  EXPECT_EQ(rejection(r, &with_token, now), "");
  auto other_token = store("OTHER");
  EXPECT_EQ(rejection(r, &other_token, now),
            "UnrecognizedClientException: The security token included in the request is invalid.");
  auto long_term = store();
  EXPECT_EQ(rejection(r, &long_term, now),
            "UnrecognizedClientException: The security token included in the request is invalid.");
  // A temporary credential used without its token.
  EXPECT_EQ(rejection(signed_request(), &with_token, now),
            "UnrecognizedClientException: The security token included in the request is invalid.");
}

TEST(SigV4, PresignedQueryString) {
  HttpRequestView r{"POST",
                    "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fdynamodb%2F"
                    "aws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&X-Amz-SignedHeaders=content-type%3Bhost%3B"
                    "x-amz-content-sha256%3Bx-amz-target&X-Amz-Signature="
                    "cbb018d6111bc2ef61e060f5c2d422741c811404b931616b8a757f39079a80fe",
                    {{"Host", "localhost:8000"},
                     {"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Target", "DynamoDB_20120810.DescribeTable"},
                     {"X-Amz-Content-SHA256", "f28af92fc15f446717e10364e12f5128ef4611dfaeb8469b0ca93776dd9d3f5a"}},
                    kBody};
  auto creds = store();
  EXPECT_EQ(rejection(r, &creds, at("20150830T124000Z")), "");
  EXPECT_EQ(rejection(r, &creds, at("20150830T125101Z")),
            "InvalidSignatureException: Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z "
            "(20150830T125101Z - 15 min.)");
  r.body = R"({"TableName":"x"})";
  EXPECT_NE(rejection(r, &creds, at("20150830T124000Z")).find("InvalidSignatureException: The request signature"),
            std::string::npos);
}

TEST(SigV4, ParsingErrorsWithoutVerification) {
  auto now = system_clock::now();
  auto with = [](std::string_view auth) {
    return HttpRequestView{"POST", "/", {{"Authorization", auth}}, ""};
  };
  EXPECT_EQ(rejection(HttpRequestView{"POST", "/", {}, ""}, nullptr, now),
            "MissingAuthenticationTokenException: Request is missing Authentication Token");
  EXPECT_EQ(rejection(with("AWS4"), nullptr, now),
            "MissingAuthenticationTokenException: Request is missing Authentication Token");
  EXPECT_EQ(rejection(with("AWS4-"), nullptr, now),
            "IncompleteSignatureException: Authorization header requires 'Credential' parameter. Authorization header "
            "requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header "
            "requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-");
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders"), nullptr, now),
            "IncompleteSignatureException: 'Credential' not a valid key=value pair (missing equal-sign) in Authorization "
            "header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'.");
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA25 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0"), nullptr, now),
            "IncompleteSignatureException: Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ");
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=0"), nullptr, now),
            "IncompleteSignatureException: Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term, got 'a/b/c/d'");
  HttpRequestView both{"POST", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256", {{"Authorization", "AWS4-HMAC-SHA256"}}, ""};
  EXPECT_EQ(rejection(both, nullptr, now),
            "InvalidSignatureException: Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP "
            "header.");
  HttpRequestView query{"POST", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20150830T123600Z", {}, ""};
  EXPECT_EQ(rejection(query, nullptr, now),
            "IncompleteSignatureException: AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string "
            "parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
            "Re-examine the query-string parameters.");
  // A well-formed header with a made-up signature names the caller.
  auto who = s4::authenticate(with("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/dynamodb/aws4_request/, "
                                   "SignedHeaders=host, Signature=00"),
                              nullptr, now);
  EXPECT_EQ(who.access_key, "AKID");
  EXPECT_EQ(who.region, "eu-west-1");
}

TEST(SigV4, VerificationErrorsInDynamoDBsOrder) {
  auto creds = store();
  auto now = at("20150830T123600Z");
  auto with = [](std::string_view auth, std::string_view date) {
    return HttpRequestView{"POST", "/", {{"Host", "h"}, {"X-Amz-Date", date}, {"Authorization", auth}}, ""};
  };
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0", "201"), &creds, now),
            "IncompleteSignatureException: Date must be in ISO-8601 'basic format'. Got '201'. See "
            "http://en.wikipedia.org/wiki/ISO_8601");
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x-amz-date, Signature=0",
                           "20150830T123600Z"), &creds, now),
            "InvalidSignatureException: 'Host' must be a 'SignedHeader' in the AWS Authorization.");
  EXPECT_EQ(rejection(with("AWS4-HMAC-SHA256 Credential=a/b/C/d/e, SignedHeaders=host, Signature=0", "20150830T123600Z"),
                      &creds, now),
            "InvalidSignatureException: Credential should be scoped to a valid region, not 'C'. Credential should be "
            "scoped to correct service: 'dynamodb'. Credential should be scoped with a valid terminator: 'aws4_request', "
            "not 'e'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != "
            "'20150830', from '20150830T123600Z'.");
  HttpRequestView no_date{"POST", "/", {{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0"}}, ""};
  EXPECT_EQ(rejection(no_date, &creds, now),
            "IncompleteSignatureException: Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=0");
  EXPECT_EQ(rejection(no_date, nullptr, now), "");
}

TEST(SigV4, CredentialsFile) {
  CredentialStore s;
  s.load_text("# comment\n\nAKID1 secret1\n  AKID2\tsecret2  token2 \n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.find("AKID1")->secret_key, "secret1");
  EXPECT_EQ(s.find("AKID2")->session_token, "token2");
  EXPECT_EQ(s.find("AKID3"), nullptr);
  EXPECT_THROW(s.load_text("AKID only\nAKID4\n", "creds.txt"), std::runtime_error);
}

}  // namespace
}  // namespace dynarock::protocol
