// HttpServer: Boost.Beast HTTP/1.1 front end. Keep-alive sessions on a pool of io threads; each
// request is handled to completion on its session's thread (the work is microseconds, so
// handing it to another pool would cost more than it saves).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "protocol/service.h"

namespace dynarock::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8000;
  int threads = 0;                          // 0: one per core
  size_t body_limit = 16 * 1024 * 1024;     // DynamoDB's request size limit
  size_t header_limit = 64 * 1024;
  int idle_timeout_s = 120;                 // keep-alive connection with no request
  int read_timeout_s = 60;                  // a request that does not arrive in full
  bool handle_signals = true;               // stop on SIGINT/SIGTERM (off when embedded)
  bool cors = false;
  std::string cors_origin = "*";
};

class HttpServer {
 public:
  HttpServer(protocol::Service& service, HttpOptions options);
  ~HttpServer();

  // Binds and listens; returns the bound port (useful with port 0). Throws on failure.
  uint16_t start();
  // Runs the io threads until stop(); blocks.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynarock::server
