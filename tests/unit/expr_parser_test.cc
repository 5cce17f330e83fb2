// Expression parsing and validation: every syntax error class with DynamoDB's token / near
// rendering, redundant parentheses, the written-order checks (functions, reserved words, list
// indexes, repeated sections) and the placeholder / operator checks, in DynamoDB's priority.
#include <gtest/gtest.h>

#include <string>

#include "expr/expression.h"
#include "model/error.h"

namespace dynarock::expr {
namespace {

using nlohmann::json;

Attributes attrs_of(const char* request) { return parse_attributes(json::parse(request)); }

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
  return "<no error>";
}

std::string condition_error(const std::string& text, const char* request = "{}") {
  Attributes a = attrs_of(request);
  return error_of([&] { compile_condition(text, a, "ConditionExpression"); });
}

std::string filter_error(const std::string& text, const char* request = "{}") {
  Attributes a = attrs_of(request);
  return error_of([&] { compile_condition(text, a, "FilterExpression"); });
}

std::string update_error(const std::string& text, const char* request = "{}") {
  Attributes a = attrs_of(request);
  return error_of([&] { compile_update(text, a); });
}

std::string projection_error(const std::string& text, const char* request = "{}") {
  Attributes a = attrs_of(request);
  return error_of([&] { compile_projection(text, a); });
}

const std::string kCond = "ValidationException: Invalid ConditionExpression: ";
const std::string kFilter = "ValidationException: Invalid FilterExpression: ";
const std::string kUpdate = "ValidationException: Invalid UpdateExpression: ";
const std::string kProjection = "ValidationException: Invalid ProjectionExpression: ";

std::string syntax(const std::string& token, const std::string& near) {
  return "Syntax error; token: \"" + token + "\", near: \"" + near + "\"";
}

// ---- empty and oversized ----

TEST(ExprParse, EmptyExpressionsAreRejectedPerKind) {
  EXPECT_EQ(condition_error(""), kCond + "The expression can not be empty;");
  EXPECT_EQ(update_error(""), kUpdate + "The expression can not be empty;");
  EXPECT_EQ(projection_error(""), kProjection + "The expression can not be empty;");
}

TEST(ExprParse, WhitespaceOnlyIsASyntaxErrorAtEnd) {
  EXPECT_EQ(condition_error("  "), kCond + syntax("<EOF>", "  "));
}

TEST(ExprParse, OversizedConditionReportsItsSize) {
  std::string text = "a = :v";
  text.append(4096 - text.size() + 1, ' ');
  EXPECT_EQ(condition_error(text), kCond + "Expression size has exceeded the maximum allowed size; expression size: 4097");
}

TEST(ExprParse, OversizedUpdateAndProjectionSayNoSize) {
  std::string text = "SET a = b";
  text.append(4100, ' ');
  EXPECT_EQ(update_error(text), kUpdate + "Expression size has exceeded the maximum allowed size;");
  EXPECT_EQ(projection_error("a" + std::string(4100, ' ')),
            kProjection + "Expression size has exceeded the maximum allowed size;");
}

TEST(ExprParse, ExactlyMaximumSizeIsAccepted) {
  std::string text = "a = :v";
  text.append(4096 - text.size(), ' ');
  EXPECT_EQ(condition_error(text, R"({"ExpressionAttributeValues": {":v": {"S": "x"}}})"), "<no error>");
}

// ---- syntax errors: token and near ----

TEST(ExprSyntax, MissingOperandAtEndQuotesPreviousToken) {
  EXPECT_EQ(condition_error("foo"), kCond + syntax("<EOF>", "foo"));
  EXPECT_EQ(condition_error("attribute_exists(car_id) AND NOT #x"), kCond + syntax("<EOF>", "#x"));
}

TEST(ExprSyntax, UnknownCharacterIsItsOwnToken) {
  EXPECT_EQ(condition_error("a-b"), kCond + syntax("-", "a-b"));
  EXPECT_EQ(condition_error("__typename <> :v"), kCond + syntax("_", "__"));
  EXPECT_EQ(condition_error("_version = :v"), kCond + syntax("_", "_version"));
  EXPECT_EQ(condition_error("#$.b > a"), kCond + syntax("#", "#$"));
}

TEST(ExprSyntax, MultiByteCharacterIsOneToken) {
  EXPECT_EQ(condition_error("\xC3\xBC > a"), kCond + syntax("\xC3\xBC", "\xC3\xBC >"));
}

TEST(ExprSyntax, NumberLiteralsAreNotOperands) {
  EXPECT_EQ(condition_error("a > 4"), kCond + syntax("4", "> 4"));
  EXPECT_EQ(update_error("SET attrName = 34"), kUpdate + syntax("34", "= 34"));
}

TEST(ExprSyntax, NearIncludesWhitespaceAroundTheToken) {
  EXPECT_EQ(update_error("SET MyStr[ 3 "), kUpdate + syntax("<EOF>", "3 "));
  EXPECT_EQ(update_error("  RESET NonExistent value"), kUpdate + syntax("RESET", "  RESET NonExistent"));
  EXPECT_EQ(update_error("REMOVE NoExist + "), kUpdate + syntax("+", "NoExist + "));
  EXPECT_EQ(update_error("SET a [  [2] ]. b = 5"), kUpdate + syntax("[", "[  [2"));
}

TEST(ExprSyntax, UpdateStructureErrors) {
  EXPECT_EQ(update_error("SET MyStr[3)"), kUpdate + syntax(")", "3)"));
  EXPECT_EQ(update_error("SET 2"), kUpdate + syntax("2", "SET 2"));
  EXPECT_EQ(update_error("SET ) 3"), kUpdate + syntax(")", "SET ) 3"));
  EXPECT_EQ(update_error("SET a [2 1]. b = 5"), kUpdate + syntax("1", "2 1]"));
  EXPECT_EQ(update_error("SET #a a = 5"), kUpdate + syntax("a", "#a a ="));
  EXPECT_EQ(update_error("SET MyStr = NoExist + + :v "), kUpdate + syntax("+", "+ + :v"));
  EXPECT_EQ(update_error("ADD attr val foobar"), kUpdate + syntax("val", "attr val foobar"));
  EXPECT_EQ(update_error("DELETE attr :val foobar"), kUpdate + syntax("foobar", ":val foobar"));
  EXPECT_EQ(update_error("SET path = VALUE 1"), kUpdate + syntax("1", "VALUE 1"));
  EXPECT_EQ(update_error("REMOVE if_not_exists(a,b)"), kUpdate + syntax("(", "if_not_exists(a"));
  EXPECT_EQ(update_error("RESET"), kUpdate + syntax("RESET", "RESET"));
  EXPECT_EQ(update_error("SET a = b + c + d"), kUpdate + syntax("+", "c + d"));
  EXPECT_EQ(update_error("set a=set"), kUpdate + syntax("set", "=set"));
}

TEST(ExprSyntax, UnbalancedParenthesesInUpdates) {
  EXPECT_EQ(update_error("SET MyStr = (:v"), kUpdate + syntax("<EOF>", ":v"));
  EXPECT_EQ(update_error("SET MyStr = (:v + (:w"), kUpdate + syntax("<EOF>", ":w"));
  EXPECT_EQ(update_error("SET MyStr = [:v  "), kUpdate + syntax("[", "= [:v"));
  EXPECT_EQ(update_error("SET MyStr = ):v + :w"), kUpdate + syntax(")", "= ):v"));
  EXPECT_EQ(update_error("set a = (b.c).d + e"), kUpdate + syntax(".", ").d"));
}

TEST(ExprSyntax, ConditionStructureErrors) {
  EXPECT_EQ(condition_error("a in b"), kCond + syntax("b", "in b"));
  EXPECT_EQ(condition_error("a in (b,c,)"), kCond + syntax(")", ",)"));
  EXPECT_EQ(condition_error("a > between"), kCond + syntax("between", "> between"));
  EXPECT_EQ(condition_error("a = b c"), kCond + syntax("c", "b c"));
  EXPECT_EQ(condition_error("a = b AND"), kCond + syntax("<EOF>", "AND"));
  EXPECT_EQ(condition_error("a between b c"), kCond + syntax("c", "b c"));
  EXPECT_EQ(condition_error("a = b + c"), kCond + syntax("+", "b + c"));
}

TEST(ExprSyntax, PathErrors) {
  EXPECT_EQ(condition_error("attribute_exists(a..b)"), kCond + syntax(".", "..b"));
  EXPECT_EQ(condition_error("attribute_exists(a[b])"), kCond + syntax("b", "[b]"));
  EXPECT_EQ(condition_error("attribute_exists(a[-1])"), kCond + syntax("-", "[-1"));
  EXPECT_EQ(condition_error("b[:a] > a"), kCond + syntax(":a", "[:a]"));
  EXPECT_EQ(condition_error("a[4.5] > b"), kCond + syntax(".", "4.5"));
  EXPECT_EQ(condition_error("size(a).b > a"), kCond + syntax(".", ").b"));
  EXPECT_EQ(condition_error("(size(a))[0] > a"), kCond + syntax("[", ")[0"));
  EXPECT_EQ(condition_error("a.and = b"), kCond + syntax("and", ".and ="));
}

TEST(ExprSyntax, FunctionsNeedAnArgument) {
  EXPECT_EQ(condition_error("contains()"), kCond + syntax(")", "()"));
  EXPECT_EQ(condition_error("()"), kCond + syntax(")", "()"));
}

TEST(ExprSyntax, LeadingZeroSplitsAListIndex) {
  EXPECT_EQ(condition_error("a[01] = b"), kCond + syntax("1", "01]"));
}

TEST(ExprSyntax, KeywordsAreCaseInsensitiveTokens) {
  EXPECT_EQ(condition_error("a = :v AnD b = :v oR NOT c = :v", R"({"ExpressionAttributeValues": {":v": {"S": "x"}}})"),
            "<no error>");
  EXPECT_EQ(condition_error("set = :v"), kCond + syntax("set", "set ="));
  EXPECT_EQ(update_error("SET a = delete"), kUpdate + syntax("delete", "= delete"));
}

TEST(ExprSyntax, ProjectionsTakeNoParentheses) {
  EXPECT_EQ(projection_error("(a)"), kProjection + syntax("(", "(a"));
  EXPECT_EQ(projection_error("a, "), kProjection + syntax("<EOF>", ", "));
  EXPECT_EQ(projection_error("a b"), kProjection + syntax("b", "a b"));
}

TEST(ExprSyntax, DeepNestingStaysBounded) {
  // Unclosed groups end in a syntax error at the end, however deep.
  EXPECT_EQ(condition_error(std::string(2000, '(') + "a"), kCond + syntax("<EOF>", "a"));
  // Closed, directly nested groups are redundant.
  EXPECT_EQ(condition_error(std::string(1500, '(') + "a" + std::string(1500, ')') + " = b"),
            kCond + "The expression has redundant parentheses;");
  EXPECT_EQ(update_error("SET x = " + std::string(1900, '(') + "b + c" + std::string(1900, ')')),
            kUpdate + "The expression has redundant parentheses;");
  // The deepest nesting that is not redundant fits, and is only stopped by the operator limit.
  std::string nots;
  for (int i = 0; i < 800; ++i) nots += "NOT(";
  EXPECT_EQ(condition_error(nots + "a = a" + std::string(800, ')')),
            kCond + "The first operand must be distinct from the remaining operands for this operator or function; "
                    "operator: =, first operand: [a]");
  EXPECT_EQ(condition_error(nots + "a = c" + std::string(800, ')')),
            kCond + "The expression contains too many operators; operator count: 301");
}

// ---- redundant parentheses ----

TEST(ExprParens, DoubleParenthesesAreRedundant) {
  const std::string redundant = "The expression has redundant parentheses;";
  EXPECT_EQ(filter_error("a=a and a > ((views))"), kFilter + redundant);
  EXPECT_EQ(filter_error("a=a AND ((a=a AND a=a)) AND a=a"), kFilter + redundant);
  EXPECT_EQ(filter_error("a=a OR ((a=a OR (a=a OR a=a)))"), kFilter + redundant);
  EXPECT_EQ(filter_error("((a = b))"), kFilter + redundant);
  EXPECT_EQ(update_error("SET a = ((b))"), kUpdate + redundant);
  EXPECT_EQ(update_error("SET a = ((b + c))"), kUpdate + redundant);
}

TEST(ExprParens, RedundancyWinsOverLaterSyntaxErrorsAndFunctionNames) {
  const std::string redundant = "The expression has redundant parentheses;";
  EXPECT_EQ(filter_error("(a)between(((b.c)).d)and(c)"), kFilter + redundant);
  EXPECT_EQ(filter_error("a > whatever((:things), ((a)))"), kFilter + redundant);
}

TEST(ExprParens, SingleParenthesesAreFine) {
  const char* values = R"({"ExpressionAttributeValues": {":v": {"N": "1"}}})";
  EXPECT_EQ(condition_error("((a = :v) OR (b = :v))", values), "<no error>");
  EXPECT_EQ(condition_error("(a) = (:v)", values), "<no error>");
  EXPECT_EQ(condition_error("(attribute_exists(a))", values), "<no error>") << "value still unused, not an error";
  EXPECT_EQ(condition_error("(size(a)) > :v", values), "<no error>");
  EXPECT_EQ(update_error("SET b = ((c) + (:v))", values), "<no error>");
  EXPECT_EQ(update_error("SET b = (c + :v)", values), "<no error>");
}

// ---- pass 2: functions, reserved words, list indexes, sections ----

TEST(ExprFunctions, UnknownFunctionNamesAreCaseSensitive) {
  EXPECT_EQ(filter_error("a=a and whatever((:things)) > a"), kFilter + "Invalid function name; function: whatever");
  EXPECT_EQ(filter_error("attRIbute_exIsts((views), #a)"), kFilter + "Invalid function name; function: attRIbute_exIsts");
}

TEST(ExprFunctions, ConditionFunctionsUsedAsOperandsAreMisused) {
  const std::string misused = "The function is not allowed to be used this way in an expression; function: ";
  EXPECT_EQ(filter_error("a=a and attribute_exists((views), (#a)) > b"), kFilter + misused + "attribute_exists");
  EXPECT_EQ(filter_error("begins_with(things, a) > b"), kFilter + misused + "begins_with");
  EXPECT_EQ(filter_error("size(contains(a, b)) > a"), kFilter + misused + "contains");
  EXPECT_EQ(filter_error("a between b and attribute_exists(things)"), kFilter + misused + "attribute_exists");
  EXPECT_EQ(filter_error("a in (b, attribute_exists(things))"), kFilter + misused + "attribute_exists");
}

TEST(ExprFunctions, SizeAloneIsNotACondition) {
  EXPECT_EQ(filter_error("size(things)"),
            kFilter + "The function is not allowed to be used this way in an expression; function: size");
  EXPECT_EQ(filter_error("NOT size(things)"),
            kFilter + "The function is not allowed to be used this way in an expression; function: size");
}

TEST(ExprFunctions, UpdateFunctionsAreNotConditions) {
  EXPECT_EQ(condition_error("a < if_not_exists(c, d)"),
            kCond + "The function is not allowed in a condition expression; function: if_not_exists");
  EXPECT_EQ(condition_error("list_append(a, b)"),
            kCond + "The function is not allowed in a condition expression; function: list_append");
}

TEST(ExprFunctions, ConditionFunctionsAreNotUpdateValues) {
  EXPECT_EQ(update_error("SET a = size(b)"), kUpdate + "The function is not allowed in an update expression; function: size");
  EXPECT_EQ(update_error("SET a = contains(b, c)"),
            kUpdate + "The function is not allowed in an update expression; function: contains");
}

TEST(ExprFunctions, OnlyIfNotExistsNestsInUpdates) {
  EXPECT_EQ(update_error("SET a = list_append(a, b) + c"),
            kUpdate + "The function is not allowed to be used this way in an expression; function: list_append");
  EXPECT_EQ(update_error("SET a = if_not_exists(b, list_append(c, d))"),
            kUpdate + "The function is not allowed to be used this way in an expression; function: list_append");
  EXPECT_EQ(update_error("SET a = if_not_exists(b, c) + d"), "<no error>");
  EXPECT_EQ(update_error("SET a = list_append(if_not_exists(b, c), d)"), "<no error>");
}

TEST(ExprReserved, RawReservedWordsAreRejectedWithTheirSpelling) {
  EXPECT_EQ(condition_error("status = :v"), kCond + "Attribute name is a reserved keyword; reserved keyword: status");
  EXPECT_EQ(filter_error(":a < abOrT"), kFilter + "Attribute name is a reserved keyword; reserved keyword: abOrT");
  EXPECT_EQ(update_error(" remove Absolute "), kUpdate + "Attribute name is a reserved keyword; reserved keyword: Absolute");
  EXPECT_EQ(projection_error("a.b.Comment"), kProjection + "Attribute name is a reserved keyword; reserved keyword: Comment");
}

TEST(ExprReserved, NamePlaceholdersAndFunctionNamesAreNotChecked) {
  EXPECT_EQ(condition_error("#s = :v", R"({"ExpressionAttributeNames": {"#s": "status"},
                                           "ExpressionAttributeValues": {":v": {"S": "x"}}})"),
            "<no error>");
}

