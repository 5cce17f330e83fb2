#include <utility>

#include "server/router.h"

#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <random>

#include "server/gzip.h"
#include "server/http_server.h"
#include "server/json_scan.h"

namespace dynarock::server {

namespace http = boost::beast::http;

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kAdminPrefix = "/_dynarock/";

// DynamoDB request ids are 52 characters of [A-Z0-9].
void append_request_id(std::string& out) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t bits = 0;
  for (size_t i = 0; i < 52; ++i) {
    if (i % 10 == 0) bits = rng();
    out += kChars[bits % 36];
    bits /= 36;
  }
}

bool is_read_only(std::string_view op) {
  for (std::string_view prefix : {"Get", "Describe", "List", "Query", "Scan", "BatchGet", "TransactGet"})
    if (op.substr(0, prefix.size()) == prefix) return true;
  return false;
}

// The media type of a Content-Type value: before any ';' parameters, without spaces.
std::string_view media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t')) content_type.remove_prefix(1);
  while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t')) content_type.remove_suffix(1);
  return content_type;
}

// The Content-Type of the answer to a DynamoDB request, "" when DynamoDB does not take the
// request's type. DynamoDB answers application/json to everything but x-amz-json-1.0, and
// x-amz-json-1.1 (another AWS JSON protocol, not DynamoDB's) with its 404 page.
std::string_view reply_type(std::string_view media) {
  if (media == "application/x-amz-json-1.0") return "application/x-amz-json-1.0";
  if (media == "application/json") return "application/json";
  return {};
}

void append_crc32(Response& out) {
  out.headers += "x-amz-crc32: ";
  out.headers += std::to_string(
      crc32(0, reinterpret_cast<const Bytef*>(out.body.data()), static_cast<uInt>(out.body.size())));
  out.headers += "\r\n";
}

// What DynamoDB answers to a request that is not a DynamoDB request (another method, another
// content type): a 404 with this XML body.
void not_found(Response& out) {
  out.status = 404;
  out.content_type = {};
  out.body = "<UnknownOperationException/>\n";
  append_crc32(out);
}

void json_error(Response& out, unsigned status, std::string_view type, std::string_view content_type) {
  out.status = status;
  out.content_type = content_type;
  out.body = "{\"__type\":\"com.amazon.coral.service#";
  out.body += type;
  out.body += "\"}";
}

// The short error type of an error body ("ValidationException" from
// {"__type":"com.amazon.coral.validate#ValidationException",...}).
std::string_view error_type(std::string_view body) {
  size_t start = body.find("\"__type\":\"");
  if (start == std::string_view::npos) return {};
  start += 10;
  size_t end = body.find('"', start);
  if (end == std::string_view::npos) return {};
  std::string_view type = body.substr(start, end - start);
  size_t hash = type.rfind('#');
  return hash == std::string_view::npos ? type : type.substr(hash + 1);
}

// The request's TableName, for the debug log only (a string search, not a parse).
std::string_view table_name(std::string_view body) {
  size_t start = body.find("\"TableName\"");
  if (start == std::string_view::npos) return "-";
  start = body.find('"', start + 11);
  if (start == std::string_view::npos) return "-";
  size_t end = body.find('"', start + 1);
  if (end == std::string_view::npos || end - start > 256) return "-";
  return body.substr(start + 1, end - start - 1);
}

}  // namespace

void http_error(Response& out, unsigned status, std::string_view reason) {
  out.reset();
  out.status = status;
  out.content_type = "text/plain";
  out.body = reason;
  out.body += '\n';
  out.close = true;
}

Router::Router(protocol::Service& service, const HttpOptions& options) : service_(service), options_(options) {}

Lane Router::lane(const HttpRequest& request) const {
  size_t size = request.body().data.size();
  if (size >= options_.bulk_body) return Lane::bulk;
  if (request.target().substr(0, kAdminPrefix.size()) == kAdminPrefix) return Lane::worker;  // e.g. a TTL sweep
  if (request.method() != http::verb::post) return Lane::io;
  if (size >= options_.worker_body) return Lane::worker;
  // Inflating may produce up to the body limit: not on an I/O thread.
  if (size > 0 && !request[http::field::content_encoding].empty()) return Lane::worker;
  std::string_view target = request["X-Amz-Target"];
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) return Lane::io;
  std::string_view op = target.substr(kTargetPrefix.size());
  // Exports and imports read or write a whole table within the call.
  if (op == "Scan" || op == "ExportTableToPointInTime" || op == "ImportTable") return Lane::worker;
  if (options_.offload_writes && !is_read_only(op)) return Lane::worker;
  return Lane::io;
}

void Router::handle(const HttpRequest& request, std::vector<protocol::Header>& headers, Response& out) {
  std::string_view target = request.target();
  if (target.substr(0, kAdminPrefix.size()) == kAdminPrefix) {
    protocol::Reply reply = service_.admin(request.method_string(), target, request.body().data);
    out.status = static_cast<unsigned>(reply.status);
    out.content_type = "application/json";
    out.body = std::move(reply.body);
    return;
  }
  // As DynamoDB: every answer carries a request id, and the allowed origin when one is sent.
  out.headers += "x-amzn-RequestId: ";
  append_request_id(out.headers);
  out.headers += "\r\n";
  bool cors = cors_allows(request);
  if (cors) {
    out.headers += "Access-Control-Allow-Origin: ";
    out.headers += options_.cors_origin == "*" ? std::string_view("*") : request[http::field::origin];
    out.headers += "\r\n";
  }
  switch (request.method()) {
    case http::verb::post: dynamodb(request, headers, out); break;
    case http::verb::get: get(request, out); break;
    case http::verb::options:
      if (cors) preflight(request, out);
      else not_found(out);
      break;
    default: not_found(out); break;
  }
  if (cors && request.method() != http::verb::options)
    out.headers += "Access-Control-Expose-Headers: x-amzn-RequestId, x-amz-crc32\r\n";
  if (request.method() == http::verb::head) out.body.clear();  // a HEAD answer has no body
}

