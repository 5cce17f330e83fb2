// The PartiQL front end: tokens (quoting, comments, numbers), the statement AST of each form, the
// rejections DynamoDB words (syntax errors, aliases, RETURNING, parameter counts), and lowering
// onto the operations' requests with placeholders for every name and value.
#include <gtest/gtest.h>

#include <string>

#include "model/error.h"
#include "partiql/lexer.h"
#include "partiql/lower.h"
#include "partiql/parser.h"

namespace dynarock::partiql {
namespace {

using nlohmann::json;

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
  return "<no error>";
}

const std::string kMalformed = "ValidationException: Statement wasn't well formed, can't be processed: ";

model::TableInfo composite_table() {
  model::TableInfo t;
  t.name = "t";
  t.key.hash = {"pk", model::Type::S};
  t.key.range = model::KeyElement{"sk", model::Type::N};
  return t;
}

TEST(PartiqlLexer, QuotingCommentsAndNumbers) {
  auto tokens = tokenize("SELECT \"a\"\"b\", 'it''s' -- note\n /* block */ 1.5e3 .5 ? <<>> <= <>");
  ASSERT_EQ(tokens.size(), 12u);
  EXPECT_EQ(tokens[0].kind, Token::Kind::name);
  EXPECT_EQ(tokens[1].kind, Token::Kind::quoted_name);
  EXPECT_EQ(tokens[1].text, "a\"b");
  EXPECT_EQ(tokens[3].kind, Token::Kind::string);
  EXPECT_EQ(tokens[3].text, "it's");
  EXPECT_EQ(tokens[4].text, "1.5e3");
  EXPECT_EQ(tokens[5].text, ".5");
  EXPECT_EQ(tokens[6].kind, Token::Kind::param);
  EXPECT_TRUE(tokens[7].is("<<"));
  EXPECT_TRUE(tokens[8].is(">>"));
  EXPECT_TRUE(tokens[9].is("<="));
  EXPECT_TRUE(tokens[10].is("<>"));
  EXPECT_EQ(tokens[11].kind, Token::Kind::end);
}

TEST(PartiqlLexer, UnterminatedTextIsMalformed) {
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 'open"), kMalformed);
  EXPECT_EQ(error_of("SELECT * FROM \"t"), kMalformed);
  EXPECT_EQ(error_of("SELECT * FROM t /* open"), kMalformed);
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1e2147483648"), kMalformed);
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1 # note"), kMalformed);
}

TEST(PartiqlLexer, ReservedWords) {
  EXPECT_TRUE(is_reserved("select"));
  EXPECT_TRUE(is_reserved("PAD"));
  EXPECT_TRUE(is_reserved("Value"));
  EXPECT_FALSE(is_reserved("status"));
  EXPECT_FALSE(is_reserved("begins_with"));
}

TEST(PartiqlParser, SelectForms) {
  Statement st = parse("select a, b.c[2], \"d e\" FROM \"tbl\".\"idx\" WHERE a = ? AND b.c[2] > 3 ORDER BY a DESC;");
  EXPECT_EQ(st.kind, Statement::Kind::select);
  EXPECT_EQ(st.table, "tbl");
  EXPECT_EQ(st.index, "idx");
  ASSERT_EQ(st.projection.size(), 3u);
  ASSERT_EQ(st.projection[1].size(), 3u);
  EXPECT_TRUE(st.projection[1][2].is_index);
  EXPECT_EQ(st.projection[1][2].index, 2u);
  EXPECT_EQ(st.projection[2][0].name, "d e");
  EXPECT_TRUE(st.has_where);
  EXPECT_EQ(st.where.kind, Expr::Kind::and_);
  EXPECT_EQ(st.parameters, 1u);
  ASSERT_EQ(st.order_by.size(), 1u);
  EXPECT_TRUE(st.order_by[0].second);
  EXPECT_TRUE(parse("SELECT * FROM t").star);
}

TEST(PartiqlParser, Literals) {
  Statement st = parse("INSERT INTO t VALUE {'s': 'x', 'n': -1.5, 'b': TRUE, 'z': null, 'l': [1, 'a'], 'g': <<1, 2>>, "
                       "'m': {'k': ?}}");
  EXPECT_EQ(st.kind, Statement::Kind::insert);
  ASSERT_EQ(st.value.kind, Expr::Kind::tuple);
  EXPECT_EQ(st.value.keys.size(), 7u);
  EXPECT_EQ(st.value.args[1].text, "-1.5");
  EXPECT_EQ(st.value.args[2].kind, Expr::Kind::boolean);
  EXPECT_EQ(st.value.args[3].kind, Expr::Kind::null);
  EXPECT_EQ(st.value.args[4].kind, Expr::Kind::list);
  EXPECT_EQ(st.value.args[5].kind, Expr::Kind::bag);
  EXPECT_EQ(st.parameters, 1u);
}

TEST(PartiqlParser, ConditionOperators) {
  Statement st = parse("SELECT * FROM t WHERE a BETWEEN 1 AND 2 OR NOT b IN [1, 2] AND c IS NOT MISSING "
                       "AND begins_with(d, 'x') AND e <> 1 AND f != 2");
  EXPECT_EQ(st.where.kind, Expr::Kind::or_);
  EXPECT_EQ(st.where.args[0].kind, Expr::Kind::between);
  const Expr& right = st.where.args[1];
  EXPECT_EQ(right.kind, Expr::Kind::and_);
  EXPECT_EQ(right.args[1].op, "<>");  // != is <>
}

TEST(PartiqlParser, UpdateAndDelete) {
  Statement st = parse("UPDATE t SET a = a + 1, b = list_append(b, [1]) REMOVE c SET d = set_add(d, <<'x'>>) "
                       "WHERE pk = 'k' RETURNING MODIFIED OLD *");
  EXPECT_EQ(st.kind, Statement::Kind::update);
  ASSERT_EQ(st.assignments.size(), 4u);
  EXPECT_EQ(st.assignments[0].value.kind, Expr::Kind::arith);
  EXPECT_EQ(st.assignments[2].kind, Assignment::Kind::remove);
  EXPECT_EQ(st.returning, Returning::modified_old);
  Statement del = parse("DELETE FROM t WHERE pk = 'k' RETURNING ALL OLD *");
  EXPECT_EQ(del.kind, Statement::Kind::remove);
  EXPECT_EQ(del.returning, Returning::all_old);
  EXPECT_EQ(parse("EXISTS(SELECT * FROM t WHERE pk = 'a' AND x = 1)").kind, Statement::Kind::exists);
}

TEST(PartiqlParser, SyntaxErrorsInDynamoDBsWords) {
  EXPECT_EQ(error_of(""), kMalformed + "Unexpected term");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE"), kMalformed + "Unexpected term");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE NOT"), kMalformed + "Unexpected term");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1 AND"), kMalformed + "Missing right-hand side expression of infix operator");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1 OR"), kMalformed + "Missing right-hand side expression of infix operator");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1 foo"), kMalformed + "Unexpected token after expression");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 1 e5"), kMalformed + "Unexpected token after expression");
  EXPECT_EQ(error_of("DELETE FROM t WHERE a = 1 ORDER BY a"), kMalformed + "Unexpected token after expression");
  EXPECT_EQ(error_of("SELECT * FROM t ORDER BY pk WHERE pk = 1"), kMalformed + "Unexpected token after expression");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE ORDER BY pk"), kMalformed + "Unexpected keyword");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE IS NULL"), kMalformed + "Unexpected operator");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = LIKE"), kMalformed + "Unexpected operator");
  EXPECT_EQ(error_of("SELECT * FROM t WHERE a = 'x' AND x IS FOO"), kMalformed + "Expected type name");
  EXPECT_EQ(error_of("DELETE FROM"), kMalformed + "Expected identifier for simple path");
  EXPECT_EQ(error_of("DELETE FROM WHERE pk = 'a'"), kMalformed + "Expected identifier for simple path");
  EXPECT_EQ(error_of("SELECT * FROM"), kMalformed + "Unexpected term");
  EXPECT_EQ(error_of("SELECT * FROM t; SELECT * FROM t"), kMalformed + "Unexpected token after expression");
  EXPECT_EQ(error_of("INSERT INTO t x VALUE {'pk': 'x'}"), kMalformed + "Unexpected token after expression");
}

