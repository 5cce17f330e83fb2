// ImportTable: a NEW table (TableCreationParameters) filled from the objects under S3KeyPrefix in
// the folder standing in for S3: DynamoDB JSON lines, Ion text or CSV, uncompressed, GZIP or ZSTD.
// A line that does not parse or has no valid key counts in ErrorCount and is logged (the log
// stands in for CloudWatch Logs); the other lines are imported. The work is done within the call;
// the response says IN_PROGRESS as DynamoDB's does, DescribeImport then COMPLETED (or FAILED).
#include <spdlog/spdlog.h>

#include "api/export_import.h"
#include "api/item_formats.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "api/s3_folder.h"
#include "api/table_description.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

constexpr int kLoggedErrors = 100;  // per import, so a wholly malformed source cannot flood the log

struct Counts {
  uint64_t processed = 0, imported = 0, errors = 0, bytes = 0;
};

void check_request(const shapes::ImportTableInput& req, Constraints& c) {
  const auto* source = ptr(req.S3BucketSource);
  if (!source) c.add("null", "s3BucketSource", "Member must not be null");
  else check_s3_members(ptr(source->S3Bucket), ptr(source->S3KeyPrefix), "s3KeyPrefix", ptr(source->S3BucketOwner), "s3BucketSource", c);
  if (!req.InputFormat) c.add("null", "inputFormat", "Member must not be null");
  else c.enum_value(ptr(req.InputFormat), "inputFormat", {"DYNAMODB_JSON", "ION", "CSV"});
  c.enum_value(ptr(req.InputCompressionType), "inputCompressionType", {"GZIP", "ZSTD", "NONE"});
  if (req.InputFormatOptions && req.InputFormatOptions->Csv) {
    const shapes::CsvOptions& csv = *req.InputFormatOptions->Csv;
    const std::string* delimiter = ptr(csv.Delimiter);
    if (delimiter && (delimiter->size() != 1 || std::string(",;:|\t ").find((*delimiter)[0]) == std::string::npos))
      c.add("'" + *delimiter + "'", "inputFormatOptions.csv.delimiter", "Member must satisfy regular expression pattern: [,;:|\\t ]");
    if (const auto* headers = ptr(csv.HeaderList)) {
      if (headers->empty() || headers->size() > 255)
        c.add_message("Value at 'inputFormatOptions.csv.headerList' failed to satisfy constraint: Member must have length between 1 and 255");
      for (const auto& h : *headers)
        if (h.empty()) throw validation_error("CSV header names must be non-empty strings");
    }
  }
  const auto* params = ptr(req.TableCreationParameters);
  if (!params) c.add("null", "tableCreationParameters", "Member must not be null");
  else c.table_name(ptr(params->TableName), "tableCreationParameters.tableName");
  const std::string* token = ptr(req.ClientToken);
  if (token && (token->empty() || token->find('$') != std::string::npos))
    c.add("'" + *token + "'", "clientToken", "Member must satisfy regular expression pattern: ^[^\\$]+$");
}

// A generated structure's wire JSON, as DynamoDB describes what it was given (its own members, in
// its own spelling, not the request's bytes).
template <typename T>
Json wire_json(void (*encode)(const T&, std::string&), const T& value) {
  std::string text;
  encode(value, text);
  return Json::parse(text);
}

// The request as a ClientToken's record remembers it, to tell a repeat from a conflict.
Json request_json(const shapes::ImportTableInput& req) {
  Json j = Json::object();
  if (req.ClientToken) j["ClientToken"] = *req.ClientToken;
  if (req.S3BucketSource) j["S3BucketSource"] = wire_json(shapes::encode_S3BucketSource, *req.S3BucketSource);
  if (req.InputFormat) j["InputFormat"] = *req.InputFormat;
  if (req.InputFormatOptions) j["InputFormatOptions"] = wire_json(shapes::encode_InputFormatOptions, *req.InputFormatOptions);
  if (req.InputCompressionType) j["InputCompressionType"] = *req.InputCompressionType;
  if (req.TableCreationParameters)
    j["TableCreationParameters"] = wire_json(shapes::encode_TableCreationParameters, *req.TableCreationParameters);
  return j;
}

void import_item(Context& ctx, const model::TableInfo& table, model::Item item) {
  model::PrimaryKey key = model::key_from_item(table.key, item);
  check_item_size(item);  // as PutItem checks it
  check_item_for_write(table, item);
  ctx.engine.put(table, key, &item);
}

