// Session: one keep-alive HTTP/1.1 connection (plain TCP or TLS), served entirely on the I/O
// thread that accepted it: its parser slot, body string, header scratch and response are reused
// from request to request, and one timer per connection enforces a moving deadline (a store per
// phase, not a timer re-arm per read and write).
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <optional>
#include <unordered_set>

#include "server/http_server.h"
#include "server/router.h"
#include "server/worker_pool.h"

namespace dynarock::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<asio::ip::tcp, Executor>;
using TlsStream = asio::ssl::stream<Socket>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor>;
using Clock = std::chrono::steady_clock;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // The server is shutting down: close now if between requests, else after this answer.
  virtual void on_server_stop() = 0;
};

// One I/O thread's world: its io_context and the sessions it serves (touched only on that thread).
struct Shard {
  asio::io_context io{1};
  std::unordered_set<SessionBase*> sessions;
  bool stopping = false;
};

// What a session needs from the server that owns it.
struct SessionHost {
  Router& router;
  WorkerPool& worker;
  WorkerPool& bulk;
  const HttpOptions& options;
  std::function<void()> on_closed;
};

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(SessionHost& host, Shard& shard, Args&&... stream_args)
      : host_(host), shard_(shard), stream_(std::forward<Args>(stream_args)...), timer_(shard.io.get_executor()) {}

  void start() {
    shard_.sessions.insert(this);
    deadline_ = Clock::now() + std::chrono::seconds(host_.options.read_timeout_s);
    arm_timer();
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (self->closed_) return;
        if (ec) {
          spdlog::debug("tls handshake failed: {}", ec.message());
          self->close();
          return;
        }
        self->read();
      });
    } else {
      read();
    }
  }

  void on_server_stop() override {
    if (waiting_ && !busy_ && parser_ && !parser_->got_some() && buffer_.size() == 0) close();
  }

 private:
  void read() {
    if (shard_.stopping && buffer_.size() == 0) {
      close();
      return;
    }
    // The body string goes back into the next parser, keeping its capacity unless a big request
    // left it large.
    if (parser_) body_ = std::move(parser_->get().body());
    if (body_.data.capacity() > kKeepCapacity) std::string().swap(body_.data);
    parser_.emplace(std::piecewise_construct, std::forward_as_tuple(std::move(body_)));
    parser_->body_limit(host_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(host_.options.header_limit));
    deadline_ = Clock::now() + std::chrono::seconds(first_ ? host_.options.read_timeout_s : host_.options.idle_timeout_s);
    first_ = false;
    waiting_ = true;
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    waiting_ = false;
    if (closed_) return;
    res_.reset();
    if (ec) {
      bool got_some = parser_->got_some();
      if (timed_out_) {
        if (!got_some) return close();
        http_error(res_, 408, "Request Timeout");
      } else if (ec == http::error::end_of_stream || (!got_some && ec.category() != beast_category())) {
        return close();  // the client closed between requests, or the socket failed
      } else if (ec == http::error::body_limit) {
        http_error(res_, 413, "");
        res_.content_type = "application/x-amz-json-1.0";
        res_.body = "{\"__type\":\"com.amazon.coral.service#RequestEntityTooLarge\",\"message\":\"Request Entity Too Large\"}";
      } else if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        http_error(res_, 431, "Request Header Fields Too Large");
      } else if (parser_->get().body().scanner.too_deep()) {
        http_error(res_, 400, "");
        res_.content_type = "application/x-amz-json-1.0";
        res_.body = "{\"__type\":\"com.amazon.coral.service#SerializationException\",\"message\":\"Request body nests deeper than any DynamoDB request can\"}";
      } else if (ec.category() == beast_category()) {
        http_error(res_, 400, "Bad Request: " + ec.message());
      } else {
        return close();  // a socket error mid-request: nobody to answer
      }
      return write();
    }
    res_.close = !parser_->get().keep_alive();
    switch (host_.router.lane(parser_->get())) {
      case Lane::io:
        host_.router.handle(parser_->get(), headers_, res_);
        return write();
      case Lane::worker: return offload(host_.worker);
      case Lane::bulk: return offload(host_.bulk);
    }
  }

  // Runs the request on a pool thread; the session does nothing else until the answer is posted
  // back to its own thread, so the pool thread has the parser and response to itself meanwhile.
  void offload(WorkerPool& pool) {
    busy_ = true;
    pool.post([self = this->shared_from_this(), &pool] {
      bool close = self->res_.close;
      self->host_.router.handle(self->parser_->get(), self->headers_, self->res_);
      self->res_.close |= close;
      // A big body's DOM is thousands of small blocks: hand them back to the system now rather
      // than keeping the peak for the life of the process.
      if (&pool == &self->host_.bulk) malloc_trim(0);
      asio::post(self->shard_.io, [self] {
        self->busy_ = false;
        if (self->closed_) return;
        self->write();
      });
    });
  }

  void write() {
    if (shard_.stopping) res_.close = true;
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(res_.status);
    head_ += ' ';
    head_ += http::obsolete_reason(static_cast<http::status>(res_.status));
    head_ += "\r\n";
    if (!res_.content_type.empty()) {
      head_ += "Content-Type: ";
      head_ += res_.content_type;
      head_ += "\r\n";
    }
    head_ += res_.headers;
    head_ += "Content-Length: ";
    head_ += std::to_string(res_.body.size());
    if (res_.close) head_ += "\r\nConnection: close";
    else if (parser_->get().version() == 10) head_ += "\r\nConnection: keep-alive";
    head_ += "\r\n\r\n";
    if (!timed_out_) deadline_ = Clock::now() + std::chrono::seconds(host_.options.read_timeout_s);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(res_.body)};
    asio::async_write(stream_, buffers, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (self->closed_) return;
      if (ec) return self->close();
      if (self->res_.close || self->timed_out_) return self->drain_and_close();
      if (self->res_.body.capacity() > kKeepCapacity) std::string().swap(self->res_.body);
      self->read();
    });
  }

  // Closing with unread request bytes makes the kernel send RST, which can destroy the answer
  // before the client reads it (e.g. a 413 for an oversized body). So stop sending, then read and
  // discard until the client closes or a short time passes.
  void drain_and_close() {
    beast::error_code ec;
    beast::get_lowest_layer(stream_).shutdown(asio::socket_base::shutdown_send, ec);
    shorten_deadline(Clock::now() + std::chrono::seconds(2));
    draining_ = true;
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16 * 1024), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (self->closed_) return;
      if (ec) return self->close();
      self->drain_and_close();
    });
  }

  // Moving the deadline later is a store (the timer re-arms when it fires early); moving it
  // earlier than the pending expiry must re-arm now.
  void shorten_deadline(Clock::time_point deadline) {
    deadline_ = deadline;
    if (deadline < timer_.expiry()) arm_timer();
  }

  void arm_timer() {
    timer_.expires_at(deadline_);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) { self->on_timer(ec); });
  }

  void on_timer(beast::error_code ec) {
    if (ec || closed_) return;
    auto now = Clock::now();
    if (busy_) deadline_ = now + std::chrono::seconds(host_.options.read_timeout_s);  // the work is ours, not the client's
    if (now < deadline_) return arm_timer();
    if (timed_out_ || draining_) return close();
    // Cancel the pending read or write; its handler answers 408 if a request had started, and
    // gets a last short deadline to do so.
    timed_out_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).cancel(ignored);
    deadline_ = now + std::chrono::seconds(2);
    arm_timer();
  }


  void close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    timer_.cancel();
    auto& socket = beast::get_lowest_layer(stream_);
    socket.shutdown(asio::socket_base::shutdown_both, ec);
    socket.close(ec);
    shard_.sessions.erase(this);
    host_.on_closed();
  }

  static const beast::error_category& beast_category() { return http::make_error_code(http::error::end_of_stream).category(); }

  static constexpr size_t kKeepCapacity = 1 << 20;

  SessionHost& host_;
  Shard& shard_;
  Stream stream_;
  Timer timer_;
  Clock::time_point deadline_;
  beast::flat_buffer buffer_;
  RequestBody::value_type body_;
  std::optional<http::request_parser<RequestBody>> parser_;
  std::vector<protocol::Header> headers_;
  Response res_;
  std::string head_;
  bool first_ = true;
  bool waiting_ = false;   // a read for the next request is pending
  bool busy_ = false;      // a pool thread has the request
  bool timed_out_ = false;
  bool draining_ = false;
  bool closed_ = false;
};

}  // namespace dynarock::server
