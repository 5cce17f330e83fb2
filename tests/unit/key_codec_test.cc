#include "engine/key_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/key_hash.h"
#include "model/decimal.h"

namespace dynarock::engine::key_codec {
namespace {

using model::AttributeValue;
using model::Decimal;
using model::PrimaryKey;

AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue B(std::string s) { return AttributeValue::binary(std::move(s)); }
AttributeValue N(std::string_view text) { return AttributeValue::number(Decimal::parse(text).to_string()); }

std::string enc(const AttributeValue& v) {
  std::string out;
  append_value(out, v);
  return out;
}

// Unsigned bytewise comparison, as RocksDB's default comparator: -1, 0, 1.
int bytes_cmp(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int sign(int c) { return (c > 0) - (c < 0); }
int num_cmp(const std::string& a, const std::string& b) { return sign(Decimal::parse(a).compare(Decimal::parse(b))); }

std::string hex(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

const std::vector<std::string> kTrickyNumbers = {
    "0", "-0", "0.0", "+0", "0e50", "1", "-1", "1.0", "-1.5", "1.5", "0.5", "0.50", "0.50001", "0.49999", "-0.5",
    "-0.50001", "2", "10", "1e1", "100", "1e2", "99", "101", "19", "20", "1.9", "1.99", "-2", "-1.99", "-10",
    "-100", "-99", "-101", "-20", "0.1", "0.01", "0.001", "0.0011", "-0.001", "-0.0011", "1e-130", "-1e-130",
    "2e-130", "1.5e-130", "9.99e125", "-9.99e125", "1e125", "-1e125", "9.9999999999999999999999999999999999999E+125",
    "-9.9999999999999999999999999999999999999E+125", "12345678901234567890123456789012345678",
    "1.2345678901234567890123456789012345678", "-12345678901234567890123456789012345678",
    "12345678901234567890123456789012345679", "0.99999999999999999999999999999999999999", "1.0000000000000000000000000000000000001",
    "-0.99999999999999999999999999999999999999", "-1.0000000000000000000000000000000000001", "1000000", "999999",
    "9", "-9", "90", "91", "1.09", "1.1", "-1.09", "-1.1"};

// A random valid DynamoDB number: 1..38 digits, any exponent in range, either sign.
std::string random_number(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> len(1, 38), digit(0, 9), exp(-130, 125), kind(0, 9);
  int n = kind(rng) < 5 ? len(rng) % 4 + 1 : len(rng);  // many short ones collide more often
  std::string digits(1, static_cast<char>('1' + digit(rng) % 9));
  for (int i = 1; i < n; ++i) digits += static_cast<char>('0' + digit(rng));
  int e = kind(rng) < 6 ? exp(rng) % 4 : exp(rng);  // d.ddd x 10^e, |value| < 1e126
  std::string text = (kind(rng) < 5 ? "-" : "") + digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(e);
  if (kind(rng) == 0) text = "0";
  return text;
}

// Bytes over a small alphabet (NUL, 0x01, 0xFF...) so prefixes and escapes are common.
std::string random_bytes(std::mt19937_64& rng) {
  static const char kAlphabet[] = {'\0', '\x01', 'a', 'b', '\x7f', '\x80', '\xfe', '\xff'};
  std::uniform_int_distribution<int> len(0, 6), pick(0, 7);
  std::string s;
  for (int i = len(rng); i > 0; --i) s += kAlphabet[pick(rng)];
  return s;
}

TEST(KeyCodecOrder, TrickyNumbersAllPairs) {
  for (const auto& a : kTrickyNumbers)
    for (const auto& b : kTrickyNumbers)
      EXPECT_EQ(sign(bytes_cmp(enc(N(a)), enc(N(b)))), num_cmp(a, b)) << a << " vs " << b;
}

TEST(KeyCodecOrder, ExplicitNumberChain) {
  // Strictly increasing.
  const std::vector<std::string> chain = {"-9.99e125", "-1e10", "-10", "-1.5", "-1", "-0.5", "-1e-130", "0",
                                          "1e-130", "0.5", "0.50001", "1", "1.5", "10", "1e10", "9.99e125"};
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    EXPECT_LT(bytes_cmp(enc(N(chain[i])), enc(N(chain[i + 1]))), 0) << chain[i] << " < " << chain[i + 1];
}

TEST(KeyCodecOrder, EqualNumbersEncodeEqually) {
  EXPECT_EQ(enc(N("0")), enc(N("-0")));
  EXPECT_EQ(enc(N("1e2")), enc(N("100")));
  EXPECT_EQ(enc(N("0.50")), enc(N("0.5")));
  // Even unnormalised scalar text encodes by value.
  EXPECT_EQ(enc(AttributeValue::number("1.50")), enc(N("1.5")));
  EXPECT_EQ(enc(AttributeValue::number("-0")), enc(N("0")));
}

TEST(KeyCodecOrder, RandomNumberPairs) {
  std::mt19937_64 rng(20240601);
  std::vector<std::string> pool = kTrickyNumbers;
  for (int i = 0; i < 400; ++i) pool.push_back(random_number(rng));
  // Near neighbours: same digits with one more digit, or the last digit bumped.
  for (int i = 0; i < 200; ++i) {
    std::string base = random_number(rng);
    std::string digits = Decimal::parse(base).to_string();
    pool.push_back(digits);
    if (digits.size() < 30) pool.push_back(digits + (digits.find('.') == std::string::npos ? ".1" : "1"));
    if (digits.back() >= '1' && digits.back() <= '8') {
      std::string bumped = digits;
      ++bumped.back();
      pool.push_back(bumped);
    }
  }
  std::vector<std::string> encoded;
  for (const auto& p : pool) encoded.push_back(enc(N(p)));
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  int failures = 0;
  for (int i = 0; i < 20000 && failures < 10; ++i) {
    size_t a = pick(rng), b = pick(rng);
    int want = num_cmp(pool[a], pool[b]);
    int got = sign(bytes_cmp(encoded[a], encoded[b]));
    if (got != want) ++failures;
    EXPECT_EQ(got, want) << pool[a] << " vs " << pool[b] << ": " << hex(encoded[a]) << " / " << hex(encoded[b]);
  }
}

TEST(KeyCodecOrder, SortingEncodingsSortsValues) {
  std::mt19937_64 rng(7);
  std::vector<std::string> nums;
  for (int i = 0; i < 2000; ++i) nums.push_back(random_number(rng));
  std::vector<std::pair<std::string, std::string>> by_key;
  for (const auto& n : nums) by_key.emplace_back(enc(N(n)), n);
  std::sort(by_key.begin(), by_key.end(), [](const auto& x, const auto& y) { return bytes_cmp(x.first, y.first) < 0; });
  for (size_t i = 0; i + 1 < by_key.size(); ++i)
    ASSERT_LE(num_cmp(by_key[i].second, by_key[i + 1].second), 0) << by_key[i].second << " then " << by_key[i + 1].second;
}

TEST(KeyCodecOrder, BytesEdgeCases) {
  const std::string nul(1, '\0');
  // a < a\0 < a\0\0 < a\x01 < ab < a\xff < b
  const std::vector<std::string> chain = {"", nul, "\x01", "a", "a" + nul, "a" + nul + nul, "a" + nul + "\xff",
                                          "a\x01", "ab", "ab" + nul, "a\xfe", "a\xff", "a\xff\xff", "b", "\xff",
                                          "\xff" + nul, "\xff\xff"};
  for (size_t i = 0; i < chain.size(); ++i)
    for (size_t j = 0; j < chain.size(); ++j) {
      int want = sign(static_cast<int>(i) - static_cast<int>(j));
      EXPECT_EQ(sign(bytes_cmp(enc(B(chain[i])), enc(B(chain[j])))), want) << hex(chain[i]) << " vs " << hex(chain[j]);
      EXPECT_EQ(sign(bytes_cmp(enc(S(chain[i])), enc(S(chain[j])))), want) << hex(chain[i]) << " vs " << hex(chain[j]);
    }
}

TEST(KeyCodecOrder, StringsOrderByUtf8Bytes) {
  // UTF-8 byte order, not UTF-16: U+FFFF (EF BF BF) sorts before U+1F600 (F0 9F 98 80).
  const std::vector<std::string> chain = {"Z", "a", "z", "\xc3\xa9" /* é */, "\xe2\x82\xac" /* € */,
                                          "\xef\xbf\xbf", "\xf0\x9f\x98\x80"};
  for (size_t i = 0; i + 1 < chain.size(); ++i)
    EXPECT_LT(bytes_cmp(enc(S(chain[i])), enc(S(chain[i + 1]))), 0) << hex(chain[i]) << " < " << hex(chain[i + 1]);
}

TEST(KeyCodecOrder, RandomBytesPairs) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 20000; ++i) {
    std::string a = random_bytes(rng), b = random_bytes(rng);
    ASSERT_EQ(sign(bytes_cmp(enc(B(a)), enc(B(b)))), sign(bytes_cmp(a, b))) << hex(a) << " vs " << hex(b);
    ASSERT_EQ(sign(bytes_cmp(enc(S(a)), enc(S(b)))), sign(bytes_cmp(a, b))) << hex(a) << " vs " << hex(b);
  }
}

// Self-delimiting: enc(a)+enc(x) vs enc(b)+enc(y) orders by (a, x) vs (b, y).
TEST(KeyCodecConcat, OrdersLexicographicallyByComponents) {
  std::mt19937_64 rng(1234);
  auto value = [&](bool number) {
    if (number) {
      std::string n = random_number(rng);
      return std::pair{N(n), n};
    }
    std::string s = random_bytes(rng);
    return std::pair{B(s), s};
  };
  for (int i = 0; i < 20000; ++i) {
    bool first_num = i % 4 < 2, second_num = i % 2 == 1;
    auto [a, at] = value(first_num);
    auto [b, bt] = value(first_num);
    auto [x, xt] = value(second_num);
    auto [y, yt] = value(second_num);
    if (i % 3 == 0) b = a, bt = at;  // force a tie on the first component
    int first = first_num ? num_cmp(at, bt) : sign(bytes_cmp(at, bt));
    int second = second_num ? num_cmp(xt, yt) : sign(bytes_cmp(xt, yt));
    int want = first != 0 ? first : second;
    std::string left = enc(a) + enc(x), right = enc(b) + enc(y);
    ASSERT_EQ(sign(bytes_cmp(left, right)), want) << hex(at) << "," << hex(xt) << " vs " << hex(bt) << "," << hex(yt);
  }
}

TEST(KeyCodecConcat, EncodingIsPrefixFree) {
  // Within one type (a key position has a fixed type), no encoding is a proper prefix of another.
  std::mt19937_64 rng(5);
  std::vector<std::string> bytes, numbers;
  for (int i = 0; i < 300; ++i) bytes.push_back(enc(B(random_bytes(rng))));
  for (const auto& n : kTrickyNumbers) numbers.push_back(enc(N(n)));
  for (int i = 0; i < 300; ++i) numbers.push_back(enc(N(random_number(rng))));
  for (const auto* encs : {&bytes, &numbers})
    for (const auto& a : *encs)
      for (const auto& b : *encs) {
        if (a.size() >= b.size()) continue;
        ASSERT_NE(b.compare(0, a.size(), a), 0) << hex(a) << " prefixes " << hex(b);
      }
}

TEST(KeyCodecKeys, AppendIdIsBigEndian) {
  std::string out;
  append_id(out, 0x01020304u);
  EXPECT_EQ(out, std::string("\x01\x02\x03\x04", 4));
  std::string a, b;
  append_id(a, 255);
  append_id(b, 256);
  EXPECT_LT(bytes_cmp(a, b), 0);
  std::string h;
  append_hash(h, 0x0102030405060708ull);
  EXPECT_EQ(h, std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
}

// Directories from before format 3 keep the legacy hash their keys were written with.
TEST(KeyCodecKeys, LegacyPartitionHashIsStableAndTyped) {
  key_hash::acquire(key_hash::Scheme::legacy);
  // Pinned (FNV-1a + fmix64, checked independently): the hash is part of the on-disk key.
  EXPECT_EQ(partition_hash(S("user#1")), partition_hash(S("user#1")));
  EXPECT_NE(partition_hash(S("1")), partition_hash(N("1")));
  EXPECT_NE(partition_hash(S("1")), partition_hash(B("1")));
  EXPECT_NE(partition_hash(S("a")), partition_hash(S("b")));
  EXPECT_EQ(partition_hash(S("")), 0xbd61e3d90311ec3bull) << std::hex << partition_hash(S(""));
  EXPECT_EQ(partition_hash(S("user#1")), 0x4d4cb4b8aab096f8ull) << std::hex << partition_hash(S("user#1"));
  key_hash::release(key_hash::Scheme::legacy);
}

// A storage of the other scheme cannot be open at the same time (keys would mix hashes).
TEST(KeyCodecKeys, OneSchemeAtATime) {
  key_hash::acquire(key_hash::Scheme::dynamodb);
  EXPECT_THROW(key_hash::acquire(key_hash::Scheme::legacy), std::runtime_error);
  key_hash::release(key_hash::Scheme::dynamodb);
  key_hash::acquire(key_hash::Scheme::legacy);
  EXPECT_THROW(key_hash::acquire(key_hash::Scheme::dynamodb), std::runtime_error);
  key_hash::release(key_hash::Scheme::legacy);
}

std::string hex_of(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// DynamoDB's number bytes (base-100, Oracle-NUMBER-like), worked by hand from the format.
TEST(KeyCodecKeys, DynamoDbNumberBytes) {
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("0")), "80");
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("1")), "c102");         // 0.01 x 100^1
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("100")), "c202");       // 0.01 x 100^2
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("123.45")), "c202182e");    // pairs 01 23 45, each + 1
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("0.012345")), "c002182e");  // the same pairs, x 100^-1
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("-1")), "3e6466");          // ~c1, 101 - 01, 102
  EXPECT_EQ(hex_of(key_hash::dynamodb_number_bytes("-999.9")), "3d5c020b66");  // ~c2, 101 - (09 99 90), 102
}

