// libFuzzer target: the PartiQL lexer, parser and lowering. The input is a statement's text; it
// must either lower to requests or be refused with an ApiError, never crash or recurse without
// bound. Two `?` parameters are always bound.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/error.h"
#include "partiql/lower.h"
#include "partiql/parser.h"

using namespace dynarock;

namespace {

const model::TableInfo& table() {
  static const model::TableInfo t = [] {
    model::TableInfo info;
    info.name = "t";
    info.key.hash = {"pk", model::Type::S};
    info.key.range = model::KeyElement{"sk", model::Type::N};
    model::IndexInfo gi;
    gi.name = "gi";
    gi.key.hash = {"g", model::Type::S};
    info.indexes.push_back(gi);
    return info;
  }();
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const nlohmann::json params = nlohmann::json::parse(R"([{"S": "a"}, {"N": "1"}])");
  try {
    partiql::Statement st = partiql::parse(text);
    if (st.is_read()) {
      partiql::lower_select(st, params, table());
      partiql::lower_key_read(st, params, table(), "no key");
    } else {
      partiql::lower_write(st, params, table());
    }
  } catch (const ApiError&) {
    // refused with DynamoDB's error: fine
  }
  return 0;
}
