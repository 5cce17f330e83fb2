#include "model/decimal.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "model/error.h"

namespace dynarock::model {
namespace {

const std::string kSyntax = "The parameter cannot be converted to a numeric value: ";
const std::string kPrecision = "Attempting to store more than 38 significant digits in a Number";
const std::string kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const std::string kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
const std::string kMax = "9.9999999999999999999999999999999999999E+125";

std::string norm(std::string_view text) { return Decimal::parse(text).to_string(); }

// Runs f, expecting a ValidationException with exactly this message; returns a failure
// description otherwise so EXPECT_EQ shows the input.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    if (e.code() != "ValidationException" || e.status() != 400) return "wrong code " + e.code();
    return e.message();
  }
  return "(no error)";
}

std::string parse_error(std::string_view text) {
  return error_of([&] { Decimal::parse(text); });
}
std::string add_error(std::string_view a, std::string_view b) {
  return error_of([&] { Decimal::parse(a).add(Decimal::parse(b)); });
}
std::string sub_error(std::string_view a, std::string_view b) {
  return error_of([&] { Decimal::parse(a).subtract(Decimal::parse(b)); });
}
std::string sum(std::string_view a, std::string_view b) {
  return Decimal::parse(a).add(Decimal::parse(b)).to_string();
}
std::string diff(std::string_view a, std::string_view b) {
  return Decimal::parse(a).subtract(Decimal::parse(b)).to_string();
}
int cmp(std::string_view a, std::string_view b) {
  return Decimal::parse(a).compare(Decimal::parse(b));
}

// ---- Parsing: syntax ------------------------------------------------------------------

TEST(DecimalParse, RejectsBadSyntaxWithOriginalText) {
  const std::vector<std::string> bad = {
      "",      ".",     "e5",     "E5",      "1e",     "1E",      "1e+",     "1e-",    "abc",
      "1.2.3", "Infinity", "-Infinity", "NaN", "-NaN", "inf",     "0x10",    "+",      "-",
      "+.",    "-.",    "--1",    "+-1",     "-+1",    " 1",      "1 ",      " ",      "\t1",
      "1\n",   "1..2",  "1e5.5",  "1e--5",   "1e++5",  "1e5e5",   "1,000",   "1_000",  "1f",
      "1d",    "e",     ".e1",    "-.e1",    "1.e",    "1 e5",    "1e 5",    "0b1",    "١",
      "12a",   "a12",   "1-",     "1+",      "1.-2",   "$1",      "1e0x1",   "..",     "1.2e3.4"};
  for (const auto& s : bad) {
    EXPECT_EQ(parse_error(s), kSyntax + s) << "input: [" << s << "]";
  }
}

TEST(DecimalParse, RejectsEmbeddedNul) {
  const std::string s("1\0" "2", 3);
  EXPECT_EQ(parse_error(s), kSyntax + s);
}

TEST(DecimalParse, AcceptsValidForms) {
  const std::vector<std::string> good = {
      "0",     "-0",     "+0",     "1",      "+1",     "-1",      ".5",     "5.",     "-.5",
      "+.5",   "-5.",    "1e5",    "1E5",    "1e+5",   "1e-5",    "1E+05",  "-1.5e3", "0100",
      "0001.23", "3",    "-7.1234", "-17e5", "-17.4E37", ".123",   "0e1000", "1.e2",   ".1e1",
      "00000", "0.000", "000.000e-99999"};
  for (const auto& s : good) {
    EXPECT_NO_THROW(Decimal::parse(s)) << "input: [" << s << "]";
  }
}

// ---- Normalisation ----------------------------------------------------------------------