// The hash reproduces DynamoDB's Scan order of these keys (as recorded against DynamoDB).
TEST(KeyCodecKeys, PartitionHashOrdersAsDynamoDb) {
  auto order = [](std::vector<AttributeValue> keys) {
    std::sort(keys.begin(), keys.end(), [](const AttributeValue& a, const AttributeValue& b) {
      return partition_hash(a) < partition_hash(b);
    });
    std::vector<std::string> out;
    for (const auto& k : keys) out.push_back(k.scalar);
    return out;
  };
  std::vector<AttributeValue> strings;
  for (const char* s : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "aardman", "hello", "zapf", "\xc3\xa4\xc3\xa1\xc3\xb6\xc3\xbc"})
    strings.push_back(S(s));
  EXPECT_EQ(order(strings), (std::vector<std::string>{"2", "8", "9", "1", "6", "hello", "0", "5", "4",
                                                      "\xc3\xa4\xc3\xa1\xc3\xb6\xc3\xbc", "aardman", "7", "3", "zapf"}));
  std::vector<AttributeValue> numbers;
  for (const char* n : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-0.09", "999.9", "0.012345", "-999.9"})
    numbers.push_back(N(n));
  EXPECT_EQ(order(numbers), (std::vector<std::string>{"7", "999.9", "8", "3", "2", "-999.9", "9", "4", "-0.09", "6", "1",
                                                      "0", "0.012345", "5"}));
  // Segment membership: the first 12 bits against ceil(4096 s / T).
  EXPECT_EQ(partition_hash(S("3635")) >> 52, 0u);
  EXPECT_EQ(partition_hash(S("1668")) >> 52, 1u);
  EXPECT_EQ(partition_hash(S("3435")) >> 52, 4u);
  EXPECT_EQ(partition_hash(N("2388")) >> 52, 4095u);
  EXPECT_EQ(key_hash::segment_start(1, 3), 1366);
  EXPECT_EQ(key_hash::segment_start(2, 2), 4096);
  EXPECT_EQ(key_hash::segment_start(999999, 1000000), 4096);
  EXPECT_EQ(key_hash::segment_start(999998, 1000000), 4096);
  EXPECT_EQ(key_hash::segment_start(500000, 1000000), 2048);
}

