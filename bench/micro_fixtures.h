// Shared inputs of the micro-benchmarks: the same ~200-byte item the load benchmark
// (bench/run.sh) stores, as wire JSON, so micro and load figures describe the same work.
#pragma once

#include <cstdio>
#include <string>

namespace dynarock::bench {

// Keys as the load benchmark writes them: k0000000, k0000001, ...
inline std::string bench_key(long i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "k%07ld", i);
  return buf;
}

// The wire JSON of one benchmark item (about 200 bytes by DynamoDB's size accounting).
inline std::string bench_item_json(const std::string& key) {
  return "{\"pk\":{\"S\":\"" + key +
         "\"},\"seq\":{\"N\":\"4711\"},\"price\":{\"N\":\"12.50\"},\"active\":{\"BOOL\":true},"
         "\"name\":{\"S\":\"benchmark item name\"},"
         "\"payload\":{\"S\":\"" + std::string(130, 'x') + "\"}}";
}

// An item using every type, nested: the expensive shapes (maps, lists, sets, binary).
inline std::string rich_item_json(const std::string& key) {
  return "{\"pk\":{\"S\":\"" + key +
         "\"},\"sk\":{\"N\":\"-12.3456789e5\"},\"blob\":{\"B\":\"aGVsbG8gd29ybGQ=\"},"
         "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]},\"scores\":{\"NS\":[\"1\",\"2.5\",\"1e3\"]},"
         "\"nil\":{\"NULL\":true},\"profile\":{\"M\":{\"city\":{\"S\":\"Berlin\"},\"zip\":{\"N\":\"10115\"},"
         "\"history\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"},{\"M\":{\"x\":{\"BOOL\":false}}}]}}}}";
}

// Any SigV4-shaped Authorization header is accepted; the access key picks the namespace.
inline constexpr const char* kAuthorization =
    "AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
    "Signature=0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace dynarock::bench