TEST(DecimalToString, NormalisationTable) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"1.50", "1.5"},        {"0100", "100"},         {"1e2", "100"},
      {"-0", "0"},            {"+0", "0"},             {"-0.000", "0"},
      {"0e1000", "0"},        {"-0e-1000", "0"},       {"0.001", "0.001"},
      {"-.5", "-0.5"},        {".5", "0.5"},           {"5.", "5"},
      {"+5", "5"},            {"1.0", "1"},            {"00042", "42"},
      {"1.5E2", "150"},       {"-1.5e3", "-1500"},     {"12.345", "12.345"},
      {"12.3450", "12.345"},  {"1234.5e-2", "12.345"}, {"1234.5e-4", "0.12345"},
      {"1234.5e-5", "0.012345"}, {"1234.5e1", "12345"}, {"1234.5e2", "123450"},
      {"0.0012e3", "1.2"},    {"0.0012e4", "12"},      {"0.0012e5", "120"},
      {"100e-2", "1"},        {"100e-3", "0.1"},       {"-100e-5", "-0.001"},
      {"10.01", "10.01"},     {"-10.010", "-10.01"},   {"1e0", "1"},
      {"1e-1", "0.1"},        {"9", "9"},              {"-7.1234", "-7.1234"},
      {"-17e5", "-1700000"},  {".123", "0.123"},       {"0001.23", "1.23"},
      {"1e+5", "100000"},     {"0.10", "0.1"},         {"000.0001000", "0.0001"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(norm(c.in), c.out) << "input: " << c.in;
  }
}

