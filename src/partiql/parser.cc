#include "partiql/parser.h"

#include <cctype>

#include "partiql/errors.h"
#include "partiql/lexer.h"

namespace dynarock::partiql {

namespace {

bool is_comparison(const Token& t) {
  return t.is("=") || t.is("<>") || t.is("!=") || t.is("<") || t.is("<=") || t.is(">") || t.is(">=");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

  Statement statement() {
    Statement st;
    const Token& t = peek();
    if (t.is_word("SELECT")) {
      select(st);
    } else if (t.is_word("INSERT")) {
      insert(st);
    } else if (t.is_word("UPDATE")) {
      update(st);
    } else if (t.is_word("DELETE")) {
      remove(st);
    } else if (t.is_word("EXISTS")) {
      exists(st);
    } else if (t.kind == Token::Kind::end) {
      throw malformed("Unexpected term");
    } else {
      throw malformed("Expected data manipulation");
    }
    accept(";");
    if (peek().kind != Token::Kind::end) throw malformed("Unexpected token after expression");
    st.parameters = params_;
    return st;
  }

 private:
  const Token& peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
  }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool accept(std::string_view punct) {
    if (!peek().is(punct)) return false;
    next();
    return true;
  }
  bool accept_word(std::string_view word) {
    if (!peek().is_word(word)) return false;
    next();
    return true;
  }
  void expect(std::string_view punct, const char* detail) {
    if (!accept(punct)) throw malformed(detail);
  }
  void expect_word(std::string_view word, const char* detail) {
    if (!accept_word(word)) throw malformed(detail);
  }
  bool at_end() const { return peek().kind == Token::Kind::end || peek().is(";"); }

  // A table, attribute or index name: double-quoted, or a bare word PartiQL does not reserve.
  std::string name(const char* detail) {
    const Token& t = peek();
    if (t.kind == Token::Kind::quoted_name) return next().text;
    if (t.kind == Token::Kind::name) {
      if (is_reserved(t.text)) throw malformed("Unexpected keyword");
      return next().text;
    }
    throw malformed(detail);
  }

  // FROM "table" or FROM "table"."index"; an alias after it is refused.
  void source(Statement& st, const char* detail) {
    st.table = name(detail);
    if (accept(".")) st.index = name("Expected identifier for simple path");
    if (peek().is_word("AS") || (peek().kind == Token::Kind::name && !is_reserved(peek().text)) ||
        peek().kind == Token::Kind::quoted_name)
      throw validation_error("Aliasing is not supported");
  }

  void select(Statement& st) {
    next();
    if (accept("*")) {
      st.star = true;
      if (accept(",")) throw validation_error("Other attributes should not be present in the projection when '*' is used.");
    } else {
      do {
        if (peek().is("*")) throw validation_error("Other attributes should not be present in the projection when '*' is used.");
        if (peek().kind == Token::Kind::end) throw malformed("Unexpected term");
        st.projection.push_back(path());
        if (peek().is_word("AS") || (peek().kind == Token::Kind::name && !is_reserved(peek().text)))
          throw validation_error("Aliasing is not supported");
      } while (accept(","));
    }
    if (!accept_word("FROM")) throw malformed(at_end() ? "Unexpected term" : "Unexpected token after expression");
    if (at_end()) throw malformed("Unexpected term");
    source(st, "Unexpected term");
    where(st, false);
    if (accept_word("ORDER")) {
      expect_word("BY", "Expected BY");
      do {
        std::string key = name("Unexpected term");
        bool desc = false;
        if (accept_word("DESC")) desc = true;
        else accept_word("ASC");
        st.order_by.emplace_back(key, desc);
      } while (accept(","));
    }
  }