TEST(PartiqlParser, DeepNestingIsRefusedNotOverflowed) {
  std::string deep = "SELECT * FROM t WHERE " + std::string(5000, '(') + "a = 1" + std::string(5000, ')');
  EXPECT_EQ(error_of(deep), kMalformed + "Expression nesting exceeds the maximum depth");
  std::string nots = "SELECT * FROM t WHERE ";
  for (int i = 0; i < 3000; ++i) nots += "NOT ";
  EXPECT_EQ(error_of(nots + "a = 1"), kMalformed + "Expression nesting exceeds the maximum depth");
  std::string lists = "INSERT INTO t VALUE {'pk': 'a', 'l': " + std::string(3000, '[') + std::string(3000, ']') + "}";
  EXPECT_EQ(error_of(lists), kMalformed + "Expression nesting exceeds the maximum depth");
  EXPECT_EQ(parse("SELECT * FROM t WHERE ((((a = 1))))").where.kind, Expr::Kind::compare);
}

TEST(PartiqlParser, RefusedConstructs) {
  EXPECT_EQ(error_of("SELECT * FROM t x WHERE pk = 'x'"), "ValidationException: Aliasing is not supported");
  EXPECT_EQ(error_of("SELECT * FROM t AS x"), "ValidationException: Aliasing is not supported");
  EXPECT_EQ(error_of("UPDATE t x SET a = 3 WHERE pk = 'x'"), "ValidationException: Aliasing is not supported");
  EXPECT_EQ(error_of("DELETE FROM t x WHERE pk = 'x'"), "ValidationException: Aliasing is not supported");
  EXPECT_EQ(error_of("INSERT INTO t VALUE {'pk': 'x'} RETURNING ALL OLD *"),
            "ValidationException: RETURNING is not supported in INSERT");
  EXPECT_EQ(error_of("UPDATE t SET a = 1 WHERE pk = 'x' RETURNING ALL OLD"),
            "ValidationException: Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  EXPECT_EQ(error_of("SELECT *, a FROM t"),
            "ValidationException: Other attributes should not be present in the projection when '*' is used.");
}

