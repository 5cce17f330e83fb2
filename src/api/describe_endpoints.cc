// DescribeEndpoints: this server's own address (the Host the client used), cached for a day.
#include "api/operations.h"

namespace dynarock::api {

std::string describe_endpoints(Context& ctx, const Json&) {
  return Json({{"Endpoints", Json::array({{{"Address", ctx.host}, {"CachePeriodInMinutes", 1440}}})}}).dump();
}

}  // namespace dynarock::api