TEST(ExprReserved, ReservedWordBeatsPlaceholderErrors) {
  EXPECT_EQ(filter_error("attribute_exists(views, #a)"), kFilter + "Attribute name is a reserved keyword; reserved keyword: views");
  EXPECT_EQ(update_error(" set #c = :c set abOrt = true "),
            kUpdate + "Attribute name is a reserved keyword; reserved keyword: abOrt");
}

TEST(ExprReserved, ListHasTheDocumentedWords) {
  EXPECT_EQ(reserved_words().size(), 573u);
  for (const char* w : {"ABORT", "ZONE", "STATUS", "NAME", "DATA", "COUNT", "VALUE", "TIMESTAMP", "TTL", "YEAR"})
    EXPECT_TRUE(is_reserved_word(w)) << w;
  EXPECT_TRUE(is_reserved_word("status"));
  EXPECT_TRUE(is_reserved_word("sTaTuS"));
  for (const char* w : {"REMOVE", "pk", "sk", "title", "price", "statuses", ""}) EXPECT_FALSE(is_reserved_word(w)) << w;
  EXPECT_TRUE(std::is_sorted(reserved_words().begin(), reserved_words().end()));
}

TEST(ExprIndexes, ListIndexMustFitAnInt) {
  EXPECT_EQ(condition_error("a[2147483648] = b"),
            kCond + "List index is not within the allowable range; index: [2147483648]");
  EXPECT_EQ(condition_error("a[99999999999] = b"),
            kCond + "List index is not within the allowable range; index: [99999999999]");
  EXPECT_EQ(condition_error("attribute_exists(a[2147483647])"), "<no error>");
}

