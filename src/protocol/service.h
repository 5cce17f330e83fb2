// Service: one DynamoDB endpoint: the engine plus the settings every request may consult.
// The HTTP layer hands each request here whole (method, target, every header, body).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "protocol/credentials.h"
#include "protocol/http_request.h"
#include "protocol/sigv4.h"

namespace dynarock::protocol {

struct Settings {
  bool shared_db = false;            // all credentials/regions see one set of tables
  int delay_transient_ms = 0;        // -delayTransientStatuses: CREATING/DELETING/UPDATING visible this long
  int ttl_change_window_s = 3600;    // --ttl-change-window: DynamoDB's hour between two TTL changes
  std::string s3_dir;                // --s3-dir: the folder standing in for S3 (exports, imports); "" = none
  std::string endpoint_address;      // host:port reported by DescribeEndpoints when no Host header
  bool require_auth = false;         // --require-auth: verify SigV4 signatures against `credentials`
  CredentialStore credentials;
};

struct Reply {
  int status = 200;
  std::string body;
  std::string operation;  // for logs and metrics ("" when unknown)
};

class Service {
 public:
  Service(std::unique_ptr<engine::Engine> engine, Settings settings)
      : engine_(std::move(engine)), settings_(std::move(settings)) {}

  // Handles one DynamoDB POST (X-Amz-Target names the operation; the whole request is needed
  // to verify its signature). `json` is the body to parse: request.body itself, or its inflated
  // form when it was sent compressed (the signature covers the bytes as sent).
  Reply handle(const Request& request) { return handle(request, request.body); }
  Reply handle(const Request& request, std::string_view json);
  // The same for a caller inside the process (--init): no signature, the given credential.
  Reply call_as(const sigv4::Credential& caller, std::string_view operation, std::string_view body);
  // Requests under /_dynarock/ (administration endpoints); 404 for paths nobody serves.
  Reply admin(std::string_view method, std::string_view path, std::string_view body);

  engine::Engine& engine() { return *engine_; }
  const Settings& settings() const { return settings_; }

  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> client_errors{0};
  std::atomic<uint64_t> server_errors{0};

 private:
  // request is null exactly when trusted is set.
  Reply dispatch(std::string_view target, std::string_view body, std::string_view host, const Request* request,
                 const sigv4::Credential* trusted);

  std::unique_ptr<engine::Engine> engine_;
  Settings settings_;
};

}  // namespace dynarock::protocol