void import_object(Context& ctx, const model::TableInfo& table, const Json& d, const std::string& text, const std::string& key,
                   Counts& counts) {
  std::string format = d["InputFormat"];
  auto error = [&](size_t line, const std::string& what) {
    ++counts.errors;
    if (counts.errors <= kLoggedErrors)
      spdlog::warn("import {}: {} line {}: {}", d["ImportArn"].get<std::string>(), key, line, what);
  };
  if (format == "CSV") {
    const Json& csv = d.contains("InputFormatOptions") ? d["InputFormatOptions"].value("Csv", Json::object()) : Json::object();
    std::string delimiter = csv.value("Delimiter", std::string(","));
    auto rows = formats::parse_csv(text, delimiter[0]);
    std::vector<std::string> header;
    size_t first = 0;
    if (csv.contains("HeaderList")) header = csv["HeaderList"].get<std::vector<std::string>>();
    else if (!rows.empty()) header = rows[first++];
    for (size_t i = first; i < rows.size(); ++i) {
      ++counts.processed;
      try {
        import_item(ctx, table, formats::csv_item(header, rows[i], table));
        ++counts.imported;
      } catch (const std::exception& e) {
        error(i + 1, e.what());
      }
    }
    return;
  }
  size_t start = 0, number = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++counts.processed;
    try {
      import_item(ctx, table, format == "ION" ? formats::parse_ion_line(line) : formats::parse_dynamodb_json_line(line));
      ++counts.imported;
    } catch (const std::exception& e) {
      error(number, e.what());
    }
  }
}

void fail(Json& d, const char* code, const std::string& message) {
  d["ImportStatus"] = "FAILED";
  d["FailureCode"] = code;
  d["FailureMessage"] = message;
}

}  // namespace

namespace ops {

std::string import_table(Context& ctx, const shapes::ImportTableInput& input) {
  Constraints c;
  check_request(input, c);
  c.finish();
  const Json req = request_json(input);
  if (auto earlier = find_by_client_token(ctx, kImportRecord, req, "ImportConflictException"))
    return Json({{"ImportTableDescription", (*earlier)["description"]}}).dump();
  const Json& params = req["TableCreationParameters"];
  std::string name = params["TableName"];
  if (ctx.engine.find_table(ctx.ns, name)) throw ApiError("ResourceInUseException", "Table already exists: " + name);

  double now = now_seconds();
  Json d = Json::object();
  d["ImportArn"] = new_import_arn(ctx.region.empty() ? "us-east-1" : ctx.region, name, now);
  d["ImportStatus"] = "IN_PROGRESS";
  if (input.ClientToken) d["ClientToken"] = *input.ClientToken;
  d["S3BucketSource"] = req["S3BucketSource"];
  d["ErrorCount"] = 0;
  d["CloudWatchLogGroupArn"] = "arn:aws:logs:" + (ctx.region.empty() ? std::string("us-east-1") : ctx.region) +
                               ":000000000000:log-group:/aws-dynamodb/imports:*";
  d["InputFormat"] = req["InputFormat"];
  if (req.contains("InputFormatOptions")) d["InputFormatOptions"] = req["InputFormatOptions"];
  d["InputCompressionType"] = req.value("InputCompressionType", std::string("NONE"));
  d["TableCreationParameters"] = params;
  d["StartTime"] = now;
  d["ProcessedSizeBytes"] = 0;
  d["ProcessedItemCount"] = 0;
  d["ImportedItemCount"] = 0;

  const Json& source = req["S3BucketSource"];
  std::string prefix = source.value("S3KeyPrefix", std::string());
  auto bucket_dir = s3::bucket_path(ctx, source["S3Bucket"]);
  model::TablePtr table;
  if (ctx.s3_dir.empty()) fail(d, "S3NoSuchBucket", "No folder stands in for S3: start dynarock with --s3-dir DIR");
  else if (!bucket_dir) fail(d, "S3NoSuchBucket", "The specified bucket does not exist");
  else {
    wire::Document definition = to_wire(params);
    create_table(ctx, definition.root());  // the definition's own validation; ResourceInUseException on a race
    table = ctx.engine.find_table(ctx.ns, name);
    d["TableArn"] = table->arn();
    d["TableId"] = table->extra.value("TableId", std::string());
  }
  Json response = d;
  if (table) {
    Counts counts;
    std::string compression = d["InputCompressionType"];
    for (const auto& key : s3::list_objects(*bucket_dir, prefix)) {
      std::string bytes = s3::get_object(*bucket_dir, key);
      counts.bytes += bytes.size();
      // An object that does not decompress or parse as a whole (a CSV quote left open) is one error.
      try {
        if (compression == "GZIP") bytes = s3::gunzip(bytes);
        else if (compression == "ZSTD") bytes = s3::unzstd(bytes);
        import_object(ctx, *table, d, bytes, key, counts);
      } catch (const std::exception& e) {
        ++counts.errors;
        spdlog::warn("import {}: {}: {}", d["ImportArn"].get<std::string>(), key, e.what());
      }
    }
    d["ImportStatus"] = "COMPLETED";
    d["ProcessedSizeBytes"] = counts.bytes;
    d["ProcessedItemCount"] = counts.processed;
    d["ImportedItemCount"] = counts.imported;
    d["ErrorCount"] = counts.errors;
  }
  d["EndTime"] = now_seconds();
  Json record = {{"description", d}, {"request", req}};
  if (d.contains("ClientToken")) record["client_token"] = d["ClientToken"];
  ctx.engine.put_record(kImportRecord, ctx.ns, d["ImportArn"], record);
  return Json({{"ImportTableDescription", response}}).dump();
}

}  // namespace ops

}  // namespace dynarock::api
