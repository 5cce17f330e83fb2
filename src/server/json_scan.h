// Bounds a JSON request body while it arrives, before anything parses it into a DOM: a body
// nested deeper than any DynamoDB request can be (32 attribute levels, two JSON levels each,
// inside an envelope of a few levels) is refused after the first bytes past the bound, instead
// of costing tens of bytes of DOM per input byte.
#pragma once

#include <cstddef>
#include <string_view>

namespace dynarock::server {

// 2 JSON levels per attribute level ({"L":[...]}), DynamoDB's 32 levels, and room for the request
// envelope and for the model layer to answer moderately over-deep items with DynamoDB's own
// "Nesting Levels have exceeded supported limits" message.
constexpr int kMaxJsonDepth = 256;

class JsonScanner {
 public:
  // Feeds the next bytes; false once the body nests deeper than kMaxJsonDepth.
  bool feed(std::string_view bytes);
  void reset() { *this = JsonScanner(); }
  bool too_deep() const { return too_deep_; }

 private:
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  bool too_deep_ = false;
};

}  // namespace dynarock::server
