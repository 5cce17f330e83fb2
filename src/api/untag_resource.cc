// UntagResource: removes tags by key; unknown keys are ignored.
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string untag_resource(Context& ctx, const Json& req) {
  const Json* keys = get_array(req, "TagKeys");
  Constraints c;
  if (!keys) c.add("null", "tagKeys", "Member must not be null");
  c.finish();
  model::TablePtr table = table_from_resource_arn(ctx, req);
  if (keys->empty()) throw validation_error("Atleast one Tag Key needs to be provided as Input.");
  model::TableInfo next = *table;
  Json kept = Json::array();
  for (const auto& t : next.extra.value("Tags", Json::array())) {
    bool drop = false;
    for (const auto& k : *keys) drop = drop || t["Key"] == k;
    if (!drop) kept.push_back(t);
  }
  next.extra["Tags"] = kept;
  ctx.engine.update_table(std::move(next));
  return "{}";
}

}  // namespace dynarock::api
