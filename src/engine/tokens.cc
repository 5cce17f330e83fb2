#include "engine/tokens.h"

#include <rocksdb/iterator.h>

#include <vector>

namespace dynarock::engine {

namespace {

constexpr char kPrefix[] = "token:";  // meta key: "token:" ns \0 token

std::string token_key(const std::string& ns, const std::string& token) { return kPrefix + ns + '\0' + token; }

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Value: the expiry time in epoch milliseconds, '\n', the request text.
bool expired(const std::string_view value, int64_t now) {
  size_t nl = value.find('\n');
  if (nl == std::string_view::npos) return true;
  return std::stoll(std::string(value.substr(0, nl))) <= now;
}

}  // namespace

// Holds one token's lock; drops the lock's map entry when no other call is waiting for it.
class TokenStore::Guard final : public Engine::TokenGuard {
 public:
  Guard(TokenStore& store, std::string key) : store_(store), key_(std::move(key)) {
    {
      std::lock_guard guard(store_.mutex_);
      auto& slot = store_.locks_[key_];
      if (!slot) slot = std::make_shared<std::mutex>();
      mutex_ = slot;
    }
    mutex_->lock();
  }
  ~Guard() override {
    mutex_->unlock();
    std::lock_guard guard(store_.mutex_);
    auto it = store_.locks_.find(key_);
    if (it != store_.locks_.end() && it->second == mutex_ && mutex_.use_count() == 2) store_.locks_.erase(it);
  }

 private:
  TokenStore& store_;
  std::string key_;
  std::shared_ptr<std::mutex> mutex_;
};

std::unique_ptr<Engine::TokenGuard> TokenStore::lock(const std::string& ns, const std::string& token) {
  return std::make_unique<Guard>(*this, token_key(ns, token));
}

std::optional<std::string> TokenStore::find(const std::string& ns, const std::string& token) {
  std::string value;
  auto s = storage_.db()->Get(rocksdb::ReadOptions(), storage_.meta, token_key(ns, token), &value);
  if (s.IsNotFound()) return std::nullopt;
  check(s, "token");
  if (expired(value, now_ms())) return std::nullopt;
  return value.substr(value.find('\n') + 1);
}

void TokenStore::remember(const std::string& ns, const std::string& token, const std::string& request) {
  int64_t until = now_ms() + std::chrono::duration_cast<std::chrono::milliseconds>(kLifetime).count();
  check(storage_.db()->Put(storage_.write_options, storage_.meta, token_key(ns, token), std::to_string(until) + '\n' + request),
        "token");
}

size_t TokenStore::expire() {
  std::string upper = kPrefix;
  upper.back() += 1;
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(storage_.db()->NewIterator(ro, storage_.meta));
  std::vector<std::string> stale;
  for (it->Seek(kPrefix); it->Valid(); it->Next())
    if (expired({it->value().data(), it->value().size()}, now_ms())) stale.push_back(it->key().ToString());
  check(it->status(), "token expiry");
  size_t n = 0;
  // Under the token's lock and checked again: a call may have just reused the token.
  for (const auto& key : stale) {
    Guard guard(*this, key);
    std::string value;
    if (!storage_.db()->Get(rocksdb::ReadOptions(), storage_.meta, key, &value).ok() || !expired(value, now_ms())) continue;
    check(storage_.db()->Delete(storage_.write_options, storage_.meta, key), "token expiry");
    ++n;
  }
  return n;
}

}  // namespace dynarock::engine
