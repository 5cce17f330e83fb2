// libFuzzer target: the HTTP layer. Raw bytes are parsed as an HTTP/1.1 request with the server's
// limits (Boost.Beast, as src/server uses it); a parsed request goes through authentication
// parsing and the service like a real one. Nothing may crash or answer 500.
#include <vector>
#include <utility>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_service.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::request_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  parser.header_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  const auto& req = parser.get();
  std::vector<dynarock::protocol::Header> headers;
  for (const auto& field : req) headers.push_back({field.name_string(), field.value()});
  dynarock::protocol::Request view{req.method_string(), req.target(), headers, req.body()};
  auto reply = dynarock::fuzz::service().handle(view);
  if (reply.status >= 500) std::abort();
  return 0;
}
