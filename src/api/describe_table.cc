// DescribeTable: the stored definition plus live item counts and sizes.
#include "api/operations.h"
#include "api/table_description.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_table(Context& ctx, const shapes::DescribeTableInput& req) {
  model::TablePtr table = find_table_to_describe(ctx, req.TableName);
  return Json({{"Table", describe(ctx, *table, true)}}).dump();
}

}  // namespace dynarock::api::ops
