// DescribeGlobalTableSettings: each replica's capacity settings (all from the one local table).
#include "api/global_table.h"
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_global_table_settings(Context& ctx, const shapes::DescribeGlobalTableSettingsInput& req) {
  Json r = require_global_table(ctx, global_table_name(req.GlobalTableName));
  return global_table_settings(ctx, r).dump();
}

}  // namespace dynarock::api::ops
