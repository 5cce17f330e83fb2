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
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api
