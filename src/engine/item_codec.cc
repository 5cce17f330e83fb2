#include "engine/item_codec.h"

#include <algorithm>
#include <stdexcept>

namespace dynarock::engine::item_codec {

using model::AttributeValue;
using model::Type;

namespace {

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_bytes(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s.data(), s.size());
}

void encode_map(const model::Map& map, std::string& out);

void encode_value(const AttributeValue& v, std::string& out) {
  out += static_cast<char>(v.type);
  switch (v.type) {
    case Type::S:
    case Type::N:
    case Type::B: put_bytes(out, v.scalar); break;
    case Type::BOOL: out += v.boolean ? '\1' : '\0'; break;
    case Type::NUL: break;
    case Type::SS:
    case Type::NS:
    case Type::BS:
      put_varint(out, v.members.size());
      for (const auto& m : v.members) put_bytes(out, m);
      break;
    case Type::M: encode_map(v.map, out); break;
    case Type::L:
      put_varint(out, v.list.size());
      for (const auto& e : v.list) encode_value(e, out);
      break;
  }
}

void encode_map(const model::Map& map, std::string& out) {
  put_varint(out, map.size());
  for (const auto& [name, value] : map) {
    put_bytes(out, name);
    encode_value(value, out);
  }
}

struct Reader {
  const char* p;
  const char* end;

  [[noreturn]] static void corrupt() { throw std::runtime_error("corrupt item encoding"); }
  uint8_t byte() {
    if (p >= end) corrupt();
    return static_cast<uint8_t>(*p++);
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte();
      v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    corrupt();
  }
  std::string bytes() {
    uint64_t n = varint();
    if (n > uint64_t(end - p)) corrupt();
    std::string s(p, n);
    p += n;
    return s;
  }
  AttributeValue value();
  std::string_view view() {
    uint64_t n = varint();
    if (n > uint64_t(end - p)) corrupt();
    std::string_view s(p, n);
    p += n;
    return s;
  }
  // Sizes as model::value_size / item_size count them.
  size_t value_size() {
    uint8_t t = byte();
    switch (static_cast<Type>(t)) {
      case Type::S:
      case Type::B: return view().size();
      case Type::N: return model::number_size(view());
      case Type::BOOL: byte(); return 1;
      case Type::NUL: return 1;
      case Type::SS:
      case Type::BS:
      case Type::NS: {
        size_t total = 0;
        for (uint64_t i = 0, n = varint(); i < n; ++i)
          total += static_cast<Type>(t) == Type::NS ? model::number_size(view()) : view().size();
        return total;
      }
      case Type::M: {
        size_t total = 3;
        for (uint64_t i = 0, n = varint(); i < n; ++i) total += view().size() + value_size() + 1;
        return total;
      }
      case Type::L: {
        size_t total = 3;
        for (uint64_t i = 0, n = varint(); i < n; ++i) total += value_size() + 1;
        return total;
      }
    }
    corrupt();
  }
  model::Map map() {
    model::Map m;
    uint64_t n = varint();
    for (uint64_t i = 0; i < n; ++i) {
      std::string name = bytes();
      m.emplace_hint(m.end(), std::move(name), value());
    }
    return m;
  }
};

AttributeValue Reader::value() {
  AttributeValue v;
  uint8_t t = byte();
  if (t > static_cast<uint8_t>(Type::L)) corrupt();
  v.type = static_cast<Type>(t);
  switch (v.type) {
    case Type::S:
    case Type::N:
    case Type::B: v.scalar = bytes(); break;
    case Type::BOOL: v.boolean = byte() != 0; break;
    case Type::NUL: break;
    case Type::SS:
    case Type::NS:
    case Type::BS: {
      uint64_t n = varint();
      v.members.reserve(std::min<uint64_t>(n, end - p));
      for (uint64_t i = 0; i < n; ++i) v.members.push_back(bytes());
      break;
    }
    case Type::M: v.map = map(); break;
    case Type::L: {
      uint64_t n = varint();
      v.list.reserve(std::min<uint64_t>(n, end - p));
      for (uint64_t i = 0; i < n; ++i) v.list.push_back(value());
      break;
    }
  }
  return v;
}

}  // namespace

void encode(const model::Item& item, std::string& out) { encode_map(item, out); }

std::string encode(const model::Item& item) {
  std::string out;
  encode_map(item, out);
  return out;
}

model::Item decode(std::string_view bytes) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  return r.map();
}

size_t item_size(std::string_view bytes) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  size_t total = 0;
  for (uint64_t i = 0, n = r.varint(); i < n; ++i) total += r.view().size() + r.value_size();
  return total;
}

}  // namespace dynarock::engine::item_codec
