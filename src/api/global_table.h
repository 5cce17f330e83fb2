// Global tables (version 2017.11.29): a record per namespace naming the replica regions. One
// local table serves every replica; the record is what Describe/List report.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

inline constexpr char kGlobalTableRecord[] = "global_table";

// Validates GlobalTableName and returns it.
std::string global_table_name(const std::optional<std::string>& global_table_name);
// The record, or GlobalTableNotFoundException.
Json require_global_table(Context& ctx, const std::string& name);
// GlobalTableDescription from a record.
Json global_table_description(const Json& record);
// ReplicaSettings of every replica, from the local table's capacity settings.
Json global_table_settings(Context& ctx, const Json& record);

}  // namespace dynarock::api
