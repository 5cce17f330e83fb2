// DescribeGlobalTableSettings: each replica's capacity settings (all from the one local table).
#include "api/global_table.h"
#include "api/operations.h"

namespace dynarock::api {

std::string describe_global_table_settings(Context& ctx, const Json& req) {
  Json r = require_global_table(ctx, global_table_name(req));
  return global_table_settings(ctx, r).dump();
}

}  // namespace dynarock::api