void Router::dynamodb(const HttpRequest& request, std::vector<protocol::Header>& headers, Response& out) {
  const std::string& raw = request.body().data;
  std::string_view content_type = reply_type(media_type(request[http::field::content_type]));
  if (content_type.empty()) {
    if (!raw.empty()) return not_found(out);
    content_type = "application/json";  // DynamoDB reads an empty body whatever its type
  }
  auto start = std::chrono::steady_clock::now();
  // A compressed body is inflated under the plain body limit and depth-checked as plain bodies
  // are while they arrive; the signature stays over the bytes as sent.
  std::string inflated;
  std::string_view json = raw;
  std::string_view encoding = request[http::field::content_encoding];
  if (!encoding.empty() && !raw.empty() && is_compressed_encoding(encoding)) {
    switch (inflate_body(raw, options_.body_limit, inflated)) {
      case Inflate::ok: break;
      case Inflate::too_large:
        out.status = 413;
        out.content_type = "application/x-amz-json-1.0";
        out.body = "{\"__type\":\"com.amazon.coral.service#RequestEntityTooLarge\",\"message\":\"Request Entity Too Large\"}";
        append_crc32(out);
        return;
      case Inflate::corrupt:
        json_error(out, 400, "SerializationException", content_type);
        append_crc32(out);
        return;
    }
    JsonScanner scanner;
    if (!scanner.feed(inflated)) {
      out.status = 400;
      out.content_type = content_type;
      out.body = "{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\"Request body nests deeper than any DynamoDB request can\"}";
      append_crc32(out);
      return;
    }
    json = inflated;
  }
  headers.clear();
  for (const auto& field : request) headers.push_back({field.name_string(), field.value()});
  protocol::Request in{request.method_string(), request.target(), headers, raw};
  protocol::Reply reply = service_.handle(in, json);
  out.status = static_cast<unsigned>(reply.status);
  out.content_type = content_type;
  out.body = std::move(reply.body);
  auto elapsed = std::chrono::steady_clock::now() - start;
  std::string_view error = reply.status == 200 ? std::string_view() : error_type(out.body);
  metrics_.record(reply.operation, reply.status, error, elapsed);
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("{} table={} status={} error={} {}us", reply.operation.empty() ? "-" : reply.operation,
                  table_name(json), reply.status, error.empty() ? "-" : error,
                  std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
  // DynamoDB's x-amz-crc32 is over the bytes sent: the compressed ones when compressed (the
  // SDKs check it against the body before decoding it).
  if (accepts_gzip(request[http::field::accept_encoding])) {
    gzip_body(out.body);
    out.headers += "Content-Encoding: gzip\r\n";
  }
  append_crc32(out);
}

void Router::get(const HttpRequest& request, Response& out) {
  std::string_view target = request.target();
  if (target == "/health") {
    out.content_type = "application/json";
    out.body = "{\"status\":\"ok\"}";
  } else if (target == "/metrics") {
    out.content_type = "text/plain; version=0.0.4";
    metrics_.render(out.body);
    out.body += "# HELP dynarock_client_errors_total DynamoDB requests answered with a 4xx status.\n"
                "# TYPE dynarock_client_errors_total counter\ndynarock_client_errors_total " +
                std::to_string(service_.client_errors.load()) +
                "\n# HELP dynarock_server_errors_total DynamoDB requests answered with a 5xx status.\n"
                "# TYPE dynarock_server_errors_total counter\ndynarock_server_errors_total " +
                std::to_string(service_.server_errors.load()) + "\n";
  } else {
    // DynamoDB answers every GET, whatever its path, with its health text (trailing space its own).
    out.body = "healthy: dynamodb.";
    out.body += options_.region;
    out.body += ".amazonaws.com ";
    append_crc32(out);
  }
}

bool Router::cors_allows(const HttpRequest& request) const {
  if (!options_.cors) return false;
  std::string_view origin = request[http::field::origin];
  return !origin.empty() && (options_.cors_origin == "*" || origin == options_.cors_origin);
}

// A CORS preflight: 200 with no body, allowing what was asked, cached for two days (DynamoDB's
// answer).
void Router::preflight(const HttpRequest& request, Response& out) const {
  std::string_view headers = request[http::field::access_control_request_headers];
  if (!headers.empty()) {
    out.headers += "Access-Control-Allow-Headers: ";
    out.headers += headers;
    out.headers += "\r\n";
  }
  std::string_view method = request[http::field::access_control_request_method];
  if (!method.empty()) {
    out.headers += "Access-Control-Allow-Methods: ";
    out.headers += method;
    out.headers += "\r\n";
  }
  out.headers += "Access-Control-Max-Age: 172800\r\n";
}

}  // namespace dynarock::server
