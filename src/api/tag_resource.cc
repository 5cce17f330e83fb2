// TagResource: adds or overwrites tags (at most 50 per table).
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string tag_resource(Context& ctx, const shapes::TagResourceInput& req) {
  Constraints c;
  if (!req.Tags) c.add("null", "tags", "Member must not be null");
  else {
    size_t i = 0;
    for (const auto& t : *req.Tags) {
      ++i;
      std::string base = "tags." + std::to_string(i) + ".member";
      if (!t.Key) c.add("null", base + ".key", "Member must not be null");
      c.length(ptr(t.Key), base + ".key", 1, 128);
      if (!t.Value) c.add("null", base + ".value", "Member must not be null");
      c.length(ptr(t.Value), base + ".value", 0, 256);
    }
  }
  c.finish();
  model::TablePtr table = table_from_resource_arn(ctx, req.ResourceArn);
  if (req.Tags->empty()) throw validation_error("Atleast one Tag needs to be provided as Input.");
  model::TableInfo next = *table;
  Json current = next.extra.value("Tags", Json::array());
  for (const auto& t : *req.Tags) {
    bool replaced = false;
    for (auto& existing : current)
      if (existing["Key"] == *t.Key) {
        existing["Value"] = *t.Value;
        replaced = true;
      }
    if (!replaced) current.push_back({{"Key", *t.Key}, {"Value", *t.Value}});
  }
  if (current.size() > 50) throw ApiError("LimitExceededException", "The number of tags exceeds the limit of 50 for a resource.");
  next.extra["Tags"] = current;
  ctx.engine.update_table(std::move(next));
  return "{}";
}

}  // namespace dynarock::api::ops
