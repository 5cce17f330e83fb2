// SigV4 signing for dump/load, pinned to the signature botocore computes for the same request.
#include <gtest/gtest.h>

#include "cli/http_client.h"
#include "cli/request_signer.h"

using namespace dynarock::cli;

TEST(RequestSigner, MatchesBotocore) {
  AwsCredentials c{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", "us-west-2"};
  auto headers = sign_request(c, "dynamodb.us-west-2.amazonaws.com", "DynamoDB_20120810.DescribeTable",
                              R"({"TableName":"t"})", "20261130T190515Z");
  EXPECT_EQ(headers["Authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-west-2/dynamodb/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            "Signature=b2c254c9d5ca4c2625b9f71c4cb012c5c90924f4f68bd32256c6a715334c3dc9");
  EXPECT_EQ(headers["X-Amz-Date"], "20261130T190515Z");
  EXPECT_EQ(headers.count("X-Amz-Security-Token"), 0u);
}

TEST(RequestSigner, SessionTokenIsSentAndSigned) {
  AwsCredentials c{"AKID", "secret", "token123", "eu-west-1"};
  auto headers = sign_request(c, "localhost:8000", "DynamoDB_20120810.Scan", "{}", "20260101T000000Z");
  EXPECT_EQ(headers["X-Amz-Security-Token"], "token123");
  EXPECT_NE(headers["Authorization"].find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target"),
            std::string::npos);
}

TEST(HttpUrl, ParsesSchemesAndDefaultPorts) {
  Url u;
  ASSERT_TRUE(parse_url("https://dynamodb.us-east-1.amazonaws.com", u));
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.port, "443");
  EXPECT_EQ(u.host_header(), "dynamodb.us-east-1.amazonaws.com");
  ASSERT_TRUE(parse_url("http://localhost:8000/", u));
  EXPECT_FALSE(u.tls);
  EXPECT_EQ(u.host_header(), "localhost:8000");
  EXPECT_FALSE(parse_url("ftp://x", u));
}
