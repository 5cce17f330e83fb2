// Compact binary item encoding stored as RocksDB values: a type byte per value, varint lengths.
// Smaller and several times faster to decode than JSON text.
#pragma once

#include <string>
#include <string_view>

#include "model/attribute_value.h"

namespace dynarock::engine::item_codec {

void encode(const model::Item& item, std::string& out);
std::string encode(const model::Item& item);
// Throws std::runtime_error on corrupt input (never expected: we wrote it).
model::Item decode(std::string_view bytes);
// model::item_size of the encoded item, read straight from the bytes (no allocation): what a write
// needs to keep counts when nothing else needs the old item.
size_t item_size(std::string_view bytes);

}  // namespace dynarock::engine::item_codec
