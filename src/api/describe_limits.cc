// DescribeLimits: DynamoDB's default account and table quotas.
#include "api/operations.h"

namespace dynarock::api {

std::string describe_limits(Context&, const Json&) {
  return R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})";
}

}  // namespace dynarock::api
