// DeleteTable: refuses while deletion protection is on; otherwise removes the table, its items and
// its indexes at once and returns the description with status DELETING, as DynamoDB does.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string delete_table(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name_or_arn(req, "TableName", "tableName");
  c.finish();
  model::TablePtr table = named_table(ctx, req);
  if (table->extra.value("DeletionProtectionEnabled", false))
    throw validation_error("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
  Json description = describe(ctx, *table, true, "DELETING");
  ctx.engine.delete_table(*table);
  return Json({{"TableDescription", description}}).dump();
}

}  // namespace dynarock::api
