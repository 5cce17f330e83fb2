// Shared by the backup and point-in-time operations: backup records, ARNs, timestamps, and the
// definition of a restored table with the restore's overrides.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

inline constexpr char kBackupRecord[] = "backup";

// "arn:aws:dynamodb:<region>:000000000000:table/<table>/backup/<14-digit millis>-<8 hex>".
std::string new_backup_arn(const model::TableInfo& table, double now);

// The stored backup record for `arn`, or BackupNotFoundException.
Json require_backup(Context& ctx, const std::string& arn);
// Validates the request's BackupArn and returns its record.
Json backup_of_request(Context& ctx, const std::optional<std::string>& backup_arn);

// BackupDetails / BackupSummary / BackupDescription from a stored record.
Json backup_details(const Json& record);
Json backup_summary(const Json& record);
Json backup_description(const Json& record);

// The override members common to both restores' typed requests (null when absent).
struct RestoreOverrides {
  const std::string* billing_mode = nullptr;
  const std::vector<shapes::GlobalSecondaryIndex>* global_indexes = nullptr;
  const std::vector<shapes::LocalSecondaryIndex>* local_indexes = nullptr;
  const shapes::ProvisionedThroughput* throughput = nullptr;
  const shapes::OnDemandThroughput* on_demand = nullptr;
  const shapes::SSESpecification* sse = nullptr;
};
template <typename Input>
RestoreOverrides restore_overrides(const Input& req) {
  return {ptr(req.BillingModeOverride),           ptr(req.GlobalSecondaryIndexOverride), ptr(req.LocalSecondaryIndexOverride),
          ptr(req.ProvisionedThroughputOverride), ptr(req.OnDemandThroughputOverride),   ptr(req.SSESpecificationOverride)};
}

// The source's definition for a restore into `target_name`: new table id, no stream, TTL, PITR,
// tags or deletion protection (DynamoDB restores none of them), then the request's overrides
// (BillingModeOverride, ProvisionedThroughputOverride, OnDemandThroughputOverride,
// GlobalSecondaryIndexOverride, LocalSecondaryIndexOverride, SSESpecificationOverride).
model::TableInfo restored_definition(Context& ctx, const model::TableInfo& source, const std::string& target_name,
                                     const RestoreOverrides& overrides);

// Constraint checks of the override members common to both restores; a null index override
// entry is a SerializationException at once.
void check_restore_overrides(const RestoreOverrides& overrides, Constraints& c);

// ContinuousBackupsDescription of a table (point-in-time recovery state and window).
Json continuous_backups_description(const model::TableInfo& table);

// The restored table: created and filled by the engine; the response's TableDescription says
// CREATING with RestoreInProgress, as DynamoDB's does; later descriptions say ACTIVE.
std::string finish_restore(Context& ctx, model::TableInfo target, const engine::RestoreSource& source, Json summary);

// "Table not found: <name>" (TableNotFoundException), as the backup operations word it.
ApiError table_not_found(const std::string& name);

}  // namespace dynarock::api
