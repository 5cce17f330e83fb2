// StreamHook (--stream-hook TABLE=URL): a local trigger. A background thread follows the streams
// of one table and POSTs each batch of new records, in the Lambda DynamoDB event shape
// ({"Records": [...]}), to an HTTP(S) endpoint, in order, retrying a batch until the endpoint
// answers 2xx. It never runs on a request thread.
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "cli/http_client.h"
#include "engine/streams.h"

namespace dynarock::cli {

struct HookTarget {
  std::string table;
  Url url;
  std::string path = "/";
};

// Parses "TABLE=http://host:port/path" (or https); false when malformed.
bool parse_hook(const std::string& spec, HookTarget& out);

class StreamHook {
 public:
  StreamHook(engine::StreamReader& streams, HookTarget target, size_t batch_size = 100);
  ~StreamHook();

 private:
  void run();
  // One pass over the table's streams; false when a delivery failed (retry later).
  bool deliver_pending();
  bool post(const std::string& body);

  engine::StreamReader& streams_;
  HookTarget target_;
  size_t batch_size_;
  HttpClient client_;
  std::map<std::string, uint64_t> next_;  // per stream ARN: the next sequence number to deliver
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dynarock::cli
