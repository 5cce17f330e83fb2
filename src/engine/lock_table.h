// LockTable: striped per-item mutexes for read-modify-write. Two writers of one item share a
// stripe; writers of different items almost never do. Several stripes are always taken in
// ascending order, so transactions cannot deadlock.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace dynarock::engine {

class LockTable {
 public:
  static constexpr size_t kStripes = 4096;

  class Guard {
   public:
    Guard() = default;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    Guard(Guard&& o) noexcept : table_(o.table_), stripes_(std::move(o.stripes_)) { o.table_ = nullptr; }
    ~Guard() {
      if (!table_) return;
      for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) table_->mutexes_[*it].unlock();
    }

   private:
    friend class LockTable;
    LockTable* table_ = nullptr;
    std::vector<size_t> stripes_;
  };

  Guard lock(uint32_t table_id, std::string_view key) {
    Guard g;
    g.table_ = this;
    g.stripes_.push_back(stripe(table_id, key));
    mutexes_[g.stripes_[0]].lock();
    return g;
  }

  Guard lock_all(const std::vector<std::pair<uint32_t, std::string_view>>& keys) {
    Guard g;
    g.table_ = this;
    for (const auto& [id, key] : keys) g.stripes_.push_back(stripe(id, key));
    std::sort(g.stripes_.begin(), g.stripes_.end());
    g.stripes_.erase(std::unique(g.stripes_.begin(), g.stripes_.end()), g.stripes_.end());
    for (size_t s : g.stripes_) mutexes_[s].lock();
    return g;
  }

  // Returns once every stripe has been free: every write that held a lock when it was called has
  // finished. Takes one stripe at a time, so it cannot deadlock with writers.
  void barrier() {
    for (auto& m : mutexes_) {
      m.lock();
      m.unlock();
    }
  }

 private:
  static size_t stripe(uint32_t table_id, std::string_view key) {
    return (std::hash<std::string_view>()(key) ^ (size_t(table_id) * 0x9E3779B97F4A7C15ull)) % kStripes;
  }
  std::array<std::mutex, kStripes> mutexes_;
};

}  // namespace dynarock::engine
