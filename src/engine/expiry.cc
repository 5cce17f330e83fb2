#include "engine/expiry.h"

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "engine/key_codec.h"

namespace dynarock::engine::expiry {

namespace {
constexpr uint64_t kMaxSecond = uint64_t(1) << 62;  // far beyond any real date; keeps doubles exact enough
constexpr size_t kPrefix = 4 + 8;
}  // namespace

std::optional<double> ttl_value(const model::Item& item, const std::string& attribute) {
  auto it = item.find(attribute);
  if (it == item.end() || it->second.type != model::Type::N) return std::nullopt;
  return std::strtod(it->second.scalar.c_str(), nullptr);
}

bool expired(double ttl, double now) { return ttl <= now && ttl >= now - kMaxAge; }

bool may_expire(double ttl, double now) { return ttl >= now - kMaxAge; }

uint64_t entry_second(double ttl) {
  if (!(ttl > 0)) return 0;
  double s = std::floor(ttl);
  return s >= static_cast<double>(kMaxSecond) ? kMaxSecond : static_cast<uint64_t>(s);
}

std::string entry_key(uint32_t table_id, uint64_t second, std::string_view item_key) {
  std::string out;
  out.reserve(kPrefix + item_key.size());
  key_codec::append_id(out, table_id);
  key_codec::append_hash(out, second);  // 8 bytes big-endian, like a hash
  out.append(item_key);
  return out;
}

std::optional<std::string> any_entry_of(uint32_t table_id, const model::Item& item, const std::string& attribute,
                                        std::string_view item_key) {
  auto ttl = ttl_value(item, attribute);
  if (!ttl) return std::nullopt;
  return entry_key(table_id, entry_second(*ttl), item_key);
}

std::optional<std::string> entry_of(uint32_t table_id, const model::Item& item, const std::string& attribute,
                                    std::string_view item_key, double now) {
  auto ttl = ttl_value(item, attribute);
  if (!ttl || !may_expire(*ttl, now)) return std::nullopt;
  return entry_key(table_id, entry_second(*ttl), item_key);
}

uint64_t second_of(std::string_view entry) {
  uint64_t s = 0;
  for (size_t i = 4; i < kPrefix; ++i) s = (s << 8) | static_cast<unsigned char>(entry[i]);
  return s;
}

std::string_view item_key_of(std::string_view entry) { return entry.substr(kPrefix); }

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace dynarock::engine::expiry
