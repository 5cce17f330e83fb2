// Signs DynamoDB requests with AWS Signature Version 4, so dump and load work against DynamoDB
// itself as well as a local endpoint. Credentials and region come from the environment.
#pragma once

#include <map>
#include <string>

namespace dynarock::cli {

struct AwsCredentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;  // optional (temporary credentials)
  std::string region;
  // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION;
  // "local" and us-east-1 when unset (any value works against a local endpoint).
  static AwsCredentials from_environment();
};

// The headers of a signed DynamoDB JSON request (Host, X-Amz-Date, X-Amz-Target, Content-Type,
// Authorization and, with a session token, X-Amz-Security-Token). `amz_date` is YYYYMMDD'T'HHMMSS'Z'.
std::map<std::string, std::string> sign_request(const AwsCredentials& credentials, const std::string& host_header,
                                                const std::string& target, const std::string& body,
                                                const std::string& amz_date);

// The current time as X-Amz-Date wants it.
std::string amz_date_now();

}  // namespace dynarock::cli
