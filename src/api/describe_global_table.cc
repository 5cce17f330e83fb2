// DescribeGlobalTable: the recorded global table and its replica regions.
#include "api/global_table.h"
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_global_table(Context& ctx, const shapes::DescribeGlobalTableInput& req) {
  Json r = require_global_table(ctx, global_table_name(req.GlobalTableName));
  return Json({{"GlobalTableDescription", global_table_description(r)}}).dump();
}

}  // namespace dynarock::api::ops
