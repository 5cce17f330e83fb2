#include "cli/http_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>

namespace dynarock::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string Url::host_header() const {
  bool default_port = (tls && port == "443") || (!tls && port == "80");
  return default_port ? host : host + ":" + port;
}

bool parse_url(const std::string& text, Url& url) {
  std::string rest = text;
  url.tls = false;
  if (rest.rfind("https://", 0) == 0) {
    url.tls = true;
    rest = rest.substr(8);
  } else if (rest.rfind("http://", 0) == 0) {
    rest = rest.substr(7);
  } else if (rest.find("://") != std::string::npos) {
    return false;
  }
  rest = rest.substr(0, rest.find('/'));
  size_t colon = rest.rfind(':');
  url.host = colon == std::string::npos ? rest : rest.substr(0, colon);
  url.port = colon == std::string::npos ? (url.tls ? "443" : "80") : rest.substr(colon + 1);
  return !url.host.empty() && !url.port.empty();
}

struct HttpClient::Impl {
  Url url;
  std::chrono::seconds timeout;
  asio::io_context io;
  asio::ssl::context tls_context{asio::ssl::context::tls_client};
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  bool connected() const { return plain || secure; }
  void reset() {
    plain.reset();
    secure.reset();
    buffer.clear();
  }

  void connect() {
    tcp::resolver resolver(io);
    beast::error_code ec;
    auto endpoints = resolver.resolve(url.host, url.port, ec);
    if (ec) throw std::runtime_error("cannot resolve " + url.host + ": " + ec.message());
    auto fail = [&](const char* what) {
      reset();
      throw std::runtime_error(std::string(what) + " " + url.host + ":" + url.port + ": " + ec.message());
    };
    if (!url.tls) {
      plain = std::make_unique<beast::tcp_stream>(io);
      plain->expires_after(timeout);
      plain->connect(endpoints, ec);
      if (ec) fail("cannot connect to");
      return;
    }
    tls_context.set_default_verify_paths();
    tls_context.set_verify_mode(asio::ssl::verify_peer);
    secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, tls_context);
    SSL_set_tlsext_host_name(secure->native_handle(), url.host.c_str());
    secure->set_verify_callback(asio::ssl::host_name_verification(url.host));
    beast::get_lowest_layer(*secure).expires_after(timeout);
    beast::get_lowest_layer(*secure).connect(endpoints, ec);
    if (ec) fail("cannot connect to");
    secure->handshake(asio::ssl::stream_base::client, ec);
    if (ec) fail("TLS handshake failed with");
  }

  template <class Stream>
  void exchange(Stream& stream, http::request<http::string_body>& req, http::response<http::string_body>& res,
                beast::error_code& ec) {
    beast::get_lowest_layer(stream).expires_after(timeout);
    http::write(stream, req, ec);
    if (!ec) http::read(stream, buffer, res, ec);
  }
};

HttpClient::HttpClient(Url url, std::chrono::seconds timeout) : impl_(std::make_unique<Impl>()) {
  impl_->url = std::move(url);
  impl_->timeout = timeout;
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::map<std::string, std::string>& headers, const std::string& body) {
  for (int attempt = 0;; ++attempt) {
    bool fresh = !impl_->connected();
    if (fresh) impl_->connect();
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, impl_->url.host_header());
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::response<http::string_body> res;
    if (impl_->secure) impl_->exchange(*impl_->secure, req, res, ec);
    else impl_->exchange(*impl_->plain, req, res, ec);
    if (ec) {
      impl_->reset();
      // A kept-alive connection the server closed meanwhile: try once more on a new one.
      if (!fresh && attempt == 0) continue;
      throw std::runtime_error("request to " + impl_->url.host + ":" + impl_->url.port + " failed: " + ec.message());
    }
    if (!res.keep_alive()) impl_->reset();
    return {static_cast<int>(res.result_int()), std::move(res.body())};
  }
}

}  // namespace dynarock::cli
