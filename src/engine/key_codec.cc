#include "engine/key_codec.h"

#include "engine/key_hash.h"
#include "model/decimal.h"

namespace dynarock::engine::key_codec {

void append_id(std::string& out, uint32_t id) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((id >> shift) & 0xFF);
}

void append_hash(std::string& out, uint64_t hash) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((hash >> shift) & 0xFF);
}

namespace {

// Bytes: 0x00 becomes 0x00 0xFF and the value ends with 0x00 0x01, so a shorter value sorts
// before any longer value it prefixes, and the end of the value is unambiguous.
void append_bytes(std::string& out, std::string_view bytes) {
  for (char c : bytes) {
    out += c;
    if (c == '\0') out += '\xFF';
  }
  out += '\0';
  out += '\x01';
}

// Numbers: a sign class byte (negative 0x40 < zero 0x80 < positive 0xC0), then the exponent
// (16 bits, inverted for negatives), then one byte per digit, then a terminator that sorts
// below every digit for positives (shorter is smaller) and above for negatives.
void append_number(std::string& out, const std::string& text) {
  model::Decimal d = model::Decimal::parse(text);
  if (d.is_zero()) {
    out += '\x80';
    return;
  }
  bool neg = d.negative();
  out += neg ? '\x40' : '\xC0';
  uint16_t e = static_cast<uint16_t>(d.exponent() + 0x8000);
  if (neg) e = static_cast<uint16_t>(~e);
  out += static_cast<char>(e >> 8);
  out += static_cast<char>(e & 0xFF);
  for (char c : d.digits()) {
    int digit = c - '0';
    out += static_cast<char>(neg ? 10 - digit : digit + 1);
  }
  out += neg ? '\xFF' : '\0';
}

}  // namespace

void append_value(std::string& out, const model::AttributeValue& value) {
  if (value.type == model::Type::N) append_number(out, value.scalar);
  else append_bytes(out, value.scalar);
}

uint64_t partition_hash(const model::AttributeValue& value) { return key_hash::of(value); }

std::string partition_prefix(uint32_t id, const model::AttributeValue& hash_value) {
  std::string out;
  out.reserve(16 + hash_value.scalar.size());
  append_id(out, id);
  append_hash(out, partition_hash(hash_value));
  append_value(out, hash_value);
  return out;
}

std::string index_partition_prefix(uint32_t id, const std::vector<model::AttributeValue>& hash_values) {
  if (hash_values.size() == 1) return partition_prefix(id, hash_values[0]);
  std::string values;
  for (const auto& v : hash_values) append_value(values, v);
  std::string out;
  append_id(out, id);
  append_hash(out, key_hash::of(hash_values, values));
  out += values;
  return out;
}

std::string item_key(uint32_t id, const model::PrimaryKey& key) {
  std::string out = partition_prefix(id, key.hash);
  if (key.range) append_value(out, *key.range);
  return out;
}

std::string prefix_successor(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;  // empty: no upper bound
}

}  // namespace dynarock::engine::key_codec
