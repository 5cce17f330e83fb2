#include "api/operations.h"

#include <type_traits>
#include <utility>

#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

using CheckFn = void (*)(const wire::Value&, shapes::Position, int);

// A typed operation: check, decode into the generated request struct (parse), run (execute),
// encode the generated output struct (serialize) unless the operation already wrote its text.
template <CheckFn Check, typename In, In (*Decode)(const wire::Value&), auto Run, auto Encode = nullptr>
std::string typed(Context& ctx, const wire::Value& req) {
  Check(req, shapes::Position::field, 0);
  auto result = Run(ctx, Decode(req));
  if constexpr (std::is_same_v<decltype(result), std::string>) {
    return result;
  } else {
    std::string out;
    Encode(result, out);
    return out;
  }
}

#define DYNAROCK_TYPED(Name, fn) \
  typed<shapes::check_##Name##Input, shapes::Name##Input, shapes::decode_##Name##Input, ops::fn>
#define DYNAROCK_TYPED_OUT(Name, fn)                                                            \
  typed<shapes::check_##Name##Input, shapes::Name##Input, shapes::decode_##Name##Input, ops::fn, \
        shapes::encode_##Name##Output>
// An operation whose input shape is not named <Name>Input (shared or named ...Request).
#define DYNAROCK_TYPED_SHAPE(Shape, fn) typed<shapes::check_##Shape, shapes::Shape, shapes::decode_##Shape, ops::fn>

}  // namespace

