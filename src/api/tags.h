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
// After the constraints: an `aws:` key, characters outside the tag set, a missing value, a key
// given twice, each with DynamoDB's own message (texts recorded from the service).
void check_tag_contents(const std::vector<shapes::Tag>& tags);
// UntagResource's keys: characters outside the tag set.
void check_tag_keys(const std::vector<std::string>& keys);

// "Number of Tags exceed the current limit for the provided ResourceArn" (a ValidationException)
// when a resource would carry more than 50 tags.
void check_tag_count(size_t count);

}  // namespace dynarock::api
