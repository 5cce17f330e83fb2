// Command-line options of the server, in dynarock's spellings and DynamoDB Local's (so the
// command lines people already have for amazon/dynamodb-local start dynarock unchanged).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/stream_hook.h"
#include "engine/engine.h"
#include "protocol/service.h"
#include "server/http_server.h"

namespace dynarock::cli {

struct ServerOptions {
  engine::Options engine;
  server::HttpOptions http;
  protocol::Settings settings;
  std::string log_level = "info";
  bool data_dir_given = false;
  std::string credentials_file;             // --credentials FILE (with --require-auth)
  std::vector<std::string> init_paths;      // --init PATH (files or folders), in order
  std::map<std::string, std::string> init_params;  // --init-param NAME=VALUE for template parameters
  std::vector<HookTarget> stream_hooks;     // --stream-hook TABLE=URL
  std::vector<std::string> notes;           // logged once logging is set up (ignored Java options, ...)
  std::vector<std::string> warnings;
};

// What parse_server_args decided: run, or print text and exit with a status.
struct ParseResult {
  bool run = false;
  int exit_code = 0;
  std::string output;  // for stdout (exit 0) or stderr (exit != 0)
};

extern const char* const kServerUsage;

ParseResult parse_server_args(const std::vector<std::string>& args, ServerOptions& options);

// spdlog level from a case-insensitive name; false when the name is not a level.
bool parse_log_level(const std::string& name, int& level);

}  // namespace dynarock::cli
