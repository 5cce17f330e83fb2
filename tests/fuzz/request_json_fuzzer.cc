// libFuzzer target: request JSON decoding and everything behind it. The first byte picks the
// operation; the rest is the request body, handed to the service as a client's POST would be.
// Every input must be answered (200, a 4xx with DynamoDB's error, never a 500 or a crash).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_service.h"

namespace {

constexpr const char* kOperations[] = {
    "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
    "TransactWriteItems", "TransactGetItems", "CreateTable", "UpdateTable", "DescribeTable", "ListTables",
    "TagResource", "ListTagsOfResource", "ExecuteStatement", "BatchExecuteStatement",
    "ExecuteTransaction"};  // no DeleteTable: the table must stay for the others

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr size_t n = sizeof kOperations / sizeof kOperations[0];
  std::string target = std::string("DynamoDB_20120810.") + kOperations[data[0] % n];
  auto reply = dynarock::fuzz::call(dynarock::fuzz::service(), target,
                                    std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (reply.status >= 500) std::abort();  // a server error on client input is a bug
  return 0;
}
