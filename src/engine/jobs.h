// JobRunner: the engine's background work. One-off jobs (a GSI backfill) run on their own
// thread; periodic jobs (token expiry, later TTL sweeps and stream trimming) run on one scheduler
// thread. A periodic job can also be run at once from the caller's thread ("sweep now"), never
// concurrently with itself. Stopping makes every job see `stopping()` and joins all threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dynarock::engine {

class JobRunner {
 public:
  JobRunner() = default;
  ~JobRunner() { stop(); }
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Runs `job` once on a new thread.
  void start(std::function<void()> job);
  // Runs `job` every `period`, first after one period.
  void every(const std::string& name, std::chrono::milliseconds period, std::function<void()> job);
  // Runs periodic job `name` now on the calling thread (waiting for a run in progress); false
  // when there is no such job or the runner is stopping.
  bool run_now(const std::string& name);

  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }
  // Signals every job and joins every thread; idempotent.
  void stop();

 private:
  struct Periodic {
    std::chrono::milliseconds period;
    std::function<void()> job;
    std::chrono::steady_clock::time_point due;
    std::mutex running;  // one run at a time
  };
  void schedule_loop();
  void run(Periodic& p);

  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::unique_ptr<Periodic>> periodic_;
  std::vector<std::thread> threads_;
  std::thread scheduler_;
};

}  // namespace dynarock::engine