TEST(PartiqlLower, ParameterCount) {
  Statement st = parse("SELECT * FROM t WHERE pk = ? AND x = ?");
  EXPECT_THROW(check_parameter_count(st, json::array({{{"S", "a"}}})), ApiError);
  EXPECT_NO_THROW(check_parameter_count(st, json::array({{{"S", "a"}}, {{"N", "1"}}})));
  EXPECT_NO_THROW(check_parameter_count(parse("SELECT * FROM t"), json()));
}

TEST(PartiqlLower, SelectBecomesQueryWithPlaceholders) {
  Statement st = parse("SELECT \"weird name\" FROM t WHERE pk = ? AND sk >= 2 AND \"weird name\" = 'v'");
  ReadPlan plan = lower_select(st, json::array({{{"S", "p"}}}), composite_table());
  ASSERT_TRUE(plan.query);
  ASSERT_EQ(plan.requests.size(), 1u);
  const json& r = plan.requests[0];
  EXPECT_EQ(r["TableName"], "t");
  EXPECT_EQ(r["KeyConditionExpression"], "#n0 = :v0 AND #n1 >= :v1");
  EXPECT_EQ(r["FilterExpression"], "(#n2 = :v2)");
  EXPECT_EQ(r["ProjectionExpression"], "#n2");
  EXPECT_EQ(r["ExpressionAttributeNames"]["#n2"], "weird name");
  EXPECT_EQ(r["ExpressionAttributeValues"][":v0"], json({{"S", "p"}}));
  EXPECT_EQ(r["ExpressionAttributeValues"][":v1"], json({{"N", "2"}}));
}

