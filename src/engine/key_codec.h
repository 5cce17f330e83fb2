// Order-preserving, self-delimiting key encoding. RocksDB compares bytes, so the encoding makes
// bytewise order equal DynamoDB's order: strings and binaries by unsigned bytes, numbers by value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.h"
#include "model/key_schema.h"

namespace dynarock::engine::key_codec {

// Appends a 4-byte big-endian id (table or index id): every key of a table shares it as prefix.
void append_id(std::string& out, uint32_t id);

// Appends the encoding of a scalar key value (S, N or B).
void append_value(std::string& out, const model::AttributeValue& value);

// 64-bit hash of a partition key value (key_hash.h: DynamoDB's, or the legacy one of an older
// directory); stored big-endian before the value so that Scan order (and parallel-scan
// segments) follow the hash, as in DynamoDB.
uint64_t partition_hash(const model::AttributeValue& value);
void append_hash(std::string& out, uint64_t hash);

// id | hash(pk) | enc(pk): the prefix every item of one partition shares.
std::string partition_prefix(uint32_t id, const model::AttributeValue& hash_value);
// An index partition: for one attribute the same as partition_prefix; for a multi-attribute
// partition key, id | hash(enc(v1)..enc(vn)) | enc(v1)..enc(vn).
std::string index_partition_prefix(uint32_t id, const std::vector<model::AttributeValue>& hash_values);
// id | hash(pk) | enc(pk) | enc(sk)
std::string item_key(uint32_t id, const model::PrimaryKey& key);

// The smallest key strictly greater than every key starting with `prefix`.
std::string prefix_successor(std::string prefix);

}  // namespace dynarock::engine::key_codec
