#include "api/context.h"

#include "model/error.h"

namespace dynarock::api {

model::TablePtr Context::require_table(const std::string& name) const {
  model::TablePtr table = engine.find_table(ns, name);
  if (!table) throw resource_not_found();
  return table;
}

wire::Document to_wire(const Json& request) {
  std::optional<wire::Document> doc = wire::Document::parse_copy(request.dump());
  if (!doc) throw ApiError("InternalServerError", "Internal server error", 500);
  return std::move(*doc);
}

}  // namespace dynarock::api
