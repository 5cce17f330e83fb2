// HttpRequestView: the whole of one HTTP request as the protocol layer sees it, without any
// HTTP library's types. Signature verification needs every part (method, path, query, all
// headers, body), so the server hands this over instead of picking out a few headers.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace dynarock::protocol {

struct HttpRequestView {
  std::string_view method;                                          // "POST"
  std::string_view target;                                          // path and query as sent
  std::vector<std::pair<std::string_view, std::string_view>> headers;  // in arrival order
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
