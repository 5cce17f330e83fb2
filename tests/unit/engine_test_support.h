// Helpers shared by the engine unit tests: attribute values, names, a temporary data directory.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/attribute_value.h"
#include "model/decimal.h"

namespace dynarock::engine::test {

inline model::AttributeValue S(std::string s) { return model::AttributeValue::string(std::move(s)); }
inline model::AttributeValue N(std::string_view s) { return model::AttributeValue::number(model::Decimal::parse(s).to_string()); }

// prefix + i; built with += since operator+ trips GCC 12's -Wrestrict (bug 105329) at -O3.
inline std::string name_of(const char* prefix, int i) {
  std::string s = prefix;
  s += std::to_string(i);
  return s;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dynarock-engine-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace dynarock::engine::test
