// The server subcommand (the default): parse flags, check the data directory and the port with
// messages that say what to do, run --init, then serve until SIGINT/SIGTERM.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/init.h"
#include "cli/options.h"
#include "cli/stream_hook.h"

namespace dynarock::cli {

namespace {

namespace fs = std::filesystem;

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Empty when the directory exists (or was created) and is writable; else what is wrong and what to do.
std::string check_data_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  int uid = static_cast<int>(getuid());
  if (ec) {
    if (ec == std::errc::read_only_file_system)
      return "cannot create the data directory " + dir + ": the file system is read-only. Mount it read-write, "
             "or run with --in-memory (and --init to load tables and data)";
    return "cannot create the data directory " + dir + ": " + ec.message() + " (running as uid " + std::to_string(uid) +
           "). Pass a writable --data-dir, or create it with write access for this user";
  }
  if (!fs::is_directory(dir)) return "the data directory " + dir + " is not a directory. Pass another --data-dir";
  const std::string probe = dir + "/.dynarock-write-check";
  int fd = ::open(probe.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) {
    int err = errno;
    if (err == EROFS)
      return "the data directory " + dir + " is on a read-only mount. Mount it read-write, or run with --in-memory "
             "(and --init to load tables and data)";
    struct stat st {};
    ::stat(dir.c_str(), &st);
    return "the data directory " + dir + " is not writable by uid " + std::to_string(uid) + " (it belongs to uid " +
           std::to_string(st.st_uid) + ": " + std::strerror(err) + "). Run as its owner (docker run --user " +
           std::to_string(st.st_uid) + ":" + std::to_string(st.st_gid) + "), or give uid " + std::to_string(uid) +
           " write access (chown -R " + std::to_string(uid) + " on the host folder)";
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

std::string describe_start_error(const std::string& what, const ServerOptions& options) {
  if (what.find("lock") != std::string::npos || what.find("LOCK") != std::string::npos)
    return "the data directory " + options.engine.path + " is already in use by another dynarock. Stop that one, "
           "or pass another --data-dir";
  return what;
}

}  // namespace

int run_server(const std::vector<std::string>& args) {
  ServerOptions options;
  ParseResult parsed = parse_server_args(args, options);
  if (!parsed.run) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.output;
    return parsed.exit_code;
  }
  // Logs go to standard error (as docs/usage.md says), keeping standard output for answers.
  spdlog::set_default_logger(spdlog::stderr_color_mt("dynarock"));
  int level = 0;
  parse_log_level(options.log_level, level);
  spdlog::set_level(static_cast<spdlog::level::level_enum>(level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  for (const auto& note : options.notes) spdlog::info("{}", note);
  for (const auto& warning : options.warnings) spdlog::warn("{}", warning);

  if (options.settings.require_auth) {
    try {
      if (!options.credentials_file.empty()) options.settings.credentials.load_file(options.credentials_file);
    } catch (const std::exception& e) {
      spdlog::critical("cannot start: {}", e.what());
      return 2;  // a usage error, like an unknown flag
    }
    options.settings.credentials.add_from_environment();
    if (options.settings.credentials.size() == 0) {
      spdlog::critical("cannot start: --require-auth needs --credentials FILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
      return 2;  // a usage error, like an unknown flag
    }
  }
  if (!options.engine.in_memory) {
    std::string problem = check_data_dir(options.engine.path);
    if (!problem.empty()) {
      spdlog::critical("cannot start: {}", problem);
      return 1;
    }
  }
  std::unique_ptr<engine::Engine> engine;
  try {
    engine = engine::Engine::open(options.engine);
  } catch (const std::exception& e) {
    spdlog::critical("cannot start: {}", describe_start_error(e.what(), options));
    return 1;
  }
  options.settings.endpoint_address = options.http.host + ":" + std::to_string(options.http.port);
  options.http.region = env_or("AWS_REGION", env_or("AWS_DEFAULT_REGION", "us-east-1").c_str());
  protocol::Service service(std::move(engine), options.settings);

  if (!options.init_paths.empty()) {
    InitOptions init;
    init.paths = options.init_paths;
    init.context.region = env_or("AWS_REGION", env_or("AWS_DEFAULT_REGION", "us-east-1").c_str());
    init.context.parameters = options.init_params;
    if (auto r = options.init_params.find("AWS::Region"); r != options.init_params.end()) init.context.region = r->second;
    init.access_key = env_or("AWS_ACCESS_KEY_ID", "local");
    if (!options.settings.shared_db)
      spdlog::info("--init: tables are created for access key id {} in {} (pass --shared-db to share them with every "
                   "credential and region)", init.access_key, init.context.region);
    try {
      run_init(service, init);
    } catch (const std::exception& e) {
      spdlog::critical("cannot start: --init {}", e.what());
      return 1;
    }
  }

  // Local triggers follow their tables' streams until the server stops.
  std::vector<std::unique_ptr<StreamHook>> hooks;
  for (const auto& target : options.stream_hooks)
    hooks.push_back(std::make_unique<StreamHook>(service.engine().streams(), target));

  try {
    server::HttpServer server(service, options.http);
    uint16_t port = 0;
    try {
      port = server.start();
    } catch (const boost::system::system_error& e) {
      std::string where = options.http.host + ":" + std::to_string(options.http.port);
      if (e.code() == boost::asio::error::address_in_use)
        spdlog::critical("cannot start: port {} is already in use ({}). Stop what uses it, or pass --port N (0 picks a free port)",
                         options.http.port, where);
      else if (e.code() == boost::asio::error::access_denied)
        spdlog::critical("cannot start: no permission to listen on {} (ports below 1024 need privileges). Pass --port N",
                         where);
      else
        spdlog::critical("cannot start: cannot listen on {}: {}. Check --host and --port", where, e.code().message());
      return 1;
    }
    if (const char* file = std::getenv("DYNAROCK_PORT_FILE"); file && *file) std::ofstream(file) << port << "\n";
    spdlog::info("dynarock {} listening on http://{}:{}, {}, {}", DYNAROCK_VERSION, options.http.host, port,
                 options.engine.in_memory ? std::string("data in memory (lost at exit)") : "data in " + options.engine.path,
                 options.settings.shared_db ? "tables shared by all credentials and regions (--shared-db)"
                                            : "tables per access key id and region (--shared-db to share)");
    if (server.tls_port()) spdlog::info("HTTPS on https://{}:{}", options.http.host, server.tls_port());
    server.run();
    spdlog::info("dynarock stopped");
  } catch (const std::exception& e) {
    spdlog::critical("cannot start: {}", e.what());
    return 1;
  }
  return 0;
}

}  // namespace dynarock::cli
