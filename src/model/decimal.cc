#include "model/decimal.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "model/error.h"

namespace dynarock::model {

namespace {

constexpr std::size_t kMaxDigits = 38;
// Value = 0.d1d2... x 10^exponent, so the range 1E-130 .. 9.99...9E+125 is exponent
// -129 .. 126.
constexpr long long kMaxExponent = 126;
constexpr long long kMinExponent = -129;
// Exponent text is accumulated with saturation: anything past this is out of range anyway,
// and stopping here keeps "1e999999999999999999999" from overflowing a long long.
constexpr long long kExponentCap = 1'000'000'000'000'000LL;

constexpr const char* kPrecisionMessage =
    "Attempting to store more than 38 significant digits in a Number";
constexpr const char* kOverflowMessage =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr const char* kUnderflowMessage =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void throw_syntax(std::string_view text) {
  std::string msg = "The parameter cannot be converted to a numeric value: ";
  msg.append(text);
  throw validation_error(std::move(msg));
}

// Unsigned result of an arithmetic step, before range/precision checks.
struct Magnitude {
  std::string digits;  // stripped; empty for zero
  int exponent = 0;
};

// |a| + |b|, or |a| - |b| when subtract (requires |a| >= |b|). Both nonzero. Works on one
// digit slot per power of ten between the two operands' extremes; operands are in range,
// so that span is at most ~300 slots and fits the stack buffer.
Magnitude magnitude_op(const Decimal& a, const Decimal& b, bool subtract) {
  const std::string& ad = a.digits();
  const std::string& bd = b.digits();
  const int na = static_cast<int>(ad.size());
  const int nb = static_cast<int>(bd.size());
  // Power of ten of the highest and lowest digit slots.
  const int hi = std::max(a.exponent(), b.exponent()) - 1;
  const int lo = std::min(a.exponent() - na, b.exponent() - nb);
  // Slot 0 is an extra carry slot (power hi + 1); slot k has power hi + 1 - k.
  const std::size_t width = static_cast<std::size_t>(hi - lo) + 2;

  unsigned char stack_buf[512];
  std::unique_ptr<unsigned char[]> heap_buf;
  unsigned char* buf = stack_buf;
  if (width > sizeof stack_buf) {
    heap_buf = std::make_unique<unsigned char[]>(width);
    buf = heap_buf.get();
  }
  std::memset(buf, 0, width);

  // Digit i of x has power x.exponent() - 1 - i, hence slot hi + 2 - x.exponent() + i.
  const int a_start = hi + 2 - a.exponent();
  for (int i = 0; i < na; ++i) buf[a_start + i] = static_cast<unsigned char>(ad[i] - '0');

  const int b_start = hi + 2 - b.exponent();
  int k = b_start + nb - 1;
  if (!subtract) {
    int carry = 0;
    for (int i = nb - 1; i >= 0; --i, --k) {
      int v = buf[k] + (bd[i] - '0') + carry;
      carry = v >= 10;
      buf[k] = static_cast<unsigned char>(carry ? v - 10 : v);
    }
    // The carry slot guarantees this stops inside the buffer.
    for (; carry; --k) {
      if (buf[k] == 9) {
        buf[k] = 0;
      } else {
        ++buf[k];
        carry = 0;
      }
    }
  } else {
    int borrow = 0;
    for (int i = nb - 1; i >= 0; --i, --k) {
      int v = buf[k] - (bd[i] - '0') - borrow;
      borrow = v < 0;
      buf[k] = static_cast<unsigned char>(borrow ? v + 10 : v);
    }
    // |a| >= |b| guarantees a nonzero slot to borrow from.
    for (; borrow; --k) {
      if (buf[k] == 0) {
        buf[k] = 9;
      } else {
        --buf[k];
        borrow = 0;
      }
    }
  }

  std::size_t first = 0;
  while (first < width && buf[first] == 0) ++first;
  Magnitude out;
  if (first == width) return out;  // exact cancellation
  std::size_t last = width - 1;
  while (buf[last] == 0) --last;
  out.digits.resize(last - first + 1);
  for (std::size_t j = first; j <= last; ++j) {
    out.digits[j - first] = static_cast<char>('0' + buf[j]);
  }
  out.exponent = hi + 2 - static_cast<int>(first);
  return out;
}

}  // namespace

Decimal Decimal::parse(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();

  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }
  const char* const int_begin = p;
  while (p != end && is_digit(*p)) ++p;
  const char* const int_end = p;
  const char* frac_begin = p;
  const char* frac_end = p;
  if (p != end && *p == '.') {
    frac_begin = ++p;
    while (p != end && is_digit(*p)) ++p;
    frac_end = p;
  }
  if (int_begin == int_end && frac_begin == frac_end) throw_syntax(text);  // "", ".", "e5"

