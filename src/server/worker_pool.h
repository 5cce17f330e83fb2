// WorkerPool: a few threads for request work that can block or run long (Scan pages, large
// batches, big bodies, writes under --sync), so an I/O thread never waits on it and the other
// connections it serves keep their latency.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dynarock::server {

class WorkerPool {
 public:
  // nice > 0 lowers the threads' scheduling priority (Linux per-thread nice), so bulk work
  // yields the CPU to the I/O threads.
  WorkerPool(std::string name, int threads, int nice = 0);
  ~WorkerPool();

  void post(std::function<void()> task);
  // Lets running tasks finish, drops queued ones, joins the threads. Idempotent.
  void stop();

 private:
  void run(int nice);

  std::string name_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dynarock::server
