// Idempotency tokens: (namespace, token) -> the request text a TransactWriteItems call made with
// that token, kept in `meta` for DynamoDB's 10 minutes (wall clock, so the lifetime carries over a
// restart). Calls with one token run one at a time (an in-process lock per token in use).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "engine/engine.h"
#include "engine/storage.h"

namespace dynarock::engine {

class TokenStore {
 public:
  static constexpr std::chrono::minutes kLifetime{10};

  explicit TokenStore(Storage& storage) : storage_(storage) {}

  std::unique_ptr<Engine::TokenGuard> lock(const std::string& ns, const std::string& token);
  std::optional<std::string> find(const std::string& ns, const std::string& token);
  void remember(const std::string& ns, const std::string& token, const std::string& request);
  // Deletes expired tokens (a periodic job); returns how many.
  size_t expire();

 private:
  class Guard;
  Storage& storage_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<std::mutex>> locks_;
};

}  // namespace dynarock::engine
