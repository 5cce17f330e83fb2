// DescribeExport: an export's description as recorded (COMPLETED or FAILED once written).
#include "api/export_import.h"
#include "api/operations.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string describe_export(Context& ctx, const shapes::DescribeExportInput& req) {
  Constraints c;
  const std::string* arn = ptr(req.ExportArn);
  if (!arn) c.add("null", "exportArn", "Member must not be null");
  c.length(arn, "exportArn", 37, 1024);
  c.finish();
  auto record = ctx.engine.get_record(kExportRecord, ctx.ns, *arn);
  if (!record) throw ApiError("ExportNotFoundException", "Export not found: " + *arn);
  return Json({{"ExportDescription", (*record)["description"]}}).dump();
}

}  // namespace dynarock::api::ops
