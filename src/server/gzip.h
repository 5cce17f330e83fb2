// gzip for the HTTP layer: request bodies sent with Content-Encoding gzip (or deflate) are
// inflated under the same size limit as plain bodies, so a small compressed body cannot expand
// without bound; responses are gzipped for clients that send Accept-Encoding: gzip.
#pragma once

#include <string>
#include <string_view>

namespace dynarock::server {

enum class Inflate { ok, too_large, corrupt };

// Inflates a gzip or zlib stream (detected from its header) into `out`; stops as soon as the
// output would exceed `limit` bytes.
Inflate inflate_body(std::string_view in, size_t limit, std::string& out);

// Replaces `body` with its gzip encoding.
void gzip_body(std::string& body);

// Whether a Content-Encoding value names a compression this server inflates.
bool is_compressed_encoding(std::string_view content_encoding);

// Whether an Accept-Encoding value accepts gzip (listed without q=0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace dynarock::server
