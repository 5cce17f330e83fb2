#include "api/operations.h"

#include <type_traits>
#include <utility>

#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

using CheckFn = void (*)(const Json&, shapes::Position, int);

// Every request is type-checked against its operation's input shape before the operation sees
// it: a wrong wire type is a SerializationException before any validation, as in DynamoDB.
template <CheckFn Check, Handler Run>
std::string checked(Context& ctx, const Json& req) {
  Check(req, shapes::Position::field, 0);
  return Run(ctx, req);
}

// A typed operation: check, decode into the generated request struct (parse), run (execute),
// encode the generated output struct (serialize) unless the operation already wrote its text.
template <CheckFn Check, typename In, In (*Decode)(const Json&), auto Run, auto Encode = nullptr>
std::string typed(Context& ctx, const Json& req) {
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
#define DYNAROCK_CHECKED(Name, fn) checked<shapes::check_##Name##Input, fn>

}  // namespace

std::string create_table(Context& ctx, const Json& req) {
  return typed<shapes::check_CreateTableInput, shapes::CreateTableInput, ops::decode_create_table, ops::create_table>(ctx, req);
}
std::string update_table(Context& ctx, const Json& req) {
  return typed<shapes::check_UpdateTableInput, shapes::UpdateTableInput, ops::decode_update_table, ops::update_table>(ctx, req);
}
std::string describe_table(Context& ctx, const Json& req) { return DYNAROCK_TYPED(DescribeTable, describe_table)(ctx, req); }
std::string list_tables(Context& ctx, const Json& req) { return DYNAROCK_TYPED(ListTables, list_tables)(ctx, req); }
std::string delete_table(Context& ctx, const Json& req) { return DYNAROCK_TYPED(DeleteTable, delete_table)(ctx, req); }
std::string get_item(Context& ctx, const Json& req) { return DYNAROCK_TYPED(GetItem, get_item)(ctx, req); }
std::string put_item(Context& ctx, const Json& req) { return DYNAROCK_TYPED_OUT(PutItem, put_item)(ctx, req); }
std::string delete_item(Context& ctx, const Json& req) { return DYNAROCK_TYPED_OUT(DeleteItem, delete_item)(ctx, req); }
std::string update_item(Context& ctx, const Json& req) { return DYNAROCK_TYPED_OUT(UpdateItem, update_item)(ctx, req); }
std::string query(Context& ctx, const Json& req) { return DYNAROCK_TYPED(Query, query)(ctx, req); }
std::string scan(Context& ctx, const Json& req) { return DYNAROCK_TYPED(Scan, scan)(ctx, req); }
std::string batch_get_item(Context& ctx, const Json& req) { return DYNAROCK_TYPED_OUT(BatchGetItem, batch_get_item)(ctx, req); }
std::string batch_write_item(Context& ctx, const Json& req) {
  return typed<shapes::check_BatchWriteItemInput, shapes::BatchWriteItemInput, ops::decode_batch_write_item, ops::batch_write_item,
               shapes::encode_BatchWriteItemOutput>(ctx, req);
}
std::string transact_get_items(Context& ctx, const Json& req) { return DYNAROCK_TYPED(TransactGetItems, transact_get_items)(ctx, req); }
std::string transact_write_items(Context& ctx, const Json& req) { return DYNAROCK_TYPED(TransactWriteItems, transact_write_items)(ctx, req); }
std::string tag_resource(Context& ctx, const Json& req) { return DYNAROCK_TYPED(TagResource, tag_resource)(ctx, req); }
std::string untag_resource(Context& ctx, const Json& req) { return DYNAROCK_TYPED(UntagResource, untag_resource)(ctx, req); }
std::string list_tags_of_resource(Context& ctx, const Json& req) {
  return DYNAROCK_TYPED(ListTagsOfResource, list_tags_of_resource)(ctx, req);
}
std::string describe_limits(Context& ctx, const Json& req) { return DYNAROCK_TYPED(DescribeLimits, describe_limits)(ctx, req); }
std::string describe_endpoints(Context& ctx, const Json& req) {
  return typed<shapes::check_DescribeEndpointsRequest, shapes::DescribeEndpointsRequest,
               shapes::decode_DescribeEndpointsRequest, ops::describe_endpoints>(ctx, req);
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
      {"ExecuteStatement", DYNAROCK_CHECKED(ExecuteStatement, execute_statement)},
      {"BatchExecuteStatement", DYNAROCK_CHECKED(BatchExecuteStatement, batch_execute_statement)},
      {"ExecuteTransaction", DYNAROCK_CHECKED(ExecuteTransaction, execute_transaction)},
      {"UpdateTimeToLive", DYNAROCK_CHECKED(UpdateTimeToLive, update_time_to_live)},
      {"DescribeTimeToLive", DYNAROCK_CHECKED(DescribeTimeToLive, describe_time_to_live)},
      {"CreateBackup", DYNAROCK_CHECKED(CreateBackup, create_backup)},
      {"DescribeBackup", DYNAROCK_CHECKED(DescribeBackup, describe_backup)},
      {"ListBackups", DYNAROCK_CHECKED(ListBackups, list_backups)},
      {"DeleteBackup", DYNAROCK_CHECKED(DeleteBackup, delete_backup)},
      {"RestoreTableFromBackup", DYNAROCK_CHECKED(RestoreTableFromBackup, restore_table_from_backup)},
      {"UpdateContinuousBackups", DYNAROCK_CHECKED(UpdateContinuousBackups, update_continuous_backups)},
      {"DescribeContinuousBackups", DYNAROCK_CHECKED(DescribeContinuousBackups, describe_continuous_backups)},
      {"RestoreTableToPointInTime", DYNAROCK_CHECKED(RestoreTableToPointInTime, restore_table_to_point_in_time)},
      {"EnableKinesisStreamingDestination", DYNAROCK_CHECKED(KinesisStreamingDestination, enable_kinesis_streaming_destination)},
      {"DisableKinesisStreamingDestination", DYNAROCK_CHECKED(KinesisStreamingDestination, disable_kinesis_streaming_destination)},
      {"DescribeKinesisStreamingDestination", DYNAROCK_CHECKED(DescribeKinesisStreamingDestination, describe_kinesis_streaming_destination)},
      {"UpdateKinesisStreamingDestination", DYNAROCK_CHECKED(UpdateKinesisStreamingDestination, update_kinesis_streaming_destination)},
      {"PutResourcePolicy", DYNAROCK_CHECKED(PutResourcePolicy, put_resource_policy)},
      {"GetResourcePolicy", DYNAROCK_CHECKED(GetResourcePolicy, get_resource_policy)},
      {"DeleteResourcePolicy", DYNAROCK_CHECKED(DeleteResourcePolicy, delete_resource_policy)},
      {"UpdateContributorInsights", DYNAROCK_CHECKED(UpdateContributorInsights, update_contributor_insights)},
      {"DescribeContributorInsights", DYNAROCK_CHECKED(DescribeContributorInsights, describe_contributor_insights)},
      {"ListContributorInsights", DYNAROCK_CHECKED(ListContributorInsights, list_contributor_insights)},
      {"CreateGlobalTable", DYNAROCK_CHECKED(CreateGlobalTable, create_global_table)},
      {"DescribeGlobalTable", DYNAROCK_CHECKED(DescribeGlobalTable, describe_global_table)},
      {"UpdateGlobalTable", DYNAROCK_CHECKED(UpdateGlobalTable, update_global_table)},
      {"ListGlobalTables", DYNAROCK_CHECKED(ListGlobalTables, list_global_tables)},
      {"DescribeGlobalTableSettings", DYNAROCK_CHECKED(DescribeGlobalTableSettings, describe_global_table_settings)},
      {"UpdateGlobalTableSettings", DYNAROCK_CHECKED(UpdateGlobalTableSettings, update_global_table_settings)},
      {"DescribeTableReplicaAutoScaling", DYNAROCK_CHECKED(DescribeTableReplicaAutoScaling, describe_table_replica_auto_scaling)},
      {"UpdateTableReplicaAutoScaling", DYNAROCK_CHECKED(UpdateTableReplicaAutoScaling, update_table_replica_auto_scaling)},
      {"ExportTableToPointInTime", DYNAROCK_CHECKED(ExportTableToPointInTime, export_table_to_point_in_time)},
      {"DescribeExport", DYNAROCK_CHECKED(DescribeExport, describe_export)},
      {"ListExports", DYNAROCK_CHECKED(ListExports, list_exports)},
      {"ImportTable", DYNAROCK_CHECKED(ImportTable, import_table)},
      {"DescribeImport", DYNAROCK_CHECKED(DescribeImport, describe_import)},
      {"ListImports", DYNAROCK_CHECKED(ListImports, list_imports)},
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api
