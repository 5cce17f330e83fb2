// Checked<T>: a request value decoded from the wire together with the validation error its
// contents had, if any. Decoding never throws for contents, so the operation can report errors in
// DynamoDB's order: the error is thrown when the value is first read.
#pragma once

#include <optional>

#include "model/error.h"

namespace dynarock::model {

template <typename T>
struct Checked {
  T value;
  std::optional<ApiError> error;
  const T& get() const {
    if (error) throw *error;
    return value;
  }
};

// Runs `parse`, keeping its validation error instead of throwing it.
template <typename F>
auto checked(F&& parse) -> Checked<decltype(parse())> {
  Checked<decltype(parse())> out;
  try {
    out.value = parse();
  } catch (const ApiError& e) {
    out.error = e;
  }
  return out;
}

}  // namespace dynarock::model
