// The public embedding API: a server in the test process, reached over real HTTP.
#include <utility>

#include "dynarock/embedded_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

http::response<http::string_body> post(uint16_t port, const std::string& target, const std::string& body) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req(http::verb::post, "/", 11);
  req.set(http::field::host, "localhost");
  req.set(http::field::content_type, "application/x-amz-json-1.0");
  req.set("X-Amz-Target", "DynamoDB_20120810." + target);
  req.set(http::field::authorization,
          "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res;
}

TEST(EmbeddedServer, ServesTheWireProtocolOnAFreePort) {
  dynarock::EmbeddedServer server;
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(server.endpoint(), "http://127.0.0.1:" + std::to_string(server.port()));
  auto created = post(server.port(), "CreateTable",
                      R"({"TableName":"embedded","BillingMode":"PAY_PER_REQUEST",)"
                      R"("AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
                      R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}]})");
  EXPECT_EQ(created.result_int(), 200) << created.body();
  auto listed = post(server.port(), "ListTables", "{}");
  EXPECT_EQ(listed.body(), R"({"TableNames":["embedded"]})");
  auto missing = post(server.port(), "DescribeTable", R"({"TableName":"nope"})");
  EXPECT_EQ(missing.result_int(), 400);
  EXPECT_NE(missing.body().find("ResourceNotFoundException"), std::string::npos);
  server.stop();
  server.stop();  // idempotent
}

TEST(EmbeddedServer, InstancesAreIndependent) {
  dynarock::EmbeddedServer a, b;
  EXPECT_NE(a.port(), b.port());
  post(a.port(), "CreateTable",
       R"({"TableName":"only_in_a","BillingMode":"PAY_PER_REQUEST",)"
       R"("AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}]})");
  EXPECT_EQ(post(b.port(), "ListTables", "{}").body(), R"({"TableNames":[]})");
}

}  // namespace
