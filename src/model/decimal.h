// Decimal: DynamoDB's Number type. Up to 38 significant digits, magnitude 1E-130 up to
// 9.9999999999999999999999999999999999999E+125, exact comparison and arithmetic.
#pragma once

#include <string>
#include <string_view>

namespace dynarock::model {

class Decimal {
 public:
  Decimal() = default;  // zero

  // Parses DynamoDB's number syntax ("-1.5e3", "0100", ".5"). Throws ApiError
  // (ValidationException) with DynamoDB's message on bad syntax, more than 38 significant
  // digits, overflow or underflow.
  static Decimal parse(std::string_view text);

  // Normalised text as DynamoDB returns it: "1.50" -> "1.5", "1e2" -> "100", "-0" -> "0".
  std::string to_string() const;

  // Exact comparison: <0, 0, >0.
  int compare(const Decimal& other) const;
  bool operator==(const Decimal& o) const { return compare(o) == 0; }
  bool operator<(const Decimal& o) const { return compare(o) < 0; }

  // Exact arithmetic; throws ApiError (ValidationException) when the result does not fit
  // DynamoDB's range or precision, with DynamoDB's message.
  Decimal add(const Decimal& other) const;
  Decimal subtract(const Decimal& other) const;

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  // Significant digits without leading/trailing zeros ("" for zero).
  const std::string& digits() const { return digits_; }
  // Value = 0.d1d2d3... x 10^exponent (scientific exponent + 1); meaningless for zero.
  int exponent() const { return exponent_; }

 private:
  bool negative_ = false;
  std::string digits_;
  int exponent_ = 0;

  static Decimal from_parts(bool negative, std::string digits, int exponent);
  void check_range() const;
  // |this| vs |other|: <0, 0, >0.
  int compare_magnitude(const Decimal& other) const;
  // a + (b with its sign replaced by b_negative); shared by add and subtract.
  static Decimal signed_sum(const Decimal& a, const Decimal& b, bool b_negative);
};

}  // namespace dynarock::model
