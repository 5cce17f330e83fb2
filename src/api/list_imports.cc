// ListImports: the namespace's imports, oldest first, optionally into one table, PageSize (1-25)
// at a time; NextToken resumes after the last import returned.
#include "api/export_import.h"
#include "api/operations.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string list_imports(Context& ctx, const shapes::ListImportsInput& req) {
  Constraints c;
  const std::string* table_arn = ptr(req.TableArn);
  c.length(table_arn, "tableArn", 1, 1024);
  auto page_size = req.PageSize;
  c.integer_range(page_size, "pageSize", 1, 25);
  const std::string* token = ptr(req.NextToken);
  if (token) {
    bool hex = token->size() % 16 == 0;
    for (char ch : *token) hex = hex && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    c.length(token, "nextToken", 112, 1024);
    if (!hex) c.add("'" + *token + "'", "nextToken", "Member must satisfy regular expression pattern: ([0-9a-f]{16})+");
  }
  c.finish();
  std::string next;
  Json page = list_page(
      ctx, kImportRecord, "ImportArn", token, page_size ? static_cast<size_t>(*page_size) : 25,
      [&](const Json& d) { return !table_arn || d.value("TableArn", std::string()) == *table_arn; },
      [](const Json& d) {
        Json s = Json::object();
        for (const char* member : {"ImportArn", "ImportStatus", "TableArn", "S3BucketSource", "CloudWatchLogGroupArn",
                                   "InputFormat", "StartTime", "EndTime"})
          if (d.contains(member)) s[member] = d[member];
        return s;
      },
      next);
  Json response = {{"ImportSummaryList", page}};
  if (!next.empty()) response["NextToken"] = next;
  return response.dump();
}

}  // namespace dynarock::api::ops
