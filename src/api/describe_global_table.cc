// DescribeGlobalTable: the recorded global table and its replica regions.
#include "api/global_table.h"
#include "api/operations.h"

namespace dynarock::api {

std::string describe_global_table(Context& ctx, const Json& req) {
  Json r = require_global_table(ctx, global_table_name(req));
  return Json({{"GlobalTableDescription", global_table_description(r)}}).dump();
}

}  // namespace dynarock::api
