// DescribeKinesisStreamingDestination: the table's recorded destinations.
#include "api/operations.h"
#include "api/table_settings.h"

namespace dynarock::api {

std::string describe_kinesis_streaming_destination(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name_or_arn(req, "TableName", "tableName");
  c.finish();
  model::TablePtr table = require_named_table(ctx, *get_string(req, "TableName"));
  return Json({{"TableName", table->name}, {"KinesisDataStreamDestinations", table->extra.value("KinesisDestinations", Json::array())}})
      .dump();
}

}  // namespace dynarock::api
