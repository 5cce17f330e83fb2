// DisableKinesisStreamingDestination: marks an active destination DISABLED (answering DISABLING).
#include "api/kinesis_destination.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string disable_kinesis_streaming_destination(Context& ctx, const shapes::KinesisStreamingDestinationInput& req) {
  const auto& conf = req.EnableKinesisStreamingConfiguration;
  const std::string* precision_member = conf ? ptr(conf->ApproximateCreationDateTimePrecision) : nullptr;
  model::TablePtr table = kinesis_request(ctx, req.TableName, req.StreamArn, precision_member,
                                          "enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision");
  std::string arn = *req.StreamArn;
  const Json* existing = find_destination(*table, arn);
  if (!existing || existing->value("DestinationStatus", std::string()) != "ACTIVE")
    throw validation_error("Table is not in a valid state to disable Kinesis Data Streams Destination: " + arn);
  set_destination(ctx, *table, arn, "DISABLED", "");
  return Json({{"TableName", table->name}, {"StreamArn", arn}, {"DestinationStatus", "DISABLING"}}).dump();
}

}  // namespace dynarock::api::ops
