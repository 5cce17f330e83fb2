// engine layer: the binary item codec (every stored value) and the key codec (every key).
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/item_codec.h"
#include "engine/key_codec.h"
#include "micro_fixtures.h"
#include "model/attribute_value.h"
#include "model/key_schema.h"

namespace dynarock::bench {
namespace {

model::Item make_item(bool rich) {
  return model::parse_item(nlohmann::json::parse(rich ? rich_item_json(bench_key(42)) : bench_item_json(bench_key(42))));
}

void BM_ItemEncode(benchmark::State& state) {
  const auto item = make_item(state.range(0));
  std::string out;
  for (auto _ : state) {
    out.clear();
    engine::item_codec::encode(item, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * out.size());
  state.SetLabel(state.range(0) ? "rich item" : "200-byte item");
}
BENCHMARK(BM_ItemEncode)->Arg(0)->Arg(1);

void BM_ItemDecode(benchmark::State& state) {
  const std::string bytes = engine::item_codec::encode(make_item(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(engine::item_codec::decode(bytes));
  state.SetBytesProcessed(state.iterations() * bytes.size());
  state.SetLabel(state.range(0) ? "rich item" : "200-byte item");
}
BENCHMARK(BM_ItemDecode)->Arg(0)->Arg(1);

// Storage key of a hash-only item (string key) and of a hash + numeric range item.
void BM_ItemKey(benchmark::State& state) {
  model::PrimaryKey key;
  key.hash = model::AttributeValue::string(bench_key(42));
  if (state.range(0)) key.range = model::AttributeValue::number("-12.3456789");
  for (auto _ : state) benchmark::DoNotOptimize(engine::key_codec::item_key(7, key));
  state.SetLabel(state.range(0) ? "S hash + N range" : "S hash");
}
BENCHMARK(BM_ItemKey)->Arg(0)->Arg(1);

}  // namespace
}  // namespace dynarock::bench
