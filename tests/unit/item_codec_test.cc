#include "engine/item_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace dynarock::engine::item_codec {
namespace {

using model::AttributeValue;
using model::Item;
using model::Type;

// Stricter than operator==: set members must keep their order, scalars their exact bytes.
bool identical(const AttributeValue& a, const AttributeValue& b);
bool identical(const Item& a, const Item& b) {
  if (a.size() != b.size()) return false;
  for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y)
    if (x->first != y->first || !identical(x->second, y->second)) return false;
  return true;
}
bool identical(const AttributeValue& a, const AttributeValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case Type::S:
    case Type::N:
    case Type::B: return a.scalar == b.scalar;
    case Type::BOOL: return a.boolean == b.boolean;
    case Type::NUL: return true;
    case Type::SS:
    case Type::NS:
    case Type::BS: return a.members == b.members;
    case Type::M: return identical(a.map, b.map);
    case Type::L:
      if (a.list.size() != b.list.size()) return false;
      for (size_t i = 0; i < a.list.size(); ++i)
        if (!identical(a.list[i], b.list[i])) return false;
      return true;
  }
  return false;
}

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Any bytes, NUL and 0xFF included; sometimes empty, sometimes long (multi-byte varints).
  std::string bytes() {
    int n = uniform(0, 9) == 0 ? uniform(128, 400) : uniform(0, 8);
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>(uniform(0, 255));
    return s;
  }
  std::string number() {
    std::string s = uniform(0, 1) ? "-" : "";
    s += std::to_string(uniform(1, 999999));
    if (uniform(0, 1)) s += "." + std::to_string(uniform(1, 9));
    return s;
  }
  std::vector<std::string> members(Type t) {
    std::unordered_set<std::string> seen;
    std::vector<std::string> out;
    for (int n = uniform(1, 5); n > 0; --n) {
      std::string m = t == Type::NS ? number() : bytes();
      if (seen.insert(m).second) out.push_back(m);
    }
    return out;
  }

  AttributeValue value(int depth) {
    int kind = uniform(0, depth > 0 ? 9 : 7);
    AttributeValue v;
    switch (kind) {
      case 0: return AttributeValue::string(bytes());
      case 1: return AttributeValue::number(number());
      case 2: return AttributeValue::binary(bytes());
      case 3: return AttributeValue::boolean_value(uniform(0, 1) == 1);
      case 4: return AttributeValue::null();
      case 5: v.type = Type::SS; break;
      case 6: v.type = Type::NS; break;
      case 7: v.type = Type::BS; break;
      case 8:
        v.type = Type::M;
        for (int n = uniform(0, 4); n > 0; --n) v.map.emplace(bytes(), value(depth - 1));
        return v;
      default:
        v.type = Type::L;
        for (int n = uniform(0, 4); n > 0; --n) v.list.push_back(value(depth - 1));
        return v;
    }
    v.members = members(v.type);
    return v;
  }

  Item item(int depth) {
    Item it;
    for (int n = uniform(0, 6); n > 0; --n) it.emplace(bytes(), value(depth));
    return it;
  }

 private:
  std::mt19937_64 rng_;
};

// depth levels of alternating M / L around a leaf.
AttributeValue nested(int depth, AttributeValue leaf) {
  for (int i = 0; i < depth; ++i) {
    AttributeValue w;
    if (i % 2) {
      w.type = Type::M;
      w.map.emplace("k", std::move(leaf));
    } else {
      w.type = Type::L;
      w.list.push_back(std::move(leaf));
    }
    leaf = std::move(w);
  }
  return leaf;
}

TEST(ItemCodec, EmptyItem) {
  EXPECT_EQ(encode(Item{}), std::string(1, '\0'));
  EXPECT_TRUE(decode(encode(Item{})).empty());
}

