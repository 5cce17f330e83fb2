#include "api/tags.h"

#include "model/error.h"

namespace dynarock::api {

void check_tags(const std::vector<shapes::Tag>& tags, Constraints& c) {
  size_t i = 0;
  for (const auto& t : tags) {
    std::string base = "tags." + std::to_string(++i) + ".member";
    if (!t.Key) c.add("null", base + ".key", "Member must not be null");
    c.length(ptr(t.Key), base + ".key", 1, 128);
    if (!t.Value) c.add("null", base + ".value", "Member must not be null");
    c.length(ptr(t.Value), base + ".value", 0, 256);
  }
}

void check_tag_count(size_t count) {
  if (count > kMaxTags) throw ApiError("LimitExceededException", "The number of tags exceeds the limit of 50 for a resource.");
}

}  // namespace dynarock::api
