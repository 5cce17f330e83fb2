// The DynamoDB operations this server implements, one file each under src/api.
#pragma once

#include <string_view>

#include "api/context.h"

namespace dynarock::shapes {
struct CreateTableInput;
struct UpdateTableInput;
struct DescribeTableInput;
struct ListTablesInput;
struct DeleteTableInput;
struct TagResourceInput;
struct UntagResourceInput;
struct ListTagsOfResourceInput;
struct DescribeLimitsInput;
struct DescribeEndpointsRequest;
struct GetItemInput;
struct PutItemInput;
struct PutItemOutput;
struct DeleteItemInput;
struct DeleteItemOutput;
struct UpdateItemInput;
struct UpdateItemOutput;
struct QueryInput;
struct ScanInput;
struct BatchGetItemInput;
struct BatchGetItemOutput;
struct BatchWriteItemInput;
struct BatchWriteItemOutput;
struct TransactGetItemsInput;
struct TransactWriteItemsInput;
struct UpdateTimeToLiveInput;
struct DescribeTimeToLiveInput;
struct CreateBackupInput;
struct DescribeBackupInput;
struct ListBackupsInput;
struct DeleteBackupInput;
struct UpdateContinuousBackupsInput;
struct DescribeContinuousBackupsInput;
struct KinesisStreamingDestinationInput;
struct DescribeKinesisStreamingDestinationInput;
struct UpdateKinesisStreamingDestinationInput;
struct PutResourcePolicyInput;
struct GetResourcePolicyInput;
struct DeleteResourcePolicyInput;
struct UpdateContributorInsightsInput;
struct DescribeContributorInsightsInput;
struct ListContributorInsightsInput;
struct CreateGlobalTableInput;
struct DescribeGlobalTableInput;
struct UpdateGlobalTableInput;
struct ListGlobalTablesInput;
struct DescribeGlobalTableSettingsInput;
struct UpdateGlobalTableSettingsInput;
struct DescribeTableReplicaAutoScalingInput;
struct DescribeExportInput;
struct ListExportsInput;
struct DescribeImportInput;
struct ListImportsInput;
struct RestoreTableFromBackupInput;
struct RestoreTableToPointInTimeInput;
struct ExecuteStatementInput;
struct BatchExecuteStatementInput;
struct ExecuteTransactionInput;
struct ExportTableToPointInTimeInput;
struct ImportTableInput;
struct UpdateTableReplicaAutoScalingInput;
}  // namespace dynarock::shapes

