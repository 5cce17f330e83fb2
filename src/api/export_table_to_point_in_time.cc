// ExportTableToPointInTime: the table's items as they were at ExportTime (FULL_EXPORT), or the
// changes between two times (INCREMENTAL_EXPORT), read from its point-in-time recovery history and
// written into the folder standing in for S3 in DynamoDB's layout:
//   <prefix>/AWSDynamoDB/<export id>/manifest-summary.json, manifest-files.json, data/<file>.gz
// The files are written within the call (local tables are small); the response says IN_PROGRESS
// as DynamoDB's always does, and DescribeExport then reports COMPLETED (or FAILED).
#include <cmath>
#include <random>

#include "api/export_import.h"
#include "api/item_formats.h"
#include "api/operations.h"
#include "api/restore.h"
#include "api/s3_folder.h"
#include "api/table_description.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

constexpr double kMaxIncrementalPeriod = 24 * 3600;

struct Output {
  std::string lines;
  uint64_t items = 0, bytes = 0;
};

std::string random_name() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string name;
  for (int i = 0; i < 26; ++i) name += alphabet[rng() % 36];
  return name;
}

void write_item(const model::Item& item, bool ion, std::string& out) {
  if (ion) {
    out += "$ion_1_0 {Item:";
    formats::write_ion(item, out);
    out += "}\n";
  } else {
    out += "{\"Item\":";
    model::write_json(item, out);
    out += "}\n";
  }
}

// One incremental record: Metadata, Keys, NewImage (when the item exists at the end) and OldImage
// (NEW_AND_OLD_IMAGES, when it existed at the start).
void write_change(const model::TableInfo& table, int64_t micros, const model::Item* before, const model::Item* after,
                  bool old_images, bool ion, std::string& out) {
  model::Item keys = model::key_attributes(table.key, after ? *after : *before);
  std::string stamp = std::to_string(micros);
  if (ion) {
    out += "$ion_1_0 {Metadata:{WriteTimestampMicros:" + stamp + ".},Keys:";
    formats::write_ion(keys, out);
    if (after) out += ",NewImage:", formats::write_ion(*after, out);
    if (old_images && before) out += ",OldImage:", formats::write_ion(*before, out);
    out += "}\n";
  } else {
    out += "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"" + stamp + "\"}},\"Keys\":";
    model::write_json(keys, out);
    if (after) out += ",\"NewImage\":", model::write_json(*after, out);
    if (old_images && before) out += ",\"OldImage\":", model::write_json(*before, out);
    out += "}\n";
  }
}

// Writes the export's objects; fills ItemCount, BilledSizeBytes and the manifest key.
void write_export(Context& ctx, const model::TableInfo& table, const std::string& bucket_dir, Json& d) {
  bool ion = d["ExportFormat"] == "ION";
  bool incremental = d["ExportType"] == "INCREMENTAL_EXPORT";
  Output out;
  if (incremental) {
    const Json& spec = d["IncrementalExportSpecification"];
    bool old_images = spec["ExportViewType"] == "NEW_AND_OLD_IMAGES";
    auto from = static_cast<int64_t>(std::llround(spec["ExportFromTime"].get<double>() * 1e6));
    auto to = static_cast<int64_t>(std::llround(spec["ExportToTime"].get<double>() * 1e6));
    ctx.engine.read_changes(table, from, to, [&](int64_t micros, const model::Item* before, const model::Item* after) {
      write_change(table, micros, before, after, old_images, ion, out.lines);
      ++out.items;
      out.bytes += model::item_size(after ? *after : *before);
    });
  } else {
    auto at = static_cast<int64_t>(std::floor(d["ExportTime"].get<double>() * 1e6));
    ctx.engine.read_at(table, at, [&](model::Item&& item) {
      write_item(item, ion, out.lines);
      ++out.items;
      out.bytes += model::item_size(item);
      return true;
    });
  }
  std::string prefix = d.value("S3Prefix", std::string());
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  std::string export_id = d["ExportArn"].get<std::string>().substr(d["ExportArn"].get<std::string>().rfind('/') + 1);
  std::string base = (prefix.empty() ? "" : prefix + "/") + "AWSDynamoDB/" + export_id + "/";
  s3::put_object(bucket_dir, base + "_started", "");
  std::string data_key = base + "data/" + random_name() + (ion ? ".ion.gz" : ".json.gz");
  std::string data = s3::gzip(out.lines);
  s3::put_object(bucket_dir, data_key, data);
  std::string md5 = s3::md5_base64(data);
  Json file = {{"itemCount", out.items}, {"md5Checksum", md5}, {"etag", md5}, {"dataFileS3Key", data_key}};
  std::string files = file.dump() + "\n";
  s3::put_object(bucket_dir, base + "manifest-files.json", files);
  s3::put_object(bucket_dir, base + "manifest-files.checksum", s3::md5_base64(files));

  double end = now_seconds();
  d["ItemCount"] = out.items;
  d["BilledSizeBytes"] = out.bytes;
  d["ExportManifest"] = base + "manifest-summary.json";
  d["EndTime"] = end;
  d["ExportStatus"] = "COMPLETED";
  Json summary = {{"version", incremental ? "2023-08-01" : "2020-06-30"},
                  {"exportArn", d["ExportArn"]},
                  {"startTime", iso8601(d["StartTime"].get<double>())},
                  {"endTime", iso8601(end)},
                  {"tableArn", d["TableArn"]},
                  {"tableId", d["TableId"]}};
  if (incremental) {
    summary["exportFromTime"] = iso8601(d["IncrementalExportSpecification"]["ExportFromTime"].get<double>());
    summary["exportToTime"] = iso8601(d["IncrementalExportSpecification"]["ExportToTime"].get<double>());
  } else {
    summary["exportTime"] = iso8601(d["ExportTime"].get<double>());
  }
  summary["s3Bucket"] = d["S3Bucket"];
  summary["s3Prefix"] = d.contains("S3Prefix") ? d["S3Prefix"] : Json();
  summary["s3SseAlgorithm"] = d["S3SseAlgorithm"];
  summary["s3SseKmsKeyId"] = d.contains("S3SseKmsKeyId") ? d["S3SseKmsKeyId"] : Json();
  summary["manifestFilesS3Key"] = base + "manifest-files.json";
  summary["billedSizeBytes"] = out.bytes;
  summary["itemCount"] = out.items;
  summary["outputFormat"] = d["ExportFormat"];
  if (incremental) summary["outputView"] = d["IncrementalExportSpecification"]["ExportViewType"];
  summary["exportType"] = d["ExportType"];
  std::string summary_text = summary.dump();
  s3::put_object(bucket_dir, base + "manifest-summary.json", summary_text);
  s3::put_object(bucket_dir, base + "manifest-summary.checksum", s3::md5_base64(summary_text));
}

