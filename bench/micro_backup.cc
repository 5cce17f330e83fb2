// Backups and point-in-time recovery in the engine: PutItem cost with the PITR change log on
// (arg 1) and off (arg 0), and CreateBackup's copy of a table of N benchmark items.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <cstdio>
#include <string>

#include "engine/engine.h"
#include "micro_fixtures.h"
#include "model/attribute_value.h"

namespace dynarock::bench {
namespace {

model::TableInfo bench_table() {
  model::TableInfo t;
  t.name = "bench";
  t.key.hash.name = "pk";
  t.key.hash.type = model::Type::S;
  return t;
}

// bench_key's format with room for any long (the shared helper's buffer fits its own callers).
std::string key_of(long i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "k%07ld", i);
  return buf;
}

std::unique_ptr<engine::Engine> open_memory() {
  engine::Options o;
  o.in_memory = true;
  return engine::Engine::open(o);
}

void BM_PutWithPitr(benchmark::State& state) {
  auto e = open_memory();
  model::TablePtr t = e->create_table(bench_table());
  if (state.range(0)) t = e->set_point_in_time_recovery(*t, true, 35);
  long i = 0;
  for (auto _ : state) {
    std::string key = key_of(i++ % 100000);
    model::Item item = model::parse_item(nlohmann::json::parse(bench_item_json(key)));
    model::PrimaryKey pk{model::AttributeValue::string(key), std::nullopt};
    e->put(*t, pk, &item);
  }
}
BENCHMARK(BM_PutWithPitr)->Arg(0)->Arg(1);

void BM_CopyItems(benchmark::State& state) {
  auto e = open_memory();
  model::TablePtr t = e->create_table(bench_table());
  for (long i = 0; i < state.range(0); ++i) {
    std::string key = key_of(i);
    model::Item item = model::parse_item(nlohmann::json::parse(bench_item_json(key)));
    e->put(*t, {model::AttributeValue::string(key), std::nullopt}, &item);
  }
  for (auto _ : state) {
    engine::TableStats stats;
    uint32_t id = e->copy_items(*t, stats);
    benchmark::DoNotOptimize(stats);
    state.PauseTiming();
    e->drop_copy(id);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CopyItems)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dynarock::bench