  void insert(Statement& st) {
    st.kind = Statement::Kind::insert;
    next();
    expect_word("INTO", "Expected INTO");
    st.table = name("Expected identifier for simple path");
    if (peek().is_word("VALUES"))
      throw validation_error(
          "Unsupported operation: Inserting multiple items in a single statement is not supported, use "
          "\"INSERT INTO tableName VALUE item\" instead");
    if (!accept_word("VALUE")) throw malformed("Unexpected token after expression");
    if (at_end()) throw malformed("Unexpected term");
    st.value = expression();
    if (peek().is_word("RETURNING")) throw validation_error("RETURNING is not supported in INSERT");
  }

  void update(Statement& st) {
    st.kind = Statement::Kind::update;
    next();
    if (at_end()) throw malformed("Expected identifier for simple path");
    st.table = name("Expected identifier for simple path");
    if (peek().is_word("AS") || (peek().kind == Token::Kind::name && !is_reserved(peek().text)) ||
        peek().kind == Token::Kind::quoted_name)
      throw validation_error("Aliasing is not supported");
    while (true) {
      if (accept_word("SET")) {
        do {
          Assignment a;
          a.target = path();
          expect("=", "Expected '='");
          a.value = additive();
          st.assignments.push_back(std::move(a));
        } while (accept(","));
      } else if (accept_word("REMOVE")) {
        do {
          Assignment a;
          a.kind = Assignment::Kind::remove;
          a.target = path();
          st.assignments.push_back(std::move(a));
        } while (accept(","));
      } else {
        break;
      }
    }
    if (st.assignments.empty()) throw malformed("Expected SET or REMOVE");
    where(st, true);
    returning(st);
  }

  void remove(Statement& st) {
    st.kind = Statement::Kind::remove;
    next();
    expect_word("FROM", "Expected FROM");
    if (at_end() || peek().is_word("WHERE")) throw malformed("Expected identifier for simple path");
    source(st, "Expected identifier for simple path");
    if (!st.index.empty()) throw validation_error("This operation is not supported on an index");
    where(st, true);
    returning(st);
  }

  void exists(Statement& st) {
    next();
    expect("(", "Expected '('");
    if (!peek().is_word("SELECT")) throw malformed("Unexpected term");
    select(st);
    st.kind = Statement::Kind::exists;
    expect(")", "Expected ')'");
  }

  void where(Statement& st, bool required) {
    if (!accept_word("WHERE")) {
      (void)required;  // a write without WHERE fails lowering with DynamoDB's key message
      return;
    }
    if (at_end()) throw malformed("Unexpected term");
    st.has_where = true;
    st.where = expression();
  }

