#include "api/export_import.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <random>

#include "model/error.h"

namespace dynarock::api {

namespace {

std::string arn_suffix(double now) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "%014lld-%08x", static_cast<long long>(now * 1000), static_cast<unsigned>(rng()));
  return suffix;
}

}  // namespace

std::string new_export_arn(const model::TableInfo& table, double now) { return table.arn() + "/export/" + arn_suffix(now); }

std::string new_import_arn(const std::string& region, const std::string& table_name, double now) {
  return "arn:aws:dynamodb:" + region + ":000000000000:table/" + table_name + "/import/" + arn_suffix(now);
}

std::string page_token(const std::string& arn) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : arn) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  while (out.size() < 112 || out.size() % 16 != 0) out += "00";
  return out;
}

std::string arn_of_page_token(const std::string& token) {
  if (token.size() % 2 != 0) return "";
  std::string out;
  for (size_t i = 0; i < token.size(); i += 2) {
    int v = 0;
    for (size_t k = i; k < i + 2; ++k) {
      char c = token[k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return "";
      v = v * 16 + d;
    }
    if (v == 0) break;
    out += static_cast<char>(v);
  }
  return out;
}

Json list_page(Context& ctx, const char* kind, const char* arn_member, const std::string* token, size_t limit,
               const std::function<bool(const Json& description)>& keep,
               const std::function<Json(const Json& description)>& summary, std::string& next) {
  std::string after;
  if (token) {
    after = arn_of_page_token(*token);
    if (after.empty()) throw validation_error("Invalid NextToken");
  }
  std::vector<Json> all = ctx.engine.list_records(kind, ctx.ns);
  std::stable_sort(all.begin(), all.end(), [&](const Json& a, const Json& b) {
    const Json &x = a["description"], &y = b["description"];
    double ta = x["StartTime"].get<double>(), tb = y["StartTime"].get<double>();
    return ta != tb ? ta < tb : x[arn_member].get<std::string>() < y[arn_member].get<std::string>();
  });
  Json out = Json::array();
  bool started = after.empty();
  std::string last;
  next.clear();
  for (const auto& record : all) {
    const Json& d = record["description"];
    if (!started) {
      started = d[arn_member] == after;
      continue;
    }
    if (!keep(d)) continue;
    if (out.size() == limit) {
      next = page_token(last);
      break;
    }
    out.push_back(summary(d));
    last = d[arn_member];
  }
  return out;
}

void check_s3_members(const Json& req, const char* prefix_member, const std::string& path, Constraints& c) {
  check_s3_members(get_string(req, "S3Bucket"), get_string(req, prefix_member), prefix_member[2] == 'K' ? "s3KeyPrefix" : "s3Prefix",
                   get_string(req, "S3BucketOwner"), path, c);
}

void check_s3_members(const std::string* bucket, const std::string* prefix, const char* prefix_name, const std::string* owner,
                      const std::string& path, Constraints& c) {
  auto at = [&](const char* name) { return path.empty() ? std::string(name) : path + "." + name; };
  if (!bucket) c.add("null", at("s3Bucket"), "Member must not be null");
  else {
    c.length(bucket, at("s3Bucket"), 0, 255);
    bool ok = bucket->size() >= 2 && std::isalnum(static_cast<unsigned char>(bucket->front())) &&
              std::isalnum(static_cast<unsigned char>(bucket->back()));
    for (char ch : *bucket) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_');
    if (!ok) c.add("'" + *bucket + "'", at("s3Bucket"), "Member must satisfy regular expression pattern: ^[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+$");
  }
  c.length(prefix, at(prefix_name), 0, 1024);
  if (owner) {
    bool ok = owner->size() == 12;
    for (char ch : *owner) ok = ok && std::isdigit(static_cast<unsigned char>(ch));
    if (!ok) c.add("'" + *owner + "'", at("s3BucketOwner"), "Member must satisfy regular expression pattern: [0-9]{12}");
  }
}

std::optional<Json> find_by_client_token(Context& ctx, const char* kind, const Json& req, const char* conflict) {
  const std::string* token = get_string(req, "ClientToken");
  if (!token) return std::nullopt;
  for (auto& record : ctx.engine.list_records(kind, ctx.ns)) {
    if (record.value("client_token", std::string()) != *token) continue;
    if (record["request"] != req)
      throw ApiError(conflict, std::string("A request with the same ClientToken but different parameters was already made"));
    return record;
  }
  return std::nullopt;
}

std::string iso8601(double seconds) {
  std::time_t whole = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&whole, &tm);
  char text[96];
  int millis = static_cast<int>((seconds - static_cast<double>(whole)) * 1000);
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return text;
}

}  // namespace dynarock::api
