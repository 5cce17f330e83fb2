// ApiError: every rejection a client can see. Thrown from any layer, turned into DynamoDB's
// error envelope {"__type": "<namespace>#<code>", "message": ...} by the protocol layer.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace dynarock {

class ApiError : public std::exception {
 public:
  ApiError(std::string code, std::string message, int status = 400)
      : code_(std::move(code)), message_(std::move(message)), status_(status) {}

  const char* what() const noexcept override { return message_.c_str(); }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  int status() const { return status_; }

  // Extra top-level members of the error body (e.g. "Item" for
  // ReturnValuesOnConditionCheckFailure, "CancellationReasons" for transactions).
  nlohmann::json extra = nlohmann::json::object();

 private:
  std::string code_;
  std::string message_;
  int status_;
};

// The namespace DynamoDB puts before each error code in "__type".
std::string error_namespace(const std::string& code);

inline ApiError validation_error(std::string message) {
  return ApiError("ValidationException", std::move(message));
}
inline ApiError resource_not_found(std::string message = "Requested resource not found") {
  return ApiError("ResourceNotFoundException", std::move(message));
}
inline ApiError resource_in_use(std::string message) {
  return ApiError("ResourceInUseException", std::move(message));
}
inline ApiError serialization_error(std::string message) {
  return ApiError("SerializationException", std::move(message));
}
inline ApiError conditional_check_failed() {
  return ApiError("ConditionalCheckFailedException", "The conditional request failed");
}

}  // namespace dynarock
