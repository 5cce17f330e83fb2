// Length constraints on the members of a list of strings (NonKeyAttributes, TagKeys), reported
// the service's way: one violation naming the whole list.
#pragma once

#include <string>
#include <vector>

#include "api/validate.h"

namespace dynarock::api {

void check_member_lengths(Constraints& c, const std::vector<std::string>* values, const std::string& path, size_t min, size_t max);

}  // namespace dynarock::api
