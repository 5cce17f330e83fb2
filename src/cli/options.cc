#include "cli/options.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace dynarock::cli {

const char* const kServerUsage = R"(Usage: dynarock [options]
       dynarock healthcheck [--host ADDR] [--port N]
       dynarock dump --endpoint URL --out DIR [TABLE...]
       dynarock load --endpoint URL --in DIR [TABLE...]

Server options:
  --port N                  TCP port (default 8000; 0 picks a free port)
  --host ADDR               address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --data-dir DIR            RocksDB directory (default ./dynarock-data)
  --in-memory               keep everything in memory (RocksDB on an in-memory Env)
  --s3-dir DIR              folder standing in for S3 for ExportTableToPointInTime and ImportTable:
                            bucket B, key K is DIR/B/K (default: DATA-DIR/s3; none with --in-memory)
  --shared-db               one set of tables for all credentials and regions
                            (default: each access key id + region pair has its own, like DynamoDB Local)
  --init PATH               at start, create the tables and load the items described in PATH: a
                            CloudFormation/SAM template (YAML or JSON), a CreateTable JSON file, a
                            BatchWriteItem JSON file, a DynamoDB JSON export, or a folder of them.
                            Repeatable. Existing tables are kept with their data.
  --init-param NAME=VALUE   value of a template parameter (or AWS::StackName, AWS::Region)
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
  --stream-shard-seconds N  a stream shard closes and its child opens after N seconds (default 14400)
  --stream-shard-records N  ...or after N records (default 100000)
  --stream-retention-seconds N
                            keep stream records N seconds (default 86400, DynamoDB's 24 hours)
  --stream-iterator-seconds N
                            shard iterators expire after N seconds (default 900, as on DynamoDB)
  --stream-hook TABLE=URL   POST each batch of TABLE's stream records (Lambda event JSON) to URL
                            (http[s]://host:port/path), in order, retrying until it answers 2xx;
                            repeatable
  --ttl-interval S          delete expired TTL items every S seconds (default 1; 0: only when asked
                            with POST /_dynarock/ttl/sweep)
  --ttl-change-window S     seconds UpdateTimeToLive refuses a second change of one table (default
                            3600, DynamoDB's hour; 0 allows changes back to back)
  --log-level LEVEL         trace, debug, info, warn, error, off (default info; any case)
  --help                    this text
  --version                 print the version

DynamoDB Local spellings are accepted: -port N, -inMemory, -dbPath DIR, -sharedDb, -cors ORIGIN,
-delayTransientStatuses, -help, -version, -disableTelemetry and -optimizeDbBeforeStartup (no effect).
Java launcher arguments (java, -jar DynamoDBLocal.jar, -Dname=value, -Xmx..., -XX:..., -cp PATH)
are ignored with one log line, so `-jar DynamoDBLocal.jar -sharedDb -dbPath ./data` works as is.
Environment defaults (flags win): DYNAROCK_HOST, DYNAROCK_PORT, DYNAROCK_DATA_DIR.
)";

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool parse_port(const std::string& text, uint16_t& port) {
  if (text.empty()) return false;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end || value < 0 || value > 65535) return false;
  port = static_cast<uint16_t>(value);
  return true;
}

// A whole decimal number in [lo, hi].
bool parse_int(const std::string& text, long lo, long hi, int& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end || value < lo || value > hi) return false;
  out = static_cast<int>(value);
  return true;
}

// A whole positive number of seconds (or records), at most 10 years' worth.
bool parse_positive(const std::string& text, long long& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end || value <= 0 || value > 315360000LL) return false;
  out = value;
  return true;
}

ParseResult fail(const std::string& message) {
  return {false, 2, "dynarock: " + message + "\nRun `dynarock --help` for the options.\n"};
}

// Arguments of the Java launcher that DynamoDB Local command lines carry.
bool is_java_option(const std::string& arg) {
  return arg == "java" || arg.rfind("-D", 0) == 0 || arg.rfind("-X", 0) == 0 || arg == "-server" || arg == "-ea";
}

}  // namespace

