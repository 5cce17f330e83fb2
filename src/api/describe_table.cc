// DescribeTable: the stored definition plus live item counts and sizes.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

std::string describe_table(Context& ctx, const Json& req) {
  Constraints c;
  c.table_name_or_arn(req, "TableName", "tableName");
  c.finish();
  std::string name = table_name_from(*get_string(req, "TableName"));
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw resource_not_found("Requested resource not found: Table: " + name + " not found");
  return Json({{"Table", describe(ctx, *table, true)}}).dump();
}

}  // namespace dynarock::api
