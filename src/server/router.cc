#include <utility>

#include "server/router.h"

#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <random>

#include "server/http_server.h"

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

std::string_view json_type(std::string_view content_type) {
  if (content_type.substr(0, 26) == "application/x-amz-json-1.0") return "application/x-amz-json-1.0";
  if (content_type.substr(0, 26) == "application/x-amz-json-1.1") return "application/x-amz-json-1.1";
  return {};
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
  switch (request.method()) {
    case http::verb::post: dynamodb(request, headers, out); return;
    case http::verb::get: get(request, out); return;
    case http::verb::options:
      if (options_.cors) {
        cors(request, out);
        out.headers += "Access-Control-Max-Age: 172800\r\n";
        return;
      }
      break;
    default: break;
  }
  out.status = 405;
  out.content_type = "text/plain";
  out.body = "Method Not Allowed\n";
}

void Router::dynamodb(const HttpRequest& request, std::vector<protocol::Header>& headers, Response& out) {
  std::string_view content_type = json_type(request[http::field::content_type]);
  if (content_type.empty()) {
    out.status = 404;
    out.content_type = "application/x-amz-json-1.0";
    out.body = "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\",\"message\":\"\"}";
    return;
  }
  auto start = std::chrono::steady_clock::now();
  headers.clear();
  for (const auto& field : request) headers.push_back({field.name_string(), field.value()});
  protocol::Request in{request.method_string(), request.target(), headers, request.body().data};
  protocol::Reply reply = service_.handle(in);
  out.status = static_cast<unsigned>(reply.status);
  out.content_type = content_type;
  out.body = std::move(reply.body);
  out.headers += "x-amzn-RequestId: ";
  append_request_id(out.headers);
  out.headers += "\r\nx-amz-crc32: ";
  out.headers += std::to_string(
      crc32(0, reinterpret_cast<const Bytef*>(out.body.data()), static_cast<uInt>(out.body.size())));
  out.headers += "\r\n";
  if (options_.cors) cors(request, out);
  auto elapsed = std::chrono::steady_clock::now() - start;
  std::string_view error = reply.status == 200 ? std::string_view() : error_type(out.body);
  metrics_.record(reply.operation, reply.status, error, elapsed);
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("{} table={} status={} error={} {}us", reply.operation.empty() ? "-" : reply.operation,
                  table_name(request.body().data), reply.status, error.empty() ? "-" : error,
                  std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
  }
}

void Router::get(const HttpRequest& request, Response& out) {
  std::string_view target = request.target();
  out.content_type = "text/plain";
  if (target == "/") {
    std::string_view host = request[http::field::host];
    out.body = "healthy: ";
    out.body += host.empty() ? std::string_view("localhost") : host;
  } else if (target == "/health") {
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
    out.status = 404;
    out.body = "Not Found\n";
    return;
  }
  if (options_.cors) cors(request, out);
}

void Router::cors(const HttpRequest& request, Response& out) const {
  out.headers += "Access-Control-Allow-Origin: " + options_.cors_origin + "\r\n";
  out.headers += "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\r\n";
  std::string_view wanted = request["Access-Control-Request-Headers"];
  out.headers += "Access-Control-Allow-Headers: ";
  out.headers += wanted.empty() ? std::string_view("*") : wanted;
  out.headers += "\r\nAccess-Control-Expose-Headers: x-amzn-RequestId, x-amz-crc32\r\n";
}

}  // namespace dynarock::server
