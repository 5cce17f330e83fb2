// DeleteTable: refuses a table still being created and one under deletion protection; otherwise
// removes the table, its items and its indexes at once and returns the description with status
// DELETING, as DynamoDB does.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string delete_table(Context& ctx, const shapes::DeleteTableInput& req) {
  model::TablePtr table = find_table_to_describe(ctx, req.TableName);
  // Only under --delay-transient-statuses is a table ever seen CREATING.
  if (visible_status(ctx, *table) == "CREATING")
    throw resource_in_use("Attempt to change a resource which is still in use: Table is being created: " + table->name);
  if (table->extra.value("DeletionProtectionEnabled", false))
    throw validation_error("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
  Json description = describe(ctx, *table, true, "DELETING");
  ctx.engine.delete_table(*table);
  return Json({{"TableDescription", description}}).dump();
}

}  // namespace dynarock::api::ops
