#include "server/metrics.h"

#include <unordered_map>

namespace dynarock::server {

Metrics::Slot& Metrics::slot(std::string_view operation) {
  thread_local std::unordered_map<const Metrics*, std::unordered_map<std::string, Slot*>> cache;
  auto& mine = cache[this];
  auto it = mine.find(std::string(operation));
  if (it != mine.end()) return *it->second;
  std::lock_guard lock(mutex_);
  Slot* found = nullptr;
  for (auto& s : slots_)
    if (s->operation == operation) found = s.get();
  if (!found) {
    if (slots_.size() >= kMaxSlots) operation = "other";
    for (auto& s : slots_)
      if (s->operation == operation) found = s.get();
    if (!found) {
      slots_.push_back(std::make_unique<Slot>());
      slots_.back()->operation = std::string(operation);
      found = slots_.back().get();
    }
  }
  if (mine.size() < kMaxSlots) mine.emplace(std::string(operation), found);
  return *found;
}

void Metrics::record(std::string_view operation, int status, std::string_view error_type,
                     std::chrono::nanoseconds elapsed) {
  if (operation.empty()) operation = "unknown";
  Slot& s = slot(operation);
  s.requests.fetch_add(1, std::memory_order_relaxed);
  s.nanos.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(elapsed).count();
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) {
      s.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  if (status != 200) {
    std::lock_guard lock(mutex_);
    ++errors_[{s.operation, std::string(error_type.empty() ? "unknown" : error_type)}];
  }
}

namespace {

void label_value(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
}

}  // namespace

void Metrics::render(std::string& out) const {
  std::lock_guard lock(mutex_);
  out += "# HELP dynarock_requests_total DynamoDB requests answered, by operation.\n"
         "# TYPE dynarock_requests_total counter\n";
  for (auto& s : slots_) {
    out += "dynarock_requests_total{operation=\"";
    label_value(out, s->operation);
    out += "\"} " + std::to_string(s->requests.load(std::memory_order_relaxed)) + "\n";
  }
  out += "# HELP dynarock_errors_total DynamoDB requests answered with an error, by operation and error type.\n"
         "# TYPE dynarock_errors_total counter\n";
  for (auto& [key, count] : errors_) {
    out += "dynarock_errors_total{operation=\"";
    label_value(out, key.first);
    out += "\",type=\"";
    label_value(out, key.second);
    out += "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP dynarock_request_duration_seconds Time to handle a DynamoDB request, by operation.\n"
         "# TYPE dynarock_request_duration_seconds histogram\n";
  for (auto& s : slots_) {
    std::string op;
    label_value(op, s->operation);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s->buckets[i].load(std::memory_order_relaxed);
      char le[32];
      snprintf(le, sizeof le, "%g", kBuckets[i]);
      out += "dynarock_request_duration_seconds_bucket{operation=\"" + op + "\",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    uint64_t total = s->requests.load(std::memory_order_relaxed);
    out += "dynarock_request_duration_seconds_bucket{operation=\"" + op + "\",le=\"+Inf\"} " + std::to_string(total) + "\n";
    char sum[48];
    snprintf(sum, sizeof sum, "%.9f", static_cast<double>(s->nanos.load(std::memory_order_relaxed)) / 1e9);
    out += "dynarock_request_duration_seconds_sum{operation=\"" + op + "\"} " + sum + "\n";
    out += "dynarock_request_duration_seconds_count{operation=\"" + op + "\"} " + std::to_string(total) + "\n";
  }
  auto up = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out += "# HELP dynarock_uptime_seconds Seconds since the server started.\n# TYPE dynarock_uptime_seconds gauge\n"
         "dynarock_uptime_seconds " + std::to_string(up) + "\n";
}

}  // namespace dynarock::server
