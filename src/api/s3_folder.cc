#include "api/s3_folder.h"

#include <openssl/evp.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "model/attribute_value.h"

namespace dynarock::api::s3 {

namespace fs = std::filesystem;

std::optional<std::string> bucket_path(const Context& ctx, const std::string& bucket) {
  if (ctx.s3_dir.empty() || bucket.empty()) return std::nullopt;
  std::string dir = ctx.s3_dir + "/" + bucket;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

bool valid_key(const std::string& key) {
  if (key.empty() || key.front() == '/' || key.back() == '/') return false;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string::npos) end = key.size();
    std::string_view segment(key.data() + start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return key.find('\0') == std::string::npos;
}

void put_object(const std::string& bucket_dir, const std::string& key, const std::string& bytes) {
  fs::path path = fs::path(bucket_dir) / key;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string get_object(const std::string& bucket_dir, const std::string& key) {
  std::ifstream in(fs::path(bucket_dir) / key, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + key);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> list_objects(const std::string& bucket_dir, const std::string& prefix) {
  std::vector<std::string> keys;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(bucket_dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string key = fs::relative(it->path(), bucket_dir, ec).generic_string();
    if (key.compare(0, prefix.size(), prefix) == 0) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string gzip(const std::string& raw) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip init failed");
  std::string out(deflateBound(&zs, raw.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip failed");
  return out;
}

std::string gunzip(const std::string& compressed) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) throw std::runtime_error("gzip init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw std::runtime_error("not valid gzip data");
    }
    out.append(buffer, sizeof buffer - zs.avail_out);
    // Concatenated gzip members (as some tools write) continue after a stream end.
    if (rc == Z_STREAM_END && zs.avail_in > 0) {
      inflateReset(&zs);
      rc = Z_OK;
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      throw std::runtime_error("truncated gzip data");
    }
  }
  inflateEnd(&zs);
  return out;
}

std::string unzstd(const std::string& compressed) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!stream) throw std::runtime_error("zstd init failed");
  ZSTD_initDStream(stream.get());
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string out;
  std::string buffer(ZSTD_DStreamOutSize(), '\0');
  size_t last = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buffer.data(), buffer.size(), 0};
    last = ZSTD_decompressStream(stream.get(), &o, &in);
    if (ZSTD_isError(last)) throw std::runtime_error("not valid zstd data");
    out.append(buffer.data(), o.pos);
  }
  if (last != 0) throw std::runtime_error("truncated zstd data");
  return out;
}

std::string md5_base64(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_md5(), nullptr);
  return model::base64_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace dynarock::api::s3
