// The hash that orders partitions in storage, so Scan order and parallel-scan segments are
// DynamoDB's: MD5 of "Outliers" followed by the partition key value's bytes (a string's UTF-8, a
// binary's raw bytes, a number in DynamoDB's byte form, see dynamodb_number_bytes), read as a
// big-endian integer; segment s of T holds the hashes whose first 12 bits h satisfy
// ceil(4096 s / T) <= h < ceil(4096 (s + 1) / T). (These reproduce the orders and segment
// members recorded against DynamoDB; see docs/compatibility.md.)
//
// Data directories written before format 3 keep the FNV-based hash they were written with, so
// they read as written: the hash is a property of the directory, fixed when it is opened.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.h"

namespace dynarock::engine::key_hash {

enum class Scheme { dynamodb, legacy };

// Every storage open in the process uses one scheme: acquire throws std::runtime_error while a
// storage with the other scheme is open; release when that storage closes.
void acquire(Scheme scheme);
void release(Scheme scheme);

// The hash of one partition key value, or of a multi-attribute partition key's values in order
// (`encoded`: their storage encodings joined, which the legacy scheme hashes).
uint64_t of(const model::AttributeValue& value);
uint64_t of(const std::vector<model::AttributeValue>& values, std::string_view encoded);

// The first 12-bit bucket of segment `s` of `total`: ceil(4096 s / total), 4096 when the
// segment lies past every hash (more segments than buckets leaves some empty).
long long segment_start(long long s, long long total);

// DynamoDB's byte form of a number (normalised decimal text): a base-100 exponent byte, then
// base-100 digit pairs (+1; for negatives 101 - pair and the exponent byte inverted, ending in
// 102 when shorter than 20 pairs); zero is the single byte 0x80.
std::string dynamodb_number_bytes(const std::string& text);

}  // namespace dynarock::engine::key_hash
