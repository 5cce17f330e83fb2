// TTL sweep cost: the same number of expired items in tables of different sizes. The sweep seeks
// to the oldest expiry and walks only expired entries, so its time should follow the expired
// count (range(1)) and not the table size (range(0) items that do not expire).
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "engine/engine.h"
#include "engine/expiry.h"
#include "model/decimal.h"

namespace dynarock::bench {
namespace {

model::AttributeValue S(std::string s) { return model::AttributeValue::string(std::move(s)); }
model::AttributeValue N(long long v) { return model::AttributeValue::number(std::to_string(v)); }

void put(engine::Engine& e, const model::TableInfo& t, const std::string& pk, long long exp) {
  model::Item item{{"pk", S(pk)}, {"exp", N(exp)}, {"payload", S(std::string(100, 'x'))}};
  e.put(t, {S(pk), {}}, &item);
}

void BM_TtlSweep(benchmark::State& state) {
  engine::Options o;
  o.in_memory = true;
  o.ttl_interval = std::chrono::milliseconds(0);
  auto e = engine::Engine::open(o);
  model::TableInfo info;
  info.name = "t";
  info.key.hash = {"pk", model::Type::S};
  info.ttl.enabled = true;
  info.ttl.attribute = "exp";
  model::TablePtr t = e->create_table(info);
  long long now = static_cast<long long>(engine::expiry::now_seconds());
  for (long long i = 0; i < state.range(0); ++i) put(*e, *t, "live" + std::to_string(i), now + 86400 + i);
  for (auto _ : state) {
    state.PauseTiming();
    for (long long i = 0; i < state.range(1); ++i) put(*e, *t, "old" + std::to_string(i), now - 60 - i);
    state.ResumeTiming();
    size_t deleted = e->sweep_expired();
    if (deleted != static_cast<size_t>(state.range(1))) state.SkipWithError("sweep missed items");
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_TtlSweep)->Args({0, 1000})->Args({100000, 1000})->Args({300000, 1000})->Args({100000, 4000})->Args({1000000, 4000})
    ->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace dynarock::bench
