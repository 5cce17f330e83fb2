// TagResource: adds or overwrites tags (at most 50 per table).
#include "api/operations.h"
#include "api/resource_arn.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string tag_resource(Context& ctx, const Json& req) {
  const Json* tags = get_array(req, "Tags");
  Constraints c;
  if (!tags) c.add("null", "tags", "Member must not be null");
  else {
    size_t i = 0;
    for (const auto& t : *tags) {
      ++i;
      if (!t.is_object()) throw serialization_error("Unexpected value type in payload");
      std::string base = "tags." + std::to_string(i) + ".member";
      const std::string* key = get_string(t, "Key");
      const std::string* value = get_string(t, "Value");
      if (!key) c.add("null", base + ".key", "Member must not be null");
      c.length(key, base + ".key", 1, 128);
      if (!value) c.add("null", base + ".value", "Member must not be null");
      c.length(value, base + ".value", 0, 256);
    }
  }
  c.finish();
  model::TablePtr table = table_from_resource_arn(ctx, req);
  if (tags->empty()) throw validation_error("Atleast one Tag needs to be provided as Input.");
  model::TableInfo next = *table;
  Json current = next.extra.value("Tags", Json::array());
  for (const auto& t : *tags) {
    bool replaced = false;
    for (auto& existing : current)
      if (existing["Key"] == t["Key"]) {
        existing["Value"] = t["Value"];
        replaced = true;
      }
    if (!replaced) current.push_back({{"Key", t["Key"]}, {"Value", t["Value"]}});
  }
  if (current.size() > 50) throw ApiError("LimitExceededException", "The number of tags exceeds the limit of 50 for a resource.");
  next.extra["Tags"] = current;
  ctx.engine.update_table(std::move(next));
  return "{}";
}

}  // namespace dynarock::api