TEST(DecimalToString, Extremes) {
  EXPECT_EQ(norm("1E-130"), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(norm("-1E-130"), "-0." + std::string(129, '0') + "1");
  EXPECT_EQ(norm("1e125"), "1" + std::string(125, '0'));
  EXPECT_EQ(norm("-1e125"), "-1" + std::string(125, '0'));
  EXPECT_EQ(norm(kMax), std::string(38, '9') + std::string(88, '0'));
  EXPECT_EQ(norm("-" + kMax), "-" + std::string(38, '9') + std::string(88, '0'));
  // 38 digits straddling the point, and all after it.
  EXPECT_EQ(norm("1234567890123456789.0123456789012345678"),
            "1234567890123456789.0123456789012345678");
  EXPECT_EQ(norm("0.12345678901234567890123456789012345678"),
            "0.12345678901234567890123456789012345678");
}

TEST(DecimalToString, DefaultIsZero) {
  Decimal d;
  EXPECT_TRUE(d.is_zero());
  EXPECT_FALSE(d.negative());
  EXPECT_EQ(d.to_string(), "0");
  EXPECT_EQ(d, Decimal::parse("-0.0e7"));
}

TEST(DecimalParse, Representation) {
  Decimal d = Decimal::parse("-0012.3400e1");
  EXPECT_TRUE(d.negative());
  EXPECT_EQ(d.digits(), "1234");
  EXPECT_EQ(d.exponent(), 3);  // 0.1234e3 = 123.4

  d = Decimal::parse("0.00501");
  EXPECT_FALSE(d.negative());
  EXPECT_EQ(d.digits(), "501");
  EXPECT_EQ(d.exponent(), -2);

  d = Decimal::parse("1e-130");
  EXPECT_EQ(d.digits(), "1");
  EXPECT_EQ(d.exponent(), -129);

  d = Decimal::parse("-0");
  EXPECT_TRUE(d.is_zero());
  EXPECT_FALSE(d.negative());
  EXPECT_EQ(d.digits(), "");

  d = Decimal::parse("1000");
  EXPECT_EQ(d.digits(), "1");
  EXPECT_EQ(d.exponent(), 4);
}

TEST(DecimalToString, RoundTripsThroughParse) {
  const char* inputs[] = {"1.50", "-0.000123", "1e125", "1e-130", "123456.789", "-9.9e-50",
                          "9.9999999999999999999999999999999999999E+125"};
  for (const char* s : inputs) {
    Decimal d = Decimal::parse(s);
    Decimal again = Decimal::parse(d.to_string());
    EXPECT_EQ(again.digits(), d.digits());
    EXPECT_EQ(again.exponent(), d.exponent());
    EXPECT_EQ(again.negative(), d.negative());
  }
}

// ---- Precision --------------------------------------------------------------------------

TEST(DecimalParse, ThirtyEightDigitBoundary) {
  const std::string d38 = "12345678901234567890123456789012345678";
  const std::string d39 = d38 + "9";
  ASSERT_EQ(d38.size(), 38u);
  EXPECT_EQ(norm(d38), d38);
  EXPECT_EQ(norm("-" + d38), "-" + d38);
  EXPECT_EQ(parse_error(d39), kPrecision);
  EXPECT_EQ(parse_error("-" + d39), kPrecision);
  // Leading and trailing zeros do not count.
  EXPECT_EQ(norm("000" + d38 + "000"), d38 + "000");
  EXPECT_EQ(norm("0.000" + d38 + "000"), "0.000" + d38);
  EXPECT_EQ(norm("1" + std::string(50, '0')), "1" + std::string(50, '0'));
  EXPECT_EQ(norm("1" + std::string(50, '0') + "." + std::string(50, '0')),
            "1" + std::string(50, '0'));
  // Zeros between nonzero digits do count.
  EXPECT_EQ(norm("1" + std::string(36, '0') + "1"), "1" + std::string(36, '0') + "1");
  EXPECT_EQ(parse_error("1" + std::string(37, '0') + "1"), kPrecision);
  EXPECT_EQ(parse_error("1" + std::string(20, '0') + "." + std::string(17, '0') + "1"),
            kPrecision);
  EXPECT_NO_THROW(Decimal::parse("1" + std::string(20, '0') + "." + std::string(16, '0') + "1"));
  // The digit count spans the point.
  EXPECT_EQ(parse_error("3.14159265358979323846264338327950288419"), kPrecision);
  EXPECT_EQ(parse_error("314159265358979323846.264338327950288419"), kPrecision);
  EXPECT_EQ(parse_error("314159265358979323846264338327950288419e30"), kPrecision);
  EXPECT_EQ(parse_error("-1.23456789012345678901234567890123456789"), kPrecision);
  EXPECT_NO_THROW(Decimal::parse("3.1415926535897932384626433832795028841"));
  EXPECT_NO_THROW(Decimal::parse("314159265358979323846.26433832795028841"));
  EXPECT_NO_THROW(Decimal::parse("31415926535897932384626433832795028841e30"));
  // Many digits but still zero.
  EXPECT_EQ(norm(std::string(1000, '0') + "." + std::string(1000, '0')), "0");
}

// ---- Range ------------------------------------------------------------------------------

TEST(DecimalParse, RangeBoundaries) {
  EXPECT_NO_THROW(Decimal::parse(kMax));
  EXPECT_NO_THROW(Decimal::parse("-" + kMax));
  EXPECT_NO_THROW(Decimal::parse("1e125"));
  EXPECT_NO_THROW(Decimal::parse("9.99999999e125"));
  EXPECT_NO_THROW(Decimal::parse("1e-130"));
  EXPECT_NO_THROW(Decimal::parse("-1e-130"));
  EXPECT_NO_THROW(Decimal::parse("0.1e-129"));
  EXPECT_NO_THROW(Decimal::parse("1000e-133"));
  EXPECT_NO_THROW(Decimal::parse("0.001e128"));
  EXPECT_NO_THROW(Decimal::parse("1.5e-130"));

  for (const char* s : {"1e126", "-1e126", "11e125", "10e125", "1.0000001e126", "0.01e128",
                        "100000e121"}) {
    EXPECT_EQ(parse_error(s), kOverflow) << s;
  }
  for (const char* s : {"1e-131", "-1e-131", "0.9e-130", "9.9999e-131", "0.01e-129",
                        "1000e-134"}) {
    EXPECT_EQ(parse_error(s), kUnderflow) << s;
  }
  EXPECT_EQ(parse_error("1" + std::string(126, '0')), kOverflow);
  EXPECT_NO_THROW(Decimal::parse("1" + std::string(125, '0')));
  EXPECT_EQ(parse_error("0." + std::string(130, '0') + "1"), kUnderflow);
  EXPECT_NO_THROW(Decimal::parse("0." + std::string(129, '0') + "1"));
}

TEST(DecimalParse, RangeIsCheckedBeforePrecision) {
  const std::string d39 = "123456789012345678901234567890123456789";
  EXPECT_EQ(parse_error(d39 + "e200"), kOverflow);
  EXPECT_EQ(parse_error("0." + d39 + "e-200"), kUnderflow);
}

TEST(DecimalParse, HugeExponentsDoNotWrap) {
  EXPECT_EQ(parse_error("1e999999999999"), kOverflow);
  EXPECT_EQ(parse_error("1e-999999999999"), kUnderflow);
  EXPECT_EQ(parse_error("1e2147483647"), kOverflow);
  EXPECT_EQ(parse_error("1e2147483648"), kOverflow);
  EXPECT_EQ(parse_error("1e4294967297"), kOverflow);  // would wrap to 1 in 32 bits
  EXPECT_EQ(parse_error("1e-4294967297"), kUnderflow);
  EXPECT_EQ(parse_error("1e9223372036854775807"), kOverflow);
  EXPECT_EQ(parse_error("1e18446744073709551617"), kOverflow);
  EXPECT_EQ(parse_error("1e" + std::string(5000, '9')), kOverflow);
  EXPECT_EQ(parse_error("-1e-" + std::string(5000, '9')), kUnderflow);
  EXPECT_EQ(norm("0e" + std::string(5000, '9')), "0");
  EXPECT_EQ(norm("0e-" + std::string(5000, '9')), "0");
  // Mantissa position and exponent combine: 0.(200 zeros)1 e200 = 0.1
  EXPECT_EQ(norm("0." + std::string(200, '0') + "1e200"), "0.1");
  EXPECT_EQ(norm("1" + std::string(300, '0') + "e-300"), "1");
  EXPECT_EQ(norm("1e00000000000000000000000000002"), "100");
}

// ---- Comparison -------------------------------------------------------------------------

TEST(DecimalCompare, Table) {
  EXPECT_EQ(cmp("0", "-0"), 0);
  EXPECT_EQ(cmp("0", "0e99"), 0);
  EXPECT_EQ(cmp("1.5", "1.50"), 0);
  EXPECT_EQ(cmp("100", "1e2"), 0);
  EXPECT_EQ(cmp("-100", "-1e2"), 0);
  EXPECT_LT(cmp("1", "2"), 0);
  EXPECT_GT(cmp("2", "1"), 0);
  EXPECT_LT(cmp("-2", "-1"), 0);
  EXPECT_GT(cmp("-1", "-2"), 0);
  EXPECT_LT(cmp("-1", "1"), 0);
  EXPECT_GT(cmp("1", "-1"), 0);
  EXPECT_LT(cmp("-1e-130", "0"), 0);
  EXPECT_GT(cmp("1e-130", "0"), 0);
  EXPECT_LT(cmp("0", "1e-130"), 0);
  EXPECT_GT(cmp("0", "-1e-130"), 0);
  EXPECT_LT(cmp("9", "10"), 0);
  EXPECT_LT(cmp("0.9", "1"), 0);
  EXPECT_LT(cmp("-10", "-9"), 0);
  EXPECT_LT(cmp("1.5", "1.51"), 0);
  EXPECT_LT(cmp("-1.51", "-1.5"), 0);
  EXPECT_LT(cmp("15", "151"), 0);
  EXPECT_LT(cmp("0.15", "0.151"), 0);
  EXPECT_LT(cmp("1e-130", "1e125"), 0);
  EXPECT_LT(cmp("-" + kMax, "-1e125"), 0);
  EXPECT_LT(cmp("1e125", kMax), 0);
  EXPECT_LT(cmp("12345678901234567890123456789012345677", "12345678901234567890123456789012345678"),
            0);
  // Results are normalised to -1 / 0 / 1.
  EXPECT_EQ(cmp("1", "9"), -1);
  EXPECT_EQ(cmp("9", "1"), 1);
  EXPECT_EQ(cmp("-1", "-9"), 1);
}

TEST(DecimalCompare, Operators) {
  const Decimal a = Decimal::parse("1.5");
  const Decimal b = Decimal::parse("2");
  EXPECT_TRUE(a < b);
  EXPECT_FALSE(b < a);
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a == Decimal::parse("15e-1"));
  EXPECT_FALSE(a < a);
}

