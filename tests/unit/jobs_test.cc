// JobRunner: one-off and periodic jobs, run_now, and a clean stop.
#include "engine/jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace dynarock::engine {
namespace {

using namespace std::chrono_literals;

TEST(JobRunner, RunsOneOffJobsAndJoinsThemOnStop) {
  std::atomic<int> ran{0};
  {
    JobRunner runner;
    for (int i = 0; i < 5; ++i) runner.start([&] { ++ran; });
    runner.stop();
    EXPECT_EQ(ran.load(), 5);
  }
}

TEST(JobRunner, RunNowRunsAPeriodicJobOnTheCallersThread) {
  JobRunner runner;
  std::thread::id where;
  int runs = 0;
  runner.every("job", std::chrono::hours(1), [&] {
    where = std::this_thread::get_id();
    ++runs;
  });
  EXPECT_TRUE(runner.run_now("job"));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(where, std::this_thread::get_id());
  EXPECT_FALSE(runner.run_now("missing"));
}

TEST(JobRunner, PeriodicJobsRunOnTheirOwn) {
  JobRunner runner;
  std::atomic<int> runs{0};
  runner.every("tick", 1ms, [&] { ++runs; });
  // Waits for progress (bounded), asserting only that the job ran, never how fast.
  for (int i = 0; i < 5000 && runs.load() < 3; ++i) std::this_thread::sleep_for(1ms);
  EXPECT_GE(runs.load(), 3);
}

TEST(JobRunner, AJobNeverRunsConcurrentlyWithItself) {
  JobRunner runner;
  std::atomic<int> inside{0}, most{0}, runs{0};
  runner.every("job", 1ms, [&] {
    int now = ++inside;
    most = std::max(most.load(), now);
    std::this_thread::sleep_for(100us);
    --inside;
    ++runs;
  });
  std::thread t([&] {
    for (int i = 0; i < 50; ++i) runner.run_now("job");
  });
  for (int i = 0; i < 50; ++i) runner.run_now("job");
  t.join();
  EXPECT_GE(runs.load(), 100);
  EXPECT_EQ(most.load(), 1);
}

TEST(JobRunner, AFailingRunDoesNotStopTheJob) {
  JobRunner runner;
  int runs = 0;
  runner.every("job", std::chrono::hours(1), [&] {
    ++runs;
    throw std::runtime_error("transient");
  });
  EXPECT_TRUE(runner.run_now("job"));
  EXPECT_TRUE(runner.run_now("job"));
  EXPECT_EQ(runs, 2);
}

TEST(JobRunner, StopIsIdempotentAndRefusesNewWork) {
  JobRunner runner;
  runner.stop();
  runner.stop();
  std::atomic<int> ran{0};
  runner.start([&] { ++ran; });
  runner.every("job", 1ms, [&] { ++ran; });
  EXPECT_FALSE(runner.run_now("job"));
  EXPECT_EQ(ran.load(), 0);
  EXPECT_TRUE(runner.stopping());
}

}  // namespace
}  // namespace dynarock::engine
