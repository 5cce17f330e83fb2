// dynarock: a DynamoDB-compatible server on an embedded RocksDB. Flags follow DynamoDB Local's
// spellings too (-port, -inMemory, -dbPath, -sharedDb, ...) so existing scripts work unchanged.
#include <utility>

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <memory>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "protocol/service.h"
#include "server/http_server.h"
#include "server/stream_hook.h"

namespace {

constexpr const char* kUsage = R"(Usage: dynarock [options]

  --port N                  TCP port (default 8000; 0 picks a free port)
  --host ADDR               address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --data-dir DIR            RocksDB directory (default ./dynarock-data)
  --in-memory               keep everything in memory (RocksDB on an in-memory Env)
  --shared-db               one set of tables for all credentials and regions
                            (default: each access key id + region pair has its own, like DynamoDB Local)
  --sync                    fsync the write-ahead log on every write (survives power loss)
  --threads N               io threads (default: one per core)
  --cors ORIGIN             answer CORS preflights and allow ORIGIN ("*" for any)
  --delay-transient-statuses
                            report CREATING/DELETING/UPDATING briefly before ACTIVE, as DynamoDB does
  --stream-shard-seconds N  a stream shard closes and its child opens after N seconds (default 14400)
  --stream-shard-records N  ...or after N records (default 100000)
  --stream-retention-seconds N
                            keep stream records N seconds (default 86400, DynamoDB's 24 hours)
  --stream-iterator-seconds N
                            shard iterators expire after N seconds (default 900, as on DynamoDB)
  --stream-hook TABLE=URL  POST each batch of TABLE's stream records (Lambda event JSON) to URL
                            (http://host:port/path), in order, retrying until it answers 2xx; repeatable
  --log-level LEVEL         trace, debug, info, warn, error, off (default info)
  --help                    this text
  --version                 print the version

DynamoDB Local spellings are accepted: -port N, -inMemory, -dbPath DIR, -sharedDb, -cors ORIGIN,
-delayTransientStatuses, -help, -disableTelemetry and -optimizeDbBeforeStartup (accepted, no effect).
)";

[[noreturn]] void usage_error(const std::string& msg) {
  std::cerr << "dynarock: " << msg << "\n\n" << kUsage;
  std::exit(2);
}

long long positive(const std::string& flag, const std::string& v) {
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end || n <= 0) usage_error("invalid value for " + flag + ": " + v);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  dynarock::engine::Options engine_options;
  dynarock::server::HttpOptions http_options;
  dynarock::protocol::Settings settings;
  std::string log_level = "info";
  std::vector<dynarock::server::HookTarget> hooks;

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error("missing value for " + arg);
      return argv[++i];
    };
    if (arg == "--port" || arg == "-port") {
      std::string v = value();
      char* end = nullptr;
      long port = std::strtol(v.c_str(), &end, 10);
      if (*end || port < 0 || port > 65535) usage_error("invalid port: " + v);
      http_options.port = static_cast<uint16_t>(port);
    } else if (arg == "--host") {
      http_options.host = value();
    } else if (arg == "--data-dir" || arg == "-dbPath") {
      engine_options.path = value();
    } else if (arg == "--in-memory" || arg == "-inMemory") {
      engine_options.in_memory = true;
    } else if (arg == "--shared-db" || arg == "-sharedDb") {
      settings.shared_db = true;
    } else if (arg == "--sync") {
      engine_options.sync = true;
    } else if (arg == "--threads") {
      http_options.threads = std::atoi(value().c_str());
    } else if (arg == "--cors" || arg == "-cors") {
      http_options.cors = true;
      http_options.cors_origin = value();
    } else if (arg == "--delay-transient-statuses" || arg == "-delayTransientStatuses") {
      settings.delay_transient_ms = 500;
    } else if (arg == "--stream-shard-seconds") {
      engine_options.streams.shard_rotation_ms = positive(arg, value()) * 1000;
    } else if (arg == "--stream-shard-records") {
      engine_options.streams.shard_max_records = static_cast<uint64_t>(positive(arg, value()));
    } else if (arg == "--stream-retention-seconds") {
      engine_options.streams.retention_ms = positive(arg, value()) * 1000;
    } else if (arg == "--stream-iterator-seconds") {
      engine_options.streams.iterator_lifetime_ms = positive(arg, value()) * 1000;
    } else if (arg == "--stream-hook") {
      dynarock::server::HookTarget target;
      std::string spec = value();
      if (!dynarock::server::parse_hook(spec, target)) usage_error("invalid --stream-hook (want TABLE=http://host:port/path): " + spec);
      hooks.push_back(std::move(target));
    } else if (arg == "--log-level") {
      log_level = value();
    } else if (arg == "-disableTelemetry" || arg == "-optimizeDbBeforeStartup") {
      // DynamoDB Local options with nothing to do here.
    } else if (arg == "--help" || arg == "-help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--version" || arg == "-version") {
      std::cout << "dynarock " << DYNAROCK_VERSION << "\n";
      return 0;
    } else {
      usage_error("unknown option: " + arg);
    }
  }

  spdlog::set_level(spdlog::level::from_str(log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  try {
    auto engine = dynarock::engine::Engine::open(engine_options);
    settings.endpoint_address = http_options.host + ":" + std::to_string(http_options.port);
    dynarock::protocol::Service service(std::move(engine), settings);
    dynarock::server::HttpServer server(service, http_options);
    std::vector<std::unique_ptr<dynarock::server::StreamHook>> running_hooks;
    for (auto& hook : hooks)
      running_hooks.push_back(std::make_unique<dynarock::server::StreamHook>(service.engine().streams(), hook));
    uint16_t port = server.start();
    spdlog::info("dynarock {} listening on {}:{} ({})", DYNAROCK_VERSION, http_options.host, port,
                 engine_options.in_memory ? "in memory" : "data in " + engine_options.path);
    server.run();
    spdlog::info("dynarock stopped");
  } catch (const std::exception& e) {
    spdlog::critical("cannot start: {}", e.what());
    return 1;
  }
  return 0;
}
