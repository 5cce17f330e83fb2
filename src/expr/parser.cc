// Recursive-descent parser for DynamoDB's expression grammar:
//
//   condition  := condition OR condition | condition AND condition | NOT condition
//               | operand comparator operand | operand BETWEEN operand AND operand
//               | operand IN '(' operand (',' operand)* ')' | function | '(' condition ')'
//   update     := (SET set_action,+ | REMOVE path,+ | ADD path :v,+ | DELETE path :v,+)+
//   set_action := path '=' (operand | arithmetic)
//   arithmetic := operand ('+' | '-') operand | '(' arithmetic ')'
//   operand    := path | :value | function | '(' operand ')'
//   function   := name '(' operand (',' operand)* ')'
//   path       := (name | #name) ('.' (name | #name | :value) | '[' index ']')*
//   projection := path (',' path)*
//
// NOT binds tighter than AND, AND tighter than OR. Where a '(' could open either a condition or
// an operand, both readings are tried and the one that read further decides which error is
// reported, as DynamoDB's (ANTLR) parser does. Parentheses directly around parentheses are
// "redundant": DynamoDB reports that as soon as it reads the outer ')', so it wins over a syntax
// error further on.
#include <utility>

#include "expr/syntax.h"

namespace dynarock::expr::syntax {

namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) {
    t_.text = text;
    t_.tokens = tokenize(text);
  }

  Tree condition_expression() {
    return run([&] {
      t_.root = condition();
      expect(Tok::End);
    });
  }

  Tree update_expression() {
    return run([&] {
      do section();
      while (peek() != Tok::End);
    });
  }

  Tree projection_expression() {
    return run([&] {
      t_.projection.push_back(path());
      while (peek() == Tok::Comma) {
        ++pos_;
        t_.projection.push_back(path());
      }
      expect(Tok::End);
    });
  }

 private:
  struct Fail {
    uint32_t at;  // token index where reading stopped
  };

  Tree t_;
  uint32_t pos_ = 0;
  std::vector<uint32_t> redundant_;  // ')' tokens closing a redundant group, on the path taken

  template <typename F>
  Tree run(F body) {
    try {
      body();
    } catch (const Fail& f) {
      if (!redundant_.empty()) throw ParseError{"The expression has redundant parentheses;"};
      throw ParseError{syntax_message(f.at)};
    }
    if (!redundant_.empty()) throw ParseError{"The expression has redundant parentheses;"};
    return std::move(t_);
  }

  // "token" is the offending token ("<EOF>" at the end); "near" runs from the token before it
  // to the token after it, whitespace included, as DynamoDB quotes it.
  std::string syntax_message(uint32_t at) const {
    const auto& toks = t_.tokens;
    const Token& cur = toks[at];
    const bool at_end = cur.kind == Tok::End;
    const size_t from = at > 0 ? toks[at - 1].begin : 0;
    const size_t to = at_end || toks[at + 1].kind == Tok::End ? t_.text.size() : toks[at + 1].end;
    std::string msg = "Syntax error; token: \"";
    if (at_end) msg += "<EOF>";
    else msg.append(t_.text_of(at));
    msg += "\", near: \"";
    msg.append(t_.text.substr(from, to - from));
    msg += "\"";
    return msg;
  }

  Tok peek(uint32_t ahead = 0) const {
    const uint32_t i = pos_ + ahead;
    return i < t_.tokens.size() ? t_.tokens[i].kind : Tok::End;
  }
  [[noreturn]] void fail() const { throw Fail{pos_}; }
  uint32_t expect(Tok kind) {
    if (peek() != kind) fail();
    return pos_++;
  }

  int add_node(Node n) {
    t_.nodes.push_back(std::move(n));
    return static_cast<int>(t_.nodes.size()) - 1;
  }
  int make(NodeKind kind, std::vector<int> kids, Tok op = Tok::End) {
    Node n(kind);
    n.op = op;
    n.kids = std::move(kids);
    return add_node(std::move(n));
  }

  // Wraps `node` in the parentheses just read; a second pair straight around the first is
  // redundant.
  void parenthesize(int node, uint32_t close) {
    if (t_.nodes[node].paren) redundant_.push_back(close);
    t_.nodes[node].paren = true;
  }

  // Tries both readings of a '('. The first that succeeds wins; if both fail, the one that got
  // further is the error, and the redundant groups it read before failing still count.
  template <typename A, typename B>
  int choose(A first, B second) {
    const uint32_t start = pos_;
    const size_t nodes = t_.nodes.size(), paths = t_.paths.size(), marks = redundant_.size();
    bool failed = false;
    Fail best{0};
    std::vector<uint32_t> best_marks;
    auto attempt = [&](auto& alt, int& out) {
      pos_ = start;
      t_.nodes.erase(t_.nodes.begin() + static_cast<long>(nodes), t_.nodes.end());
      t_.paths.resize(paths);
      redundant_.resize(marks);
      try {
        out = alt();
        return true;
      } catch (const Fail& f) {
        if (!failed || f.at > best.at) {
          best = f;
          best_marks.assign(redundant_.begin() + static_cast<long>(marks), redundant_.end());
        }
        failed = true;
        return false;
      }
    };
    int result = -1;
    if (attempt(first, result) || attempt(second, result)) return result;
    redundant_.resize(marks);
    redundant_.insert(redundant_.end(), best_marks.begin(), best_marks.end());
    throw best;
  }

  // ---- conditions ----

  int condition() {
    int left = and_condition();
    while (peek() == Tok::Or) {
      ++pos_;
      left = make(NodeKind::Or, {left, and_condition()});
    }
    return left;
  }

  int and_condition() {
    int left = not_condition();
    while (peek() == Tok::And) {
      ++pos_;
      left = make(NodeKind::And, {left, not_condition()});
    }
    return left;
  }

  int not_condition() {
    if (peek() == Tok::Not) {
      ++pos_;
      return make(NodeKind::Not, {not_condition()});
    }
    if (peek() == Tok::LParen) return choose([&] { return comparison(); }, [&] { return paren_condition(); });
    return comparison();
  }

  int paren_condition() {
    expect(Tok::LParen);
    int inner = condition();
    parenthesize(inner, expect(Tok::RParen));
    return inner;
  }

  int comparison() {
    int a = operand();
    switch (peek()) {
      case Tok::Eq:
      case Tok::Ne:
      case Tok::Lt:
      case Tok::Le:
      case Tok::Gt:
      case Tok::Ge: {
        Tok op = peek();
        ++pos_;
        return make(NodeKind::Compare, {a, operand()}, op);
      }
      case Tok::Between: {
        ++pos_;
        int lo = operand();
        expect(Tok::And);
        int hi = operand();
        return make(NodeKind::Between, {a, lo, hi});
      }
      case Tok::In: {
        ++pos_;
        expect(Tok::LParen);
        std::vector<int> kids{a, operand()};
        while (peek() == Tok::Comma) {
          ++pos_;
          kids.push_back(operand());
        }
        expect(Tok::RParen);
        return make(NodeKind::In, std::move(kids));
      }
      default:
        // A function on its own is a condition; in parentheses it is read as '(' condition ')'.
        if (t_.nodes[a].kind == NodeKind::Call && !t_.nodes[a].paren) return a;
        fail();
    }
  }

  // ---- operands ----

  int operand() {
    switch (peek()) {
      case Tok::LParen: {
        ++pos_;
        int inner = operand();
        parenthesize(inner, expect(Tok::RParen));
        return inner;
      }
      case Tok::ValueRef: {
        Node n(NodeKind::Value);
        n.tok = pos_++;
        return add_node(std::move(n));
      }
      case Tok::Id:
        if (peek(1) == Tok::LParen) return call();
        return path_node();
      case Tok::NameRef:
        return path_node();
      default:
        fail();
    }
  }

  int call() {
    Node n(NodeKind::Call);
    n.tok = pos_++;
    expect(Tok::LParen);
    n.kids.push_back(operand());
    while (peek() == Tok::Comma) {
      ++pos_;
      n.kids.push_back(operand());
    }
    expect(Tok::RParen);
    return add_node(std::move(n));
  }

  int path_node() {
    Node n(NodeKind::Path);
    n.path = path();
    return add_node(std::move(n));
  }

  int path() {
    std::vector<Step> steps;
    if (peek() == Tok::Id) steps.push_back(Step{Step::Id, pos_++});
    else if (peek() == Tok::NameRef) steps.push_back(Step{Step::NameRef, pos_++});
    else fail();
    for (;;) {
      if (peek() == Tok::Dot) {
        ++pos_;
        switch (peek()) {
          case Tok::Id: steps.push_back(Step{Step::Id, pos_++}); break;
          case Tok::NameRef: steps.push_back(Step{Step::NameRef, pos_++}); break;
          case Tok::ValueRef: steps.push_back(Step{Step::ValueRef, pos_++}); break;
          default: fail();
        }
      } else if (peek() == Tok::LBracket) {
        ++pos_;
        steps.push_back(Step{Step::Index, expect(Tok::Index)});
        expect(Tok::RBracket);
      } else {
        break;
      }
    }
    t_.paths.push_back(std::move(steps));
    return static_cast<int>(t_.paths.size()) - 1;
  }

  // ---- updates ----

  void section() {
    const Tok kind = peek();
    if (kind != Tok::Set && kind != Tok::Remove && kind != Tok::Add && kind != Tok::Delete) fail();
    ++pos_;
    Clause clause{kind, {}};
    do {
      if (!clause.actions.empty()) ++pos_;  // the ','
      Action a{path()};
      if (kind == Tok::Set) {
        expect(Tok::Eq);
        a.value = set_value();
      } else if (kind != Tok::Remove) {
        Node v(NodeKind::Value);
        v.tok = expect(Tok::ValueRef);
        a.value = add_node(std::move(v));
      }
      clause.actions.push_back(a);
    } while (peek() == Tok::Comma);
    t_.clauses.push_back(std::move(clause));
  }

  int set_value() {
    auto plain = [&] {
      int a = operand();
      if (peek() != Tok::Plus && peek() != Tok::Minus) return a;
      Tok op = peek();
      ++pos_;
      return make(NodeKind::Arith, {a, operand()}, op);
    };
    if (peek() == Tok::LParen) return choose(plain, [&] { return paren_arithmetic(); });
    return plain();
  }

  int arithmetic() {
    auto plain = [&] {
      int a = operand();
      if (peek() != Tok::Plus && peek() != Tok::Minus) fail();
      Tok op = peek();
      ++pos_;
      return make(NodeKind::Arith, {a, operand()}, op);
    };
    if (peek() == Tok::LParen) return choose(plain, [&] { return paren_arithmetic(); });
    return plain();
  }

  int paren_arithmetic() {
    expect(Tok::LParen);
    int inner = arithmetic();
    parenthesize(inner, expect(Tok::RParen));
    return inner;
  }
};

}  // namespace

Tree parse_condition(std::string_view text) { return Parser(text).condition_expression(); }
Tree parse_update(std::string_view text) { return Parser(text).update_expression(); }
Tree parse_projection(std::string_view text) { return Parser(text).projection_expression(); }

}  // namespace dynarock::expr::syntax
