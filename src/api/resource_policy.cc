#include "api/resource_policy.h"

#include "model/error.h"

namespace dynarock::api {

void check_policy_revision(const model::TableInfo& table, const std::string* expected) {
  auto it = table.extra.find("ResourcePolicy");
  if (it == table.extra.end())
    throw ApiError("PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: " + table.arn());
  if (expected && (*it)["RevisionId"] != *expected)
    throw ApiError("PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id " +
                                                  *expected + ", but the policy associated to target table " + table.name + " has revision id " +
                                                  (*it)["RevisionId"].get<std::string>() + ".");
}

}  // namespace dynarock::api
