// The TableDescription that CreateTable, DescribeTable, UpdateTable and DeleteTable return.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// `live_counts`: report ItemCount / TableSizeBytes from storage (DescribeTable) rather than 0.
Json describe(Context& ctx, const model::TableInfo& table, bool live_counts, const char* status_override = nullptr);

// Table status as clients see it: with -delayTransientStatuses a new table is CREATING and an
// updated one UPDATING for a short while.
std::string visible_status(const Context& ctx, const model::TableInfo& table);

double now_seconds();

// DescribeTable's and DeleteTable's prologue: TableName (a name or ARN) validated, the table
// found, or ResourceNotFoundException in DynamoDB's words.
model::TablePtr find_table_to_describe(Context& ctx, const std::optional<std::string>& table_name);
model::TablePtr find_table_to_describe(Context& ctx, const nlohmann::json& request) = delete;  // pass the member

// A new TableId (a random UUID).
std::string new_table_id();

}  // namespace dynarock::api
