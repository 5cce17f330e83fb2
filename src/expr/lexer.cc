// Tokens as DynamoDB's expression lexer makes them. Names start with a letter and go on with
// letters, digits and '_' ("__x" is not a name: its '_' is a token of its own, which is what
// DynamoDB then reports as the syntax error). A list index is "0" or digits without a leading
// zero. '#' and ':' need at least one name character after them. Any other character becomes a
// one-character Unknown token, so every input tokenizes and the parser reports the error.
#include "expr/syntax.h"

namespace dynarock::expr::syntax {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Tok keyword_or_id(std::string_view w) {
  struct Keyword {
    const char* text;
    Tok kind;
  };
  static constexpr Keyword kKeywords[] = {
      {"AND", Tok::And},       {"OR", Tok::Or},   {"NOT", Tok::Not},       {"BETWEEN", Tok::Between},
      {"IN", Tok::In},         {"SET", Tok::Set}, {"ADD", Tok::Add},       {"DELETE", Tok::Delete},
      {"REMOVE", Tok::Remove},
  };
  if (w.size() > 7) return Tok::Id;
  for (const auto& k : kKeywords) {
    std::string_view kw(k.text);
    if (kw.size() != w.size()) continue;
    size_t i = 0;
    while (i < w.size() && (w[i] & ~0x20) == kw[i]) ++i;  // ASCII letters only here
    if (i == w.size()) return k.kind;
  }
  return Tok::Id;
}

// Length of the UTF-8 sequence starting at s[i], so one odd character is one token.
size_t char_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  size_t k = 1;
  while (k < n && i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80) ++k;
  return k;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 2 + 2);
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    const size_t start = i;
    Tok kind;
    if (is_letter(c)) {
      while (i < s.size() && is_word(s[i])) ++i;
      kind = keyword_or_id(s.substr(start, i - start));
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < s.size() && is_word(s[i])) ++i;
      kind = i == start + 1 ? Tok::Unknown : c == '#' ? Tok::NameRef : Tok::ValueRef;
    } else if (is_digit(c)) {
      ++i;
      if (c != '0')
        while (i < s.size() && is_digit(s[i])) ++i;
      kind = Tok::Index;
    } else {
      const char n = i + 1 < s.size() ? s[i + 1] : '\0';
      i += 1;
      switch (c) {
        case '=': kind = Tok::Eq; break;
        case '<':
          if (n == '>') kind = Tok::Ne, ++i;
          else if (n == '=') kind = Tok::Le, ++i;
          else kind = Tok::Lt;
          break;
        case '>':
          if (n == '=') kind = Tok::Ge, ++i;
          else kind = Tok::Gt;
          break;
        case '+': kind = Tok::Plus; break;
        case '-': kind = Tok::Minus; break;
        case ',': kind = Tok::Comma; break;
        case '(': kind = Tok::LParen; break;
        case ')': kind = Tok::RParen; break;
        case '.': kind = Tok::Dot; break;
        case '[': kind = Tok::LBracket; break;
        case ']': kind = Tok::RBracket; break;
        default:
          kind = Tok::Unknown;
          i = start + char_length(s, start);
      }
    }
    out.push_back(Token{kind, static_cast<uint32_t>(start), static_cast<uint32_t>(i)});
  }
  out.push_back(Token{Tok::End, static_cast<uint32_t>(s.size()), static_cast<uint32_t>(s.size())});
  return out;
}

}  // namespace dynarock::expr::syntax
