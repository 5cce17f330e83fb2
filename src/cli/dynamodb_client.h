// A DynamoDB client over the wire protocol for dump and load: signed requests (SigV4), retries
// with backoff on throttling and server errors, errors as exceptions with DynamoDB's type.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/http_client.h"
#include "cli/request_signer.h"

namespace dynarock::cli {

class DynamoError : public std::runtime_error {
 public:
  DynamoError(std::string type, const std::string& message)
      : std::runtime_error(type + (message.empty() ? "" : ": " + message)), type_(std::move(type)) {}
  const std::string& type() const { return type_; }

 private:
  std::string type_;
};

class DynamoClient {
 public:
  DynamoClient(Url url, AwsCredentials credentials) : url_(url), credentials_(std::move(credentials)), http_(url) {}
  // Calls `operation` (e.g. "Scan"); throws DynamoError for an error answer.
  nlohmann::json call(const std::string& operation, const nlohmann::json& request);

 private:
  Url url_;
  AwsCredentials credentials_;
  HttpClient http_;
};

// The endpoint from --endpoint, else AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL, else http://127.0.0.1:8000.
std::string default_endpoint();

}  // namespace dynarock::cli
