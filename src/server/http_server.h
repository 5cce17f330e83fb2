// HttpServer: the HTTP/1.1 (and HTTPS) front end. Shared-nothing: one io_context per I/O thread,
// each connection served start to end on the thread it was handed to; work that can block runs
// on a worker pool. See docs/architecture.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "protocol/service.h"

namespace dynarock::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;
  int threads = 0;                          // I/O threads; 0: one per core
  int worker_threads = 0;                   // pool for blocking work; 0: max(2, cores)
  int max_connections = 0;                  // 0: min(10000, open-file limit - 64)
  size_t body_limit = 16 * 1024 * 1024;     // DynamoDB's request size limit
  size_t header_limit = 64 * 1024;
  size_t worker_body = 64 * 1024;           // bodies from this size run on the worker pool
  size_t bulk_body = 1024 * 1024;           // ... and from this size on the one-thread bulk lane
  bool offload_writes = false;              // writes run on the worker pool (--sync: they fsync)
  int idle_timeout_s = 120;                 // keep-alive connection with no request
  int read_timeout_s = 60;                  // a request that does not arrive in full
  int shutdown_timeout_s = 10;              // SIGTERM/SIGINT: bound on finishing in-flight requests
  bool handle_signals = true;               // shut down on SIGINT/SIGTERM (off when embedded)
  bool cors = false;
  std::string cors_origin = "*";
  std::string region = "us-east-1";         // named by GET / ("healthy: dynamodb.<region>.amazonaws.com ")
  // HTTPS: both files and tls_port set (tls_port 0 only with port 0: a free port, for tests).
  // tls_port == port serves HTTPS only.
  std::string tls_cert;
  std::string tls_key;
  uint16_t tls_port = 0;
};

class HttpServer {
 public:
  HttpServer(protocol::Service& service, HttpOptions options);
  ~HttpServer();

  // Binds and listens; returns the bound HTTP port (the HTTPS one when serving HTTPS only;
  // useful with port 0). Throws on failure.
  uint16_t start();
  // The bound HTTPS port, 0 without TLS.
  uint16_t tls_port() const;
  // Runs the I/O threads until stopped; blocks.
  void run();
  // Stops at once, dropping connections.
  void stop();
  // Stops accepting, lets in-flight requests finish (within shutdown_timeout_s), then stops.
  // Safe to call from any thread.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynarock::server