TEST(ItemCodec, EveryTypeRoundTrips) {
  Item item;
  item["s"] = AttributeValue::string("hello");
  item["s_empty"] = AttributeValue::string("");
  item["n"] = AttributeValue::number("-12.5");
  item["b"] = AttributeValue::binary(std::string("\0\xff\0", 3));
  item["b_empty"] = AttributeValue::binary("");
  item["t"] = AttributeValue::boolean_value(true);
  item["f"] = AttributeValue::boolean_value(false);
  item["null"] = AttributeValue::null();
  AttributeValue ss, ns, bs, m, l;
  ss.type = Type::SS, ss.members = {"z", "a", ""};
  ns.type = Type::NS, ns.members = {"3", "-1", "0.5"};
  bs.type = Type::BS, bs.members = {std::string("\0", 1), "\xff"};
  m.type = Type::M, m.map = {{"inner", AttributeValue::string("x")}, {"", AttributeValue::null()}};
  l.type = Type::L, l.list = {AttributeValue::number("1"), AttributeValue::string("two"), AttributeValue{}};
  item["ss"] = ss, item["ns"] = ns, item["bs"] = bs, item["m"] = m, item["l"] = l;
  item[std::string("name\0with nul", 13)] = AttributeValue::string(std::string(1, '\0'));
  Item back = decode(encode(item));
  EXPECT_TRUE(identical(back, item));
  EXPECT_EQ(back, item);
  EXPECT_FALSE(back.at("f").boolean);
  EXPECT_EQ(back.at("ss").members, (std::vector<std::string>{"z", "a", ""}));  // order kept
}

TEST(ItemCodec, RandomItemsRoundTrip) {
  Gen gen(42);
  for (int i = 0; i < 500; ++i) {
    Item item = gen.item(gen.uniform(0, 5));
    std::string bytes = encode(item);
    ASSERT_TRUE(identical(decode(bytes), item)) << "item " << i;
    // encode(item, out) appends.
    std::string out = "prefix";
    encode(item, out);
    ASSERT_EQ(out, "prefix" + bytes);
  }
}

TEST(ItemCodec, DeepNestingRoundTrips) {
  for (int depth : {1, 2, 31, 32, 33, 100}) {
    Item item{{"deep", nested(depth, AttributeValue::string("leaf"))}};
    ASSERT_TRUE(identical(decode(encode(item)), item)) << depth;
  }
}

TEST(ItemCodec, LargeValuesRoundTrip) {
  Item item;
  item["big"] = AttributeValue::binary(std::string(300000, '\0'));
  AttributeValue l;
  l.type = Type::L;
  for (int i = 0; i < 20000; ++i) l.list.push_back(AttributeValue::number(std::to_string(i)));
  item["list"] = l;
  EXPECT_TRUE(identical(decode(encode(item)), item));
}

TEST(ItemCodec, TruncatedInputThrows) {
  Gen gen(7);
  for (int i = 0; i < 40; ++i) {
    Item item = gen.item(3);
    item["x"] = nested(5, AttributeValue::number("1"));  // never empty
    std::string bytes = encode(item);
    if (bytes.size() > 3000) continue;
    for (size_t n = 0; n < bytes.size(); ++n)
      ASSERT_THROW(decode(std::string_view(bytes).substr(0, n)), std::runtime_error) << "prefix " << n << " of " << bytes.size();
  }
}

TEST(ItemCodec, CorruptTypeByteThrows) {
  // One attribute "a" whose type byte is past L.
  std::string bytes = encode(Item{{"a", AttributeValue::null()}});
  ASSERT_EQ(bytes, std::string("\x01\x01" "a\x04", 4));
  bytes[3] = static_cast<char>(static_cast<int>(Type::L) + 1);
  EXPECT_THROW(decode(bytes), std::runtime_error);
  bytes[3] = '\xff';
  EXPECT_THROW(decode(bytes), std::runtime_error);
  // A varint that never ends.
  EXPECT_THROW(decode(std::string(12, '\x80')), std::runtime_error);
  // A length longer than the input.
  EXPECT_THROW(decode(std::string("\x01\x05" "ab", 4)), std::runtime_error);
}

TEST(ItemCodec, HugeElementCountThrowsRuntimeError) {
  // Item {"": SS with 2^63 members}: reserve() is asked for an impossible size.
  std::string bytes("\x01\x00\x05", 3);
  bytes += std::string(9, '\xff') + '\x01';
  EXPECT_THROW(decode(bytes), std::runtime_error);
}

}  // namespace
}  // namespace dynarock::engine::item_codec