// Random values m x 10^k with m < 10^6 and |k| <= 6, kept exactly as an integer count of
// 10^-6 units (fits in long long) next to their text.
struct Sample {
  std::string text;
  long long scaled;  // value x 10^6
};

Sample random_sample(std::mt19937_64& rng) {
  std::uniform_int_distribution<long long> mant(0, 999999);
  std::uniform_int_distribution<int> exp(-6, 6);
  std::uniform_int_distribution<int> coin(0, 1);
  long long m = mant(rng);
  if (coin(rng)) m = m % 1000;  // more small and equal values
  const int k = exp(rng);
  const bool neg = coin(rng);
  long long scaled = m;
  for (int i = 0; i < k + 6; ++i) scaled *= 10;
  // Write it in varied shapes: plain exponent, or with a decimal point and exponent.
  std::string text = (neg ? "-" : (coin(rng) ? "+" : "")) + std::to_string(m);
  if (coin(rng)) {
    text += "e" + std::to_string(k);
  } else {
    text += ".00e" + std::string(k < 0 ? "-" : "+") + std::to_string(k < 0 ? -k : k);
  }
  return {text, neg ? -scaled : scaled};
}

// Exact decimal text of v x 10^-6, normalised as DynamoDB prints it.
std::string scaled_to_string(long long v) {
  const bool neg = v < 0;
  std::string digits = std::to_string(neg ? -v : v);
  if (digits.size() < 7) digits.insert(0, 7 - digits.size(), '0');
  std::string s = digits.substr(0, digits.size() - 6) + "." + digits.substr(digits.size() - 6);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "0") return s;
  return neg ? "-" + s : s;
}

