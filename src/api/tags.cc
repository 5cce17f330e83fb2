#include "api/tags.h"

#include <cctype>
#include <set>
#include <string_view>

#include "model/error.h"

namespace dynarock::api {

namespace {

// The tag character set: letters and numbers of any script, white space, and _ . : / = + - @.
// Every non-ASCII character is taken as a letter (this server does not classify Unicode).
bool tag_text_ok(std::string_view text) {
  for (unsigned char ch : text)
    if (ch < 0x80 && !std::isalnum(ch) && !std::isspace(ch) && std::string_view("_.:/=+-@").find(static_cast<char>(ch)) == std::string_view::npos)
      return false;
  return true;
}

}  // namespace

void check_tags(const std::vector<shapes::Tag>& tags, Constraints& c) {
  size_t i = 0;
  for (const auto& t : tags) {
    std::string base = "tags." + std::to_string(++i) + ".member";
    if (!t.Key) c.add("null", base + ".key", "Member must not be null");
    c.length(ptr(t.Key), base + ".key", 1, 128);
    c.length(ptr(t.Value), base + ".value", 0, 256);
  }
}

void check_tag_contents(const std::vector<shapes::Tag>& tags) {
  std::set<std::string> seen;
  for (const auto& t : tags) {
    const std::string& key = *t.Key;
    if (key.rfind("aws:", 0) == 0) throw validation_error("Tag Key cannot be prefixed with aws:, Key: " + key);
    if (!tag_text_ok(key)) throw validation_error("The Tag Key provided is invalid, Key: " + key);
    if (!t.Value) throw validation_error("The Tag Value provided is invalid, Value: null");
    if (!tag_text_ok(*t.Value)) throw validation_error("The Tag Value provided is invalid, Value: " + *t.Value);
    if (!seen.insert(key).second) throw validation_error("Duplicate Tag Keys provided as input: Duplicate Tag Key found " + key);
  }
}

void check_tag_keys(const std::vector<std::string>& keys) {
  for (const auto& key : keys)
    if (!tag_text_ok(key)) throw validation_error("The Tag Key provided is invalid, Key: " + key);
}

void check_tag_count(size_t count) {
  if (count > kMaxTags) throw validation_error("Number of Tags exceed the current limit for the provided ResourceArn");
}

}  // namespace dynarock::api
