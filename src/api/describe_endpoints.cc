// DescribeEndpoints: this server's own address (the Host the client used), cached for a day.
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_endpoints(Context& ctx, const shapes::DescribeEndpointsRequest&) {
  shapes::DescribeEndpointsResponse out;
  out.Endpoints.emplace().push_back({ctx.host, 1440});
  std::string body;
  shapes::encode_DescribeEndpointsResponse(out, body);
  return body;
}

}  // namespace dynarock::api::ops
