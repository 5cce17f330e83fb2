// ListTagsOfResource: every tag of a table in one page.
#include "api/operations.h"
#include "api/resource_arn.h"

namespace dynarock::api {

std::string list_tags_of_resource(Context& ctx, const Json& req) {
  model::TablePtr table = table_from_resource_arn(ctx, req);
  return Json({{"Tags", table->extra.value("Tags", Json::array())}}).dump();
}

}  // namespace dynarock::api