TEST(ExprSections, EachSectionOnce) {
  const char* request = R"({"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"S": "a"}},
                           "ExpressionAttributeNames": {"#a": "a", "#b": "b"}})";
  EXPECT_EQ(update_error("set a = #c set c = :d", request),
            kUpdate + "The \"SET\" section can only be used once in an update expression;");
  EXPECT_EQ(update_error("remove #d set a = b remove e", request),
            kUpdate + "The \"REMOVE\" section can only be used once in an update expression;");
  EXPECT_EQ(update_error("add #d :e set a = b add e :f", request),
            kUpdate + "The \"ADD\" section can only be used once in an update expression;");
  EXPECT_EQ(update_error("delete #d :e set a = b delete #e :f", request),
            kUpdate + "The \"DELETE\" section can only be used once in an update expression;");
}

TEST(ExprSections, FunctionNameBeatsRepeatedSection) {
  EXPECT_EQ(update_error("set #c = if_not_exist(:c) set c = d"), kUpdate + "Invalid function name; function: if_not_exist");
}

TEST(ExprSections, SectionsInAnyOrderAndCase) {
  const char* request = R"({"ExpressionAttributeValues": {":c": {"SS": ["a"]}, ":d": {"N": "5"}, ":f": {"L": []}}})";
  EXPECT_EQ(update_error("remove b DELETE c :c add d :d SeT f = :f", request), "<no error>");
}

