// DescribeImport: an import's description as recorded (COMPLETED or FAILED once done).
#include "api/export_import.h"
#include "api/operations.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_import(Context& ctx, const shapes::DescribeImportInput& req) {
  Constraints c;
  const std::string* arn = ptr(req.ImportArn);
  if (!arn) c.add("null", "importArn", "Member must not be null");
  c.length(arn, "importArn", 37, 1024);
  c.finish();
  auto record = ctx.engine.get_record(kImportRecord, ctx.ns, *arn);
  if (!record) throw ApiError("ImportNotFoundException", "Import not found: " + *arn);
  return Json({{"ImportTableDescription", (*record)["description"]}}).dump();
}

}  // namespace dynarock::api::ops
