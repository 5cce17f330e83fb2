// --init: at start, create the tables described in CloudFormation / SAM templates and CreateTable
// JSON files, and load the items of BatchWriteItem JSON files and DynamoDB JSON exports. Every
// table and item goes through the same operations (and validation) as a client's request.
#pragma once

#include <string>
#include <vector>

#include "cli/table_spec.h"
#include "protocol/service.h"

namespace dynarock::cli {

struct InitOptions {
  std::vector<std::string> paths;
  TemplateContext context;
  std::string access_key = "local";  // whose tables they are when tables are per credential
};

// Throws InitError naming the file and line of the first bad input. Idempotent: tables that
// exist are kept with their data, and items are loaded only into tables created by this call.
void run_init(protocol::Service& service, const InitOptions& options);

}  // namespace dynarock::cli