TEST(DecimalCompare, RandomPairsAgreeWithExactAndLongDouble) {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 20000; ++i) {
    const Sample a = random_sample(rng);
    const Sample b = random_sample(rng);
    const Decimal da = Decimal::parse(a.text);
    const Decimal db = Decimal::parse(b.text);
    const int exact = (a.scaled > b.scaled) - (a.scaled < b.scaled);
    const long double la = std::strtold(a.text.c_str(), nullptr);
    const long double lb = std::strtold(b.text.c_str(), nullptr);
    const int ld = (la > lb) - (la < lb);
    ASSERT_EQ(da.compare(db), exact) << a.text << " vs " << b.text;
    ASSERT_EQ(da.compare(db), ld) << a.text << " vs " << b.text;
    ASSERT_EQ(db.compare(da), -exact) << b.text << " vs " << a.text;
    ASSERT_EQ(da.to_string(), scaled_to_string(a.scaled)) << a.text;
  }
}

// ---- Arithmetic -------------------------------------------------------------------------

TEST(DecimalArithmetic, Basics) {
  EXPECT_EQ(sum("1", "2"), "3");
  EXPECT_EQ(sum("1.5", "2.25"), "3.75");
  EXPECT_EQ(sum("0.1", "0.2"), "0.3");
  EXPECT_EQ(diff("0.3", "0.1"), "0.2");
  EXPECT_EQ(sum("1e10", "1e-10"), "10000000000.0000000001");
  EXPECT_EQ(sum("-1.5", "-2.5"), "-4");
  EXPECT_EQ(diff("-1.5", "2.5"), "-4");
  EXPECT_EQ(diff("1.5", "-2.5"), "4");
  EXPECT_EQ(diff("100000000000000000000.00000001", "1"), "99999999999999999999.00000001");
  EXPECT_EQ(sum("1", "10000000000000000000000"), "10000000000000000000001");
  EXPECT_EQ(diff("10000000000000000000000", "1"), "9999999999999999999999");
}

