// UntagResource: removes tags by key; unknown keys are ignored.
#include "api/member_lengths.h"
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/tags.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string untag_resource(Context& ctx, const shapes::UntagResourceInput& req) {
  Constraints c;
  if (!req.TagKeys) c.add("null", "tagKeys", "Member must not be null");
  check_member_lengths(c, ptr(req.TagKeys), "tagKeys", 1, 128);
  c.finish();
  std::string name = resource_arn_table_name(ctx, req.ResourceArn, ArnUse::tags);
  if (req.TagKeys->empty()) throw validation_error("Atleast one Tag Key needs to be provided as Input.");
  check_tag_keys(*req.TagKeys);
  model::TablePtr table = resource_arn_table(ctx, *req.ResourceArn, name, ArnUse::tags);
  model::TableInfo next = *table;
  Json kept = Json::array();
  for (const auto& t : next.extra.value("Tags", Json::array())) {
    bool drop = false;
    for (const auto& k : *req.TagKeys) drop = drop || t["Key"] == k;
    if (!drop) kept.push_back(t);
  }
  next.extra["Tags"] = kept;
  ctx.engine.update_table(std::move(next));
  return "{}";
}

}  // namespace dynarock::api::ops
