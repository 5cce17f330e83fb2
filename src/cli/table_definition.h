// A table's definition as the CreateTable request that rebuilds it, from a DescribeTable answer
// (used by --init for saved DescribeTable output and by dump for table.json).
#pragma once

#include <nlohmann/json.hpp>

namespace dynarock::cli {

nlohmann::json create_from_description(const nlohmann::json& table);

}  // namespace dynarock::cli
