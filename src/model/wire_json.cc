#include "model/wire_json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace dynarock::wire {

namespace {

using namespace node;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

size_t utf8_length(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

// Two passes over the text: the first validates and counts nodes and unescaped bytes, the second
// fills arrays of exactly that size (no growth, so no 2x peak while reallocating).
class Parser {
 public:
  Parser(Document& doc, std::string_view text) : doc_(doc), t_(text) {}

  bool run() {
    if (t_.size() >= kField) return false;
    if (!pass<false>()) return false;
    doc_.nodes_.reserve(nodes_);
    doc_.unescaped_.reserve(unescaped_);
    return pass<true>();
  }

 private:
  struct Frame {
    uint32_t node;
    uint32_t count;
    bool object;
  };

  void ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  bool peek(char c) const { return p_ < t_.size() && t_[p_] == c; }

  template <bool Build>
  void emit(uint64_t node) {
    if constexpr (Build) doc_.nodes_.push_back(node);
    else ++nodes_;
  }
  // Nodes emitted so far in this pass.
  template <bool Build>
  uint32_t emitted() const {
    return static_cast<uint32_t>(Build ? doc_.nodes_.size() : nodes_);
  }

  template <bool Build>
  bool pass() {
    p_ = 0;
    std::vector<Frame> stack;
    ws();
    // `want`: 0 = a value, 1 = an object member's name.
    int want = 0;
    for (;;) {
      if (want == 1) {
        ws();
        if (!peek('"') || !string<Build>()) return false;
        ws();
        if (!peek(':')) return false;
        ++p_;
        want = 0;
        continue;
      }
      ws();
      if (p_ >= t_.size()) return false;
      char c = t_[p_];
      if (c == '{' || c == '[') {
        if (stack.size() >= static_cast<size_t>(Document::kMaxDepth)) return false;
        bool object = c == '{';
        ++p_;
        stack.push_back({emitted<Build>(), 0, object});
        emit<Build>(0);  // filled in when the container closes
        ws();
        if (!peek(object ? '}' : ']')) {
          want = object ? 1 : 0;
          continue;
        }
        // An empty container closes at once; fall through to what follows a value.
        stack.back().count = -1u;  // the close below adds one back
      } else if (c == '"') {
        if (!string<Build>()) return false;
      } else if (c == 't' || c == 'f' || c == 'n') {
        std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (t_.substr(p_, word.size()) != word) return false;
        p_ += word.size();
        emit<Build>(make(c == 't' ? kTrue : c == 'f' ? kFalse : kNull, 0, 0));
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        size_t start = p_;
        if (!number()) return false;
        emit<Build>(make(kNumber, start, p_ - start));
      } else {
        return false;
      }
      // After a value: close containers, or go on to the next element or member.
      for (;;) {
        if (stack.empty()) {
          ws();
          return p_ == t_.size();
        }
        Frame& top = stack.back();
        ++top.count;
        ws();
        if (peek(',')) {
          ++p_;
          want = top.object ? 1 : 0;
          break;
        }
        if (!peek(top.object ? '}' : ']')) return false;
        ++p_;
        if constexpr (Build) doc_.nodes_[top.node] = make(top.object ? kObject : kArray, top.count, emitted<Build>() - top.node);
        stack.pop_back();
      }
    }
  }

  bool number() {
    size_t start = p_;
    if (!number_grammar()) return false;
    // A number past double's range is refused, as the reference parser does. Only texts that can
    // be that large (a fraction, an exponent, or 20 digits or more) are converted to check.
    std::string_view t = t_.substr(start, p_ - start);
    if (t.find_first_of(".eE") == std::string_view::npos && t.size() < 20) return true;
    return !std::isinf(std::strtod(std::string(t).c_str(), nullptr));
  }

  bool number_grammar() {
    if (peek('-')) ++p_;
    if (peek('0')) {
      ++p_;
    } else if (p_ < t_.size() && t_[p_] >= '1' && t_[p_] <= '9') {
      while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') ++p_;
    } else {
      return false;
    }
    if (peek('.')) {
      ++p_;
      size_t digits = p_;
      while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') ++p_;
      if (p_ == digits) return false;
    }
    if (peek('e') || peek('E')) {
      ++p_;
      if (peek('+') || peek('-')) ++p_;
      size_t digits = p_;
      while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') ++p_;
      if (p_ == digits) return false;
    }
    return true;
  }

  // One UTF-8 sequence starting at p_ (RFC 3629: no overlongs, no surrogates, nothing past
  // U+10FFFF).
  bool utf8() {
    auto byte = [&](size_t i) -> unsigned { return p_ + i < t_.size() ? static_cast<unsigned char>(t_[p_ + i]) : 0; };
    auto cont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) { return byte(i) >= lo && byte(i) <= hi; };
    unsigned b = byte(0);
    size_t n;
    if (b >= 0xC2 && b <= 0xDF) n = cont(1) ? 2 : 0;
    else if (b == 0xE0) n = cont(1, 0xA0) && cont(2) ? 3 : 0;
    else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) n = cont(1) && cont(2) ? 3 : 0;
    else if (b == 0xED) n = cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    else if (b == 0xF0) n = cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    else if (b >= 0xF1 && b <= 0xF3) n = cont(1) && cont(2) && cont(3) ? 4 : 0;
    else if (b == 0xF4) n = cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    else n = 0;
    p_ += n;
    return n != 0;
  }