TEST(KeyCodecKeys, PartitionHashSpreadsSequentialKeys) {
  // Sequential keys spread over the whole range (parallel scan segments split on the top bits).
  std::set<int> top_bytes;
  for (int i = 0; i < 1000; ++i) {
    std::string k = "k";
    k += std::to_string(i);  // not "k" + ...: GCC 12 -Wrestrict false positive at -O3
    top_bytes.insert(static_cast<int>(partition_hash(S(k)) >> 56));
  }
  EXPECT_GT(top_bytes.size(), 200u);
  EXPECT_NE(partition_hash(S("1")), partition_hash(N("1")));
  EXPECT_NE(partition_hash(S("a")), partition_hash(S("b")));
}

TEST(KeyCodecKeys, PartitionPrefixLayout) {
  AttributeValue pk = S("user#1");
  std::string prefix = partition_prefix(42, pk);
  std::string expected;
  append_id(expected, 42);
  append_hash(expected, partition_hash(pk));
  append_value(expected, pk);
  EXPECT_EQ(prefix, expected);
  EXPECT_EQ(item_key(42, PrimaryKey{pk, std::nullopt}), prefix);
  EXPECT_EQ(item_key(42, PrimaryKey{pk, N("7")}), prefix + enc(N("7")));
}

TEST(KeyCodecKeys, PartitionPrefixIsPrefixOfItemKeysOnlyOfItsPartition) {
  std::mt19937_64 rng(77);
  for (int i = 0; i < 2000; ++i) {
    std::string p = random_bytes(rng), q = random_bytes(rng);
    AttributeValue sk = (i % 2) ? N(random_number(rng)) : S(random_bytes(rng));
    std::string prefix = partition_prefix(3, S(p));
    std::string own = item_key(3, PrimaryKey{S(p), sk});
    ASSERT_EQ(own.compare(0, prefix.size(), prefix), 0);
    std::string upper = prefix_successor(prefix);
    ASSERT_LT(bytes_cmp(own, upper), 0);
    if (p != q) {
      std::string other = item_key(3, PrimaryKey{S(q), sk});
      ASSERT_NE(other.compare(0, prefix.size(), prefix), 0) << hex(p) << " vs " << hex(q);
      ASSERT_TRUE(bytes_cmp(other, prefix) < 0 || bytes_cmp(other, upper) >= 0);
    }
    // Another table's keys never fall in this table's id range.
    ASSERT_NE(item_key(4, PrimaryKey{S(p), sk}).compare(0, 4, prefix, 0, 4), 0);
  }
}