// The request as its record keeps it for ClientToken retries: its members as JSON.
Json request_json(const shapes::ExportTableToPointInTimeInput& req) {
  Json j = Json::object();
  auto put = [&j](const char* name, const auto& member) {
    if (member) j[name] = *member;
  };
  put("TableArn", req.TableArn);
  put("ExportTime", req.ExportTime);
  put("ClientToken", req.ClientToken);
  put("S3Bucket", req.S3Bucket);
  put("S3BucketOwner", req.S3BucketOwner);
  put("S3Prefix", req.S3Prefix);
  put("S3SseAlgorithm", req.S3SseAlgorithm);
  put("S3SseKmsKeyId", req.S3SseKmsKeyId);
  put("ExportFormat", req.ExportFormat);
  put("ExportType", req.ExportType);
  if (const auto& spec = req.IncrementalExportSpecification) {
    Json& s = j["IncrementalExportSpecification"] = Json::object();
    if (spec->ExportFromTime) s["ExportFromTime"] = *spec->ExportFromTime;
    if (spec->ExportToTime) s["ExportToTime"] = *spec->ExportToTime;
    if (spec->ExportViewType) s["ExportViewType"] = *spec->ExportViewType;
  }
  return j;
}

}  // namespace

namespace ops {

std::string export_table_to_point_in_time(Context& ctx, const shapes::ExportTableToPointInTimeInput& req) {
  Constraints c;
  const std::string* table_arn = ptr(req.TableArn);
  if (!table_arn) c.add("null", "tableArn", "Member must not be null");
  c.length(table_arn, "tableArn", 1, 1024);
  check_s3_members(ptr(req.S3Bucket), ptr(req.S3Prefix), "s3Prefix", ptr(req.S3BucketOwner), "", c);
  const std::string* kms = ptr(req.S3SseKmsKeyId);
  c.length(kms, "s3SseKmsKeyId", 1, 2048);
  c.enum_value(ptr(req.S3SseAlgorithm), "s3SseAlgorithm", {"AES256", "KMS"});
  c.enum_value(ptr(req.ExportFormat), "exportFormat", {"DYNAMODB_JSON", "ION"});
  c.enum_value(ptr(req.ExportType), "exportType", {"FULL_EXPORT", "INCREMENTAL_EXPORT"});
  const std::string* token = ptr(req.ClientToken);
  if (token && (token->empty() || token->find('$') != std::string::npos))
    c.add("'" + *token + "'", "clientToken", "Member must satisfy regular expression pattern: ^[^\\$]+$");
  auto export_time = req.ExportTime;
  const auto* spec = ptr(req.IncrementalExportSpecification);
  std::optional<double> from, to;
  if (spec) {
    c.enum_value(ptr(spec->ExportViewType), "incrementalExportSpecification.exportViewType", {"NEW_IMAGE", "NEW_AND_OLD_IMAGES"});
    from = spec->ExportFromTime;
    to = spec->ExportToTime;
  }
  c.finish();

  Json request = request_json(req);
  if (auto earlier = find_by_client_token(ctx, kExportRecord, request, "ExportConflictException")) {
    Json d = (*earlier)["description"];
    return Json({{"ExportDescription", d}}).dump();
  }
  std::string type = req.ExportType.value_or("FULL_EXPORT");
  bool incremental = type == "INCREMENTAL_EXPORT";
  if (incremental && export_time) throw validation_error("ExportTime cannot be specified for an incremental export");
  if (incremental && !from)
    throw validation_error("IncrementalExportSpecification with ExportFromTime is required for an incremental export");
  if (!incremental && spec) throw validation_error("IncrementalExportSpecification can only be specified for an incremental export");
  if (table_arn->rfind("arn:", 0) != 0 || table_arn->find(":table/") == std::string::npos)
    throw validation_error("Invalid TableArn: " + *table_arn);
  std::string name = table_name_from(*table_arn);
  model::TablePtr table = ctx.engine.find_table(ctx.ns, name);
  if (!table) throw table_not_found(name);
  if (!table->pitr.enabled || table->pitr.earliest <= 0)
    throw ApiError("PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table '" + name + "'");

  double now = now_seconds();
  double earliest = std::max(table->pitr.earliest, now - table->pitr.period_days * 86400.0);
  auto window_error = [&](const char* what) {
    return ApiError("InvalidExportTimeException", std::string(what) + " must be between " + iso8601(earliest) + " and " + iso8601(now));
  };
  Json d = Json::object();
  d["ExportArn"] = new_export_arn(*table, now);
  d["ExportStatus"] = "IN_PROGRESS";
  d["StartTime"] = now;
  d["TableArn"] = table->arn();
  d["TableId"] = table->extra.value("TableId", std::string());
  if (token) d["ClientToken"] = *token;
  d["S3Bucket"] = *req.S3Bucket;
  if (const std::string* owner = ptr(req.S3BucketOwner)) d["S3BucketOwner"] = *owner;
  if (const std::string* prefix = ptr(req.S3Prefix)) d["S3Prefix"] = *prefix;
  d["S3SseAlgorithm"] = req.S3SseAlgorithm.value_or("AES256");
  if (kms) d["S3SseKmsKeyId"] = *kms;
  d["ExportFormat"] = req.ExportFormat.value_or("DYNAMODB_JSON");
  d["ExportType"] = type;
  if (incremental) {
    double end = to.value_or(now);
    if (*from < std::floor(earliest) || *from > now) throw window_error("ExportFromTime");
    if (end > now) throw window_error("ExportToTime");
    if (end <= *from) throw validation_error("ExportToTime must be later than ExportFromTime");
    if (end - *from > kMaxIncrementalPeriod) throw validation_error("The export period must not exceed 24 hours");
    d["IncrementalExportSpecification"] = {{"ExportFromTime", *from},
                                           {"ExportToTime", end},
                                           {"ExportViewType", spec->ExportViewType.value_or("NEW_AND_OLD_IMAGES")}};
  } else {
    double at = export_time.value_or(now);
    if (at < std::floor(earliest) || at > now) throw window_error("ExportTime");
    d["ExportTime"] = at;
  }

  Json response = d;
  auto bucket_dir = s3::bucket_path(ctx, d["S3Bucket"]);
  std::string prefix = d.value("S3Prefix", std::string());
  if (ctx.s3_dir.empty()) {
    d["ExportStatus"] = "FAILED";
    d["FailureCode"] = "S3NoSuchBucket";
    d["FailureMessage"] = "No folder stands in for S3: start dynarock with --s3-dir DIR";
  } else if (!bucket_dir) {
    d["ExportStatus"] = "FAILED";
    d["FailureCode"] = "S3NoSuchBucket";
    d["FailureMessage"] = "The specified bucket does not exist";
  } else if (!prefix.empty() && !s3::valid_key(prefix + "x")) {
    d["ExportStatus"] = "FAILED";
    d["FailureCode"] = "S3InvalidPrefix";
    d["FailureMessage"] = "The prefix has \".\" or \"..\" segments, which name no object in the local S3 folder";
  } else {
    try {
      write_export(ctx, *table, *bucket_dir, d);
    } catch (const ApiError&) {
      throw;
    } catch (const std::exception& e) {
      d["ExportStatus"] = "FAILED";
      d["FailureCode"] = "S3WriteFailed";
      d["FailureMessage"] = e.what();
    }
  }
  if (d["ExportStatus"] == "FAILED") d["EndTime"] = now_seconds();
  Json record = {{"description", d}, {"request", std::move(request)}};
  if (token) record["client_token"] = *token;
  ctx.engine.put_record(kExportRecord, ctx.ns, d["ExportArn"], record);
  return Json({{"ExportDescription", response}}).dump();
}

}  // namespace ops

}  // namespace dynarock::api
