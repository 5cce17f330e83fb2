#include "protocol/shape_runtime.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "model/json_writer.h"

namespace dynarock::shapes {

namespace {

// DynamoDB's JSON binder (Jackson under Coral) names the token it found.
const char* token_name(const Json& j) {
  if (j.is_boolean()) return j.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
  if (j.is_number_float()) return "DECIMAL_VALUE";
  if (j.is_number()) return "NUMBER_VALUE";
  return "STRING_VALUE";
}

[[noreturn]] void fail(std::string message) { throw serialization_error(std::move(message)); }

constexpr const char* kObjectNotExpected = "Start of structure or map found where not expected";

// Deeper than any valid request: AttributeValue nesting is limited to 32 levels, and the
// validation that reports it runs later; stop checking rather than recurse without bound.
constexpr int kMaxCheckDepth = 200;

}  // namespace

void check_string(const Json& j) {
  if (j.is_string()) return;
  if (j.is_array()) fail("Unrecognized collection type class java.lang.String");
  if (j.is_object()) fail(kObjectNotExpected);
  fail(std::string(token_name(j)) + " cannot be converted to String");
}

void check_boolean(const Json& j) {
  if (j.is_boolean()) return;
  if (j.is_array()) fail("Unrecognized collection type class java.lang.Boolean");
  if (j.is_object()) fail(kObjectNotExpected);
  if (j.is_string()) fail("Unexpected token received from parser");
  fail(std::string(token_name(j)) + " cannot be converted to Boolean");
}

void check_number(const Json& j, const char* java_type) {
  if (j.is_number()) return;
  if (j.is_array()) fail(std::string("Unrecognized collection type class java.lang.") + java_type);
  if (j.is_object()) fail(kObjectNotExpected);
  fail(std::string(token_name(j)) + " cannot be converted to " + java_type);
}

void check_timestamp(const Json& j) {
  // Epoch seconds on the wire, as the SDKs send them for the JSON protocol.
  if (j.is_number()) return;
  if (j.is_array()) fail("Unrecognized collection type class java.util.Date");
  if (j.is_object()) fail(kObjectNotExpected);
  fail(std::string(token_name(j)) + " cannot be converted to Date");
}

void check_blob(const Json& j) {
  if (j.is_array()) fail("Unrecognized collection type class java.nio.ByteBuffer");
  if (j.is_object()) fail(kObjectNotExpected);
  if (!j.is_string()) fail("only base-64-encoded strings are convertible to bytes");
  std::string_view text = j.text();
  if (text.size() % 4 != 0)
    fail("Base64 encoded length is expected a multiple of 4 bytes but found: " + std::to_string(text.size()));
  std::string raw;
  // DynamoDB also rejects non-canonical text, whose last character carries stray bits ("+/+=").
  if (!model::base64_decode(text, raw) || model::base64_encode(raw) != text)
    fail("Invalid last non-pad Base64 character dectected");
}

bool list_start(const Json& j, Position pos) {
  if (j.is_null()) return false;
  if (j.is_array()) return true;
  if (j.is_object()) fail(kObjectNotExpected);
  // A list inside a list or map: the binder fails casting its parameterized element type.
  if (pos == Position::value)
    fail("class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class "
         "(sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of "
         "loader 'bootstrap')");
  fail("Unexpected field type");
}

bool map_start(const Json& j, Position pos, const char* java_map_type) {
  if (j.is_null()) return false;
  if (j.is_object()) return true;
  if (j.is_array()) fail(std::string("Unrecognized collection type ") + java_map_type);
  if (pos == Position::value)
    fail("class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class "
         "(sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of "
         "loader 'bootstrap')");
  fail("Unexpected field type");
}

bool struct_start(const Json& j, Position pos, const char* java_class, int depth) {
  if (j.is_null() || depth > kMaxCheckDepth) return false;
  if (j.is_object()) return true;
  if (j.is_array()) fail(std::string("Unrecognized collection type class ") + java_class);
  fail(pos == Position::field ? "Unexpected field type" : "Unexpected value type in payload");
}

std::string decode_blob(const Json& j) {
  std::string raw;
  model::base64_decode(j.text(), raw);
  return raw;
}

long long integer_of(const Json& j) {
  // Fractions are truncated by the binder; out-of-range values saturate rather than overflow.
  if (j.is_number_integer()) return j.get<long long>();
  double d = j.get<double>();
  if (std::isnan(d)) return 0;
  if (d >= 9.2e18) return 9223372036854775807LL;
  if (d <= -9.2e18) return -9223372036854775807LL - 1;
  return static_cast<long long>(d);
}

Checked<model::AttributeValue> checked_value(const Json& j) {
  return model::checked([&] { return model::parse_value(j); });
}

Checked<model::Item> checked_item(const Json& j) {
  return model::checked([&] { return model::parse_item(j); });
}

Checked<model::Item> checked_put_item(const Json& j) {
  // An item's size is never more than its text, so only a body past the limit can hold one over it.
  if (j.document_size() > model::kMaxItemSize && j.is_object()) {
    try {
      if (model::measure_item(j) > model::kMaxItemSize)
        return {{}, validation_error(model::kItemTooLarge)};
    } catch (const ApiError& e) {
      return {{}, e};
    }
  }
  return checked_item(j);
}

nlohmann::json raw_json(const Json& j) {
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[std::string(it.key())] = raw_json(*it);
    return out;
  }
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const Json& e : j) {
      if (out.size() == kMaxRawElements) break;
      out.push_back(raw_json(e));
    }
    return out;
  }
  return scalar_json(j);
}

nlohmann::json scalar_json(const Json& j) {
  if (j.is_string()) return std::string(j.text());
  if (j.is_boolean()) return j.boolean();
  if (j.is_number_integer()) return j.integer();
  if (j.is_number()) return j.number();
  return nullptr;
}

void write_blob(std::string& out, const std::string& raw) { json_writer::string(out, model::base64_encode(raw)); }

void write_double(std::string& out, double v) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.17g", v);
  std::string_view text(buf, n > 0 ? static_cast<size_t>(n) : 0);
  out += text;
  // DynamoDB writes doubles as Java does: a whole number keeps its ".0" (CapacityUnits 1.0).
  if (text.find_first_of(".en") == std::string_view::npos) out += ".0";
}

}  // namespace dynarock::shapes