  void returning(Statement& st) {
    if (!accept_word("RETURNING")) return;
    bool all = false;
    if (accept_word("ALL")) all = true;
    else expect_word("MODIFIED", "Expected ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    bool old = false;
    if (accept_word("OLD")) old = true;
    else expect_word("NEW", "Expected ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    if (!accept("*")) throw validation_error("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    if (accept(",")) throw validation_error("Invalid syntax with multiple returning elements in RETURNING clause");
    st.returning = all ? (old ? Returning::all_old : Returning::all_new) : (old ? Returning::modified_old : Returning::modified_new);
  }

  Path path() {
    Path p;
    PathStep first;
    first.name = name("Expected identifier for simple path");
    p.push_back(std::move(first));
    while (true) {
      if (accept(".")) {
        PathStep s;
        s.name = name("Expected identifier for simple path");
        p.push_back(std::move(s));
      } else if (peek().is("[")) {
        next();
        const Token& t = next();
        if (t.kind == Token::Kind::string) {
          // m['k'] is the same step as m.k.
          PathStep s;
          s.name = t.text;
          p.push_back(std::move(s));
        } else {
          if (t.kind != Token::Kind::number || t.text.find_first_not_of("0123456789") != std::string::npos ||
              t.text.size() > 9)
            throw malformed("Unexpected path component");
          PathStep s;
          s.is_index = true;
          s.index = std::stoul(t.text);
          p.push_back(std::move(s));
        }
        expect("]", "Expected ']'");
      } else {
        return p;
      }
    }
  }

  Expr node(Expr::Kind kind, std::vector<Expr> args = {}) {
    Expr e;
    e.kind = kind;
    e.args = std::move(args);
    return e;
  }

  Expr rhs(Expr (Parser::*operand)()) {
    if (at_end() || peek().is(")")) throw malformed("Missing right-hand side expression of infix operator");
    return (this->*operand)();
  }

  Expr expression() {
    Expr left = conjunction();
    while (accept_word("OR")) left = node(Expr::Kind::or_, {std::move(left), rhs(&Parser::conjunction)});
    return left;
  }

  Expr conjunction() {
    Expr left = negation();
    while (accept_word("AND")) left = node(Expr::Kind::and_, {std::move(left), rhs(&Parser::negation)});
    return left;
  }

  Expr negation() {
    Depth guard(depth_);
    if (accept_word("NOT")) {
      if (at_end()) throw malformed("Unexpected term");
      return node(Expr::Kind::not_, {negation()});
    }
    return predicate();
  }

  Expr predicate() {
    Expr left = additive();
    if (is_comparison(peek())) {
      std::string op = next().text;
      if (op == "!=") op = "<>";
      Expr e = node(Expr::Kind::compare, {std::move(left), rhs(&Parser::additive)});
      e.op = op;
      return e;
    }
    bool negated = false;
    if (peek().is_word("NOT") && (peek(1).is_word("BETWEEN") || peek(1).is_word("IN"))) {
      next();
      negated = true;
    }
    if (accept_word("BETWEEN")) {
      Expr low = rhs(&Parser::additive);
      expect_word("AND", "Expected AND");
      Expr high = rhs(&Parser::additive);
      Expr e = node(Expr::Kind::between, {std::move(left), std::move(low), std::move(high)});
      return negated ? node(Expr::Kind::not_, {std::move(e)}) : e;
    }
    if (accept_word("IN")) {
      Expr e = node(Expr::Kind::in, {std::move(left)});
      if (peek().is("[") || peek().is("(")) {
        std::string close = peek().is("[") ? "]" : ")";
        next();
        if (!peek().is(close)) {
          do e.args.push_back(additive());
          while (accept(","));
        }
        expect(close, "Expected ']'");
      } else {
        e.args.push_back(rhs(&Parser::additive));
      }
      return negated ? node(Expr::Kind::not_, {std::move(e)}) : e;
    }
    if (accept_word("IS")) {
      Expr e = node(Expr::Kind::is, {std::move(left)});
      e.negated = accept_word("NOT");
      const Token& t = peek();
      if (t.kind != Token::Kind::name) throw malformed("Expected type name");
      e.text = upper(next().text);
      static constexpr std::string_view kTypes[] = {"MISSING", "NULL", "BOOLEAN", "BOOL", "BLOB", "STRING",
                                                    "NUMERIC", "STRUCT", "TUPLE", "LIST", "INT", "INTEGER",
                                                    "DECIMAL", "FLOAT", "DOUBLE", "BAG", "SEXP", "CLOB"};
      bool known = false;
      for (std::string_view type : kTypes) known = known || e.text == type;
      if (!known) throw malformed("Expected type name");
      return e;
    }
    return left;
  }

  Expr additive() {
    Expr left = primary();
    while (peek().is("+") || peek().is("-")) {
      std::string op = next().text;
      Expr e = node(Expr::Kind::arith, {std::move(left), rhs(&Parser::primary)});
      e.op = op;
      left = std::move(e);
    }
    return left;
  }

  Expr primary() {
    Depth guard(depth_);
    const Token& t = peek();
    Expr e;
    switch (t.kind) {
      case Token::Kind::end:
        throw malformed("Unexpected term");
      case Token::Kind::string:
        e.kind = Expr::Kind::string;
        e.text = next().text;
        return e;
      case Token::Kind::number:
        e.kind = Expr::Kind::number;
        e.text = next().text;
        return e;
      case Token::Kind::param:
        next();
        e.kind = Expr::Kind::param;
        e.param = params_++;
        return e;
      case Token::Kind::quoted_name:
        e.kind = Expr::Kind::path;
        e.path = path();
        return e;
      case Token::Kind::name: {
        if (peek(1).is("(")) return call();
        if (t.is_word("TRUE") || t.is_word("FALSE")) {
          e.kind = Expr::Kind::boolean;
          e.text = lower(next().text);
          return e;
        }
        if (t.is_word("NULL")) {
          next();
          e.kind = Expr::Kind::null;
          return e;
        }
        if (t.is_word("MISSING")) {
          next();
          e.kind = Expr::Kind::missing;
          return e;
        }
        if (is_reserved(t.text)) throw malformed(t.is_word("IS") || t.is_word("LIKE") ? "Unexpected operator" : "Unexpected keyword");
        e.kind = Expr::Kind::path;
        e.path = path();
        return e;
      }
      case Token::Kind::punct:
        break;
    }
    if (t.is("-") && peek(1).kind == Token::Kind::number) {
      next();
      e.kind = Expr::Kind::number;
      e.text = "-" + next().text;
      return e;
    }
    if (accept("(")) {
      if (peek().is_word("SELECT")) throw validation_error("Unsupported operation: subquery");
      Expr inner = expression();
      expect(")", "Expected ')'");
      return inner;
    }
    if (accept("{")) {
      e.kind = Expr::Kind::tuple;
      if (!accept("}")) {
        do {
          const Token& k = next();
          if (k.kind != Token::Kind::string) throw malformed("Expected string key in tuple");
          e.keys.push_back(k.text);
          expect(":", "Expected ':'");
          e.args.push_back(additive());
        } while (accept(","));
        expect("}", "Expected '}'");
      }
      return e;
    }
    if (accept("[")) return sequence(Expr::Kind::list, "]");
    if (accept("<<")) return sequence(Expr::Kind::bag, ">>");
    if (t.is("=") || t.is("<") || t.is(">") || t.is("<=") || t.is(">=") || t.is("<>") || t.is("!=") ||
        t.is("+") || t.is("*") || t.is("/") || t.is("%") || t.is("||"))
      throw malformed("Unexpected operator");
    throw malformed("Unexpected term");
  }

  // The elements of a list or bag literal up to `close` (the opening token already read).
  Expr sequence(Expr::Kind kind, std::string_view close) {
    Expr e;
    e.kind = kind;
    if (accept(close)) return e;
    do e.args.push_back(additive());
    while (accept(","));
    if (!accept(close)) throw malformed("Expected '" + std::string(close) + "'");
    return e;
  }

  Expr call() {
    Expr e;
    e.kind = Expr::Kind::call;
    e.text = lower(next().text);
    expect("(", "Expected '('");
    if (!accept(")")) {
      do {
        if (peek().is("*")) throw validation_error("Unsupported operation: " + e.text + "(*)");
        e.args.push_back(expression());
      } while (accept(","));
      expect(")", "Expected ')'");
    }
    return e;
  }

  // Bounds the recursion of nested parentheses, NOT chains and literals, so a hostile statement
  // cannot exhaust the stack (an item nests at most 32 levels anyway).
  struct Depth {
    explicit Depth(size_t& d) : depth(d) {
      if (++depth > kMaxDepth) throw malformed("Expression nesting exceeds the maximum depth");
    }
    ~Depth() { --depth; }
    size_t& depth;
  };
  static constexpr size_t kMaxDepth = 100;

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t params_ = 0;
  size_t depth_ = 0;
};

}  // namespace

Statement parse(std::string_view statement) { return Parser(statement).statement(); }

}  // namespace dynarock::partiql
