#include "partiql/lexer.h"

#include <algorithm>
#include <iterator>
#include <cctype>

#include "partiql/errors.h"

namespace dynarock::partiql {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

// PartiQL's reserved words (SQL-92's plus PartiQL's own), sorted for binary search.
constexpr std::string_view kReserved[] = {
    "ABSOLUTE", "ACTION", "ADD", "ALL", "ALLOCATE", "ALTER", "AND", "ANY", "ARE", "AS", "ASC", "ASSERTION", "AT",
    "AUTHORIZATION", "AVG", "BAG", "BEGIN", "BETWEEN", "BIT", "BIT_LENGTH", "BLOB", "BOOL", "BOOLEAN", "BOTH", "BY",
    "CASCADE", "CASCADED", "CASE", "CAST", "CATALOG", "CHAR", "CHARACTER", "CHARACTER_LENGTH", "CHAR_LENGTH", "CHECK",
    "CLOB", "CLOSE", "COALESCE", "COLLATE", "COLLATION", "COLUMN", "COMMIT", "CONNECT", "CONNECTION", "CONSTRAINT",
    "CONSTRAINTS", "CONTINUE", "CONVERT", "CORRESPONDING", "COUNT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE",
    "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATE", "DATE_ADD", "DATE_DIFF", "DAY",
    "DEALLOCATE", "DEC", "DECIMAL", "DECLARE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DESCRIBE",
    "DESCRIPTOR", "DIAGNOSTICS", "DISCONNECT", "DISTINCT", "DOMAIN", "DOUBLE", "DROP", "ELSE", "END", "END-EXEC",
    "ESCAPE", "EXCEPT", "EXCEPTION", "EXEC", "EXECUTE", "EXISTS", "EXTERNAL", "EXTRACT", "FALSE", "FETCH", "FIRST",
    "FLOAT", "FOR", "FOREIGN", "FOUND", "FROM", "FULL", "GET", "GLOBAL", "GO", "GOTO", "GRANT", "GROUP", "HAVING",
    "HOUR", "IDENTITY", "IMMEDIATE", "IN", "INDEX", "INDICATOR", "INITIALLY", "INNER", "INPUT", "INSENSITIVE",
    "INSERT", "INT", "INTEGER", "INTEGER2", "INTEGER4", "INTEGER8", "INTERSECT", "INTERVAL", "INTO", "IS",
    "ISOLATION", "JOIN", "KEY", "LANGUAGE", "LAST", "LEADING", "LEFT", "LEVEL", "LIKE", "LIMIT", "LIST", "LOCAL",
    "LOWER", "MATCH", "MAX", "MIN", "MINUTE", "MISSING", "MODULE", "MONTH", "NAMES", "NATIONAL", "NATURAL", "NCHAR",
    "NEXT", "NO", "NOT", "NULL", "NULLIF", "NUMERIC", "OCTET_LENGTH", "OF", "ON", "ONLY", "OPEN", "OPTION", "OR",
    "ORDER", "OUTER", "OUTPUT", "OVERLAPS", "PAD", "PARTIAL", "PIVOT", "POSITION", "PRECISION", "PREPARE",
    "PRESERVE", "PRIMARY", "PRIOR", "PRIVILEGES", "PROCEDURE", "PUBLIC", "READ", "REAL", "REFERENCES", "RELATIVE",
    "REMOVE", "RESTRICT", "REVOKE", "RIGHT", "ROLLBACK", "ROWS", "SCHEMA", "SCROLL", "SECOND", "SECTION", "SELECT",
    "SESSION", "SESSION_USER", "SET", "SEXP", "SIZE", "SMALLINT", "SOME", "SPACE", "SQL", "SQLCODE", "SQLERROR",
    "SQLSTATE", "STRING", "STRUCT", "SUBSTRING", "SUM", "SYMBOL", "SYSTEM_USER", "TABLE", "TEMPORARY", "THEN",
    "TIME", "TIMESTAMP", "TIMEZONE_HOUR", "TIMEZONE_MINUTE", "TO", "TO_STRING", "TRAILING", "TRANSACTION",
    "TRANSLATE", "TRANSLATION", "TRIM", "TRUE", "TUPLE", "TXID", "UNDROP", "UNION", "UNIQUE", "UNKNOWN", "UNPIVOT",
    "UPDATE", "UPPER", "USAGE", "USER", "USING", "VALUE", "VALUES", "VARCHAR", "VARYING", "VIEW", "WHEN",
    "WHENEVER", "WHERE", "WITH", "WORK", "WRITE", "YEAR", "ZONE"};

}  // namespace

bool Token::is_word(std::string_view word) const { return kind == Kind::name && iequals(text, word); }

bool is_reserved(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::binary_search(std::begin(kReserved), std::end(kReserved), std::string_view(upper));
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (true) {
    while (i < s.size()) {
      if (std::isspace(static_cast<unsigned char>(s[i]))) {
        ++i;
      } else if (s.compare(i, 2, "--") == 0) {
        while (i < s.size() && s[i] != '\n') ++i;
      } else if (s.compare(i, 2, "/*") == 0) {
        size_t close = s.find("*/", i + 2);
        if (close == std::string_view::npos) throw malformed("");
        i = close + 2;
      } else {
        break;
      }
    }
    Token t;
    t.pos = i;
    if (i >= s.size()) {
      out.push_back(t);
      return out;
    }
    char c = s[i];
    if (name_start(c)) {
      size_t start = i;
      while (i < s.size() && name_char(s[i])) ++i;
      t.kind = Token::Kind::name;
      t.text = std::string(s.substr(start, i - start));
    } else if (c == '"' || c == '\'') {
      // Quotes inside are doubled: 'it''s', "a""b".
      ++i;
      while (true) {
        if (i >= s.size()) throw malformed("");
        if (s[i] == c) {
          if (i + 1 < s.size() && s[i + 1] == c) {
            t.text += c;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        t.text += s[i++];
      }
      t.kind = c == '"' ? Token::Kind::quoted_name : Token::Kind::string;
    } else if (digit(c) || (c == '.' && i + 1 < s.size() && digit(s[i + 1]))) {
      size_t start = i;
      while (i < s.size() && digit(s[i])) ++i;
      if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && digit(s[i])) ++i;
      }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && digit(s[j])) {
          i = j;
          while (i < s.size() && digit(s[i])) ++i;
          // An exponent beyond what DynamoDB's parser holds (a 32-bit integer) is not a number.
          std::string_view exp = s.substr(j, i - j);
          size_t nz = exp.find_first_not_of('0');
          if (nz != std::string_view::npos && exp.size() - nz > 9) throw malformed("");
        }
      }
      t.kind = Token::Kind::number;
      t.text = std::string(s.substr(start, i - start));
    } else if (c == '?') {
      ++i;
      t.kind = Token::Kind::param;
      t.text = "?";
    } else {
      static constexpr std::string_view kTwo[] = {"<=", ">=", "<>", "!=", "<<", ">>", "||"};
      t.kind = Token::Kind::punct;
      for (std::string_view two : kTwo)
        if (s.compare(i, 2, two) == 0) t.text = std::string(two);
      if (t.text.empty()) {
        static constexpr std::string_view kOne = "()[]{},.:;*=<>+-/%";
        if (kOne.find(c) == std::string_view::npos) throw malformed("");
        t.text = std::string(1, c);
      }
      i += t.text.size();
    }
    out.push_back(std::move(t));
  }
}

}  // namespace dynarock::partiql
