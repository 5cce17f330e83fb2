// UpdateTable's validation, in the order DynamoDB applies it: the request alone first (so a
// table that does not exist is not looked up), then the request against the table as it is.
// docs/compatibility.md ("UpdateTable validation") names the records each rule follows.
#pragma once

#include "api/context.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// Constraints ("N validation errors detected"), "At least one of ... is required", the throughput
// bounds and the structure of GlobalSecondaryIndexUpdates. TableName is already present.
void check_update_table_request(const shapes::UpdateTableInput& req);

// The index actions' limits and existence, then the billing mode and throughput rules.
void check_update_table_against(const shapes::UpdateTableInput& req, const model::TableInfo& table);

}  // namespace dynarock::api
