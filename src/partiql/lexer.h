// Tokens of DynamoDB's PartiQL dialect: names (bare or double-quoted), single-quoted strings,
// numbers, `?`, punctuation; `--` and `/* */` comments are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynarock::partiql {

struct Token {
  enum class Kind { name, quoted_name, string, number, param, punct, end };
  Kind kind = Kind::end;
  std::string text;  // name (as written), string contents, number text, punctuation
  size_t pos = 0;    // byte offset in the statement

  bool is(std::string_view punct) const { return kind == Kind::punct && text == punct; }
  // A bare name equal (ignoring case) to `word`.
  bool is_word(std::string_view word) const;
};

// The statement's tokens, ending with one `end` token. Throws the "wasn't well formed"
// ValidationException for text no token can start with or an unterminated string or comment.
std::vector<Token> tokenize(std::string_view statement);

// A word PartiQL reserves: it names an attribute or table only when double-quoted.
bool is_reserved(std::string_view word);

}  // namespace dynarock::partiql
