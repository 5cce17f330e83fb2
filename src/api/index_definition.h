// Parsing of key schemas and secondary index definitions, shared by CreateTable and UpdateTable.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/context.h"
#include "api/validate.h"

namespace dynarock::api {

using AttributeTypes = std::map<std::string, model::Type>;  // AttributeDefinitions by name

// Wire/constraint checks of a KeySchema list at `path` ("keySchema", "globalSecondaryIndexes.1.member.keySchema").
void check_key_schema(const Json* key_schema, const std::string& path, Constraints& c, size_t max_elements);
// Wire/constraint checks of one index definition (IndexName, KeySchema, Projection, ProvisionedThroughput).
void check_index(const Json& index, const std::string& path, Constraints& c, bool global);
void check_throughput(const Json* throughput, const std::string& path, Constraints& c);

// Semantic checks (after constraints) with DynamoDB's messages; returns the resolved schema.
model::KeySchema resolve_key_schema(const Json& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined);

// A validated index: its model and the JSON parts DescribeTable shows (KeySchema, Projection,
// ProvisionedThroughput).
model::IndexInfo resolve_index(const Json& index, bool global, const AttributeTypes& types,
                               const std::vector<std::string>& defined, bool pay_per_request, Json& described);

// ProvisionedThroughput as described: {"NumberOfDecreasesToday":0,"ReadCapacityUnits":r,"WriteCapacityUnits":w}.
Json described_throughput(const Json* throughput);

// StreamSpecification's StreamViewType ("" when absent).
std::string view_type_of(const Json& stream_specification);

}  // namespace dynarock::api
