// The ValidationException texts the PartiQL front end raises.
#pragma once

#include <string>

#include "model/error.h"

namespace dynarock::partiql {

// "Statement wasn't well formed, can't be processed: <detail>".
inline ApiError malformed(const std::string& detail) {
  return validation_error("Statement wasn't well formed, can't be processed: " + detail);
}

}  // namespace dynarock::partiql
