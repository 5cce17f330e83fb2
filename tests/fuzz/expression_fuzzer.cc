// libFuzzer target: the expression parser and evaluator. The first byte picks the expression kind;
// the rest is the expression text. Every input must either compile (and then evaluate or apply
// against a sample item without crashing) or be refused with an ApiError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.h"
#include "model/error.h"

using namespace dynarock;

namespace {

const nlohmann::json& attribute_json() {
  static const nlohmann::json j = nlohmann::json::parse(R"({
    "ExpressionAttributeNames": {"#a": "a", "#b": "b", "#pk": "pk", "#sk": "sk", "#m": "m"},
    "ExpressionAttributeValues": {":s": {"S": "x"}, ":n": {"N": "1.5"}, ":b": {"B": "AAE="},
      ":l": {"L": [{"N": "1"}, {"S": "y"}]}, ":m": {"M": {"k": {"BOOL": true}}}, ":ss": {"SS": ["a", "b"]},
      ":ns": {"NS": ["1", "2"]}, ":null": {"NULL": true}}})");
  return j;
}

const model::Item& sample_item() {
  static const model::Item item = model::parse_item(nlohmann::json::parse(R"({
    "pk": {"S": "p"}, "sk": {"N": "3"}, "a": {"S": "xyz"}, "b": {"N": "2"},
    "m": {"M": {"k": {"L": [{"N": "1"}, {"M": {"z": {"SS": ["q"]}}}]}}}, "l": {"L": [{"S": "e"}]},
    "ns": {"NS": ["1", "9"]}})"));
  return item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    expr::Attributes attrs = expr::parse_attributes(attribute_json());
    switch (data[0] % 5) {
      case 0: expr::compile_condition(text, attrs, "ConditionExpression").evaluate(sample_item()); break;
      case 1: expr::compile_update(text, attrs).apply(sample_item()); break;
      case 2: expr::compile_projection(text, attrs).apply(sample_item()); break;
      case 3:
        expr::match_key_condition(expr::parse_key_condition(text, attrs), "pk", "sk").range_matches(model::AttributeValue::number("3"));
        break;
      default:
        expr::match_key_condition(expr::parse_key_condition(text, attrs), std::vector<std::string>{"pk", "a"},
                                  std::vector<std::string>{"sk", "b"});
        break;
    }
    expr::check_unused(attrs);
  } catch (const ApiError&) {
  }
  return 0;
}