  long long exp10 = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exp_negative = false;
    if (p != end && (*p == '+' || *p == '-')) {
      exp_negative = *p == '-';
      ++p;
    }
    const char* const exp_begin = p;
    for (; p != end && is_digit(*p); ++p) {
      if (exp10 < kExponentCap) exp10 = exp10 * 10 + (*p - '0');
    }
    if (p == exp_begin) throw_syntax(text);
    if (exp_negative) exp10 = -exp10;
  }
  if (p != end) throw_syntax(text);

  // Locate the significant digits: first and last nonzero across integer and fraction.
  const char* first = int_begin;
  while (first != int_end && *first == '0') ++first;
  const bool first_in_int = first != int_end;
  if (!first_in_int) {
    first = frac_begin;
    while (first != frac_end && *first == '0') ++first;
    if (first == frac_end) return Decimal{};  // zero, whatever its sign or exponent
  }
  const char* last = frac_end;
  while (last != frac_begin && last[-1] == '0') --last;
  const bool last_in_frac = last != frac_begin;
  if (!last_in_frac) {
    last = int_end;
    while (last[-1] == '0') --last;  // stops: int part holds a nonzero digit
  }
  // [first, last) spans the significant digits, possibly across the '.'.
  const bool split = first_in_int && last_in_frac;
  const std::size_t count =
      split ? static_cast<std::size_t>((int_end - first) + (last - frac_begin))
            : static_cast<std::size_t>(last - first);

  const long long exponent =
      (first_in_int ? static_cast<long long>(int_end - first)
                    : -static_cast<long long>(first - frac_begin)) +
      exp10;
  // Range before precision: the order DynamoDB reports them in (as dynalite, which was
  // checked against DynamoDB, also does).
  if (exponent > kMaxExponent) throw validation_error(kOverflowMessage);
  if (exponent < kMinExponent) throw validation_error(kUnderflowMessage);
  if (count > kMaxDigits) throw validation_error(kPrecisionMessage);

  Decimal d;
  d.negative_ = negative;
  d.exponent_ = static_cast<int>(exponent);
  if (split) {
    d.digits_.reserve(count);
    d.digits_.append(first, int_end);
    d.digits_.append(frac_begin, last);
  } else {
    d.digits_.assign(first, last);
  }
  return d;
}

std::string Decimal::to_string() const {
  if (digits_.empty()) return "0";
  const std::size_t n = digits_.size();
  const std::size_t sign = negative_ ? 1 : 0;
  // Pre-filled with '0' so the padding zeros need no extra pass.
  std::string out;
  if (exponent_ <= 0) {  // 0.000ddd
    const std::size_t lead = static_cast<std::size_t>(-exponent_);
    out.assign(sign + 2 + lead + n, '0');
    out[sign + 1] = '.';
    std::memcpy(out.data() + sign + 2 + lead, digits_.data(), n);
  } else if (static_cast<std::size_t>(exponent_) < n) {  // ddd.ddd
    const std::size_t int_len = static_cast<std::size_t>(exponent_);
    out.resize(sign + n + 1);
    std::memcpy(out.data() + sign, digits_.data(), int_len);
    out[sign + int_len] = '.';
    std::memcpy(out.data() + sign + int_len + 1, digits_.data() + int_len, n - int_len);
  } else {  // ddd000
    out.assign(sign + static_cast<std::size_t>(exponent_), '0');
    std::memcpy(out.data() + sign, digits_.data(), n);
  }
  if (negative_) out[0] = '-';
  return out;
}

int Decimal::compare_magnitude(const Decimal& other) const {
  if (digits_.empty() || other.digits_.empty()) {
    return static_cast<int>(!digits_.empty()) - static_cast<int>(!other.digits_.empty());
  }
  if (exponent_ != other.exponent_) return exponent_ < other.exponent_ ? -1 : 1;
  // Same exponent and no trailing zeros: digit strings order like the values.
  const int c = digits_.compare(other.digits_);
  return (c > 0) - (c < 0);
}

int Decimal::compare(const Decimal& other) const {
  // Zero is never negative, so differing signs settle it.
  if (negative_ != other.negative_) return negative_ ? -1 : 1;
  const int m = compare_magnitude(other);
  return negative_ ? -m : m;
}

Decimal Decimal::signed_sum(const Decimal& a, const Decimal& b, bool b_negative) {
  if (b.is_zero()) return a;
  if (a.is_zero()) {
    Decimal r = b;
    r.negative_ = b_negative;
    return r;
  }
  if (a.negative_ == b_negative) {
    Magnitude m = magnitude_op(a, b, false);
    return from_parts(b_negative, std::move(m.digits), m.exponent);
  }
  // Opposite signs: subtract the smaller magnitude from the larger, keep the larger's sign.
  const int c = a.compare_magnitude(b);
  if (c == 0) return Decimal{};
  Magnitude m = c > 0 ? magnitude_op(a, b, true) : magnitude_op(b, a, true);
  return from_parts(c > 0 ? a.negative_ : b_negative, std::move(m.digits), m.exponent);
}

Decimal Decimal::add(const Decimal& other) const {
  return signed_sum(*this, other, other.negative_);
}

Decimal Decimal::subtract(const Decimal& other) const {
  return signed_sum(*this, other, !other.negative_);
}

// digits must already be stripped of leading and trailing zeros.
Decimal Decimal::from_parts(bool negative, std::string digits, int exponent) {
  Decimal d;
  if (digits.empty()) return d;
  d.negative_ = negative;
  d.digits_ = std::move(digits);
  d.exponent_ = exponent;
  d.check_range();
  return d;
}

void Decimal::check_range() const {
  if (digits_.empty()) return;
  if (exponent_ > kMaxExponent) throw validation_error(kOverflowMessage);
  if (exponent_ < kMinExponent) throw validation_error(kUnderflowMessage);
  if (digits_.size() > kMaxDigits) {
    // An exact result past 9.99...9E+125 (38 nines) is too large rather than too precise.
    const bool above_max =
        exponent_ == kMaxExponent &&
        std::all_of(digits_.begin(), digits_.begin() + kMaxDigits, [](char c) { return c == '9'; });
    throw validation_error(above_max ? kOverflowMessage : kPrecisionMessage);
  }
}

}  // namespace dynarock::model
