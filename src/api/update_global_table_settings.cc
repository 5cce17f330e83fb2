// UpdateGlobalTableSettings: billing mode and write capacity applied to the local table that
// serves every replica; answers the new settings.
#include "api/global_table.h"
#include "api/operations.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_global_table_settings(Context& ctx, const shapes::UpdateGlobalTableSettingsInput& req) {
  Constraints c;
  c.table_name(ptr(req.GlobalTableName), "globalTableName");
  c.enum_value(ptr(req.GlobalTableBillingMode), "globalTableBillingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  auto write = req.GlobalTableProvisionedWriteCapacityUnits;
  c.integer_range(write, "globalTableProvisionedWriteCapacityUnits", 1, std::nullopt);
  c.finish();
  Json r = require_global_table(ctx, *req.GlobalTableName);
  std::string name = r["GlobalTableName"];
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw ApiError("GlobalTableNotFoundException", "Global table not found");
  const std::string* billing = ptr(req.GlobalTableBillingMode);
  if (billing && *billing == "PAY_PER_REQUEST" && write)
    throw validation_error("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  update_settings(ctx, *table, [&](Json& x) {
    if (billing) {
      x["BillingModeSummary"] = {{"BillingMode", *billing}};
      if (*billing == "PAY_PER_REQUEST") x["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] = now_seconds();
    }
    if (write) x["ProvisionedThroughput"]["WriteCapacityUnits"] = *write;
  });
  return global_table_settings(ctx, r).dump();
}

}  // namespace dynarock::api::ops