TEST(KeyCodecKeys, ItemKeysOfOnePartitionOrderBySortKey) {
  std::mt19937_64 rng(8);
  AttributeValue pk = N("12");
  for (int i = 0; i < 5000; ++i) {
    std::string a = random_number(rng), b = random_number(rng);
    ASSERT_EQ(sign(bytes_cmp(item_key(9, PrimaryKey{pk, N(a)}), item_key(9, PrimaryKey{pk, N(b)}))), num_cmp(a, b))
        << a << " vs " << b;
  }
}

TEST(KeyCodecSuccessor, Examples) {
  EXPECT_EQ(prefix_successor("abc"), "abd");
  EXPECT_EQ(prefix_successor("a\xfe"), "a\xff");
  EXPECT_EQ(prefix_successor("ab\xff"), "ac");
  EXPECT_EQ(prefix_successor("a\xff\xff"), "b");
  EXPECT_EQ(prefix_successor(std::string("\x00", 1)), "\x01");
  EXPECT_EQ(prefix_successor("\xff\xff"), "");
  EXPECT_EQ(prefix_successor(""), "");
}

TEST(KeyCodecSuccessor, BoundsExactlyTheKeysWithThePrefix) {
  std::mt19937_64 rng(31);
  for (int i = 0; i < 20000; ++i) {
    std::string prefix = random_bytes(rng).substr(0, 3);
    std::string s = (i % 2 ? prefix : std::string()) + random_bytes(rng);
    std::string succ = prefix_successor(prefix);
    bool has_prefix = s.compare(0, prefix.size(), prefix) == 0;
    bool in_range = bytes_cmp(s, prefix) >= 0 && (succ.empty() || bytes_cmp(s, succ) < 0);
    ASSERT_EQ(in_range, has_prefix) << hex(prefix) << " / " << hex(s) << " / " << hex(succ);
    if (!succ.empty()) {
      ASSERT_GT(bytes_cmp(succ, prefix), 0);
    }
  }
}

}  // namespace
}  // namespace dynarock::engine::key_codec
