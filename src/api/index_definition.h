// Parsing of key schemas and secondary index definitions, shared by CreateTable and UpdateTable
// (typed requests), and the description parts they store.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/context.h"
#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

using AttributeTypes = std::map<std::string, model::Type>;  // AttributeDefinitions by name
using KeySchemaList = std::vector<shapes::KeySchemaElement>;

// A null element of a KeySchema or index list is a wire error ("Unexpected value type in
// payload"), reported before any constraint; the decoders drop such elements, so the request's
// JSON is scanned for them first. `member` names a list of structures that may hold a KeySchema.
void refuse_null_elements(const wire::Value& req, const char* member);

// Wire/constraint checks of a KeySchema list at `path` ("keySchema", "globalSecondaryIndexes.1.member.keySchema").
void check_key_schema(const KeySchemaList* key_schema, const std::string& path, Constraints& c, size_t max_elements);
// Wire/constraint checks of one index definition (IndexName, KeySchema, Projection, and for a
// global index ProvisionedThroughput).
template <typename Index>
void check_index(const Index& index, const std::string& path, Constraints& c);
void check_throughput(const shapes::ProvisionedThroughput* throughput, const std::string& path, Constraints& c);
// AttributeDefinitions' constraints ("attributeDefinitions.N.member.attributeName" ...).
void check_attribute_definitions(const std::vector<shapes::AttributeDefinition>& defs, Constraints& c);

// At most 100 INCLUDE NonKeyAttributes across all of a table's indexes (ALL and KEYS_ONLY count none).
constexpr size_t kMaxProjectedAttributes = 100;
void check_projected_attribute_count(const std::vector<model::IndexInfo>& indexes);

// Semantic checks (after constraints) with DynamoDB's messages; returns the resolved schema.
model::KeySchema resolve_key_schema(const KeySchemaList& key_schema, const AttributeTypes& types, const std::vector<std::string>& defined);

// A validated index: its model and the JSON parts DescribeTable shows (KeySchema, Projection,
// ProvisionedThroughput). Index is LocalSecondaryIndex, GlobalSecondaryIndex or
// CreateGlobalSecondaryIndexAction.
template <typename Index>
model::IndexInfo resolve_index(const Index& index, bool global, const AttributeTypes& types,
                               const std::vector<std::string>& defined, bool pay_per_request, Json& described);

// ProvisionedThroughput as described: {"NumberOfDecreasesToday":0,"ReadCapacityUnits":r,"WriteCapacityUnits":w}.
Json described_throughput(const shapes::ProvisionedThroughput* throughput);

// The stored (described) form of request parts.
Json key_schema_json(const KeySchemaList& key_schema);
Json attribute_definitions_json(const std::vector<shapes::AttributeDefinition>& defs);

// The attribute type of an AttributeDefinition's AttributeType ("N", "B", otherwise S).
model::Type attribute_type(const std::string& type);

}  // namespace dynarock::api
