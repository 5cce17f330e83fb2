// DisableKinesisStreamingDestination: marks an active destination DISABLED (answering DISABLING).
#include "api/kinesis_destination.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string disable_kinesis_streaming_destination(Context& ctx, const Json& req) {
  model::TablePtr table = kinesis_request(ctx, req, "EnableKinesisStreamingConfiguration",
                                          "enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision");
  std::string arn = *get_string(req, "StreamArn");
  const Json* existing = find_destination(*table, arn);
  if (!existing || existing->value("DestinationStatus", std::string()) != "ACTIVE")
    throw validation_error("Table is not in a valid state to disable Kinesis Data Streams Destination: " + arn);
  set_destination(ctx, *table, arn, "DISABLED", "");
  return Json({{"TableName", table->name}, {"StreamArn", arn}, {"DestinationStatus", "DISABLING"}}).dump();
}

}  // namespace dynarock::api
