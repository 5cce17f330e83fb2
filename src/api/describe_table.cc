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
  model::TablePtr table = named_table(ctx, req);
  return Json({{"Table", describe(ctx, *table, true)}}).dump();
}

}  // namespace dynarock::api