// ---- pass 3: placeholders and operators ----

TEST(ExprPlaceholders, UndefinedNamesAndValues) {
  EXPECT_EQ(filter_error("attribute_exists(#Pictures.RearView, :a) and a=a"),
            kFilter + "An expression attribute name used in the document path is not defined; attribute name: #Pictures");
  EXPECT_EQ(filter_error("#_ > a"),
            kFilter + "An expression attribute name used in the document path is not defined; attribute name: #_");
  EXPECT_EQ(filter_error(":a < :b"),
            kFilter + "An expression attribute value used in expression is not defined; attribute value: :a");
  EXPECT_EQ(condition_error("a = :v"),
            kCond + "An expression attribute value used in expression is not defined; attribute value: :v");
  EXPECT_EQ(condition_error("#n = :v", R"({"ExpressionAttributeValues": {":v": {"S": "x"}}})"),
            kCond + "An expression attribute name used in the document path is not defined; attribute name: #n");
}

TEST(ExprPlaceholders, FirstUndefinedInWrittenOrderWins) {
  EXPECT_EQ(filter_error("(#P between :lo and :hi) and (#PC in (:cat1, :cat2))"),
            kFilter + "An expression attribute name used in the document path is not defined; attribute name: #P");
  EXPECT_EQ(filter_error("begins_with(:hello, #a, #b)"),
            kFilter + "An expression attribute value used in expression is not defined; attribute value: :hello");
}