  bool hex4(uint32_t& cp) {
    if (p_ + 4 > t_.size()) return false;
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hex_digit(t_[p_ + i]);
      if (d < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(d);
    }
    p_ += 4;
    return true;
  }

  // A string at p_ (its opening quote): validated, emitted as a node pointing into the text, or
  // into the unescaped buffer when it holds escapes.
  template <bool Build>
  bool string() {
    ++p_;
    size_t start = p_;
    bool escaped = false;
    size_t decoded = 0;  // unescaped length, counted only once an escape is seen
    size_t plain_from = start;
    std::string& out = doc_.unescaped_;
    size_t out_start = out.size();
    for (;;) {
      if (p_ >= t_.size()) return false;
      unsigned char c = static_cast<unsigned char>(t_[p_]);
      if (c == '"') break;
      if (c < 0x20) return false;
      if (c >= 0x80) {
        if (!utf8()) return false;
        continue;
      }
      if (c != '\\') {
        ++p_;
        continue;
      }
      // An escape: what precedes it goes to the unescaped buffer first.
      if (!escaped) {
        escaped = true;
        decoded = p_ - start;
        if constexpr (Build) out.append(t_.data() + start, p_ - start);
      } else {
        decoded += p_ - plain_from;
        if constexpr (Build) out.append(t_.data() + plain_from, p_ - plain_from);
      }
      ++p_;
      if (p_ >= t_.size()) return false;
      char e = t_[p_++];
      uint32_t cp;
      switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low;
            if (t_.substr(p_, 2) != "\\u") return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          break;
        }
        default: return false;
      }
      decoded += utf8_length(cp);
      if constexpr (Build) append_utf8(out, cp);
      plain_from = p_;
    }
    if (escaped) {
      decoded += p_ - plain_from;
      if constexpr (Build) {
        out.append(t_.data() + plain_from, p_ - plain_from);
        emit<Build>(make(kUnescaped, out_start, out.size() - out_start));
      } else {
        unescaped_ += decoded;
        emit<Build>(0);
      }
    } else {
      emit<Build>(make(kString, start, p_ - start));
    }
    ++p_;  // the closing quote
    return true;
  }

  Document& doc_;
  std::string_view t_;
  size_t p_ = 0;
  size_t nodes_ = 0;
  size_t unescaped_ = 0;
};

std::optional<Document> Document::parse(std::string_view text) {
  Document doc;
  doc.text_ = text;
  if (!Parser(doc, text).run()) return std::nullopt;
  return doc;
}

std::optional<Document> Document::parse_copy(std::string text) {
  Document doc;
  doc.owned_ = std::move(text);
  doc.text_ = doc.owned_;
  if (!Parser(doc, doc.text_).run()) return std::nullopt;
  return doc;
}

Document::Document(Document&& o) noexcept { *this = std::move(o); }

Document& Document::operator=(Document&& o) noexcept {
  bool owns = !o.owned_.empty() && o.text_.data() == o.owned_.data();
  owned_ = std::move(o.owned_);
  text_ = owns ? std::string_view(owned_) : o.text_;
  unescaped_ = std::move(o.unescaped_);
  nodes_ = std::move(o.nodes_);
  return *this;
}

Document::~Document() = default;

bool Value::is_number_integer() const {
  if (!is_number()) return false;
  std::string_view t = text();
  long long v;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc() && end == t.data() + t.size();
}

bool Value::is_number_float() const {
  if (!is_number() || is_number_integer()) return false;
  // A whole number past int64 but within uint64 is an unsigned integer to JSON binders.
  std::string_view t = text();
  unsigned long long u;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), u);
  return !(ec == std::errc() && end == t.data() + t.size());
}

Value Value::find(std::string_view name) const {
  Value found;
  if (!is_object()) return found;
  for (auto it = begin(); it != end(); ++it)
    if (it.key() == name) found = *it;
  return found;
}

std::string_view Value::text() const {
  if (!doc_) return {};
  uint64_t n = node();
  switch (kind(n)) {
    case kNumber:
    case kString: return doc_->text_.substr(a(n), b(n));
    case kUnescaped: return std::string_view(doc_->unescaped_).substr(a(n), b(n));
    default: return {};
  }
}

size_t Value::document_size() const { return doc_ ? doc_->text_.size() : 0; }

double Value::number() const {
  // strtod, not from_chars: from_chars refuses an underflow such as 1e-400, which reads as 0.
  std::string t(text());
  return t.empty() ? 0.0 : std::strtod(t.c_str(), nullptr);
}

long long Value::integer() const {
  std::string_view t = text();
  long long v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

}  // namespace dynarock::wire
