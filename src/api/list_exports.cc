// ListExports: the namespace's exports, oldest first, optionally of one table, MaxResults (1-25)
// at a time; NextToken resumes after the last export returned.
#include "api/export_import.h"
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_exports(Context& ctx, const shapes::ListExportsInput& req) {
  Constraints c;
  const std::string* table_arn = ptr(req.TableArn);
  c.length(table_arn, "tableArn", 1, 1024);
  auto max = req.MaxResults;
  c.integer_range(max, "maxResults", 1, 25);
  const std::string* token = ptr(req.NextToken);
  c.finish();
  std::string next;
  Json page = list_page(
      ctx, kExportRecord, "ExportArn", token, max ? static_cast<size_t>(*max) : 25,
      [&](const Json& d) { return !table_arn || d["TableArn"] == *table_arn; },
      [](const Json& d) { return Json{{"ExportArn", d["ExportArn"]}, {"ExportStatus", d["ExportStatus"]}, {"ExportType", d["ExportType"]}}; },
      next);
  Json response = {{"ExportSummaries", page}};
  if (!next.empty()) response["NextToken"] = next;
  return response.dump();
}

}  // namespace dynarock::api::ops
