// The parser: statement text -> Statement. Syntax errors are DynamoDB's ValidationException
// ("Statement wasn't well formed, can't be processed: <detail>"); constructs DynamoDB parses but
// refuses (aliases, RETURNING on INSERT...) get their own messages.
#pragma once

#include <string_view>

#include "partiql/ast.h"

namespace dynarock::partiql {

Statement parse(std::string_view statement);

}  // namespace dynarock::partiql
