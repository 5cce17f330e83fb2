// Reads a whole file, gunzipping *.gz (DynamoDB exports are gzipped JSON lines).
#pragma once

#include <filesystem>
#include <string>

namespace dynarock::cli {

// Throws InitError naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace dynarock::cli
