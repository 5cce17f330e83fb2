// The subcommands of the dynarock binary. Each returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace dynarock::cli {

int run_server(const std::vector<std::string>& args);
int run_healthcheck(const std::vector<std::string>& args);
int run_dump(const std::vector<std::string>& args);
int run_load(const std::vector<std::string>& args);

}  // namespace dynarock::cli
