// The service the request fuzzers drive: in memory, with a table (hash + range key, a GSI and an
// LSI) that requests can name, so fuzzed bodies reach the operations and not only validation.
#pragma once

#include <memory>
#include <string>

#include "engine/engine.h"
#include "protocol/service.h"

namespace dynarock::fuzz {

inline constexpr const char* kAuthorization =
    "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00";

inline protocol::Reply call(protocol::Service& service, const std::string& target, std::string_view body) {
  const protocol::Header headers[] = {{"X-Amz-Target", target}, {"Authorization", kAuthorization}, {"Host", "fuzz"}};
  protocol::Request request{"POST", "/", headers, body};
  return service.handle(request);
}

inline protocol::Service& service() {
  static std::unique_ptr<protocol::Service> s = [] {
    engine::Options options;
    options.in_memory = true;
    auto svc = std::make_unique<protocol::Service>(engine::Engine::open(options), protocol::Settings{});
    call(*svc, "DynamoDB_20120810.CreateTable", R"({"TableName":"t","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
        {"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"B"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "GlobalSecondaryIndexes":[{"IndexName":"gi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
        "Projection":{"ProjectionType":"ALL"}}],
      "LocalSecondaryIndexes":[{"IndexName":"li","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
        {"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
    call(*svc, "DynamoDB_20120810.PutItem", R"({"TableName":"t","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},
      "m":{"M":{"l":{"L":[{"N":"1"},{"SS":["s"]}]}}}}})");
    return svc;
  }();
  return *s;
}

}  // namespace dynarock::fuzz
