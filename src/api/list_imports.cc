// ListImports: the namespace's imports, oldest first, optionally into one table, PageSize (1-25)
// at a time; NextToken resumes after the last import returned.
#include <algorithm>

#include "api/export_import.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string list_imports(Context& ctx, const Json& req) {
  Constraints c;
  const std::string* table_arn = get_string(req, "TableArn");
  c.length(table_arn, "tableArn", 1, 1024);
  auto page_size = get_integer(req, "PageSize");
  c.integer_range(page_size, "pageSize", 1, 25);
  const std::string* token = get_string(req, "NextToken");
  if (token) {
    bool hex = token->size() % 16 == 0;
    for (char ch : *token) hex = hex && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    c.length(token, "nextToken", 112, 1024);
    if (!hex) c.add("'" + *token + "'", "nextToken", "Member must satisfy regular expression pattern: ([0-9a-f]{16})+");
  }
  c.finish();
  std::string after;
  if (token) {
    after = arn_of_page_token(*token);
    if (after.empty()) throw validation_error("Invalid NextToken");
  }

  std::vector<Json> all = ctx.engine.list_records(kImportRecord, ctx.ns);
  std::stable_sort(all.begin(), all.end(), [](const Json& a, const Json& b) {
    const Json &x = a["description"], &y = b["description"];
    double ta = x["StartTime"].get<double>(), tb = y["StartTime"].get<double>();
    return ta != tb ? ta < tb : x["ImportArn"].get<std::string>() < y["ImportArn"].get<std::string>();
  });
  size_t limit = page_size ? static_cast<size_t>(*page_size) : 25;
  Json out = Json::array();
  bool started = after.empty(), more = false;
  std::string last;
  for (const auto& record : all) {
    const Json& d = record["description"];
    if (!started) {
      started = d["ImportArn"] == after;
      continue;
    }
    if (table_arn && d.value("TableArn", std::string()) != *table_arn) continue;
    if (out.size() == limit) {
      more = true;
      break;
    }
    Json s = Json::object();
    for (const char* member : {"ImportArn", "ImportStatus", "TableArn", "S3BucketSource", "CloudWatchLogGroupArn",
                               "InputFormat", "StartTime", "EndTime"})
      if (d.contains(member)) s[member] = d[member];
    out.push_back(s);
    last = d["ImportArn"];
  }
  Json response = {{"ImportSummaryList", out}};
  if (more) response["NextToken"] = page_token(last);
  return response.dump();
}

}  // namespace dynarock::api
