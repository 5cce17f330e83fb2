// dynarock: a DynamoDB-compatible server on an embedded RocksDB. Flags follow DynamoDB Local's
// spellings too (-port, -inMemory, -dbPath, -sharedDb, ...) so existing scripts work unchanged.
#include <utility>

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "engine/engine.h"
#include "protocol/service.h"
#include "server/http_server.h"

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
  --worker-threads N        threads for blocking work: Scan, big bodies, --sync writes
                            (default: one per core, at least 2)
  --max-connections N       open connections at most; more wait in the listen backlog
                            (default: min(10000, open-file limit - 64))
  --tls-cert FILE           PEM certificate chain for HTTPS (with --tls-key and --tls-port)
  --tls-key FILE            PEM private key for HTTPS
  --tls-port N              serve HTTPS (TLS 1.2+) on N beside HTTP on --port; equal to --port
                            serves HTTPS only
  --shutdown-timeout S      on SIGTERM/SIGINT, wait up to S seconds for in-flight requests (default 10)
  --require-auth            verify SigV4 signatures as DynamoDB does; accepted keys come from
                            --credentials and the server's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
  --credentials FILE        "ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]" per line
  --cors ORIGIN             answer CORS preflights and allow ORIGIN ("*" for any)
  --delay-transient-statuses
                            report CREATING/DELETING/UPDATING briefly before ACTIVE, as DynamoDB does
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

uint16_t parse_port(const std::string& v) {
  char* end = nullptr;
  long port = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end || port < 0 || port > 65535) usage_error("invalid port: " + v);
  return static_cast<uint16_t>(port);
}

}  // namespace

int main(int argc, char** argv) {
  dynarock::engine::Options engine_options;
  dynarock::server::HttpOptions http_options;
  dynarock::protocol::Settings settings;
  std::string log_level = "info";
  std::string credentials_file;

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error("missing value for " + arg);
      return argv[++i];
    };
    if (arg == "--port" || arg == "-port") {
      http_options.port = parse_port(value());
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
      http_options.offload_writes = true;  // an fsync must not hold up an I/O thread
    } else if (arg == "--require-auth") {
      settings.require_auth = true;
    } else if (arg == "--credentials") {
      credentials_file = value();
    } else if (arg == "--threads") {
      http_options.threads = std::atoi(value().c_str());
    } else if (arg == "--worker-threads") {
      http_options.worker_threads = std::atoi(value().c_str());
    } else if (arg == "--max-connections") {
      http_options.max_connections = std::atoi(value().c_str());
      if (http_options.max_connections < 1) usage_error("invalid --max-connections: " + std::string(argv[i]));
    } else if (arg == "--tls-cert") {
      http_options.tls_cert = value();
    } else if (arg == "--tls-key") {
      http_options.tls_key = value();
    } else if (arg == "--tls-port") {
      http_options.tls_port = parse_port(value());
    } else if (arg == "--shutdown-timeout") {
      http_options.shutdown_timeout_s = std::atoi(value().c_str());
    } else if (arg == "--cors" || arg == "-cors") {
      http_options.cors = true;
      http_options.cors_origin = value();
    } else if (arg == "--delay-transient-statuses" || arg == "-delayTransientStatuses") {
      settings.delay_transient_ms = 500;
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

  if (settings.require_auth) {
    try {
      if (!credentials_file.empty()) settings.credentials.load_file(credentials_file);
    } catch (const std::exception& e) {
      usage_error(e.what());
    }
    settings.credentials.add_from_environment();
    if (settings.credentials.size() == 0) usage_error("--require-auth needs --credentials FILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
  } else if (!credentials_file.empty()) {
    usage_error("--credentials needs --require-auth");
  }

  try {
    auto engine = dynarock::engine::Engine::open(engine_options);
    settings.endpoint_address = http_options.host + ":" + std::to_string(http_options.port);
    dynarock::protocol::Service service(std::move(engine), settings);
    dynarock::server::HttpServer server(service, http_options);
    uint16_t port = server.start();
    spdlog::info("dynarock {} listening on {}:{} ({})", DYNAROCK_VERSION, http_options.host, port,
                 engine_options.in_memory ? "in memory" : "data in " + engine_options.path);
    if (server.tls_port()) spdlog::info("HTTPS on {}:{}", http_options.host, server.tls_port());
    server.run();
    spdlog::info("dynarock stopped");
  } catch (const std::exception& e) {
    spdlog::critical("cannot start: {}", e.what());
    return 1;
  }
  return 0;
}
