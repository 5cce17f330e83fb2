// RequestBody: a Beast body type for requests that keeps one string per connection (its capacity
// survives from request to request) and runs the JsonScanner over the bytes as they arrive, so
// an over-deep body stops the read early.
#pragma once

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <boost/system/error_code.hpp>

#include <string>

#include "server/json_scan.h"

namespace dynarock::server {

struct RequestBody {
  struct value_type {
    std::string data;
    JsonScanner scanner;
  };

  static std::uint64_t size(const value_type& body) { return body.data.size(); }

  class reader {
   public:
    // A compressed body is scanned after it is inflated (the router does it), not as it arrives.
    template <bool isRequest, class Fields>
    reader(boost::beast::http::header<isRequest, Fields>& h, value_type& body)
        : body_(body), scan_(h[boost::beast::http::field::content_encoding].empty()) {}

    void init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec) {
      body_.data.clear();
      body_.scanner.reset();
      // The parser has already checked a declared length against the body limit, so reserving
      // it avoids the doubling growth (and its 2x peak) of appending.
      if (length) body_.data.reserve(static_cast<size_t>(*length));
      ec = {};
    }

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
      std::size_t n = 0;
      for (auto b : boost::beast::buffers_range_ref(buffers)) {
        std::string_view bytes(static_cast<const char*>(b.data()), b.size());
        if (scan_ && !body_.scanner.feed(bytes)) {
          ec = boost::system::errc::make_error_code(boost::system::errc::value_too_large);
          return n;
        }
        body_.data.append(bytes);
        n += bytes.size();
      }
      ec = {};
      return n;
    }

    void finish(boost::system::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
    bool scan_;
  };
};

}  // namespace dynarock::server
