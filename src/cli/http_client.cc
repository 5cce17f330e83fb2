#include "cli/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace dynarock::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct HttpClient::Impl {
  std::string host, port;
  std::chrono::seconds timeout;
  asio::io_context io;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  void connect() {
    tcp::resolver resolver(io);
    beast::error_code ec;
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) throw std::runtime_error("cannot resolve " + host + ": " + ec.message());
    stream = std::make_unique<beast::tcp_stream>(io);
    stream->expires_after(timeout);
    stream->connect(endpoints, ec);
    if (ec) {
      stream.reset();
      throw std::runtime_error("cannot connect to " + host + ":" + port + ": " + ec.message());
    }
  }
};

HttpClient::HttpClient(std::string host, std::string port, std::chrono::seconds timeout) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = std::move(port);
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::map<std::string, std::string>& headers, const std::string& body) {
  for (int attempt = 0;; ++attempt) {
    bool fresh = !impl_->stream;
    if (fresh) impl_->connect();
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, impl_->host + ":" + impl_->port);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    impl_->stream->expires_after(impl_->timeout);
    http::write(*impl_->stream, req, ec);
    http::response<http::string_body> res;
    if (!ec) http::read(*impl_->stream, impl_->buffer, res, ec);
    if (ec) {
      impl_->stream.reset();
      impl_->buffer.clear();
      // A kept-alive connection the server closed meanwhile: try once more on a new one.
      if (!fresh && attempt == 0) continue;
      throw std::runtime_error("request to " + impl_->host + ":" + impl_->port + " failed: " + ec.message());
    }
    if (!res.keep_alive()) impl_->stream.reset();
    return {static_cast<int>(res.result_int()), std::move(res.body())};
  }
}

bool split_url(const std::string& url, std::string& host, std::string& port) {
  std::string rest;
  if (url.rfind("http://", 0) == 0) rest = url.substr(7);
  else if (url.find("://") == std::string::npos) rest = url;
  else return false;
  rest = rest.substr(0, rest.find('/'));
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos) {
    host = rest;
    port = "80";
  } else {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  return !host.empty() && !port.empty();
}

}  // namespace dynarock::cli
