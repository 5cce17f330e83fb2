// ListTables: names in ascending order, paged by Limit and ExclusiveStartTableName.
#include <algorithm>

#include "api/operations.h"
#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_tables(Context& ctx, const shapes::ListTablesInput& req) {
  Constraints c;
  c.integer_range(req.Limit, "limit", 1, 100);
  c.table_name(ptr(req.ExclusiveStartTableName), "exclusiveStartTableName", false);
  c.finish();
  std::vector<std::string> names = ctx.engine.list_tables(ctx.ns);
  auto it = req.ExclusiveStartTableName ? std::upper_bound(names.begin(), names.end(), *req.ExclusiveStartTableName)
                                        : names.begin();
  size_t max = static_cast<size_t>(req.Limit.value_or(100));
  shapes::ListTablesOutput out;
  auto& page = out.TableNames.emplace();
  for (; it != names.end() && page.size() < max; ++it) page.push_back(*it);
  if (it != names.end() && !page.empty()) out.LastEvaluatedTableName = page.back();
  std::string body;
  shapes::encode_ListTablesOutput(out, body);
  return body;
}

}  // namespace dynarock::api::ops
