#include "model/error.h"

namespace dynarock {

std::string error_namespace(const std::string& code) {
  // Validation and wire-level errors come from the Coral framework; the rest from the service.
  if (code == "ValidationException") return "com.amazon.coral.validate#";
  if (code == "SerializationException" || code == "UnknownOperationException" ||
      code == "MissingAuthenticationTokenException" || code == "IncompleteSignatureException" ||
      code == "InvalidSignatureException" || code == "UnrecognizedClientException" ||
      code == "AccessDeniedException" || code == "RequestEntityTooLarge")
    return "com.amazon.coral.service#";
  return "com.amazonaws.dynamodb.v20120810#";
}

}  // namespace dynarock
