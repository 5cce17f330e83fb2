// TagResource: adds or overwrites tags (at most 50 per table).
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/tags.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string tag_resource(Context& ctx, const shapes::TagResourceInput& req) {
  Constraints c;
  if (!req.Tags) c.add("null", "tags", "Member must not be null");
  else check_tags(*req.Tags, c);
  c.finish();
  std::string name = resource_arn_table_name(ctx, req.ResourceArn, ArnUse::tags);
  if (req.Tags->empty()) throw validation_error("Atleast one Tag needs to be provided as Input.");
  check_tag_contents(*req.Tags);
  model::TablePtr table = resource_arn_table(ctx, *req.ResourceArn, name, ArnUse::tags);
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
  check_tag_count(current.size());
  next.extra["Tags"] = current;
  ctx.engine.update_table(std::move(next));
  return "{}";
}

}  // namespace dynarock::api::ops
