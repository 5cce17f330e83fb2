#include "engine/key_hash.h"

#include <openssl/evp.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "model/decimal.h"

namespace dynarock::engine::key_hash {

namespace {

std::mutex mutex;
int open_dynamodb = 0, open_legacy = 0;
// Read on every key built; changes only while no storage of the other scheme is open.
std::atomic<Scheme> current{Scheme::dynamodb};

uint64_t fnv_hash(model::Type type, std::string_view bytes) {
  // FNV-1a with a finaliser: the hash of directories before format 3.
  uint64_t h = 1469598103934665603ull;
  h = (h ^ static_cast<uint8_t>(type)) * 1099511628211ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

void append_dynamodb_bytes(std::string& out, const model::AttributeValue& v) {
  if (v.type == model::Type::N) out += dynamodb_number_bytes(v.scalar);
  else out += v.scalar;  // S: UTF-8, B: raw bytes
}

uint64_t md5_hash(const std::string& bytes) {
  static EVP_MD* md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!md5 || !ctx || EVP_DigestInit_ex(ctx.get(), md5, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), "Outliers", 8) != 1 || EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &n) != 1)
    throw std::runtime_error("MD5 is not available from OpenSSL");
  uint64_t h = 0;
  for (int i = 0; i < 8; ++i) h = (h << 8) | digest[i];
  return h;
}

}  // namespace

void acquire(Scheme scheme) {
  std::lock_guard guard(mutex);
  int& other = scheme == Scheme::dynamodb ? open_legacy : open_dynamodb;
  if (other > 0)
    throw std::runtime_error(scheme == Scheme::legacy
                                 ? "a data directory from before format 3 cannot be open while a newer one is"
                                 : "a data directory of format 3 cannot be open while one from before format 3 is");
  ++(scheme == Scheme::dynamodb ? open_dynamodb : open_legacy);
  current.store(scheme);
}

void release(Scheme scheme) {
  std::lock_guard guard(mutex);
  --(scheme == Scheme::dynamodb ? open_dynamodb : open_legacy);
  if (open_legacy == 0) current.store(Scheme::dynamodb);
}

uint64_t of(const model::AttributeValue& value) {
  if (current.load(std::memory_order_relaxed) == Scheme::legacy) return fnv_hash(value.type, value.scalar);
  std::string bytes;
  append_dynamodb_bytes(bytes, value);
  return md5_hash(bytes);
}

uint64_t of(const std::vector<model::AttributeValue>& values, std::string_view encoded) {
  if (current.load(std::memory_order_relaxed) == Scheme::legacy) return fnv_hash(model::Type::B, encoded);
  // DynamoDB's hash of multi-attribute keys is not documented: the values' bytes in key order.
  std::string bytes;
  for (const auto& v : values) append_dynamodb_bytes(bytes, v);
  return md5_hash(bytes);
}

std::string dynamodb_number_bytes(const std::string& text) {
  model::Decimal d = model::Decimal::parse(text);
  if (d.is_zero()) return std::string(1, '\x80');
  const std::string& digits = d.digits();
  int exponent = d.exponent();  // value = 0.d1d2... x 10^exponent
  // Base-100 pairs aligned so the exponent is even: an odd exponent gets a leading zero digit.
  bool lead_zero = exponent % 2 != 0;
  std::string aligned = lead_zero ? "0" + digits : digits;
  if (aligned.size() % 2) aligned += '0';
  size_t pairs = aligned.size() / 2;
  int exponent_byte = (exponent + (lead_zero ? 1 : 0)) / 2 - 64;
  bool neg = d.negative();
  std::string out;
  out += static_cast<char>((neg ? ~exponent_byte : exponent_byte) & 0xFF);
  for (size_t i = 0; i < pairs; ++i) {
    int pair = (aligned[2 * i] - '0') * 10 + (aligned[2 * i + 1] - '0');
    out += static_cast<char>(neg ? 101 - pair : pair + 1);
  }
  if (neg && pairs < 20) out += static_cast<char>(102);
  return out;
}

long long segment_start(long long s, long long total) { return (s * 4096 + total - 1) / total; }

}  // namespace dynarock::engine::key_hash