std::string create_table(Context& ctx, const wire::Value& req) {
  return typed<shapes::check_CreateTableInput, shapes::CreateTableInput, ops::decode_create_table, ops::create_table>(ctx, req);
}
std::string update_table(Context& ctx, const wire::Value& req) {
  return typed<shapes::check_UpdateTableInput, shapes::UpdateTableInput, ops::decode_update_table, ops::update_table>(ctx, req);
}
std::string describe_table(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DescribeTable, describe_table)(ctx, req); }
std::string list_tables(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ListTables, list_tables)(ctx, req); }
std::string delete_table(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DeleteTable, delete_table)(ctx, req); }
std::string get_item(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(GetItem, get_item)(ctx, req); }
std::string put_item(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED_OUT(PutItem, put_item)(ctx, req); }
std::string delete_item(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED_OUT(DeleteItem, delete_item)(ctx, req); }
std::string update_item(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED_OUT(UpdateItem, update_item)(ctx, req); }
std::string query(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(Query, query)(ctx, req); }
std::string scan(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(Scan, scan)(ctx, req); }
std::string batch_get_item(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED_OUT(BatchGetItem, batch_get_item)(ctx, req); }
std::string batch_write_item(Context& ctx, const wire::Value& req) {
  return typed<shapes::check_BatchWriteItemInput, shapes::BatchWriteItemInput, ops::decode_batch_write_item, ops::batch_write_item,
               shapes::encode_BatchWriteItemOutput>(ctx, req);
}
std::string transact_get_items(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(TransactGetItems, transact_get_items)(ctx, req); }
std::string transact_write_items(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(TransactWriteItems, transact_write_items)(ctx, req); }
std::string tag_resource(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(TagResource, tag_resource)(ctx, req); }
std::string untag_resource(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(UntagResource, untag_resource)(ctx, req); }
std::string list_tags_of_resource(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(ListTagsOfResource, list_tags_of_resource)(ctx, req);
}
std::string describe_limits(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DescribeLimits, describe_limits)(ctx, req); }
std::string describe_endpoints(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED_SHAPE(DescribeEndpointsRequest, describe_endpoints)(ctx, req);
}
std::string update_time_to_live(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(UpdateTimeToLive, update_time_to_live)(ctx, req); }
std::string describe_time_to_live(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeTimeToLive, describe_time_to_live)(ctx, req);
}
std::string create_backup(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(CreateBackup, create_backup)(ctx, req); }
std::string describe_backup(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DescribeBackup, describe_backup)(ctx, req); }
std::string list_backups(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ListBackups, list_backups)(ctx, req); }
std::string delete_backup(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DeleteBackup, delete_backup)(ctx, req); }
std::string update_continuous_backups(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(UpdateContinuousBackups, update_continuous_backups)(ctx, req);
}
std::string describe_continuous_backups(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeContinuousBackups, describe_continuous_backups)(ctx, req);
}
std::string enable_kinesis_streaming_destination(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED_SHAPE(KinesisStreamingDestinationInput, enable_kinesis_streaming_destination)(ctx, req);
}
std::string disable_kinesis_streaming_destination(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED_SHAPE(KinesisStreamingDestinationInput, disable_kinesis_streaming_destination)(ctx, req);
}
std::string describe_kinesis_streaming_destination(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeKinesisStreamingDestination, describe_kinesis_streaming_destination)(ctx, req);
}
std::string update_kinesis_streaming_destination(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(UpdateKinesisStreamingDestination, update_kinesis_streaming_destination)(ctx, req);
}
std::string put_resource_policy(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(PutResourcePolicy, put_resource_policy)(ctx, req); }
std::string get_resource_policy(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(GetResourcePolicy, get_resource_policy)(ctx, req); }
std::string delete_resource_policy(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DeleteResourcePolicy, delete_resource_policy)(ctx, req);
}
std::string update_contributor_insights(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(UpdateContributorInsights, update_contributor_insights)(ctx, req);
}
std::string describe_contributor_insights(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeContributorInsights, describe_contributor_insights)(ctx, req);
}
std::string list_contributor_insights(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(ListContributorInsights, list_contributor_insights)(ctx, req);
}
std::string create_global_table(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(CreateGlobalTable, create_global_table)(ctx, req); }
std::string describe_global_table(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeGlobalTable, describe_global_table)(ctx, req);
}
std::string update_global_table(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(UpdateGlobalTable, update_global_table)(ctx, req); }
std::string list_global_tables(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ListGlobalTables, list_global_tables)(ctx, req); }
std::string describe_global_table_settings(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeGlobalTableSettings, describe_global_table_settings)(ctx, req);
}
std::string update_global_table_settings(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(UpdateGlobalTableSettings, update_global_table_settings)(ctx, req);
}
std::string describe_table_replica_auto_scaling(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(DescribeTableReplicaAutoScaling, describe_table_replica_auto_scaling)(ctx, req);
}
std::string describe_export(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DescribeExport, describe_export)(ctx, req); }
std::string list_exports(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ListExports, list_exports)(ctx, req); }
std::string describe_import(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(DescribeImport, describe_import)(ctx, req); }
std::string list_imports(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ListImports, list_imports)(ctx, req); }
std::string restore_table_from_backup(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(RestoreTableFromBackup, restore_table_from_backup)(ctx, req);
}
std::string restore_table_to_point_in_time(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(RestoreTableToPointInTime, restore_table_to_point_in_time)(ctx, req);
}
std::string execute_statement(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ExecuteStatement, execute_statement)(ctx, req); }
std::string batch_execute_statement(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(BatchExecuteStatement, batch_execute_statement)(ctx, req);
}
std::string execute_transaction(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ExecuteTransaction, execute_transaction)(ctx, req); }
std::string export_table_to_point_in_time(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(ExportTableToPointInTime, export_table_to_point_in_time)(ctx, req);
}
std::string import_table(Context& ctx, const wire::Value& req) { return DYNAROCK_TYPED(ImportTable, import_table)(ctx, req); }
std::string update_table_replica_auto_scaling(Context& ctx, const wire::Value& req) {
  return DYNAROCK_TYPED(UpdateTableReplicaAutoScaling, update_table_replica_auto_scaling)(ctx, req);
}

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
      {"ExecuteStatement", execute_statement},
      {"BatchExecuteStatement", batch_execute_statement},
      {"ExecuteTransaction", execute_transaction},
      {"UpdateTimeToLive", update_time_to_live},
      {"DescribeTimeToLive", describe_time_to_live},
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