TEST(ExprPlaceholders, ValueAfterDotIsResolvedLikeAName) {
  EXPECT_EQ(condition_error("a.:x = b"),
            kCond + "An expression attribute name used in the document path is not defined; attribute name: :x");
}

TEST(ExprOperators, OperandCounts) {
  const std::string count = "Incorrect number of operands for operator or function; operator or function: ";
  EXPECT_EQ(filter_error("attribute_exists(things, a) and a=a"), kFilter + count + "attribute_exists, number of operands: 2");
  EXPECT_EQ(filter_error("attribute_type(things)"), kFilter + count + "attribute_type, number of operands: 1");
  EXPECT_EQ(filter_error("begins_with(things, size(a), b)"), kFilter + count + "begins_with, number of operands: 3");
  EXPECT_EQ(filter_error("contains(things)"), kFilter + count + "contains, number of operands: 1");
  EXPECT_EQ(filter_error("size(things, a) > b"), kFilter + count + "size, number of operands: 2");
  EXPECT_EQ(update_error("set a = if_not_exists(c)"), kUpdate + count + "if_not_exists, number of operands: 1");
  EXPECT_EQ(update_error("set a = list_append(c)"), kUpdate + count + "list_append, number of operands: 1");
}

TEST(ExprOperators, OperandTypesOfValues) {
  const std::string type = "Incorrect operand type for operator or function; operator or function: ";
  auto with = [](const char* v) { return std::string(R"({"ExpressionAttributeValues": {":a": )") + v + "}}"; };
  EXPECT_EQ(filter_error("attribute_type(a, :a)", with(R"({"N": "1"})").c_str()), kFilter + type + "attribute_type, operand type: N");
  EXPECT_EQ(filter_error("attribute_type(a, :a)", with(R"({"SS": ["1"]})").c_str()), kFilter + type + "attribute_type, operand type: SS");
  EXPECT_EQ(filter_error("begins_with(a, :a)", with(R"({"N": "1"})").c_str()), kFilter + type + "begins_with, operand type: N");
  EXPECT_EQ(filter_error("begins_with(:a, a)", with(R"({"BOOL": true})").c_str()), kFilter + type + "begins_with, operand type: BOOL");
  EXPECT_EQ(filter_error("size(:a) > a", with(R"({"NULL": true})").c_str()), kFilter + type + "size, operand type: NULL");
  EXPECT_EQ(filter_error("a < :a", with(R"({"BOOL": true})").c_str()), kFilter + type + "<, operand type: BOOL");
  EXPECT_EQ(filter_error("a between :a and b", with(R"({"M": {}})").c_str()), kFilter + type + "BETWEEN, operand type: M");
  EXPECT_EQ(filter_error("a = :a", with(R"({"M": {}})").c_str()), "<no error>");
}

TEST(ExprOperators, OperandTypesOfFunctionResults) {
  const std::string type = "Incorrect operand type for operator or function; operator or function: ";
  const char* v = R"({"ExpressionAttributeValues": {":a": {"N": "1"}}})";
  EXPECT_EQ(filter_error("attribute_type(a, size(a)) and a=a and a=:a", v), kFilter + type + "attribute_type, operand type: N");
  EXPECT_EQ(filter_error("begins_with(a, size(a)) and a=:a", v), kFilter + type + "begins_with, operand type: N");
  EXPECT_EQ(filter_error("size(size(a)) > :a", v), kFilter + type + "size, operand type: N");
  EXPECT_EQ(filter_error("attribute_not_exists(size(:a))", v), kFilter + type + "size, operand type: N");
}

