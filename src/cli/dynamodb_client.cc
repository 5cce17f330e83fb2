#include "cli/dynamodb_client.h"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace dynarock::cli {

std::string default_endpoint() {
  for (const char* name : {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "http://127.0.0.1:8000";
}

nlohmann::json DynamoClient::call(const std::string& operation, const nlohmann::json& request) {
  const std::string body = request.dump();
  const std::string target = "DynamoDB_20120810." + operation;
  for (int attempt = 0;; ++attempt) {
    auto headers = sign_request(credentials_, url_.host_header(), target, body, amz_date_now());
    HttpResponse res = http_.request("POST", "/", headers, body);
    nlohmann::json answer = nlohmann::json::parse(res.body, nullptr, false);
    if (res.status == 200 && !answer.is_discarded()) return answer;
    std::string type = answer.is_object() ? answer.value("__type", std::string()) : std::string();
    type = type.substr(type.find('#') + 1);
    std::string message = answer.is_object() ? answer.value("message", answer.value("Message", std::string())) : res.body;
    bool retry = res.status >= 500 || type == "ProvisionedThroughputExceededException" || type == "ThrottlingException" ||
                 type == "RequestLimitExceeded";
    if (!retry || attempt >= 9) throw DynamoError(type.empty() ? "HTTP " + std::to_string(res.status) : type, message);
    std::this_thread::sleep_for(std::chrono::milliseconds(50 << std::min(attempt, 6)));
  }
}

}  // namespace dynarock::cli