TEST(DecimalArithmetic, Carries) {
  EXPECT_EQ(sum("999", "1"), "1000");
  EXPECT_EQ(sum("0.999", "0.001"), "1");
  EXPECT_EQ(sum("9.99", "0.01"), "10");
  EXPECT_EQ(sum("-999", "-1"), "-1000");
  EXPECT_EQ(sum("99999999999999999999999999999999999999", "1"),
            "100000000000000000000000000000000000000");
  EXPECT_EQ(sum("5", "5"), "10");
  EXPECT_EQ(sum("0.5", "0.5"), "1");
  EXPECT_EQ(sum("1e125", "1e125"), "2" + std::string(125, '0'));
  EXPECT_EQ(sum("5e125", "4.9e125"), "99" + std::string(124, '0'));
}

TEST(DecimalArithmetic, Borrows) {
  EXPECT_EQ(diff("1000", "1"), "999");
  EXPECT_EQ(diff("1000", "0.001"), "999.999");
  EXPECT_EQ(diff("1", "0.00000001"), "0.99999999");
  EXPECT_EQ(diff("100000000000000000000000000000000000000", "1"),
            "99999999999999999999999999999999999999");
  EXPECT_EQ(sum("10", "-0.1"), "9.9");
  EXPECT_EQ(diff("1.01", "1"), "0.01");
  EXPECT_EQ(diff("1e-129", "1e-130"), "0." + std::string(129, '0') + "9");
}

TEST(DecimalArithmetic, CancellationToZero) {
  for (auto [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"1.5", "1.5"}, {"-1.5", "-1.50"}, {"1e-130", "1e-130"}, {kMax, kMax}, {"100", "1e2"}}) {
    Decimal r = Decimal::parse(a).subtract(Decimal::parse(b));
    EXPECT_TRUE(r.is_zero()) << a << " - " << b;
    EXPECT_FALSE(r.negative());
    EXPECT_EQ(r.to_string(), "0");
  }
  Decimal r = Decimal::parse("-1.5").add(Decimal::parse("1.5"));
  EXPECT_TRUE(r.is_zero());
  EXPECT_FALSE(r.negative());
  r = Decimal::parse("1.5").add(Decimal::parse("-1.5"));
  EXPECT_TRUE(r.is_zero());
  EXPECT_FALSE(r.negative());
}

TEST(DecimalArithmetic, SignChanges) {
  EXPECT_EQ(diff("1", "2"), "-1");
  EXPECT_EQ(sum("-1", "2"), "1");
  EXPECT_EQ(sum("1", "-2"), "-1");
  EXPECT_EQ(diff("-2", "-3"), "1");
  EXPECT_EQ(diff("-3", "-2"), "-1");
  EXPECT_EQ(diff("0.001", "1000"), "-999.999");
  EXPECT_EQ(sum("-0.001", "1000"), "999.999");
}

