// DescribeKinesisStreamingDestination: the table's recorded destinations.
#include "api/operations.h"
#include "api/table_settings.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_kinesis_streaming_destination(Context& ctx, const shapes::DescribeKinesisStreamingDestinationInput& req) {
  Constraints c;
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.finish();
  model::TablePtr table = require_named_table(ctx, *req.TableName);
  return Json({{"TableName", table->name}, {"KinesisDataStreamDestinations", table->extra.value("KinesisDestinations", Json::array())}})
      .dump();
}

}  // namespace dynarock::api::ops
