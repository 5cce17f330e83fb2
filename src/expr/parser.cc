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
// reported, as DynamoDB's (ANTLR) parser does. Operands are memoized by position, so retrying
// a reading costs nothing and deeply nested input parses in linear time. Parentheses directly
// around parentheses are "redundant": DynamoDB reports that as soon as it reads the outer ')',
// so it wins over a syntax error further on.
#include <utility>

#include "expr/syntax.h"

namespace dynarock::expr::syntax {

namespace {

// A parsed piece: its node, and whether it was written in its own parentheses.
struct Parsed {
  int node;
  bool paren = false;
};

class Parser {
 public:
  explicit Parser(std::string_view text) {
    t_.text = text;
    t_.tokens = tokenize(text);
    memo_.resize(t_.tokens.size());
    long open = 0;
    for (const Token& t : t_.tokens) open += t.kind == Tok::LParen ? 1 : t.kind == Tok::RParen ? -1 : 0;
    closes_all_ = open <= 0;
  }

  Tree condition_expression() {
    return run([&] {
      t_.root = condition().node;
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

  // What operand() found at one position, for the next reading that asks.
  struct Memo {
    enum State : uint8_t { Unknown, Read, Failed } state = Unknown;
    uint32_t end = 0;  // Read: the position after it; Failed: where it stopped
    Parsed result{-1};
    std::vector<uint32_t> marks;  // redundant groups it contains
  };

  // Nesting deeper than any non-redundant expression that fits the size limit can reach (819
  // levels of "NOT(" ... ")"): stopping there keeps the recursion within a small thread stack.
  static constexpr int kMaxNesting = 1000;

  Tree t_;
  uint32_t pos_ = 0;
  int depth_ = 0;
  bool closes_all_ = true;  // every '(' has a ')' somewhere
  std::vector<uint32_t> redundant_;  // ')' tokens closing a redundant group, on the path taken
  std::vector<Memo> memo_;

  // Counts one level of parentheses or function call for as long as it lives.
  struct Nested {
    explicit Nested(Parser& p) : p_(p) {
      if (++p_.depth_ <= kMaxNesting) return;
      // So many closed groups cannot all be needed: some pair is redundant. Unclosed ones end in
      // a syntax error at the end.
      if (p_.closes_all_) throw ParseError{"The expression has redundant parentheses;"};
      throw Fail{static_cast<uint32_t>(p_.t_.tokens.size() - 1)};
    }
    ~Nested() { --p_.depth_; }
    Parser& p_;
  };

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
  Parsed make(NodeKind kind, std::vector<int> kids, Tok op = Tok::End) {
    Node n(kind);
    n.op = op;
    n.kids = std::move(kids);
    return {add_node(std::move(n))};
  }

  // `inner` has just been closed by the ')' at `close`; a second pair straight around a first is
  // redundant.
  Parsed parenthesize(Parsed inner, uint32_t close) {
    if (inner.paren) redundant_.push_back(close);
    return {inner.node, true};
  }

  // Tries both readings of a '('. The first that succeeds wins; if both fail, the one that got
  // further is the error, and the redundant groups it read before failing still count.
  template <typename A, typename B>
  Parsed choose(A first, B second) {
    const uint32_t start = pos_;
    const size_t marks = redundant_.size();
    bool failed = false;
    Fail best{0};
    std::vector<uint32_t> best_marks;
    auto attempt = [&](auto& alt, Parsed& out) {
      pos_ = start;
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
    Parsed result{-1};
    if (attempt(first, result) || attempt(second, result)) return result;
    redundant_.resize(marks);
    redundant_.insert(redundant_.end(), best_marks.begin(), best_marks.end());
    throw best;
  }

  // ---- conditions ----

  Parsed condition() {
    Parsed left = and_condition();
    while (peek() == Tok::Or) {
      ++pos_;
      left = make(NodeKind::Or, {left.node, and_condition().node});
    }
    return left;
  }

  Parsed and_condition() {
    Parsed left = not_condition();
    while (peek() == Tok::And) {
      ++pos_;
      left = make(NodeKind::And, {left.node, not_condition().node});
    }
    return left;
  }

  Parsed not_condition() {
    if (peek() == Tok::Not) {
      ++pos_;
      return make(NodeKind::Not, {not_condition().node});
    }
    if (peek() == Tok::LParen) return choose([&] { return comparison(); }, [&] { return paren_condition(); });
    return comparison();
  }

  Parsed paren_condition() {
    Nested level(*this);
    expect(Tok::LParen);
    Parsed inner = condition();
    return parenthesize(inner, expect(Tok::RParen));
  }

  Parsed comparison() {
    Parsed a = operand();
    switch (peek()) {
      case Tok::Eq:
      case Tok::Ne:
      case Tok::Lt:
      case Tok::Le:
      case Tok::Gt:
      case Tok::Ge: {
        Tok op = peek();
        ++pos_;
        return make(NodeKind::Compare, {a.node, operand().node}, op);
      }
      case Tok::Between: {
        ++pos_;
        int lo = operand().node;
        expect(Tok::And);
        int hi = operand().node;
        return make(NodeKind::Between, {a.node, lo, hi});
      }
      case Tok::In: {
        ++pos_;
        expect(Tok::LParen);
        std::vector<int> kids{a.node, operand().node};
        while (peek() == Tok::Comma) {
          ++pos_;
          kids.push_back(operand().node);
        }
        expect(Tok::RParen);
        return make(NodeKind::In, std::move(kids));
      }
      default:
        // A function on its own is a condition; in parentheses it is read as '(' condition ')'.
        if (t_.nodes[a.node].kind == NodeKind::Call && !a.paren) return {a.node};
        fail();
    }
  }

  // ---- operands ----

  Parsed operand() {
    Memo& m = memo_[pos_];
    if (m.state == Memo::Read) {
      pos_ = m.end;
      redundant_.insert(redundant_.end(), m.marks.begin(), m.marks.end());
      return m.result;
    }
    if (m.state == Memo::Failed) {
      redundant_.insert(redundant_.end(), m.marks.begin(), m.marks.end());
      throw Fail{m.end};
    }
    const uint32_t start = pos_;
    const size_t marks = redundant_.size();
    try {
      Parsed result = read_operand();
      Memo& done = memo_[start];
      done.state = Memo::Read;
      done.end = pos_;
      done.result = result;
      done.marks.assign(redundant_.begin() + static_cast<long>(marks), redundant_.end());
      return result;
    } catch (const Fail& f) {
      Memo& done = memo_[start];
      done.state = Memo::Failed;
      done.end = f.at;
      done.marks.assign(redundant_.begin() + static_cast<long>(marks), redundant_.end());
      throw;
    }
  }

  Parsed read_operand() {
    switch (peek()) {
      case Tok::LParen: {
        Nested level(*this);
        ++pos_;
        Parsed inner = operand();
        return parenthesize(inner, expect(Tok::RParen));
      }
      case Tok::ValueRef: {
        Node n(NodeKind::Value);
        n.tok = pos_++;
        return {add_node(std::move(n))};
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

  Parsed call() {
    Nested level(*this);
    Node n(NodeKind::Call);
    n.tok = pos_++;
    expect(Tok::LParen);
    n.kids.push_back(operand().node);
    while (peek() == Tok::Comma) {
      ++pos_;
      n.kids.push_back(operand().node);
    }
    expect(Tok::RParen);
    return {add_node(std::move(n))};
  }

  Parsed path_node() {
    Node n(NodeKind::Path);
    n.path = path();
    return {add_node(std::move(n))};
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
        a.value = set_value().node;
      } else if (kind != Tok::Remove) {
        Node v(NodeKind::Value);
        v.tok = expect(Tok::ValueRef);
        a.value = add_node(std::move(v));
      }
      clause.actions.push_back(a);
    } while (peek() == Tok::Comma);
    t_.clauses.push_back(std::move(clause));
  }

  // operand, or operand +/- operand, or a parenthesized arithmetic.
  Parsed set_value() {
    auto plain = [&] {
      Parsed a = operand();
      if (peek() != Tok::Plus && peek() != Tok::Minus) return a;
      Tok op = peek();
      ++pos_;
      return make(NodeKind::Arith, {a.node, operand().node}, op);
    };
    if (peek() == Tok::LParen) return choose(plain, [&] { return paren_arithmetic(); });
    return plain();
  }

  Parsed arithmetic() {
    auto plain = [&] {
      Parsed a = operand();
      if (peek() != Tok::Plus && peek() != Tok::Minus) fail();
      Tok op = peek();
      ++pos_;
      return make(NodeKind::Arith, {a.node, operand().node}, op);
    };
    if (peek() == Tok::LParen) return choose(plain, [&] { return paren_arithmetic(); });
    return plain();
  }

  Parsed paren_arithmetic() {
    Nested level(*this);
    expect(Tok::LParen);
    Parsed inner = arithmetic();
    return parenthesize(inner, expect(Tok::RParen));
  }
};

}  // namespace

Tree parse_condition(std::string_view text) { return Parser(text).condition_expression(); }
Tree parse_update(std::string_view text) { return Parser(text).update_expression(); }
Tree parse_projection(std::string_view text) { return Parser(text).projection_expression(); }

}  // namespace dynarock::expr::syntax
