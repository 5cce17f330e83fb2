// DescribeLimits: DynamoDB's default account and table quotas.
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_limits(Context&, const shapes::DescribeLimitsInput&) {
  shapes::DescribeLimitsOutput out{80000, 80000, 40000, 40000};
  std::string body;
  shapes::encode_DescribeLimitsOutput(out, body);
  return body;
}

}  // namespace dynarock::api::ops
