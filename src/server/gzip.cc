#include "server/gzip.h"

#include <zlib.h>

#include <cctype>

namespace dynarock::server {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Inflate inflate_body(std::string_view in, size_t limit, std::string& out) {
  out.clear();
  z_stream z{};
  // 15 + 32: the largest window, with the gzip or zlib header detected automatically.
  if (inflateInit2(&z, 15 + 32) != Z_OK) return Inflate::corrupt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  Inflate result = Inflate::corrupt;
  char chunk[64 * 1024];
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    int rc = inflate(&z, Z_NO_FLUSH);
    size_t produced = sizeof chunk - z.avail_out;
    if (out.size() + produced > limit) {
      result = Inflate::too_large;
      break;
    }
    out.append(chunk, produced);
    if (rc == Z_STREAM_END) {
      // Trailing bytes after the stream are not part of any body a client meant to send.
      result = z.avail_in == 0 ? Inflate::ok : Inflate::corrupt;
      break;
    }
    if (rc != Z_OK || (produced == 0 && z.avail_in == 0)) break;  // corrupt or truncated
  }
  inflateEnd(&z);
  return result;
}

void gzip_body(std::string& body) {
  z_stream z{};
  // 15 + 16: gzip framing. Level 1: a local endpoint's answers are latency-bound, not size-bound.
  deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(body.size())));
  z.next_in = reinterpret_cast<Bytef*>(body.data());
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);  // deflateBound guarantees one call completes
  out.resize(z.total_out);
  deflateEnd(&z);
  body.swap(out);
}

bool is_compressed_encoding(std::string_view content_encoding) {
  std::string_view e = trim(content_encoding);
  return iequals(e, "gzip") || iequals(e, "x-gzip") || iequals(e, "deflate");
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip")) continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = trim(item.substr(semi + 1));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view q = trim(param.substr(2));
      // q=0, q=0.0, q=0.000: refused; any other weight accepts.
      bool zero = !q.empty() && q[0] == '0';
      for (size_t i = 1; zero && i < q.size(); ++i) zero = q[i] == '.' || q[i] == '0';
      return !zero;
    }
    return true;
  }
  return false;
}

}  // namespace dynarock::server
