#include "api/member_lengths.h"

#include <algorithm>

namespace dynarock::api {

void check_member_lengths(Constraints& c, const std::vector<std::string>* values, const std::string& path, size_t min, size_t max) {
  if (!values || std::all_of(values->begin(), values->end(), [&](const std::string& v) { return v.size() >= min && v.size() <= max; }))
    return;
  std::string shown;  // the list as the service prints it: [a, b]
  for (const auto& v : *values) shown += (shown.empty() ? "" : ", ") + v;
  c.add("'[" + shown + "]'", path, "Member must satisfy constraint: [Member must have length less than or equal to " + std::to_string(max) +
                                       ", Member must have length greater than or equal to " + std::to_string(min) + "]");
}

}  // namespace dynarock::api
