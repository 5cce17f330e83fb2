// ListExports: the namespace's exports, oldest first, optionally of one table, MaxResults (1-25)
// at a time; NextToken resumes after the last export returned.
#include <algorithm>

#include "api/export_import.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string list_exports(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* table_arn = get_string(req, "TableArn");
  c.length(table_arn, "tableArn", 1, 1024);
  auto max = get_integer(req, "MaxResults");
  c.integer_range(max, "maxResults", 1, 25);
  const std::string* token = get_string(req, "NextToken");
  c.finish();
  std::string after;
  if (token) {
    after = arn_of_page_token(*token);
    if (after.empty()) throw validation_error("Invalid NextToken");
  }

  std::vector<Json> all = ctx.engine.list_records(kExportRecord, ctx.ns);
  std::stable_sort(all.begin(), all.end(), [](const Json& a, const Json& b) {
    const Json &x = a["description"], &y = b["description"];
    double ta = x["StartTime"].get<double>(), tb = y["StartTime"].get<double>();
    return ta != tb ? ta < tb : x["ExportArn"].get<std::string>() < y["ExportArn"].get<std::string>();
  });
  size_t limit = max ? static_cast<size_t>(*max) : 25;
  Json out = Json::array();
  bool started = after.empty(), more = false;
  std::string last;
  for (const auto& record : all) {
    const Json& d = record["description"];
    if (!started) {
      started = d["ExportArn"] == after;
      continue;
    }
    if (table_arn && d["TableArn"] != *table_arn) continue;
    if (out.size() == limit) {
      more = true;
      break;
    }
    out.push_back({{"ExportArn", d["ExportArn"]}, {"ExportStatus", d["ExportStatus"]}, {"ExportType", d["ExportType"]}});
    last = d["ExportArn"];
  }
  Json response = {{"ExportSummaries", out}};
  if (more) response["NextToken"] = page_token(last);
  return response.dump();
}

}  // namespace dynarock::api
