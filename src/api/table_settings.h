// Table settings kept in the table's description (Kinesis destinations, resource policy,
// contributor insights, replicas, auto scaling): finding the table and storing a change.
#pragma once

#include <functional>
#include <string>

#include "api/context.h"
#include "api/validate.h"

namespace dynarock::api {

// The table named by `name` (a name or an ARN), or ResourceNotFoundException worded as
// DescribeTable words it.
model::TablePtr require_named_table(Context& ctx, const std::string& name);

// Applies `change` to a copy of the table's description and stores it.
model::TablePtr update_settings(Context& ctx, const model::TableInfo& table, const std::function<void(Json& extra)>& change);

}  // namespace dynarock::api
