// The DynamoDB operations this server implements, one file each under src/api.
#pragma once

#include <string_view>

#include "api/context.h"

namespace dynarock::api {

std::string create_table(Context&, const Json&);
std::string describe_table(Context&, const Json&);
std::string list_tables(Context&, const Json&);
std::string delete_table(Context&, const Json&);
std::string update_table(Context&, const Json&);
std::string put_item(Context&, const Json&);
std::string get_item(Context&, const Json&);
std::string delete_item(Context&, const Json&);
std::string update_item(Context&, const Json&);
std::string query(Context&, const Json&);
std::string batch_get_item(Context&, const Json&);
std::string batch_write_item(Context&, const Json&);
std::string transact_get_items(Context&, const Json&);
std::string transact_write_items(Context&, const Json&);
std::string scan(Context&, const Json&);
std::string tag_resource(Context&, const Json&);
std::string untag_resource(Context&, const Json&);
std::string list_tags_of_resource(Context&, const Json&);
std::string describe_limits(Context&, const Json&);
std::string describe_endpoints(Context&, const Json&);
// Backups and point-in-time recovery.
std::string create_backup(Context&, const Json&);
std::string describe_backup(Context&, const Json&);
std::string list_backups(Context&, const Json&);
std::string delete_backup(Context&, const Json&);
std::string restore_table_from_backup(Context&, const Json&);
std::string update_continuous_backups(Context&, const Json&);
std::string describe_continuous_backups(Context&, const Json&);
std::string restore_table_to_point_in_time(Context&, const Json&);
// Kinesis destinations, resource policies, contributor insights, global tables, auto scaling.
std::string enable_kinesis_streaming_destination(Context&, const Json&);
std::string disable_kinesis_streaming_destination(Context&, const Json&);
std::string describe_kinesis_streaming_destination(Context&, const Json&);
std::string update_kinesis_streaming_destination(Context&, const Json&);
std::string put_resource_policy(Context&, const Json&);
std::string get_resource_policy(Context&, const Json&);
std::string delete_resource_policy(Context&, const Json&);
std::string update_contributor_insights(Context&, const Json&);
std::string describe_contributor_insights(Context&, const Json&);
std::string list_contributor_insights(Context&, const Json&);
std::string create_global_table(Context&, const Json&);
std::string describe_global_table(Context&, const Json&);
std::string update_global_table(Context&, const Json&);
std::string list_global_tables(Context&, const Json&);
std::string describe_global_table_settings(Context&, const Json&);
std::string update_global_table_settings(Context&, const Json&);
std::string describe_table_replica_auto_scaling(Context&, const Json&);
std::string update_table_replica_auto_scaling(Context&, const Json&);
// Exports to and imports from the folder standing in for S3.
std::string export_table_to_point_in_time(Context&, const Json&);
std::string describe_export(Context&, const Json&);
std::string list_exports(Context&, const Json&);
std::string import_table(Context&, const Json&);
std::string describe_import(Context&, const Json&);
std::string list_imports(Context&, const Json&);

// The handler for an operation name ("PutItem"), or nullptr.
Handler find_operation(std::string_view name);

}  // namespace dynarock::api
