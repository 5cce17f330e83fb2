#include "cli/stream_hook.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "api/streams/stream_lookup.h"

namespace dynarock::cli {

bool parse_hook(const std::string& spec, HookTarget& out) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  out.table = spec.substr(0, eq);
  std::string url = spec.substr(eq + 1);
  size_t scheme = url.find("://");
  if (scheme == std::string::npos || !parse_url(url, out.url)) return false;
  size_t slash = url.find('/', scheme + 3);
  out.path = slash == std::string::npos ? "/" : url.substr(slash);
  return true;
}

StreamHook::StreamHook(engine::StreamReader& streams, HookTarget target, size_t batch_size)
    : streams_(streams), target_(std::move(target)), batch_size_(batch_size), client_(target_.url, std::chrono::seconds(10)) {
  // Streams that exist now are followed from their newest record on: the hook delivers changes
  // made while it runs, not history.
  uint64_t watermark = streams_.watermark();
  for (const auto& s : streams_.all_streams())
    if (s.table_name == target_.table) next_[s.arn] = watermark + 1;
  thread_ = std::thread([this] { run(); });
}

StreamHook::~StreamHook() {
  {
    std::lock_guard guard(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StreamHook::run() {
  auto backoff = std::chrono::milliseconds(100);
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    bool ok = false;
    try {
      ok = deliver_pending();
    } catch (const std::exception& e) {
      spdlog::warn("stream hook {}: {}", target_.table, e.what());
    }
    backoff = ok ? std::chrono::milliseconds(100) : std::min(backoff * 2, std::chrono::milliseconds(5000));
    lock.lock();
    cv_.wait_for(lock, backoff, [this] { return stopping_; });
  }
}

bool StreamHook::deliver_pending() {
  for (const auto& stream : streams_.all_streams()) {
    if (stream.table_name != target_.table) continue;
    // A stream created after the hook started is delivered from its beginning.
    auto [it, fresh] = next_.try_emplace(stream.arn, stream.shards.empty() ? 0 : stream.shards.front().start_seq);
    (void)fresh;
    while (true) {
      {
        std::lock_guard guard(mutex_);
        if (stopping_) return true;
      }
      it->second = std::max(it->second, streams_.trim_horizon(stream.id));
      auto records = streams_.read_records(stream.id, it->second, UINT64_MAX, batch_size_, 6 << 20);
      if (records.empty()) break;
      std::string body = "{\"Records\":[";
      for (size_t i = 0; i < records.size(); ++i) {
        if (i) body += ',';
        api::streams::write_record(body, stream, records[i], &stream.arn);
      }
      body += "]}";
      if (!post(body)) return false;
      it->second = records.back().seq + 1;
    }
  }
  return true;
}

bool StreamHook::post(const std::string& body) {
  try {
    auto res = client_.request("POST", target_.path,
                               {{"content-type", "application/json"}, {"user-agent", "dynarock-stream-hook"}}, body);
    if (res.status >= 200 && res.status < 300) return true;
    spdlog::warn("stream hook {}: {} answered {}; retrying", target_.table, target_.path, res.status);
  } catch (const std::exception& e) {
    spdlog::warn("stream hook {}: cannot deliver to {}:{}: {}; retrying", target_.table, target_.url.host, target_.url.port,
                 e.what());
  }
  return false;
}

}  // namespace dynarock::cli
