// A request body as read: a compact, read-only JSON document that points into the body's bytes.
//
// Every value is one 8-byte node in a flat array (pre-order, containers followed by their
// contents), strings and numbers are offsets into the body (escaped strings are unescaped into a
// side buffer), so a parsed body costs a few bytes per input byte, where a general-purpose DOM
// costs tens. Object members keep the body's order; a repeated name is found at its last place,
// as JSON binders keep the last value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynarock::wire {

class Document;

// Node layout: the type in the top 4 bits, then two 30-bit fields A and B.
//   null / false / true: nothing
//   number, string:      A = offset into the text, B = length
//   unescaped string:    A = offset into the unescaped buffer, B = length
//   array, object:       A = element / member count, B = nodes in the subtree, itself included
// An object's subtree is its members in order, each a name (a string node) then the value.
namespace node {
enum Kind : uint64_t { kNull, kFalse, kTrue, kNumber, kString, kUnescaped, kArray, kObject };
constexpr uint64_t kField = (uint64_t{1} << 30) - 1;
constexpr uint64_t make(Kind k, uint64_t a, uint64_t b) { return (uint64_t{k} << 60) | (a << 30) | b; }
constexpr Kind kind(uint64_t n) { return static_cast<Kind>(n >> 60); }
constexpr uint64_t a(uint64_t n) { return (n >> 30) & kField; }
constexpr uint64_t b(uint64_t n) { return n & kField; }
constexpr bool container(uint64_t n) { return kind(n) == kArray || kind(n) == kObject; }
constexpr uint64_t subtree(uint64_t n) { return container(n) ? b(n) : 1; }
}  // namespace node

// A value of a Document, or an absent one (a member not found). Cheap to copy; valid while the
// document lives.
class Value {
 public:
  Value() = default;

  // Present (found), whatever its JSON type.
  bool exists() const { return doc_ != nullptr; }

  bool is_null() const { return doc_ && node::kind(node()) == node::kNull; }
  bool is_boolean() const { return doc_ && (node::kind(node()) == node::kTrue || node::kind(node()) == node::kFalse); }
  bool is_number() const { return doc_ && node::kind(node()) == node::kNumber; }
  bool is_number_integer() const;  // an integer that fits in 64 signed bits
  bool is_number_float() const;    // a fraction, an exponent, or an integer too large for 64 bits
  bool is_string() const { return doc_ && (node::kind(node()) == node::kString || node::kind(node()) == node::kUnescaped); }
  bool is_array() const { return doc_ && node::kind(node()) == node::kArray; }
  bool is_object() const { return doc_ && node::kind(node()) == node::kObject; }

  // Elements of an array, members of an object, 0 otherwise.
  size_t size() const { return doc_ && node::container(node()) ? node::a(node()) : 0; }
  // The member's value (its last occurrence), or an absent Value.
  Value find(std::string_view name) const;

  // A string's text (unescaped), or a number's text as written.
  std::string_view text() const;
  bool boolean() const { return doc_ && node::kind(node()) == node::kTrue; }
  double number() const;
  long long integer() const;  // for is_number_integer values

  template <typename T>
  T get() const;

  class iterator {
   public:
    Value operator*() const { return Value(doc_, object_ ? pos_ + 1 : pos_); }
    Value value() const { return **this; }
    // An object member's name.
    std::string_view key() const { return object_ ? Value(doc_, pos_).text() : std::string_view(); }
    iterator& operator++();
    // Where the member or element sits in its document (see Value::at).
    uint32_t position() const { return pos_; }
    bool operator!=(const iterator& o) const { return pos_ != o.pos_; }
    bool operator==(const iterator& o) const { return pos_ == o.pos_; }

   private:
    friend class Value;
    iterator(const Document* doc, uint32_t pos, bool object) : doc_(doc), pos_(pos), object_(object) {}
    const Document* doc_;
    uint32_t pos_;
    bool object_;
  };
  // Arrays yield their elements, objects their members' values (key() names them).
  iterator begin() const { return iterator(doc_, node::container(doc_ ? node() : 0) ? index_ + 1 : index_, is_object()); }
  iterator end() const {
    return iterator(doc_, index_ + (doc_ && node::container(node()) ? static_cast<uint32_t>(node::b(node())) : 0), is_object());
  }
  // The member or element of this container at `position` (an iterator's position()).
  iterator at(uint32_t position) const { return iterator(doc_, position, is_object()); }
  // The size of the text the document was read from.
  size_t document_size() const;

 private:
  friend class Document;
  Value(const Document* doc, uint32_t index) : doc_(doc), index_(index) {}
  inline uint64_t node() const;
  const Document* doc_ = nullptr;
  uint32_t index_ = 0;
};

template <>
inline std::string Value::get<std::string>() const { return std::string(text()); }
template <>
inline bool Value::get<bool>() const { return boolean(); }
template <>
inline double Value::get<double>() const { return number(); }
template <>
inline long long Value::get<long long>() const { return integer(); }

// Appends code point `cp` as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

class Document {
 public:
  // Deepest nesting accepted, as the server's reader bounds a body while it arrives.
  static constexpr int kMaxDepth = 256;

  // Parses strict JSON (RFC 8259, UTF-8); nullopt when the text is not one JSON value or nests
  // deeper than kMaxDepth. The text must outlive the document.
  static std::optional<Document> parse(std::string_view text);
  // The same, owning a copy of the text (for in-process callers building requests).
  static std::optional<Document> parse_copy(std::string text);

  Value root() const { return Value(this, 0); }
  // What the parsed form holds besides the text (for measurements).
  size_t footprint() const { return nodes_.capacity() * sizeof(uint64_t) + unescaped_.capacity(); }

  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  ~Document();

 private:
  friend class Value;
  friend class Parser;
  Document() = default;
  std::string owned_;
  std::string_view text_;
  std::string unescaped_;        // escaped strings, decoded
  std::vector<uint64_t> nodes_;  // see namespace node above for the layout
};

inline uint64_t Value::node() const { return doc_->nodes_[index_]; }

inline Value::iterator& Value::iterator::operator++() {
  pos_ += object_ ? 1 + static_cast<uint32_t>(node::subtree(doc_->nodes_[pos_ + 1]))
                  : static_cast<uint32_t>(node::subtree(doc_->nodes_[pos_]));
  return *this;
}

}  // namespace dynarock::wire
