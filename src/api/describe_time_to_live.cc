// DescribeTimeToLive: ENABLED with its attribute, or DISABLED without one (a table never
// configured is DISABLED too). With --delay-transient-statuses a change shows ENABLING or
// DISABLING (still naming the attribute) for that delay first.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_time_to_live(Context& ctx, const shapes::DescribeTimeToLiveInput& req) {
  model::TablePtr table = find_table_to_describe(ctx, req.TableName);
  const model::TimeToLive& ttl = table->ttl;
  bool transient = ttl.changed > 0 && (now_seconds() - ttl.changed) * 1000 < ctx.delay_transient_ms;
  Json d = Json::object();
  if (ttl.enabled) d = {{"TimeToLiveStatus", transient ? "ENABLING" : "ENABLED"}, {"AttributeName", ttl.attribute}};
  else if (transient) d = {{"TimeToLiveStatus", "DISABLING"}, {"AttributeName", ttl.attribute}};
  else d = {{"TimeToLiveStatus", "DISABLED"}};
  return Json({{"TimeToLiveDescription", d}}).dump();
}

}  // namespace dynarock::api::ops
