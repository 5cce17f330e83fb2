// Resource-based policies, kept per table under "ResourcePolicy" {Policy, RevisionId}; RevisionId
// changes with every put, and ExpectedRevisionId must match the current one.
#pragma once

#include <optional>
#include <string>

#include "api/context.h"

namespace dynarock::api {

// Throws PolicyNotFoundException when the table has no policy, or when `expected` is given and
// differs from the current revision.
void check_policy_revision(const model::TableInfo& table, const std::string* expected);

}  // namespace dynarock::api
