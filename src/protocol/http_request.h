// Request: the whole of one HTTP request as the protocol layer sees it, without any HTTP
// library's types. Signature verification needs every part (method, path, query, all headers,
// body), so the server hands this over instead of picking out a few headers. Views into the
// server's buffers (headers in a per-connection vector it reuses), valid for the call.
#pragma once

#include <span>
#include <string_view>

namespace dynarock::protocol {

struct Header {
  std::string_view name;
  std::string_view value;
};

struct Request {
  std::string_view method;          // "POST"
  std::string_view target;          // path and query as sent
  std::span<const Header> headers;  // in arrival order, names as sent
  std::string_view body;

  // The first value of a header, by case-insensitive name; "" when absent.
  std::string_view header(std::string_view name) const;
  std::string_view path() const { return target.substr(0, target.find('?')); }
  std::string_view query() const {
    auto q = target.find('?');
    return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  }
};

}  // namespace dynarock::protocol
