// ListTagsOfResource: every tag of a table in one page.
#include "api/operations.h"
#include "api/resource_arn.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_tags_of_resource(Context& ctx, const shapes::ListTagsOfResourceInput& req) {
  model::TablePtr table = table_from_resource_arn(ctx, req.ResourceArn, ArnUse::tags);
  shapes::ListTagsOfResourceOutput out;
  auto& tags = out.Tags.emplace();
  for (const auto& t : table->extra.value("Tags", Json::array()))
    tags.push_back({t.at("Key").get<std::string>(), t.at("Value").get<std::string>()});
  std::string body;
  shapes::encode_ListTagsOfResourceOutput(out, body);
  return body;
}

}  // namespace dynarock::api::ops
