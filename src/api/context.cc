#include "api/context.h"

#include "model/error.h"

namespace dynarock::api {

model::TablePtr Context::require_table(const std::string& name) const {
  model::TablePtr table = engine.find_table(ns, name);
  if (!table) throw resource_not_found();
  return table;
}

}  // namespace dynarock::api