TEST(DecimalArithmetic, Zeros) {
  EXPECT_EQ(sum("0", "5"), "5");
  EXPECT_EQ(sum("5", "0"), "5");
  EXPECT_EQ(sum("0", "-5"), "-5");
  EXPECT_EQ(diff("0", "5"), "-5");
  EXPECT_EQ(diff("0", "-5"), "5");
  EXPECT_EQ(diff("5", "0"), "5");
  EXPECT_EQ(diff("-5", "-0"), "-5");
  EXPECT_EQ(sum("0", "0"), "0");
  EXPECT_EQ(diff("-0", "0"), "0");
  Decimal r = Decimal().subtract(Decimal());
  EXPECT_TRUE(r.is_zero());
  EXPECT_FALSE(r.negative());
  EXPECT_EQ(Decimal().subtract(Decimal::parse(kMax)).to_string(),
            "-" + std::string(38, '9') + std::string(88, '0'));
}

TEST(DecimalArithmetic, ExtremesThatFit) {
  EXPECT_EQ(sum("1e-130", "1e-130"), "0." + std::string(129, '0') + "2");
  EXPECT_EQ(sum("-1e-130", "2e-130"), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(diff(kMax, "1e88"),
            std::string(37, '9') + "8" + std::string(88, '0'));
  EXPECT_EQ(sum(kMax, "-" + kMax), "0");
  // 38 digits exactly: 0.1 + 1e-38.
  EXPECT_EQ(sum("0.1", "1e-38"), "0.1" + std::string(36, '0') + "1");
  EXPECT_EQ(diff("1e38", "1"), std::string(38, '9'));
  // 1.00...01e-130 - 1e-130 would be 1e-167; but 2e-130 - 1e-130 is fine.
  EXPECT_EQ(diff("2e-130", "1e-130"), "0." + std::string(129, '0') + "1");
}

TEST(DecimalArithmetic, Overflow) {
  EXPECT_EQ(add_error("9e125", "9e125"), kOverflow);
  EXPECT_EQ(sub_error("9e125", "-9e125"), kOverflow);
  EXPECT_EQ(add_error("-9e125", "-9e125"), kOverflow);
  EXPECT_EQ(add_error(kMax, "1e125"), kOverflow);
  EXPECT_EQ(add_error(kMax, "1e88"), kOverflow);  // exactly 1e126
  // Exact result has 39 digits and lies just above the maximum: too large, not too precise.
  EXPECT_EQ(add_error(kMax, "1e87"), kOverflow);
  EXPECT_EQ(sub_error("-" + kMax, "1e87"), kOverflow);
  EXPECT_EQ(add_error(kMax, "1e-130"), kOverflow);
}

TEST(DecimalArithmetic, Underflow) {
  // 1.0000000000000000000000000000000000001e-130 - 1e-130 = 1e-167.
  const std::string just_over_min = "1.0000000000000000000000000000000000001e-130";
  EXPECT_EQ(sub_error(just_over_min, "1e-130"), kUnderflow);
  EXPECT_EQ(add_error("-" + just_over_min, "1e-130"), kUnderflow);
  EXPECT_EQ(sub_error("1.5e-130", "1.4e-130"), kUnderflow);
}

TEST(DecimalArithmetic, TooManyDigits) {
  EXPECT_EQ(add_error("1e38", "1"), kPrecision);
  EXPECT_EQ(add_error("1", "1e-38"), kPrecision);
  EXPECT_EQ(add_error("1e50", "1"), kPrecision);
  EXPECT_EQ(sub_error("1e50", "1"), kPrecision);
  EXPECT_EQ(add_error("1e125", "1e-130"), kPrecision);
  EXPECT_EQ(sub_error("1e-130", "1e125"), kPrecision);
  // Just below the maximum but 39 digits.
  EXPECT_EQ(sub_error(kMax, "1e87"), kPrecision);
  EXPECT_EQ(add_error("99999999999999999999999999999999999999", "0.1"), kPrecision);
}

TEST(DecimalArithmetic, OperandsAreUnchanged) {
  const Decimal a = Decimal::parse("-12.5");
  const Decimal b = Decimal::parse("0.75");
  EXPECT_EQ(a.add(b).to_string(), "-11.75");
  EXPECT_EQ(a.subtract(b).to_string(), "-13.25");
  EXPECT_EQ(b.subtract(a).to_string(), "13.25");
  EXPECT_EQ(a.to_string(), "-12.5");
  EXPECT_EQ(b.to_string(), "0.75");
}

TEST(DecimalArithmetic, RandomPairsAreExact) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const Sample a = random_sample(rng);
    const Sample b = random_sample(rng);
    const Decimal da = Decimal::parse(a.text);
    const Decimal db = Decimal::parse(b.text);
    const Decimal s = da.add(db);
    const Decimal d = da.subtract(db);
    ASSERT_EQ(s.to_string(), scaled_to_string(a.scaled + b.scaled)) << a.text << " + " << b.text;
    ASSERT_EQ(d.to_string(), scaled_to_string(a.scaled - b.scaled)) << a.text << " - " << b.text;
    // Results stay in canonical form: reparsing gives the same representation.
    const Decimal again = Decimal::parse(s.to_string());
    ASSERT_EQ(again.digits(), s.digits());
    ASSERT_EQ(again.exponent(), s.exponent());
    ASSERT_EQ(again.negative(), s.negative());
  }
}

