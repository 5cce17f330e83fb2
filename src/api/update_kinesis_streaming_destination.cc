// UpdateKinesisStreamingDestination: changes an active destination's timestamp precision.
#include "api/kinesis_destination.h"
#include "api/operations.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_kinesis_streaming_destination(Context& ctx, const shapes::UpdateKinesisStreamingDestinationInput& req) {
  const auto& conf = req.UpdateKinesisStreamingConfiguration;
  const std::string* precision_member = conf ? ptr(conf->ApproximateCreationDateTimePrecision) : nullptr;
  model::TablePtr table = kinesis_request(ctx, req.TableName, req.StreamArn, precision_member,
                                          "updateKinesisStreamingConfiguration.approximateCreationDateTimePrecision");
  std::string arn = *req.StreamArn;
  const Json* existing = find_destination(*table, arn);
  if (!existing || existing->value("DestinationStatus", std::string()) != "ACTIVE")
    throw resource_not_found("Requested resource not found: Kinesis streaming destination " + arn + " not found for table " + table->name);
  std::string precision = precision_member ? *precision_member : std::string();
  if (precision.empty()) throw validation_error("UpdateKinesisStreamingConfiguration must be specified");
  if (existing->value("ApproximateCreationDateTimePrecision", std::string()) == precision)
    throw validation_error("Invalid Request: Precision is already set to the desired value of " + precision + ".");
  set_destination(ctx, *table, arn, "ACTIVE", precision);
  return Json({{"TableName", table->name},
               {"StreamArn", arn},
               {"DestinationStatus", "UPDATING"},
               {"UpdateKinesisStreamingConfiguration", {{"ApproximateCreationDateTimePrecision", precision}}}})
      .dump();
}

}  // namespace dynarock::api::ops
