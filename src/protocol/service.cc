#include "protocol/service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "api/operations.h"
#include "api/streams/operations.h"
#include "model/error.h"
#include "model/json_writer.h"
#include "model/wire_json.h"
#include "protocol/sigv4.h"

namespace dynarock::protocol {

namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810.";  // same port, as DynamoDB Local

std::string error_body(const ApiError& e) {
  std::string body = "{\"__type\":";
  json_writer::string(body, error_namespace(e.code()) + e.code());
  // DynamoDB's wire-level errors carry no message when they have none, and its JSON binder
  // spells the member "Message" where the service spells it "message".
  if (!e.message().empty()) {
    body += e.code() == "SerializationException" ? ",\"Message\":" : ",\"message\":";
    json_writer::string(body, e.message());
  }
  for (auto it = e.extra.begin(); it != e.extra.end(); ++it) {
    body += ',';
    json_writer::string(body, it.key());
    body += ':';
    body += it.value().dump();
  }
  body += '}';
  return body;
}

}  // namespace

Reply Service::admin(std::string_view method, std::string_view path, std::string_view) {
  Reply reply;
  reply.operation = "admin";
  std::string message;
  if (path == "/_dynarock/ttl/sweep") {
    // A TTL sweep now, so a test sees expiry without waiting for --ttl-interval.
    if (method == "POST") {
      try {
        reply.body = "{\"deleted\":" + std::to_string(engine().sweep_expired()) + "}";
        return reply;
      } catch (const std::exception& e) {
        spdlog::error("TTL sweep failed: {}", e.what());
        reply.status = 500;
        message = std::string("TTL sweep failed: ") + e.what();
      }
    } else {
      reply.status = 405;
      message = "Use POST for " + std::string(path);
    }
  } else {
    reply.status = 404;
    message = "No administration endpoint at " + std::string(path);
  }
  reply.body = "{\"message\":";
  json_writer::string(reply.body, message);
  reply.body += '}';
  return reply;
}

Reply Service::handle(const Request& request, std::string_view json) {
  return dispatch(request.header("x-amz-target"), json, request.header("host"), &request, nullptr);
}

Reply Service::call_as(const sigv4::Credential& caller, std::string_view operation, std::string_view body) {
  std::string target = std::string(kTargetPrefix) + std::string(operation);
  return dispatch(target, body, "", nullptr, &caller);
}

Reply Service::dispatch(std::string_view target, std::string_view body, std::string_view host, const Request* request,
                        const sigv4::Credential* trusted) {
  requests.fetch_add(1, std::memory_order_relaxed);
  Reply reply;
  try {
    // DynamoDB's order: a body that is not JSON, then the target, then authentication, then an
    // empty body or one that is not an object.
    std::optional<wire::Document> input;
    if (!body.empty()) {
      input = wire::Document::parse(body);
      if (!input) throw ApiError("SerializationException", "");
    }
    bool streams = target.substr(0, kStreamsPrefix.size()) == kStreamsPrefix;
    if (!streams && target.substr(0, kTargetPrefix.size()) != kTargetPrefix) throw ApiError("UnknownOperationException", "");
    reply.operation = std::string(target.substr(streams ? kStreamsPrefix.size() : kTargetPrefix.size()));
    api::Handler handler = streams ? api::streams::find_operation(reply.operation) : api::find_operation(reply.operation);
    if (!handler) throw ApiError("UnknownOperationException", "");
    sigv4::Credential credential =
        trusted ? *trusted
                : sigv4::authenticate(*request, settings_.require_auth ? &settings_.credentials : nullptr,
                                      std::chrono::system_clock::now());
    if (!input || !input->root().is_object()) throw ApiError("SerializationException", "");
    api::Context ctx{engine(),
                     settings_.shared_db ? std::string() : credential.access_key + "_" + credential.region,
                     credential.region,
                     std::string(host.empty() ? std::string_view(settings_.endpoint_address) : host),
                     settings_.delay_transient_ms,
                     settings_.ttl_change_window_s,
                     settings_.s3_dir};
    reply.body = handler(ctx, input->root());
  } catch (const ApiError& e) {
    reply.status = e.status();
    reply.body = error_body(e);
    (e.status() >= 500 ? server_errors : client_errors).fetch_add(1, std::memory_order_relaxed);
    if (e.status() >= 500) spdlog::error("{} failed: {}", reply.operation, e.message());
  } catch (const std::exception& e) {
    // Anything unexpected is a server bug: report DynamoDB's 500, never crash the process.
    spdlog::error("{} internal error: {}", reply.operation, e.what());
    server_errors.fetch_add(1, std::memory_order_relaxed);
    reply.status = 500;
    reply.body = error_body(ApiError("InternalServerError", "Internal server error", 500));
  }
  return reply;
}

}  // namespace dynarock::protocol
