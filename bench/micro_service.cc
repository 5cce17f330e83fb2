// End to end below HTTP: protocol::Service::handle (target dispatch, SigV4 parsing, JSON parse,
// validation, engine read or write, response text) against an in-memory engine. The gap between
// these figures and the load benchmark's is the cost of the HTTP layer and the network stack.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "micro_fixtures.h"
#include "protocol/service.h"

namespace dynarock::bench {
namespace {

constexpr long kItems = 10000;
constexpr const char* kHost = "127.0.0.1:8000";
constexpr long kPartitions = 200;
constexpr long kPerPartition = 25;

// `op` is the operation name: "GetItem" -> X-Amz-Target DynamoDB_20120810.GetItem.
protocol::Reply call(protocol::Service& service, std::string_view op, const std::string& body) {
  static thread_local std::string target;
  target.assign("DynamoDB_20120810.").append(op);
  const protocol::Header headers[] = {{"X-Amz-Target", target}, {"Authorization", kAuthorization}, {"Host", kHost}};
  protocol::Request request{"POST", "/", headers, body};
  return service.handle(request);
}

// One service for the whole process: table bench_get with kItems items, table bench_put empty.
protocol::Service& service() {
  static std::unique_ptr<protocol::Service> s = [] {
    engine::Options options;
    options.in_memory = true;
    auto svc = std::make_unique<protocol::Service>(engine::Engine::open(options), protocol::Settings{});
    for (const char* table : {"bench_get", "bench_put"}) {
      auto reply = call(*svc, "CreateTable",
                        std::string("{\"TableName\":\"") + table +
                            "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                            "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                            "\"BillingMode\":\"PAY_PER_REQUEST\"}");
      if (reply.status != 200) throw std::runtime_error("CreateTable: " + reply.body);
    }
    for (long i = 0; i < kItems; ++i) {
      auto reply = call(*svc, "PutItem", "{\"TableName\":\"bench_get\",\"Item\":" + bench_item_json(bench_key(i)) + "}");
      if (reply.status != 200) throw std::runtime_error("PutItem: " + reply.body);
    }
    // bench_part: kPartitions partitions of kPerPartition benchmark items each (sort key sk).
    auto reply = call(*svc, "CreateTable",
                      "{\"TableName\":\"bench_part\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                      "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                      "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
    if (reply.status != 200) throw std::runtime_error("CreateTable: " + reply.body);
    for (long p = 0; p < kPartitions; ++p)
      for (long i = 0; i < kPerPartition; ++i) {
        std::string item = bench_item_json(bench_key(p));
        item.insert(1, "\"sk\":{\"N\":\"" + std::to_string(i) + "\"},");
        reply = call(*svc, "PutItem", "{\"TableName\":\"bench_part\",\"Item\":" + item + "}");
        if (reply.status != 200) throw std::runtime_error("PutItem: " + reply.body);
      }
    return svc;
  }();
  return *s;
}

// GetItem of a random existing key; request bodies are prepared outside the timed loop.
void BM_ServiceGetItem(benchmark::State& state) {
  auto& svc = service();
  std::vector<std::string> bodies;
  std::mt19937 rng(1);
  for (int i = 0; i < 4096; ++i)
    bodies.push_back("{\"TableName\":\"bench_get\",\"Key\":{\"pk\":{\"S\":\"" + bench_key(rng() % kItems) + "\"}}}");
  size_t i = 0;
  for (auto _ : state) {
    auto reply = call(svc, "GetItem", bodies[i++ & 4095]);
    if (reply.status != 200) state.SkipWithError(reply.body.c_str());
    benchmark::DoNotOptimize(reply.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ServiceGetItem);

// PutItem of a new key every iteration (the table grows while the benchmark runs). The key's
// digits are rewritten in place in one body, so building the request costs next to nothing.
void BM_ServicePutItem(benchmark::State& state) {
  auto& svc = service();
  static long next = 0;
  std::string body = "{\"TableName\":\"bench_put\",\"Item\":" + bench_item_json("n0000000000") + "}";
  const size_t digits = body.find("n0000000000") + 1;
  char buf[16];
  for (auto _ : state) {
    std::snprintf(buf, sizeof buf, "%010ld", next++);
    body.replace(digits, 10, buf, 10);
    auto reply = call(svc, "PutItem", body);
    if (reply.status != 200) state.SkipWithError(reply.body.c_str());
    benchmark::DoNotOptimize(reply.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ServicePutItem);

// PutItem replacing an existing key (the common update-in-place pattern): the old item exists.
void BM_ServicePutItemOverwrite(benchmark::State& state) {
  auto& svc = service();
  std::vector<std::string> bodies;
  std::mt19937 rng(2);
  for (int i = 0; i < 4096; ++i)
    bodies.push_back("{\"TableName\":\"bench_get\",\"Item\":" + bench_item_json(bench_key(rng() % kItems)) + "}");
  size_t i = 0;
  for (auto _ : state) {
    auto reply = call(svc, "PutItem", bodies[i++ & 4095]);
    if (reply.status != 200) state.SkipWithError(reply.body.c_str());
    benchmark::DoNotOptimize(reply.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ServicePutItemOverwrite);

// DescribeTable of a table holding kItems items (ItemCount and TableSizeBytes included).
void BM_ServiceDescribeTable(benchmark::State& state) {
  auto& svc = service();
  const std::string body = "{\"TableName\":\"bench_get\"}";
  for (auto _ : state) {
    auto reply = call(svc, "DescribeTable", body);
    if (reply.status != 200) state.SkipWithError(reply.body.c_str());
    benchmark::DoNotOptimize(reply.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ServiceDescribeTable);

// A request rejected by validation (wrong key type): the error path's cost.
void BM_ServiceGetItemValidationError(benchmark::State& state) {
  auto& svc = service();
  const std::string body = "{\"TableName\":\"bench_get\",\"Key\":{\"pk\":{\"N\":\"1\"}}}";
  for (auto _ : state) {
    auto reply = call(svc, "GetItem", body);
    if (reply.status != 400) state.SkipWithError("expected a 400");
    benchmark::DoNotOptimize(reply.body.data());
  }
}
BENCHMARK(BM_ServiceGetItemValidationError);

// `op` with bodies made by `body(key)` for random keys below `keys`, prepared outside the loop.
template <typename MakeBody>
void run_reads(benchmark::State& state, std::string_view op, long keys, MakeBody body) {
  auto& svc = service();
  std::vector<std::string> bodies;
  std::mt19937 rng(3);
  for (int i = 0; i < 4096; ++i) bodies.push_back(body(bench_key(rng() % keys)));
  size_t i = 0;
  for (auto _ : state) {
    auto reply = call(svc, op, bodies[i++ & 4095]);
    if (reply.status != 200) state.SkipWithError(reply.body.c_str());
    benchmark::DoNotOptimize(reply.body.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// PartiQL beside its native form: a SELECT by primary key (a one-item Query) next to
// BM_ServiceGetItem, and a SELECT of a 25-item partition next to the same Query.
void BM_ServicePartiqlSelectByKey(benchmark::State& state) {
  run_reads(state, "ExecuteStatement", kItems, [](const std::string& key) {
    return "{\"Statement\":\"SELECT * FROM bench_get WHERE pk = ?\",\"Parameters\":[{\"S\":\"" + key + "\"}]}";
  });
}
BENCHMARK(BM_ServicePartiqlSelectByKey);

void BM_ServiceQueryPartition(benchmark::State& state) {
  run_reads(state, "Query", kPartitions, [](const std::string& key) {
    return "{\"TableName\":\"bench_part\",\"KeyConditionExpression\":\"pk = :p\","
           "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"" + key + "\"}}}";
  });
}
BENCHMARK(BM_ServiceQueryPartition);

void BM_ServicePartiqlSelectPartition(benchmark::State& state) {
  run_reads(state, "ExecuteStatement", kPartitions, [](const std::string& key) {
    return "{\"Statement\":\"SELECT * FROM bench_part WHERE pk = ?\",\"Parameters\":[{\"S\":\"" + key + "\"}]}";
  });
}
BENCHMARK(BM_ServicePartiqlSelectPartition);

}  // namespace
}  // namespace dynarock::bench