TEST(ExprOperators, AttributeTypeNeedsAValidTypeName) {
  EXPECT_EQ(filter_error("attribute_type(a, :a)", R"({"ExpressionAttributeValues": {":a": {"S": "1"}}})"),
            kFilter + "Invalid attribute type name found; type: 1, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
  EXPECT_EQ(filter_error("attribute_type(a, :a)", R"({"ExpressionAttributeValues": {":a": {"S": "NULL"}}})"), "<no error>");
  EXPECT_EQ(filter_error("attribute_type(a, b)"),
            kFilter + "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                      "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,DOUBLE}");
}

TEST(ExprOperators, FunctionsThatNeedAPath) {
  const char* v = R"({"ExpressionAttributeValues": {":a": {"S": "1"}}})";
  EXPECT_EQ(filter_error("attribute_exists(:a) and a=a", v),
            kFilter + "Operator or function requires a document path; operator or function: attribute_exists");
  EXPECT_EQ(update_error("set a = if_not_exists(:a, c)", v),
            kUpdate + "Operator or function requires a document path; operator or function: if_not_exists");
  EXPECT_EQ(update_error("set a = if_not_exists(if_not_exists(a, b), c)"),
            kUpdate + "Operator or function requires a document path; operator or function: if_not_exists");
}

TEST(ExprOperators, RepeatedFirstOperand) {
  const char* names = R"({"ExpressionAttributeNames": {"#a": "a"}})";
  const std::string distinct = "The first operand must be distinct from the remaining operands for this operator or function; ";
  EXPECT_EQ(filter_error("a = a AND #a = b AND :views > a", names), kFilter + distinct + "operator: =, first operand: [a]");
  EXPECT_EQ(filter_error("#a <> a", names), kFilter + distinct + "operator: <>, first operand: [a]");
  EXPECT_EQ(filter_error("contains(ab.bc[1].a, ab.bc[1].#a)", names),
            kFilter + distinct + "operator: contains, first operand: [ab, bc, [1], a]");
  EXPECT_EQ(filter_error("a in (b, #a)", names), kFilter + distinct + "operator: IN, first operand: [a]");
  EXPECT_EQ(filter_error("a between b and #a", names), kFilter + distinct + "operator: BETWEEN, first operand: [a]");
}

TEST(ExprOperators, BetweenBoundsOfValues) {
  EXPECT_EQ(condition_error("a between :b and :a", R"({"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"N": "1"}}})"),
            kCond + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                    "AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}");
  EXPECT_EQ(condition_error("a between :b and :a", R"({"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"S": "b"}}})"),
            kCond + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                    "operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}");
  EXPECT_EQ(condition_error("a between :b and :a", R"({"ExpressionAttributeValues": {":a": {"N": "10"}, ":b": {"N": "9.5"}}})"),
            "<no error>");
  EXPECT_EQ(condition_error("a between :b and :a", R"({"ExpressionAttributeValues": {":a": {"N": "-10"}, ":b": {"N": "9"}}})"),
            kCond + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                    "operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:-10}");
  EXPECT_EQ(condition_error("a between :b and :a", R"({"ExpressionAttributeValues": {":a": {"B": "AA=="}, ":b": {"B": "AQ=="}}})"),
            kCond + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                    "operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}, upper bound operand: "
                    "AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}");
}

std::string in_list(int n) {
  std::string text = "a IN (";
  for (int i = 0; i < n; ++i) text += (i ? ", :v" : ":v");
  return text + ")";
}

TEST(ExprOperators, InTakesAtMostAHundredOperands) {
  const char* v = R"({"ExpressionAttributeValues": {":v": {"S": "x"}}})";
  EXPECT_EQ(condition_error(in_list(100), v), "<no error>");
  EXPECT_EQ(condition_error(in_list(101), v), kCond + "The IN operator is provided with too many operands; number of operands: 101");
}

TEST(ExprOperators, AtMostThreeHundredOperators) {
  const char* v = R"({"ExpressionAttributeValues": {":v": {"S": "x"}}})";
  auto chain = [](int comparisons) {
    std::string text;
    for (int i = 0; i < comparisons; ++i) text += (i ? " OR a = :v" : "a = :v");
    return text;
  };
  EXPECT_EQ(condition_error(chain(150), v), "<no error>");  // 150 '=' + 149 OR
  EXPECT_EQ(condition_error(chain(151), v), kCond + "The expression contains too many operators; operator count: 301");
}

TEST(ExprOperators, PathDepthAtMostThirtyTwo) {
  std::string deep = "a";
  for (int i = 1; i < 32; ++i) deep += ".b";
  EXPECT_EQ(condition_error("attribute_exists(" + deep + ")"), "<no error>");
  EXPECT_EQ(condition_error("attribute_exists(" + deep + "[0])"),
            kCond + "The document path has too many nesting levels; nesting levels: 33");
}

// ---- attributes ----

TEST(ExprAttributes, EmptyMapsAreRejected) {
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeNames": {}})"); }),
            "ValidationException: ExpressionAttributeNames must not be empty");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeValues": {}})"); }),
            "ValidationException: ExpressionAttributeValues must not be empty");
}

TEST(ExprAttributes, KeysMustBePlaceholders) {
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeNames": {"a": "a"}})"); }),
            "ValidationException: ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeNames": {"#": "a"}})"); }),
            "ValidationException: ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeValues": {":b": {"S": "a"}, "b": {"S": "a"}}})"); }),
            "ValidationException: ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeValues": {":a-b": {"S": "a"}}})"); }),
            "ValidationException: ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
}

TEST(ExprAttributes, KeysAreLimitedInLength) {
  json names = {{"ExpressionAttributeNames", {{"#" + std::string(255, 'a'), "x"}}}};
  EXPECT_EQ(error_of([&] { parse_attributes(names); }),
            "ValidationException: ExpressionAttributeNames contains invalid key: The expression attribute map contains a "
            "key that is too long; size of key: 256");
  json values = {{"ExpressionAttributeValues", {{":" + std::string(255, 'a'), {{"S", "x"}}}}}};
  EXPECT_EQ(error_of([&] { parse_attributes(values); }),
            "ValidationException: ExpressionAttributeValues contains invalid key: The expression attribute map contains a "
            "key that is too long;");
}