bool parse_log_level(const std::string& name, int& level) {
  static const std::pair<const char*, spdlog::level::level_enum> levels[] = {
      {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug}, {"info", spdlog::level::info},
      {"warn", spdlog::level::warn},   {"warning", spdlog::level::warn}, {"error", spdlog::level::err},
      {"err", spdlog::level::err},     {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
  std::string key = lower(name);
  for (const auto& [n, l] : levels)
    if (key == n) {
      level = l;
      return true;
    }
  return false;
}

ParseResult parse_server_args(const std::vector<std::string>& args, ServerOptions& options) {
  if (const char* host = std::getenv("DYNAROCK_HOST"); host && *host) options.http.host = host;
  if (const char* port = std::getenv("DYNAROCK_PORT"); port && *port) {
    if (!parse_port(port, options.http.port)) return fail(std::string("invalid DYNAROCK_PORT: ") + port);
  }
  if (const char* dir = std::getenv("DYNAROCK_DATA_DIR"); dir && *dir) options.engine.path = dir;

  bool in_memory_flag = false;
  std::vector<std::string> java_ignored;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string missing;
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) {
        missing = arg;
        return false;
      }
      out = args[++i];
      return true;
    };
    std::string v;
    if (arg == "--port" || arg == "-port") {
      if (!value(v)) return fail("missing value for " + arg);
      if (!parse_port(v, options.http.port)) return fail("invalid port for " + arg + ": " + v + " (use 0-65535)");
    } else if (arg == "--host") {
      if (!value(v)) return fail("missing value for " + arg);
      options.http.host = v;
    } else if (arg == "--data-dir" || arg == "-dbPath") {
      if (!value(v)) return fail("missing value for " + arg);
      options.engine.path = v;
      options.data_dir_given = true;
    } else if (arg == "--in-memory" || arg == "-inMemory") {
      options.engine.in_memory = true;
      in_memory_flag = true;
    } else if (arg == "--s3-dir") {
      if (!value(v)) return fail("missing value for " + arg);
      options.settings.s3_dir = v;
    } else if (arg == "--shared-db" || arg == "-sharedDb") {
      options.settings.shared_db = true;
    } else if (arg == "--init") {
      if (!value(v)) return fail("missing value for --init");
      options.init_paths.push_back(v);
    } else if (arg == "--init-param") {
      if (!value(v)) return fail("missing value for --init-param");
      size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) return fail("--init-param takes NAME=VALUE, not " + v);
      options.init_params[v.substr(0, eq)] = v.substr(eq + 1);
    } else if (arg == "--sync") {
      options.engine.sync = true;
      options.http.offload_writes = true;  // an fsync must not hold up an I/O thread
    } else if (arg == "--threads" || arg == "--worker-threads") {
      if (!value(v)) return fail("missing value for " + arg);
      int n = 0;
      if (!parse_int(v, 0, 1024, n)) return fail("invalid value for " + arg + ": " + v + " (use 0-1024)");
      (arg == "--threads" ? options.http.threads : options.http.worker_threads) = n;
    } else if (arg == "--max-connections") {
      if (!value(v)) return fail("missing value for " + arg);
      if (!parse_int(v, 1, 1000000, options.http.max_connections))
        return fail("invalid value for --max-connections: " + v + " (use 1-1000000)");
    } else if (arg == "--shutdown-timeout") {
      if (!value(v)) return fail("missing value for " + arg);
      if (!parse_int(v, 0, 86400, options.http.shutdown_timeout_s))
        return fail("invalid value for --shutdown-timeout: " + v + " (seconds, 0-86400)");
    } else if (arg == "--tls-cert") {
      if (!value(v)) return fail("missing value for " + arg);
      options.http.tls_cert = v;
    } else if (arg == "--tls-key") {
      if (!value(v)) return fail("missing value for " + arg);
      options.http.tls_key = v;
    } else if (arg == "--tls-port") {
      if (!value(v)) return fail("missing value for " + arg);
      if (!parse_port(v, options.http.tls_port)) return fail("invalid port for --tls-port: " + v + " (use 0-65535)");
    } else if (arg == "--require-auth") {
      options.settings.require_auth = true;
    } else if (arg == "--credentials") {
      if (!value(v)) return fail("missing value for " + arg);
      options.credentials_file = v;
    } else if (arg == "--cors" || arg == "-cors") {
      if (!value(v)) return fail("missing value for " + arg);
      options.http.cors = true;
      options.http.cors_origin = v;
    } else if (arg == "--delay-transient-statuses" || arg == "-delayTransientStatuses") {
      options.settings.delay_transient_ms = 500;
    } else if (arg == "--stream-shard-seconds" || arg == "--stream-shard-records" || arg == "--stream-retention-seconds" ||
               arg == "--stream-iterator-seconds") {
      if (!value(v)) return fail("missing value for " + arg);
      long long n = 0;
      if (!parse_positive(v, n)) return fail("invalid value for " + arg + ": " + v + " (a whole number above 0)");
      auto& s = options.engine.streams;
      if (arg == "--stream-shard-seconds") s.shard_rotation_ms = n * 1000;
      else if (arg == "--stream-shard-records") s.shard_max_records = static_cast<uint64_t>(n);
      else if (arg == "--stream-retention-seconds") s.retention_ms = n * 1000;
      else s.iterator_lifetime_ms = n * 1000;
    } else if (arg == "--stream-hook") {
      if (!value(v)) return fail("missing value for " + arg);
      HookTarget target;
      if (!parse_hook(v, target)) return fail("invalid --stream-hook (want TABLE=http://host:port/path): " + v);
      options.stream_hooks.push_back(std::move(target));
    } else if (arg == "--ttl-interval" || arg == "--ttl-change-window") {
      if (!value(v)) return fail("missing value for " + arg);
      int seconds = 0;
      if (!parse_int(v, 0, 86400, seconds)) return fail("invalid value for " + arg + ": " + v + " (seconds, 0-86400)");
      if (arg == "--ttl-interval") options.engine.ttl_interval = std::chrono::seconds(seconds);
      else options.settings.ttl_change_window_s = seconds;
    } else if (arg == "--log-level" || arg == "-logLevel") {
      if (!value(v)) return fail("missing value for " + arg);
      int level = 0;
      if (!parse_log_level(v, level))
        return fail("unknown log level: " + v + " (use trace, debug, info, warn, error or off)");
      options.log_level = lower(v);
    } else if (arg == "-disableTelemetry" || arg == "-optimizeDbBeforeStartup") {
      options.notes.push_back("DynamoDB Local option " + arg + " has no effect here");
    } else if (arg == "-jar") {
      java_ignored.push_back(arg);
      if (i + 1 < args.size() && args[i + 1].size() > 4 && args[i + 1].substr(args[i + 1].size() - 4) == ".jar")
        java_ignored.push_back(args[++i]);
    } else if (arg == "-cp" || arg == "-classpath") {
      java_ignored.push_back(arg);
      if (i + 1 < args.size()) java_ignored.push_back(args[++i]);
    } else if (is_java_option(arg)) {
      java_ignored.push_back(arg);
    } else if (arg == "--help" || arg == "-help" || arg == "-h") {
      return {false, 0, kServerUsage};
    } else if (arg == "--version" || arg == "-version") {
      return {false, 0, std::string("dynarock ") + DYNAROCK_VERSION + "\n"};
    } else {
      return fail("unknown option: " + arg);
    }
  }
  if (!java_ignored.empty()) {
    std::string joined;
    for (const auto& a : java_ignored) joined += (joined.empty() ? "" : " ") + a;
    options.notes.push_back("ignoring Java launcher arguments (dynarock is not a JVM): " + joined);
  }
  if (!options.settings.require_auth && !options.credentials_file.empty())
    return fail("--credentials needs --require-auth");
  // Exports and imports default to a folder beside the data; in memory there is no such place.
  if (options.settings.s3_dir.empty() && !options.engine.in_memory) options.settings.s3_dir = options.engine.path + "/s3";
  if (in_memory_flag && options.data_dir_given)
    options.warnings.push_back("both -inMemory and -dbPath/--data-dir given: keeping everything in memory, " +
                               options.engine.path + " is not used");
  return {true, 0, ""};
}

}  // namespace dynarock::cli
