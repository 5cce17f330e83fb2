// The expiry index behind TTL: one entry per item whose TTL attribute can still expire, keyed
//   table id (4 bytes) | expiry (8 bytes, big-endian epoch seconds) | the item's storage key
// with an empty value, so a sweep walks a table's entries from the oldest expiry up to now and
// its cost follows the expired items, never the table size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/attribute_value.h"

namespace dynarock::engine::expiry {

// DynamoDB ignores TTL values more than five years in the past.
inline constexpr double kMaxAge = 5.0 * 365 * 24 * 3600;

// The TTL value of `item`: its `attribute` when that is a Number (epoch seconds); other types and
// an absent attribute never expire.
std::optional<double> ttl_value(const model::Item& item, const std::string& attribute);

// Whether an item with TTL value `ttl` has expired at `now` (epoch seconds): at or before now and
// not more than five years before it.
bool expired(double ttl, double now);

// Whether a TTL value can still expire at or after `now`, so it deserves an entry.
bool may_expire(double ttl, double now);

// The whole second an entry sorts by: floor(ttl), clamped to [0, 2^62].
uint64_t entry_second(double ttl);

std::string entry_key(uint32_t table_id, uint64_t second, std::string_view item_key);
// The entry of `item` at `now`, or nullopt when it gets none (no Number, or too old to expire).
std::optional<std::string> entry_of(uint32_t table_id, const model::Item& item, const std::string& attribute,
                                    std::string_view item_key, double now);
// The entry key of `item` whatever its age (to remove an entry a write is replacing).
std::optional<std::string> any_entry_of(uint32_t table_id, const model::Item& item, const std::string& attribute,
                                        std::string_view item_key);

// The parts of an entry key (the key must come from entry_key).
uint64_t second_of(std::string_view entry);
std::string_view item_key_of(std::string_view entry);

// Epoch seconds now (wall clock, as TTL values are).
double now_seconds();

}  // namespace dynarock::engine::expiry
