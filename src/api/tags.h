// Tag lists (TagResource, CreateTable): each key 1..128 and value 0..256 characters, at most 50
// tags on a resource.
#pragma once

#include <vector>

#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

constexpr size_t kMaxTags = 50;

// Constraint violations of a Tags list ("tags.N.member.key" ...).
void check_tags(const std::vector<shapes::Tag>& tags, Constraints& c);

// LimitExceededException when a resource would carry more than 50 tags.
void check_tag_count(size_t count);

}  // namespace dynarock::api