// Random values over the whole range: 1..38 digits, any allowed exponent, either sign.
std::string random_wide(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> len(1, 38);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> nonzero(1, 9);
  std::uniform_int_distribution<int> coin(0, 3);
  const int n = len(rng);
  std::string s = coin(rng) == 0 ? "-0." : "0.";
  for (int i = 0; i < n; ++i) {
    // Runs of 9s and 0s exercise long carries and borrows; the first digit is nonzero so
    // the exponent below is the value's exponent.
    const int pick = coin(rng);
    const int d = i == 0 ? nonzero(rng) : pick == 0 ? 9 : pick == 1 ? 0 : digit(rng);
    s += static_cast<char>('0' + d);
  }
  std::uniform_int_distribution<int> near(-3, 3);
  std::uniform_int_distribution<int> any(-129, 126);
  // Half the time keep exponents close so results are often exact; otherwise anywhere.
  const int e = coin(rng) < 2 ? near(rng) : any(rng);
  return s + "e" + std::to_string(e);
}

std::string outcome(const std::function<Decimal()>& f) {
  try {
    return f().to_string();
  } catch (const ApiError& e) {
    return "error: " + e.message();
  }
}

TEST(DecimalArithmetic, RandomWidePropertiesHold) {
  std::mt19937_64 rng(99);
  int exact = 0;
  for (int i = 0; i < 20000; ++i) {
    const Decimal a = Decimal::parse(random_wide(rng));
    const Decimal b = Decimal::parse(random_wide(rng));
    const Decimal neg_b = Decimal().subtract(b);
    // Commutativity, a - b == a + (-b), a - b == -(b - a), including the error chosen.
    const std::string ab = outcome([&] { return a.add(b); });
    ASSERT_EQ(ab, outcome([&] { return b.add(a); })) << a.to_string() << " + " << b.to_string();
    const std::string d = outcome([&] { return a.subtract(b); });
    ASSERT_EQ(d, outcome([&] { return a.add(neg_b); })) << a.to_string() << " - " << b.to_string();
    const std::string rd = outcome([&] { return Decimal().subtract(b.subtract(a)); });
    ASSERT_EQ(d, rd) << a.to_string() << " - " << b.to_string();
    if (d.rfind("error", 0) == 0) continue;
    ++exact;
    // Exact results undo exactly and agree with compare.
    const Decimal diff = a.subtract(b);
    ASSERT_EQ(diff.add(b), a) << a.to_string() << " - " << b.to_string();
    const int sign = diff.is_zero() ? 0 : diff.negative() ? -1 : 1;
    ASSERT_EQ(a.compare(b), sign) << a.to_string() << " vs " << b.to_string();
  }
  EXPECT_GT(exact, 5000);  // the generator must exercise the exact path a lot
}

}  // namespace
}  // namespace dynarock::model
