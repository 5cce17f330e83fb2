// libFuzzer target: the item and key codecs. Arbitrary bytes given to the item decoder are either
// decoded or refused as corrupt; an input that is a valid item as JSON must round-trip through the
// item codec unchanged, and its scalar attributes must encode to keys in DynamoDB's order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "engine/item_codec.h"
#include "engine/key_codec.h"
#include "model/decimal.h"
#include "model/error.h"

using namespace dynarock;

namespace {

// DynamoDB's order for two scalar key values of one type: bytes for S and B, value for N.
int order(const model::AttributeValue& a, const model::AttributeValue& b) {
  if (a.type == model::Type::N) return model::Decimal::parse(a.scalar).compare(model::Decimal::parse(b.scalar));
  int c = std::string_view(a.scalar).compare(b.scalar);
  return c < 0 ? -1 : c > 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    engine::item_codec::decode(bytes);
  } catch (const std::runtime_error&) {
  }
  auto json = nlohmann::json::parse(bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return 0;
  model::Item item;
  try {
    item = model::parse_item(json);
  } catch (const ApiError&) {
    return 0;
  }
  if (engine::item_codec::decode(engine::item_codec::encode(item)) != item) std::abort();
  const model::AttributeValue* previous = nullptr;
  for (const auto& [name, value] : item) {
    if (!value.is_scalar()) continue;
    if (previous && previous->type == value.type) {
      std::string a, b;
      engine::key_codec::append_value(a, *previous);
      engine::key_codec::append_value(b, value);
      int bytes_order = a < b ? -1 : a > b;
      if (bytes_order != order(*previous, value)) std::abort();
    }
    previous = &value;
  }
  return 0;
}
