// An --init input that cannot be used: which file, which line (0 when unknown) and why.
#pragma once

#include <stdexcept>
#include <string>

namespace dynarock::cli {

class InitError : public std::runtime_error {
 public:
  InitError(const std::string& file, int line, const std::string& problem)
      : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + problem) {}
};

}  // namespace dynarock::cli