TEST(ExprAttributes, BadValuesNameTheirKey) {
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeValues": {":b": {}}})"); }),
            "ValidationException: ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must "
            "contain exactly one of the supported datatypes for key :b");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeValues": {":b": {"S": "a", "N": "1"}}})"); }),
            "ValidationException: ExpressionAttributeValues contains invalid value: Supplied AttributeValue has more than one "
            "datatypes set, must contain exactly one of the supported datatypes for key :b");
  EXPECT_EQ(error_of([] { attrs_of(R"({"ExpressionAttributeNames": {"#a": ""}})"); }),
            "ValidationException: ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
}

TEST(ExprAttributes, PresenceIsRecorded) {
  Attributes a = attrs_of(R"({"ExpressionAttributeNames": {"#a": "x"}, "ExpressionAttributeValues": {":v": {"N": "01.50"}}})");
  EXPECT_TRUE(a.has_names);
  EXPECT_TRUE(a.has_values);
  EXPECT_EQ(a.names.at("#a"), "x");
  EXPECT_EQ(a.values.at(":v")->scalar, "1.5");
  Attributes none = attrs_of(R"({"TableName": "t"})");
  EXPECT_FALSE(none.has_names);
  EXPECT_FALSE(none.has_values);
}

TEST(ExprAttributes, ValuesCanBeIgnored) {
  // GetItem has no ExpressionAttributeValues member: DynamoDB ignores it, even a malformed one.
  Attributes a = parse_attributes(json::parse(R"({"ExpressionAttributeNames": {"#a": "x"},
                                                  "ExpressionAttributeValues": {"bad": {"N": "x"}}})"),
                                  false);
  EXPECT_TRUE(a.has_names);
  EXPECT_FALSE(a.has_values);
  EXPECT_TRUE(a.values.empty());
}

TEST(ExprAttributes, UnusedNamesAreReportedBeforeValues) {
  Attributes a = attrs_of(R"({"ExpressionAttributeNames": {"#a": "a", "#b": "b"},
                              "ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"S": "a"}, ":c": {"S": "a"}}})");
  compile_update("remove a set b = list_append(b, if_not_exists(a, :a))", a);
  compile_condition("a = :b", a, "ConditionExpression");
  EXPECT_EQ(error_of([&] { check_unused(a); }),
            "ValidationException: Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
  a.used_names = {"#a", "#b"};
  EXPECT_EQ(error_of([&] { check_unused(a); }),
            "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}");
  a.used_values.insert(":c");
  EXPECT_EQ(error_of([&] { check_unused(a); }), "<no error>");
}

TEST(ExprAttributes, UnusedKeysFollowJavaHashOrder) {
  Attributes a = attrs_of(R"({"ExpressionAttributeValues": {":j": {"S": "a"}, ":a": {"S": "a"}, ":c": {"S": "a"}}})");
  // In a 16-bucket table ":j" (hash 1904) lands in bucket 0, ":a" (1895) in 7, ":c" (1897) in 9.
  EXPECT_EQ(error_of([&] { check_unused(a); }),
            "ValidationException: Value provided in ExpressionAttributeValues unused in expressions: keys: {:j, :a, :c}");
}

// ---- priorities between passes ----

TEST(ExprPriority, SyntaxBeforeEverything) {
  EXPECT_EQ(condition_error("status = :undefined AND"), kCond + syntax("<EOF>", "AND"));
}

TEST(ExprPriority, FunctionChecksBeforeReservedWordsInWrittenOrder) {
  EXPECT_EQ(condition_error("status = :v AND nope(a)"), kCond + "Attribute name is a reserved keyword; reserved keyword: status");
  EXPECT_EQ(condition_error("nope(a) AND status = :v"), kCond + "Invalid function name; function: nope");
}

TEST(ExprPriority, PassTwoBeforePlaceholders) {
  EXPECT_EQ(condition_error("#undefined = :v AND status = :w"),
            kCond + "Attribute name is a reserved keyword; reserved keyword: status");
}

TEST(ExprPriority, UpdateChecksTargetsLastToFirstBeforeValues) {
  // The last action's undefined #name is found before the first action's undefined :value.
  EXPECT_EQ(update_error("SET a = :x, #b = c"),
            kUpdate + "An expression attribute name used in the document path is not defined; attribute name: #b");
  // Values are checked last to first too.
  EXPECT_EQ(update_error("SET a = :x, b = :y"),
            kUpdate + "An expression attribute value used in expression is not defined; attribute value: :y");
}

TEST(ExprPriority, OverlapBeforeValueTypes) {
  EXPECT_EQ(update_error("set b = list_append(:a, a), c = if_not_exists(a) add a.b :a",
                         R"({"ExpressionAttributeValues": {":a": {"S": "a"}}})"),
            kUpdate + "Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: "
                      "ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("set d[1] = a, d.b = a, c[1].a = a, c = if_not_exists(a)"),
            kUpdate + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                      "[c, [1], a], path two: [c]");
}

// ---- update paths ----

TEST(ExprUpdatePaths, Overlaps) {
  const char* names = R"({"ExpressionAttributeNames": {"#c": "c", "#d": "[3]"}})";
  const std::string overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
  EXPECT_EQ(update_error("set c.b.#c = a, c = a, #d = a", names), kUpdate + overlap + "path one: [c, b, c], path two: [c]");
  EXPECT_EQ(update_error("set a = b remove a, #c, #d", names), kUpdate + overlap + "path one: [a], path two: [a]");
  EXPECT_EQ(update_error("set #c[3].#d = a, #c[3] = a", names), kUpdate + overlap + "path one: [c, [3], [3]], path two: [c, [3]]");
  EXPECT_EQ(update_error("remove c, #c.a, #d", names), kUpdate + overlap + "path one: [c], path two: [c, a]");
  EXPECT_EQ(update_error("remove a, #c, a, #d", names), kUpdate + overlap + "path one: [a], path two: [a]");
}

TEST(ExprUpdatePaths, Conflicts) {
  const char* names = R"({"ExpressionAttributeNames": {"#c": "c", "#d": "[3]"}})";
  const std::string conflict = "Two document paths conflict with each other; must remove or rewrite one of these paths; ";
  EXPECT_EQ(update_error("set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", names),
            kUpdate + conflict + "path one: [c, [3], [3]], path two: [c, [3], [3]]");
  EXPECT_EQ(update_error("remove a.#c set a[1] = #d", names), kUpdate + conflict + "path one: [a, c], path two: [a, [1]]");
}

TEST(ExprUpdatePaths, SiblingsDoNotClash) {
  EXPECT_EQ(update_error("SET a.b = c, a.c = d, l[0] = c, l[2] = d REMOVE a.e, l[1]"), "<no error>");
}

TEST(ExprUpdateValues, AddAndDeleteOperandTypes) {
  auto with = [](const char* v) { return std::string(R"({"ExpressionAttributeValues": {":a": )") + v + "}}"; };
  const std::string add = "Incorrect operand type for operator or function; operator: ADD, operand type: ";
  const std::string del = "Incorrect operand type for operator or function; operator: DELETE, operand type: ";
  EXPECT_EQ(update_error("add a.b :a", with(R"({"NULL": true})").c_str()), kUpdate + add + "NULL, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("add a.b :a", with(R"({"BOOL": false})").c_str()), kUpdate + add + "BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("add a.b :a", with(R"({"B": "YQ=="})").c_str()), kUpdate + add + "BINARY, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("add a.b :a", with(R"({"M": {}})").c_str()), kUpdate + add + "MAP, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("add a.b :a", with(R"({"L": []})").c_str()), kUpdate + add + "LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(update_error("delete a.b :a", with(R"({"S": "a"})").c_str()), kUpdate + del + "STRING, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  EXPECT_EQ(update_error("delete a.b :a", with(R"({"N": "1"})").c_str()), kUpdate + del + "NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  EXPECT_EQ(update_error("add a :a", with(R"({"N": "1"})").c_str()), "<no error>");
  EXPECT_EQ(update_error("add a :a", with(R"({"BS": ["YQ=="]})").c_str()), "<no error>");
  EXPECT_EQ(update_error("delete a :a", with(R"({"NS": ["1"]})").c_str()), "<no error>");
}

TEST(ExprUpdateValues, ArithmeticAndListAppendTypes) {
  const char* values = R"({"ExpressionAttributeValues": {":a": {"S": "a"}, ":b": {"N": "1"}, ":c": {"B": "YQ=="},
                          ":i": {"M": {}}, ":j": {"L": []}}})";
  const std::string type = "Incorrect operand type for operator or function; operator or function: ";
  EXPECT_EQ(update_error("set a = list_append(:a, a)", values), kUpdate + type + "list_append, operand type: S");
  EXPECT_EQ(update_error("set a = list_append(a, :b)", values), kUpdate + type + "list_append, operand type: N");
  EXPECT_EQ(update_error("set a = list_append(:i, a)", values), kUpdate + type + "list_append, operand type: M");
  EXPECT_EQ(update_error("set a = a + :a", values), kUpdate + type + "+, operand type: S");
  EXPECT_EQ(update_error("set a = :c + a", values), kUpdate + type + "+, operand type: B");
  EXPECT_EQ(update_error("set a = a - :j", values), kUpdate + type + "-, operand type: L");
}

// ---- projections ----

TEST(ExprProjection, DuplicatesAndOverlaps) {
  const std::string overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
  EXPECT_EQ(projection_error("a, b, a"), kProjection + overlap + "path one: [a], path two: [a]");
  // Paths are merged last to first, so the earlier-written path is "path one".
  EXPECT_EQ(projection_error("a.b, a"), kProjection + overlap + "path one: [a, b], path two: [a]");
  EXPECT_EQ(projection_error("a, a.b"), kProjection + overlap + "path one: [a], path two: [a, b]");
  EXPECT_EQ(projection_error("a[0], a.b"),
            kProjection + "Two document paths conflict with each other; must remove or rewrite one of these paths; path "
                          "one: [a, [0]], path two: [a, b]");
  EXPECT_EQ(projection_error("a.b, a.c, a[1].d, x"), kProjection +
            "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], "
            "path two: [a, [1], d]");
}

TEST(ExprProjection, NamesResolveAndAreMarkedUsed) {
  Attributes a = attrs_of(R"({"ExpressionAttributeNames": {"#s": "status", "#x": "x"}})");
  Projection p = compile_projection("#s, a.#x[2]", a);
  ASSERT_EQ(p.paths().size(), 2u);
  EXPECT_EQ(path_to_string(p.paths()[0]), "[status]");
  EXPECT_EQ(path_to_string(p.paths()[1]), "[a, x, [2]]");
  EXPECT_EQ(p.top_level_names(), (std::vector<std::string>{"status", "a"}));
  EXPECT_EQ(a.used_names.size(), 2u);
}

TEST(ExprProjection, ValuesAreNotAllowed) {
  EXPECT_EQ(projection_error(":v"), kProjection + syntax(":v", ":v"));
}

}  // namespace
}  // namespace dynarock::expr
