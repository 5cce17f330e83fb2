// Boost 1.74 with g++ 12 in C++20 needs <utility> before Asio (std::exchange in awaitable.hpp).
#include <utility>

#include "server/http_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

namespace dynarock::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// DynamoDB request ids are 52 characters of [A-Z0-9].
std::string request_id() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string id(52, 'A');
  uint64_t bits = rng();
  for (size_t i = 0; i < id.size(); ++i) {
    if (i % 10 == 0) bits = rng();
    id[i] = kChars[bits % 36];
    bits /= 36;
  }
  return id;
}

}  // namespace

struct HttpServer::Impl {
  protocol::Service& service;
  HttpOptions options;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  // Shutdown signals are handled by Asio, not in a raw signal handler: stopping the io_context
  // takes locks, which is not async-signal-safe.
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::vector<std::thread> threads;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  Impl(protocol::Service& s, HttpOptions o) : service(s), options(std::move(o)) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(*this, std::move(socket))->read();
      }
      accept();
    });
  }

  class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(Impl& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {}

    void read() {
      parser_.emplace();
      parser_->body_limit(server_.options.body_limit);
      parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
      stream_.expires_after(std::chrono::seconds(first_ ? server_.options.read_timeout_s : server_.options.idle_timeout_s));
      first_ = false;
      http::async_read(stream_, buffer_, *parser_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

   private:
    void on_read(beast::error_code ec) {
      if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset ||
          ec == asio::error::operation_aborted) {
        close();
        return;
      }
      if (ec == http::error::body_limit) {
        respond_simple(http::status::payload_too_large,
                       "{\"__type\":\"com.amazon.coral.service#RequestEntityTooLarge\",\"message\":\"Request Entity Too Large\"}",
                       false);
        return;
      }
      if (ec == http::error::header_limit) {
        respond_simple(http::status::request_header_fields_too_large, "", false);
        return;
      }
      if (ec) {
        if (ec != http::error::partial_message) spdlog::debug("http read error: {}", ec.message());
        close();
        return;
      }
      handle(parser_->release());
    }

    void handle(http::request<http::string_body>&& req) {
      keep_alive_ = req.keep_alive();
      auto start = std::chrono::steady_clock::now();
      if (req.method() == http::verb::options && server_.options.cors) {
        auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, req.version());
        cors_headers(*res, req);
        res->set("Access-Control-Max-Age", "172800");
        send(res);
        return;
      }
      if (req.method() == http::verb::get) {
        handle_get(req);
        return;
      }
      if (req.method() != http::verb::post) {
        respond_simple(http::status::method_not_allowed, "", keep_alive_);
        return;
      }
      std::string_view content_type = req[http::field::content_type];
      if (content_type.substr(0, 26) != "application/x-amz-json-1.0" && content_type.substr(0, 26) != "application/x-amz-json-1.1") {
        respond_simple(http::status::not_found,
                       "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\",\"message\":\"\"}", keep_alive_);
        return;
      }
      protocol::HttpRequestView view{req.method_string(), req.target(), {}, req.body()};
      for (const auto& field : req) view.headers.emplace_back(field.name_string(), field.value());
      protocol::Reply reply = server_.service.handle(view);
      auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), req.version());
      res->set(http::field::content_type, content_type.substr(0, 26));
      res->set("x-amzn-RequestId", request_id());
      res->set("x-amz-crc32", std::to_string(crc32(0, reinterpret_cast<const Bytef*>(reply.body.data()),
                                                   static_cast<uInt>(reply.body.size()))));
      if (server_.options.cors) cors_headers(*res, req);
      res->body() = std::move(reply.body);
      if (spdlog::should_log(spdlog::level::debug)) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
        spdlog::debug("{} {} {}us", reply.operation, reply.status, us);
      }
      send(res);
    }

    void handle_get(const http::request<http::string_body>& req) {
      std::string_view target = req.target();
      std::string body;
      std::string type = "text/plain";
      if (target == "/") {
        body = "healthy: " + std::string(req[http::field::host].empty() ? std::string_view("localhost") : req[http::field::host]);
      } else if (target == "/health") {
        type = "application/json";
        body = "{\"status\":\"ok\"}";
      } else if (target == "/metrics") {
        auto& s = server_.service;
        auto up = std::chrono::duration<double>(std::chrono::steady_clock::now() - server_.started).count();
        body = "# TYPE dynarock_requests_total counter\ndynarock_requests_total " + std::to_string(s.requests.load()) +
               "\n# TYPE dynarock_client_errors_total counter\ndynarock_client_errors_total " + std::to_string(s.client_errors.load()) +
               "\n# TYPE dynarock_server_errors_total counter\ndynarock_server_errors_total " + std::to_string(s.server_errors.load()) +
               "\n# TYPE dynarock_uptime_seconds gauge\ndynarock_uptime_seconds " + std::to_string(up) + "\n";
      } else {
        respond_simple(http::status::not_found, "", keep_alive_);
        return;
      }
      auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, req.version());
      res->set(http::field::content_type, type);
      if (server_.options.cors) cors_headers(*res, req);
      res->body() = std::move(body);
      send(res);
    }

    void cors_headers(http::response<http::string_body>& res, const http::request<http::string_body>& req) {
      res.set("Access-Control-Allow-Origin", server_.options.cors_origin);
      res.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
      std::string_view wanted = req["Access-Control-Request-Headers"];
      res.set("Access-Control-Allow-Headers", wanted.empty() ? std::string_view("*") : wanted);
      res.set("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32");
    }

    void respond_simple(http::status status, std::string body, bool keep_alive) {
      keep_alive_ = keep_alive;
      auto res = std::make_shared<http::response<http::string_body>>(status, 11);
      if (!body.empty()) res->set(http::field::content_type, "application/x-amz-json-1.0");
      res->body() = std::move(body);
      send(res);
    }

    void send(const std::shared_ptr<http::response<http::string_body>>& res) {
      res->keep_alive(keep_alive_);
      res->prepare_payload();
      stream_.expires_after(std::chrono::seconds(server_.options.read_timeout_s));
      http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
        if (ec) {
          self->close();
          return;
        }
        if (!self->keep_alive_) {
          self->drain_and_close();
          return;
        }
        self->read();
      });
    }

    // Closing with unread request bytes makes the kernel send RST, which can destroy the response
    // before the client reads it (e.g. a 413 for an oversized body). So stop sending, then read and
    // discard until the client closes or a short timeout passes.
    void drain_and_close() {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream_.expires_after(std::chrono::seconds(2));
      drain_buffer_.resize(64 * 1024);
      stream_.async_read_some(asio::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
          self->close();
          return;
        }
        self->drain_and_close();
      });
    }

    void close() {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream_.socket().close(ec);
    }

    Impl& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    bool keep_alive_ = true;
    bool first_ = true;
    std::vector<char> drain_buffer_;
  };
};

HttpServer::HttpServer(protocol::Service& service, HttpOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

uint16_t HttpServer::start() {
  auto address = asio::ip::make_address(impl_->options.host == "localhost" ? "127.0.0.1" : impl_->options.host);
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->accept();
  if (impl_->options.handle_signals)
    impl_->signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->io.stop();
    });
  else
    impl_->signals.clear();
  return impl_->acceptor.local_endpoint().port();
}

void HttpServer::run() {
  int n = impl_->options.threads > 0 ? impl_->options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < n; ++i) impl_->threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
}

void HttpServer::stop() {
  if (!impl_) return;
  impl_->io.stop();
}

}  // namespace dynarock::server
