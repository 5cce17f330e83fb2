#include "api/resource_arn.h"

#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

model::TablePtr table_from_resource_arn(Context& ctx, const std::optional<std::string>& resource_arn) {
  Constraints c;
  const std::string* arn = ptr(resource_arn);
  if (!arn) c.add("null", "resourceArn", "Member must not be null");
  c.length(arn, "resourceArn", 1, 1283);
  c.finish();
  auto pos = arn->find(":table/");
  if (arn->rfind("arn:aws:dynamodb:", 0) != 0 || pos == std::string::npos) throw validation_error("Invalid TableArn");
  std::string name = arn->substr(pos + 7);
  if (name.find('/') != std::string::npos) name = name.substr(0, name.find('/'));
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw resource_not_found("Requested resource not found: ResourcArn: " + *arn + " not found");
  return table;
}

}  // namespace dynarock::api
