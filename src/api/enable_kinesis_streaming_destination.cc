// EnableKinesisStreamingDestination: records the destination as ACTIVE (answering ENABLING, as
// DynamoDB does while it starts).
#include "api/kinesis_destination.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string enable_kinesis_streaming_destination(Context& ctx, const shapes::KinesisStreamingDestinationInput& req) {
  const auto& conf = req.EnableKinesisStreamingConfiguration;
  const std::string* precision_member = conf ? ptr(conf->ApproximateCreationDateTimePrecision) : nullptr;
  model::TablePtr table = kinesis_request(ctx, req.TableName, req.StreamArn, precision_member,
                                          "enableKinesisStreamingConfiguration.approximateCreationDateTimePrecision");
  std::string arn = *req.StreamArn;
  const Json* existing = find_destination(*table, arn);
  if (existing && existing->value("DestinationStatus", std::string()) == "ACTIVE")
    throw resource_in_use("Table " + table->name + " is already streaming to destination " + arn);
  std::string precision = precision_member ? *precision_member : std::string();
  set_destination(ctx, *table, arn, "ACTIVE", precision);
  Json out = {{"TableName", table->name}, {"StreamArn", arn}, {"DestinationStatus", "ENABLING"}};
  if (!precision.empty()) out["EnableKinesisStreamingConfiguration"] = {{"ApproximateCreationDateTimePrecision", precision}};
  return out.dump();
}

}  // namespace dynarock::api::ops
