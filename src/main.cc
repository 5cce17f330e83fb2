// dynarock: a DynamoDB-compatible server on an embedded RocksDB, and the commands around it
// (healthcheck, dump, load). Flags are handled in src/cli/.
#include <string>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty()) {
    std::string command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "healthcheck") return dynarock::cli::run_healthcheck(rest);
    if (command == "dump") return dynarock::cli::run_dump(rest);
    if (command == "load") return dynarock::cli::run_load(rest);
  }
  return dynarock::cli::run_server(args);
}