namespace dynarock::api {

// Every operation as a JSON handler (request JSON in, response text out), for in-process callers
// (PartiQL). Those of typed operations type-check the request against its input shape
// (SerializationException) and decode it; find_operation's handlers type-check every request.
std::string create_table(Context&, const wire::Value&);
std::string describe_table(Context&, const wire::Value&);
std::string list_tables(Context&, const wire::Value&);
std::string delete_table(Context&, const wire::Value&);
std::string update_table(Context&, const wire::Value&);
std::string put_item(Context&, const wire::Value&);
std::string get_item(Context&, const wire::Value&);
std::string delete_item(Context&, const wire::Value&);
std::string update_item(Context&, const wire::Value&);
std::string query(Context&, const wire::Value&);
std::string batch_get_item(Context&, const wire::Value&);
std::string batch_write_item(Context&, const wire::Value&);
std::string transact_get_items(Context&, const wire::Value&);
std::string transact_write_items(Context&, const wire::Value&);
std::string scan(Context&, const wire::Value&);
std::string tag_resource(Context&, const wire::Value&);
std::string untag_resource(Context&, const wire::Value&);
std::string list_tags_of_resource(Context&, const wire::Value&);
std::string describe_limits(Context&, const wire::Value&);
std::string describe_endpoints(Context&, const wire::Value&);
std::string execute_statement(Context&, const wire::Value&);
std::string batch_execute_statement(Context&, const wire::Value&);
std::string execute_transaction(Context&, const wire::Value&);
std::string update_time_to_live(Context&, const wire::Value&);
std::string describe_time_to_live(Context&, const wire::Value&);
// Backups and point-in-time recovery.
std::string create_backup(Context&, const wire::Value&);
std::string describe_backup(Context&, const wire::Value&);
std::string list_backups(Context&, const wire::Value&);
std::string delete_backup(Context&, const wire::Value&);
std::string restore_table_from_backup(Context&, const wire::Value&);
std::string update_continuous_backups(Context&, const wire::Value&);
std::string describe_continuous_backups(Context&, const wire::Value&);
std::string restore_table_to_point_in_time(Context&, const wire::Value&);
// Kinesis destinations, resource policies, contributor insights, global tables, auto scaling.
std::string enable_kinesis_streaming_destination(Context&, const wire::Value&);
std::string disable_kinesis_streaming_destination(Context&, const wire::Value&);
std::string describe_kinesis_streaming_destination(Context&, const wire::Value&);
std::string update_kinesis_streaming_destination(Context&, const wire::Value&);
std::string put_resource_policy(Context&, const wire::Value&);
std::string get_resource_policy(Context&, const wire::Value&);
std::string delete_resource_policy(Context&, const wire::Value&);
std::string update_contributor_insights(Context&, const wire::Value&);
std::string describe_contributor_insights(Context&, const wire::Value&);
std::string list_contributor_insights(Context&, const wire::Value&);
std::string create_global_table(Context&, const wire::Value&);
std::string describe_global_table(Context&, const wire::Value&);
std::string update_global_table(Context&, const wire::Value&);
std::string list_global_tables(Context&, const wire::Value&);
std::string describe_global_table_settings(Context&, const wire::Value&);
std::string update_global_table_settings(Context&, const wire::Value&);
std::string describe_table_replica_auto_scaling(Context&, const wire::Value&);
std::string update_table_replica_auto_scaling(Context&, const wire::Value&);
// Exports to and imports from the folder standing in for S3.
std::string export_table_to_point_in_time(Context&, const wire::Value&);
std::string describe_export(Context&, const wire::Value&);
std::string list_exports(Context&, const wire::Value&);
std::string import_table(Context&, const wire::Value&);
std::string describe_import(Context&, const wire::Value&);
std::string list_imports(Context&, const wire::Value&);

// The handler for an operation name ("PutItem"), or nullptr.
Handler find_operation(std::string_view name);

// Typed operations: the generated request struct (protocol/generated/shapes.h) in, the response
// out, as a generated output struct or (not yet converted outputs) its text. The JSON handlers
// above decode into these.
namespace ops {
// CreateTable's and UpdateTable's decoders: a null element of a KeySchema or index list is a
// SerializationException first (the generated decoders drop null elements).
shapes::CreateTableInput decode_create_table(const wire::Value&);
std::string create_table(Context&, const shapes::CreateTableInput&);
shapes::UpdateTableInput decode_update_table(const wire::Value&);
std::string update_table(Context&, const shapes::UpdateTableInput&);
std::string describe_table(Context&, const shapes::DescribeTableInput&);
std::string list_tables(Context&, const shapes::ListTablesInput&);
std::string delete_table(Context&, const shapes::DeleteTableInput&);
std::string get_item(Context&, const shapes::GetItemInput&);
shapes::PutItemOutput put_item(Context&, const shapes::PutItemInput&);
shapes::DeleteItemOutput delete_item(Context&, const shapes::DeleteItemInput&);
shapes::UpdateItemOutput update_item(Context&, const shapes::UpdateItemInput&);
std::string query(Context&, const shapes::QueryInput&);
std::string scan(Context&, const shapes::ScanInput&);
shapes::BatchGetItemOutput batch_get_item(Context&, const shapes::BatchGetItemInput&);
shapes::BatchWriteItemOutput batch_write_item(Context&, const shapes::BatchWriteItemInput&);
// BatchWriteItem's decoder: a null RequestItems entry is a SerializationException first.
shapes::BatchWriteItemInput decode_batch_write_item(const wire::Value&);
std::string transact_get_items(Context&, const shapes::TransactGetItemsInput&);
std::string transact_write_items(Context&, const shapes::TransactWriteItemsInput&);
std::string tag_resource(Context&, const shapes::TagResourceInput&);
std::string untag_resource(Context&, const shapes::UntagResourceInput&);
std::string list_tags_of_resource(Context&, const shapes::ListTagsOfResourceInput&);
std::string describe_limits(Context&, const shapes::DescribeLimitsInput&);
std::string describe_endpoints(Context&, const shapes::DescribeEndpointsRequest&);
std::string update_time_to_live(Context&, const shapes::UpdateTimeToLiveInput&);
std::string describe_time_to_live(Context&, const shapes::DescribeTimeToLiveInput&);
std::string create_backup(Context&, const shapes::CreateBackupInput&);
std::string describe_backup(Context&, const shapes::DescribeBackupInput&);
std::string list_backups(Context&, const shapes::ListBackupsInput&);
std::string delete_backup(Context&, const shapes::DeleteBackupInput&);
std::string update_continuous_backups(Context&, const shapes::UpdateContinuousBackupsInput&);
std::string describe_continuous_backups(Context&, const shapes::DescribeContinuousBackupsInput&);
std::string enable_kinesis_streaming_destination(Context&, const shapes::KinesisStreamingDestinationInput&);
std::string disable_kinesis_streaming_destination(Context&, const shapes::KinesisStreamingDestinationInput&);
std::string describe_kinesis_streaming_destination(Context&, const shapes::DescribeKinesisStreamingDestinationInput&);
std::string update_kinesis_streaming_destination(Context&, const shapes::UpdateKinesisStreamingDestinationInput&);
std::string put_resource_policy(Context&, const shapes::PutResourcePolicyInput&);
std::string get_resource_policy(Context&, const shapes::GetResourcePolicyInput&);
std::string delete_resource_policy(Context&, const shapes::DeleteResourcePolicyInput&);
std::string update_contributor_insights(Context&, const shapes::UpdateContributorInsightsInput&);
std::string describe_contributor_insights(Context&, const shapes::DescribeContributorInsightsInput&);
std::string list_contributor_insights(Context&, const shapes::ListContributorInsightsInput&);
std::string create_global_table(Context&, const shapes::CreateGlobalTableInput&);
std::string describe_global_table(Context&, const shapes::DescribeGlobalTableInput&);
std::string update_global_table(Context&, const shapes::UpdateGlobalTableInput&);
std::string list_global_tables(Context&, const shapes::ListGlobalTablesInput&);
std::string describe_global_table_settings(Context&, const shapes::DescribeGlobalTableSettingsInput&);
std::string update_global_table_settings(Context&, const shapes::UpdateGlobalTableSettingsInput&);
std::string describe_table_replica_auto_scaling(Context&, const shapes::DescribeTableReplicaAutoScalingInput&);
std::string describe_export(Context&, const shapes::DescribeExportInput&);
std::string list_exports(Context&, const shapes::ListExportsInput&);
std::string describe_import(Context&, const shapes::DescribeImportInput&);
std::string list_imports(Context&, const shapes::ListImportsInput&);
std::string restore_table_from_backup(Context&, const shapes::RestoreTableFromBackupInput&);
std::string restore_table_to_point_in_time(Context&, const shapes::RestoreTableToPointInTimeInput&);
std::string execute_statement(Context&, const shapes::ExecuteStatementInput&);
std::string batch_execute_statement(Context&, const shapes::BatchExecuteStatementInput&);
std::string execute_transaction(Context&, const shapes::ExecuteTransactionInput&);
std::string export_table_to_point_in_time(Context&, const shapes::ExportTableToPointInTimeInput&);
std::string import_table(Context&, const shapes::ImportTableInput&);
std::string update_table_replica_auto_scaling(Context&, const shapes::UpdateTableReplicaAutoScalingInput&);
}  // namespace ops

}  // namespace dynarock::api
