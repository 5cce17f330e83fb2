// Key conditions before they meet the key schema; shared by KeyConditionExpression and the
// legacy KeyConditions parameter.
#pragma once

#include <string>
#include <vector>

#include "expr/expression.h"

namespace dynarock::expr::detail {

using expr::KeyTerm;

// Checks the terms against the key schema: "Query condition missed key schema element: <name>",
// "Query key condition not supported".
KeyCondition match_key_schema(std::vector<KeyTerm> terms, const std::string& hash_key, const std::string& range_key);
KeyCondition match_multi_key_schema(std::vector<KeyTerm> terms, const std::vector<std::string>& hash_keys,
                                    const std::vector<std::string>& range_keys);

}  // namespace dynarock::expr::detail
