#include "api/table_settings.h"

#include "model/error.h"

namespace dynarock::api {

model::TablePtr require_named_table(Context& ctx, const std::string& name_or_arn) {
  std::string name = table_name_from(name_or_arn);
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw resource_not_found("Requested resource not found: Table: " + name + " not found");
  return table;
}

model::TablePtr update_settings(Context& ctx, const model::TableInfo& table, const std::function<void(Json& extra)>& change) {
  model::TableInfo next = table;
  change(next.extra);
  return ctx.engine.update_table(std::move(next));
}

}  // namespace dynarock::api
