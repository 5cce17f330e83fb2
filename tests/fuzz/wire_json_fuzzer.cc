// libFuzzer target: the wire document (model/wire_json) against nlohmann's parser, the reference it
// replaced on the request path. Both accept the same texts (below the depth bound), and what the
// wire document reads back equals what nlohmann parsed: types, strings, numbers, members.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/wire_json.h"

namespace {

using nlohmann::json;
using dynarock::wire::Value;

int depth_of(const json& j) {
  int d = 0;
  if (j.is_structured())
    for (const auto& e : j) d = std::max(d, depth_of(e));
  return d + (j.is_structured() ? 1 : 0);
}

void same(const Value& w, const json& j) {
  if (j.is_object()) {
    if (!w.is_object()) std::abort();
    // nlohmann keeps a repeated name's last value, as find() does.
    for (auto it = j.begin(); it != j.end(); ++it) same(w.find(it.key()), it.value());
    for (auto it = w.begin(); it != w.end(); ++it)
      if (!j.contains(std::string(it.key()))) std::abort();
  } else if (j.is_array()) {
    if (!w.is_array() || w.size() != j.size()) std::abort();
    size_t i = 0;
    for (const Value& e : w) same(e, j[i++]);
  } else if (j.is_string()) {
    if (!w.is_string() || w.text() != j.get_ref<const std::string&>()) std::abort();
  } else if (j.is_boolean()) {
    if (!w.is_boolean() || w.boolean() != j.get<bool>()) std::abort();
  } else if (j.is_null()) {
    if (!w.is_null()) std::abort();
  } else if (j.is_number_integer() && !j.is_number_unsigned()) {
    if (!w.is_number_integer() || w.integer() != j.get<long long>()) std::abort();
  } else if (j.is_number_float()) {
    if (!w.is_number_float()) std::abort();
  } else if (!w.is_number()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = dynarock::wire::Document::parse(text);
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    if (doc) std::abort();  // accepted what the reference refuses
    return 0;
  }
  if (depth_of(j) > dynarock::wire::Document::kMaxDepth) {
    if (doc) std::abort();
    return 0;
  }
  // nlohmann reads a NUL byte as the end of its input, so it accepts "{}\0junk"; the wire
  // document refuses it, as strict JSON (and DynamoDB's parser) does.
  if (!doc && text.find('\0') != std::string_view::npos) return 0;
  if (!doc) std::abort();  // refused valid JSON
  same(doc->root(), j);
  return 0;
}
