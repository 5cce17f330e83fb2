// Shared by the export and import operations: their records (kept by the engine, so they survive
// a restart), ARNs, page tokens, S3 member checks and times as the manifests write them.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "api/context.h"
#include "api/validate.h"

namespace dynarock::api {

inline constexpr char kExportRecord[] = "export";
inline constexpr char kImportRecord[] = "import";

// "<table arn>/export/<14-digit millis>-<8 hex>"; the part after "export/" is the export id.
std::string new_export_arn(const model::TableInfo& table, double now);
// "arn:aws:dynamodb:<region>:000000000000:table/<name>/import/<14-digit millis>-<8 hex>".
std::string new_import_arn(const std::string& region, const std::string& table_name, double now);

// NextToken of a listing: the last ARN returned, hex-encoded and padded to whole 16-digit groups
// (ListImports' token pattern); empty when it does not decode.
std::string page_token(const std::string& arn);
std::string arn_of_page_token(const std::string& token);

// One page of a listing: the namespace's records of `kind` oldest first (StartTime, then the ARN
// in `arn_member`), resuming after the page token's ARN, those `keep` accepts, `limit` at most,
// each as `summary` shapes it. Sets `next` to the next page's token when more remain.
Json list_page(Context& ctx, const char* kind, const char* arn_member, const std::string* token, size_t limit,
               const std::function<bool(const Json& description)>& keep,
               const std::function<Json(const Json& description)>& summary, std::string& next);

// S3Bucket, S3Prefix / S3KeyPrefix and S3BucketOwner constraints under `path` ("" at the top).
void check_s3_members(const Json& req, const char* prefix_member, const std::string& path, Constraints& c);
// The same for typed members; `prefix_name` is "s3Prefix" or "s3KeyPrefix".
void check_s3_members(const std::string* bucket, const std::string* prefix, const char* prefix_name, const std::string* owner,
                      const std::string& path, Constraints& c);

// A request's ClientToken seen before in this namespace: the stored record, when its request was
// the same; `conflict` (ExportConflictException / ImportConflictException) when it differed.
std::optional<Json> find_by_client_token(Context& ctx, const char* kind, const Json& req, const char* conflict);

// "2020-11-04T07:28:34.028Z".
std::string iso8601(double seconds);

}  // namespace dynarock::api
