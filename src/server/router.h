// Router: what the server answers to one complete HTTP request, independent of the connection
// (plain or TLS) it came on: DynamoDB operations go to protocol::Service, /_dynarock/ paths to
// its admin endpoints, GET (health text), /health, /metrics and CORS preflights (with --cors)
// are answered here, and everything else gets DynamoDB's 404 page.
#pragma once

#include <boost/beast/http/message.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "protocol/service.h"
#include "server/metrics.h"
#include "server/request_body.h"

namespace dynarock::server {

struct HttpOptions;
using HttpRequest = boost::beast::http::request<RequestBody>;

// A response under construction; the session writes the head itself (no per-request header
// allocations) and reuses this object for the life of the connection.
struct Response {
  unsigned status = 200;
  std::string_view content_type;  // static strings only
  std::string headers;            // extra "Name: value\r\n" lines
  std::string body;
  bool close = false;             // answer, then close the connection

  void reset() {
    status = 200;
    content_type = {};
    headers.clear();
    body.clear();
    close = false;
  }
};

// Where a request runs: on its connection's I/O thread (microseconds of work), on the worker pool
// (may block or run long), or on the one-thread bulk lane (bodies big enough that their DOM is
// worth bounding to one at a time).
enum class Lane { io, worker, bulk };

class Router {
 public:
  Router(protocol::Service& service, const HttpOptions& options);

  Lane lane(const HttpRequest& request) const;
  // Fills `out` (already reset). `headers` is scratch space reused across calls.
  void handle(const HttpRequest& request, std::vector<protocol::Header>& headers, Response& out);

 private:
  void dynamodb(const HttpRequest& request, std::vector<protocol::Header>& headers, Response& out);
  void get(const HttpRequest& request, Response& out);
  bool cors_allows(const HttpRequest& request) const;
  void preflight(const HttpRequest& request, Response& out) const;

  protocol::Service& service_;
  const HttpOptions& options_;
  Metrics metrics_;
};

// Fills `out` with a status and a short text body for a request that could not be read, then
// marks it to close the connection.
void http_error(Response& out, unsigned status, std::string_view reason);

}  // namespace dynarock::server
