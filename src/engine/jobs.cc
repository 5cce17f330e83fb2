#include "engine/jobs.h"

namespace dynarock::engine {

void JobRunner::start(std::function<void()> job) {
  std::lock_guard guard(mutex_);
  if (stopping()) return;
  threads_.emplace_back(std::move(job));
}

void JobRunner::every(const std::string& name, std::chrono::milliseconds period, std::function<void()> job) {
  std::lock_guard guard(mutex_);
  if (stopping()) return;
  auto p = std::make_unique<Periodic>();
  p->period = period;
  p->job = std::move(job);
  p->due = std::chrono::steady_clock::now() + period;
  periodic_[name] = std::move(p);
  if (!scheduler_.joinable()) scheduler_ = std::thread([this] { schedule_loop(); });
  wake_.notify_all();
}

bool JobRunner::run_now(const std::string& name) {
  Periodic* p = nullptr;
  {
    std::lock_guard guard(mutex_);
    auto it = periodic_.find(name);
    if (it == periodic_.end() || stopping()) return false;
    p = it->second.get();  // entries live until the runner is destroyed
  }
  run(*p);
  return true;
}

void JobRunner::run(Periodic& p) {
  std::lock_guard running(p.running);
  if (stopping()) return;
  try {
    p.job();
  } catch (const std::exception&) {
    // A failed run is retried at the next period; the job keeps its state in the database.
  }
}

void JobRunner::schedule_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping()) {
    auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::hours(1);
    Periodic* due = nullptr;
    for (auto& [name, p] : periodic_) {
      if (p->due <= now && !due) due = p.get();
      next = std::min(next, p->due);
    }
    if (!due) {
      wake_.wait_until(lock, next);
      continue;
    }
    due->due = now + due->period;
    lock.unlock();
    run(*due);
    lock.lock();
  }
}

void JobRunner::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

}  // namespace dynarock::engine
