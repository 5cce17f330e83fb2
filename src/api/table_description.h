// The TableDescription that CreateTable, DescribeTable, UpdateTable and DeleteTable return.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

class Constraints;

// `live_counts`: report ItemCount / TableSizeBytes from storage (DescribeTable) rather than 0.
Json describe(Context& ctx, const model::TableInfo& table, bool live_counts, const char* status_override = nullptr);

// Table status as clients see it: with -delayTransientStatuses a new table is CREATING and an
// updated one UPDATING for a short while.
std::string visible_status(const Context& ctx, const model::TableInfo& table);

// The table's billing mode as described: "PROVISIONED" unless its BillingModeSummary says otherwise.
std::string billing_mode(const model::TableInfo& table);

double now_seconds();

// The table operations' (CreateTable, DescribeTable, DeleteTable, UpdateTable,
// DescribeTimeToLive, UpdateTimeToLive) own TableName checks, made before the service model's
// constraints as DynamoDB makes them: a missing name and a name outside 3..255 characters have their own
// messages. A table ARN (allow_arn) skips the length rule.
void check_table_operation_name(const std::string* name, bool allow_arn);
// The constraint on a name these operations collect with the others: the name pattern, or for
// an ARN the model's 1..1024 characters.
void table_operation_name_constraint(Constraints& c, const std::string& name);
// CreateTable's and UpdateTable's TableClass: DynamoDB checks it after the model's constraints,
// in words of its own.
void check_table_class(const std::string* table_class);

// DescribeTable's and DeleteTable's prologue: TableName (a name or ARN) validated, the table
// found, or ResourceNotFoundException in DynamoDB's words.
model::TablePtr find_table_to_describe(Context& ctx, const std::optional<std::string>& table_name);
model::TablePtr find_table_to_describe(Context& ctx, const nlohmann::json& request) = delete;  // pass the member

// A new TableId (a random UUID).
std::string new_table_id();

}  // namespace dynarock::api