TEST(PartiqlLower, SelectInBecomesOneQueryPerPartition) {
  ReadPlan plan = lower_select(parse("SELECT * FROM t WHERE pk IN ['a', 'b', 'c']"), json(), composite_table());
  EXPECT_TRUE(plan.query);
  EXPECT_EQ(plan.requests.size(), 3u);
  plan = lower_select(parse("SELECT * FROM t WHERE pk = 'a' OR pk = 'b'"), json(), composite_table());
  EXPECT_EQ(plan.requests.size(), 2u);
  std::string in = "SELECT * FROM t WHERE pk IN ['0'";
  for (int i = 1; i < 50; ++i) in += ", '" + std::to_string(i) + "'";
  EXPECT_EQ(lower_select(parse(in + "]"), json(), composite_table()).requests.size(), 50u);
  try {
    lower_select(parse(in + ", 'x']"), json(), composite_table());
    ADD_FAILURE() << "51 partition values accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.message(), "Too many decomposed read operations for a given query.");
  }
}

TEST(PartiqlLower, SelectWithoutPartitionEqualityScans) {
  for (const char* text : {"SELECT * FROM t", "SELECT * FROM t WHERE pk > 'a'", "SELECT * FROM t WHERE pk = 'a' OR x = 1",
                           "SELECT * FROM t WHERE pk = 'a' AND sk > 1 AND sk < 5"}) {
    ReadPlan plan = lower_select(parse(text), json(), composite_table());
    EXPECT_FALSE(plan.query) << text;
    EXPECT_EQ(plan.requests.size(), 1u);
  }
}

TEST(PartiqlLower, Writes) {
  model::TableInfo t = composite_table();
  WritePlan put = lower_write(parse("INSERT INTO t VALUE {'pk': 'a', 'sk': 1}"), json(), t);
  EXPECT_EQ(put.op, WritePlan::Op::put);
  EXPECT_EQ(put.request["ConditionExpression"], "attribute_not_exists(#n0)");
  EXPECT_EQ(put.request["Item"]["sk"], json({{"N", "1"}}));

  WritePlan upd = lower_write(parse("UPDATE t SET a = 1 REMOVE b SET s = set_add(s, <<'x'>>) WHERE pk = 'a' AND sk = 1 "
                                    "AND c = 2 RETURNING ALL NEW *"),
                              json(), t);
  EXPECT_EQ(upd.op, WritePlan::Op::update);
  EXPECT_EQ(upd.request["Key"], json({{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}}));
  EXPECT_EQ(upd.request["UpdateExpression"], "SET #n1 = :v1 REMOVE #n2 ADD #n3 :v2");
  EXPECT_EQ(upd.request["ReturnValues"], "ALL_NEW");

  auto write_error = [&](const char* text) {
    try {
      lower_write(parse(text), json(), t);
    } catch (const ApiError& e) {
      return e.message();
    }
    return std::string("<no error>");
  };
  EXPECT_EQ(write_error("DELETE FROM t WHERE pk = 'a'"), "Where clause does not contain a mandatory equality on all key attributes");
  EXPECT_EQ(write_error("UPDATE t SET a = 1 WHERE pk = 'a' OR sk = 1"),
            "Where clause does not contain a mandatory equality on all key attributes");
  EXPECT_EQ(write_error("DELETE FROM t WHERE pk = 'a' AND pk = 'b' AND sk = 1"),
            "Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported");
  EXPECT_EQ(write_error("INSERT INTO t VALUE {'pk': 'a', 'g': <<1, 'x'>>}"),
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
  EXPECT_EQ(write_error("INSERT INTO t VALUE {'pk': 'a', 'pk': 'b'}"), "Duplicate keys in tuple. Key: pk under root");
}

}  // namespace
}  // namespace dynarock::partiql
