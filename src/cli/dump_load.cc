#include <iostream>

#include "cli/commands.h"

namespace dynarock::cli {

int run_dump(const std::vector<std::string>&) {
  std::cerr << "dynarock dump: not available yet\n";
  return 2;
}
int run_load(const std::vector<std::string>&) {
  std::cerr << "dynarock load: not available yet\n";
  return 2;
}

}  // namespace dynarock::cli
