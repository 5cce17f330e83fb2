// model layer: Number parsing/normalisation and the wire JSON <-> Item conversion that every
// request and response goes through.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "micro_fixtures.h"
#include "model/attribute_value.h"
#include "model/decimal.h"

namespace dynarock::bench {
namespace {

// One parse + to_string per iteration, cycling through typical and awkward numbers.
void BM_DecimalParseToString(benchmark::State& state) {
  const std::vector<std::string> inputs = {
      "0", "4711", "12.50", "-1.5e3", "0.000123", "1E+125",
      "12345678901234567890123456789012345678", "-9.9999999999999999999999999999999999999E+125"};
  size_t i = 0;
  for (auto _ : state) {
    auto d = model::Decimal::parse(inputs[i]);
    std::string text = d.to_string();
    benchmark::DoNotOptimize(text);
    if (++i == inputs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecimalParseToString);

// Arithmetic is on the UpdateItem ADD / SET a = a + :x path.
void BM_DecimalAdd(benchmark::State& state) {
  auto a = model::Decimal::parse("123456.789");
  auto b = model::Decimal::parse("-0.000001");
  for (auto _ : state) benchmark::DoNotOptimize(a.add(b));
}
BENCHMARK(BM_DecimalAdd);

// Request body text -> wire document, the first step of every request.
void BM_WireParseBenchItem(benchmark::State& state) {
  const std::string text = bench_item_json(bench_key(42));
  for (auto _ : state) benchmark::DoNotOptimize(wire::Document::parse(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_WireParseBenchItem);

// The same into nlohmann::json (what requests were parsed into before; stored records still are).
void BM_JsonParseBenchItem(benchmark::State& state) {
  const std::string text = bench_item_json(bench_key(42));
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_JsonParseBenchItem);

// wire document -> model::Item with DynamoDB's validation (the PutItem input path).
void BM_ParseItem(benchmark::State& state) {
  const std::string text = state.range(0) ? rich_item_json(bench_key(42)) : bench_item_json(bench_key(42));
  const auto doc = wire::Document::parse(text);
  for (auto _ : state) benchmark::DoNotOptimize(model::parse_item(doc->root()));
  state.SetLabel(state.range(0) ? "rich item" : "200-byte item");
}
BENCHMARK(BM_ParseItem)->Arg(0)->Arg(1);

// model::Item -> response text (the GetItem output path).
void BM_WriteJson(benchmark::State& state) {
  const auto item = model::parse_item(
      nlohmann::json::parse(state.range(0) ? rich_item_json(bench_key(42)) : bench_item_json(bench_key(42))));
  std::string out;
  for (auto _ : state) {
    out.clear();
    model::write_json(item, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * out.size());
  state.SetLabel(state.range(0) ? "rich item" : "200-byte item");
}
BENCHMARK(BM_WriteJson)->Arg(0)->Arg(1);

// DynamoDB size accounting, computed on every write against the 400 KB limit.
void BM_ItemSize(benchmark::State& state) {
  const auto item = model::parse_item(nlohmann::json::parse(bench_item_json(bench_key(42))));
  for (auto _ : state) benchmark::DoNotOptimize(model::item_size(item));
}
BENCHMARK(BM_ItemSize);

}  // namespace
}  // namespace dynarock::bench
