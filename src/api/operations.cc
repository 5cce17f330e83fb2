#include "api/operations.h"

#include <utility>

namespace dynarock::api {

Handler find_operation(std::string_view name) {
  static constexpr std::pair<std::string_view, Handler> kOperations[] = {
      {"CreateTable", create_table},
      {"DescribeTable", describe_table},
      {"ListTables", list_tables},
      {"DeleteTable", delete_table},
      {"UpdateTable", update_table},
      {"PutItem", put_item},
      {"GetItem", get_item},
      {"DeleteItem", delete_item},
      {"UpdateItem", update_item},
      {"Query", query},
      {"Scan", scan},
      {"BatchGetItem", batch_get_item},
      {"BatchWriteItem", batch_write_item},
      {"TransactGetItems", transact_get_items},
      {"TransactWriteItems", transact_write_items},
      {"TagResource", tag_resource},
      {"UntagResource", untag_resource},
      {"ListTagsOfResource", list_tags_of_resource},
      {"DescribeLimits", describe_limits},
      {"DescribeEndpoints", describe_endpoints},
      {"CreateBackup", create_backup},
      {"DescribeBackup", describe_backup},
      {"ListBackups", list_backups},
      {"DeleteBackup", delete_backup},
      {"RestoreTableFromBackup", restore_table_from_backup},
      {"UpdateContinuousBackups", update_continuous_backups},
      {"DescribeContinuousBackups", describe_continuous_backups},
      {"RestoreTableToPointInTime", restore_table_to_point_in_time},
      {"EnableKinesisStreamingDestination", enable_kinesis_streaming_destination},
      {"DisableKinesisStreamingDestination", disable_kinesis_streaming_destination},
      {"DescribeKinesisStreamingDestination", describe_kinesis_streaming_destination},
      {"UpdateKinesisStreamingDestination", update_kinesis_streaming_destination},
      {"PutResourcePolicy", put_resource_policy},
      {"GetResourcePolicy", get_resource_policy},
      {"DeleteResourcePolicy", delete_resource_policy},
      {"UpdateContributorInsights", update_contributor_insights},
      {"DescribeContributorInsights", describe_contributor_insights},
      {"ListContributorInsights", list_contributor_insights},
      {"CreateGlobalTable", create_global_table},
      {"DescribeGlobalTable", describe_global_table},
      {"UpdateGlobalTable", update_global_table},
      {"ListGlobalTables", list_global_tables},
      {"DescribeGlobalTableSettings", describe_global_table_settings},
      {"UpdateGlobalTableSettings", update_global_table_settings},
      {"DescribeTableReplicaAutoScaling", describe_table_replica_auto_scaling},
      {"UpdateTableReplicaAutoScaling", update_table_replica_auto_scaling},
      {"ExportTableToPointInTime", export_table_to_point_in_time},
      {"DescribeExport", describe_export},
      {"ListExports", list_exports},
      {"ImportTable", import_table},
      {"DescribeImport", describe_import},
      {"ListImports", list_imports},
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api
