// Metrics: per-operation request and error counters and latency histograms, rendered as
// Prometheus text for GET /metrics. Recording is a few relaxed atomic adds into a slot the
// calling thread finds through its own cache, so the request path takes no lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace dynarock::server {

class Metrics {
 public:
  static constexpr std::array<double, 15> kBuckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,     0.25,   0.5,   1,     2.5,   5};

  // One answered DynamoDB request. `error_type` is the short __type ("ValidationException"), ""
  // on success.
  void record(std::string_view operation, int status, std::string_view error_type, std::chrono::nanoseconds elapsed);
  // Appends the exposition text.
  void render(std::string& out) const;

 private:
  struct Slot {
    std::string operation;
    std::atomic<uint64_t> requests{0};
    std::atomic<uint64_t> nanos{0};
    std::array<std::atomic<uint64_t>, kBuckets.size()> buckets{};  // non-cumulative; summed when rendered
  };
  Slot& slot(std::string_view operation);

  static constexpr size_t kMaxSlots = 128;  // operation names come from clients: bound them
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::map<std::pair<std::string, std::string>, uint64_t> errors_;  // (operation, type) -> count; rare
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace dynarock::server
