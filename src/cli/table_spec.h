// What --init creates for one table: the CreateTable request, then the settings CreateTable does
// not carry (TTL, point-in-time recovery) as further requests, and where it was described.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace dynarock::cli {

struct FollowUp {
  std::string operation;  // e.g. "UpdateTimeToLive"
  std::string setting;    // for the warning when the operation is not available, e.g. "TTL on attribute ttl"
  nlohmann::json request;
};

struct TableSpec {
  std::string file;
  int line = 0;
  nlohmann::json create;  // CreateTable request
  std::vector<FollowUp> follow_ups;
  std::vector<std::string> notes;  // logged once at info level
};

// Values the templates' pseudo parameters and parameters resolve to.
struct TemplateContext {
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  std::map<std::string, std::string> parameters;  // --init-param NAME=VALUE (also AWS::StackName)
};

// CloudFormation / SAM template (already parsed) -> its DynamoDB tables. Throws InitError.
struct Node;
std::vector<TableSpec> tables_from_template(const Node& root, const std::string& file, const TemplateContext& context);

}  // namespace dynarock::cli
