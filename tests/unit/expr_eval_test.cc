// Condition evaluation and projection: DynamoDB's comparison and type rules, the functions,
// precedence, nested paths and what a projection keeps.
#include <gtest/gtest.h>

#include <string>

#include "expr/expression.h"
#include "model/error.h"

namespace dynarock::expr {
namespace {

using nlohmann::json;

model::Item item_of(const char* j) { return model::parse_item(json::parse(j)); }

// The common item most tests read.
const char* kItem = R"({
  "id": {"S": "k1"},
  "n": {"N": "10"},
  "neg": {"N": "-2.5"},
  "s": {"S": "hello"},
  "uni": {"S": "h\u00e9\ud83d\ude00"},
  "b": {"B": "AAEC"},
  "t": {"BOOL": true},
  "f": {"BOOL": false},
  "nul": {"NULL": true},
  "ss": {"SS": ["red", "green"]},
  "ns": {"NS": ["1", "2.5"]},
  "bs": {"BS": ["AQ==", "Ag=="]},
  "l": {"L": [{"S": "x"}, {"N": "7"}, {"M": {"k": {"S": "v"}}}, {"L": [{"N": "1"}]}]},
  "m": {"M": {"a": {"N": "1"}, "b": {"L": [{"S": "q"}, {"S": "r"}]}, "c": {"M": {"d": {"S": "deep"}}}}},
  "dotted.part": {"S": "dot"},
  "blank": {"S": ""}
})";

// Evaluates `text` against `item` with the given ExpressionAttributeValues / Names.
bool eval(const std::string& text, const char* values = "{}", const char* names = nullptr, const char* item = kItem) {
  json request = {{"ExpressionAttributeValues", json::parse(values)}};
  if (std::string(values) == "{}") request.erase("ExpressionAttributeValues");
  if (names) request["ExpressionAttributeNames"] = json::parse(names);
  Attributes attrs = parse_attributes(request);
  return compile_condition(text, attrs, "ConditionExpression").evaluate(item_of(item));
}

// ---- comparisons ----

TEST(ExprEval, NumbersCompareByValue) {
  EXPECT_TRUE(eval("n = :v", R"({":v": {"N": "10.0"}})"));
  EXPECT_TRUE(eval("n = :v", R"({":v": {"N": "1E1"}})"));
  EXPECT_TRUE(eval("n > :v", R"({":v": {"N": "9"}})"));
  EXPECT_TRUE(eval("n < :v", R"({":v": {"N": "100"}})"));
  EXPECT_TRUE(eval("neg < :v", R"({":v": {"N": "-2.4"}})"));
  EXPECT_TRUE(eval("neg > :v", R"({":v": {"N": "-2.51"}})"));
  EXPECT_TRUE(eval("neg <= :v", R"({":v": {"N": "-2.50"}})"));
  EXPECT_FALSE(eval("n >= :v", R"({":v": {"N": "10.000001"}})"));
  EXPECT_TRUE(eval("n >= :v", R"({":v": {"N": "-0"}})"));
}

TEST(ExprEval, NumberOrderingAcrossMagnitudesAndSigns) {
  // Each number is strictly below the next.
  const char* ascending[] = {"-1E+125", "-100", "-99.99", "-1", "-0.01", "-0.001", "0", "1E-130", "0.001", "0.01",
                             "0.1", "1", "1.5", "9.999", "10", "99.99", "100", "12345678901234567890", "1E+125"};
  const size_t n = sizeof ascending / sizeof ascending[0];
  for (size_t i = 0; i + 1 < n; ++i) {
    const std::string values = std::string(R"({":a": {"N": ")") + ascending[i] + R"("}, ":b": {"N": ")" + ascending[i + 1] + R"("}})";
    const model::Item item = item_of((std::string(R"({"x": {"N": ")") + ascending[i] + R"("}})").c_str());
    Attributes a = parse_attributes(json::parse(std::string(R"({"ExpressionAttributeValues": )") + values.substr(0) + "}"));
    EXPECT_TRUE(compile_condition("x < :b", a, "ConditionExpression").evaluate(item)) << ascending[i] << " < " << ascending[i + 1];
    EXPECT_FALSE(compile_condition("x > :b", a, "ConditionExpression").evaluate(item)) << ascending[i];
    EXPECT_TRUE(compile_condition("x = :a", a, "ConditionExpression").evaluate(item)) << ascending[i];
  }
}

TEST(ExprEval, StringsCompareByUtf8Bytes) {
  EXPECT_TRUE(eval("s < :v", R"({":v": {"S": "help"}})"));
  EXPECT_TRUE(eval("s > :v", R"({":v": {"S": "Hello"}})")) << "upper case sorts first";
  EXPECT_TRUE(eval("s < :v", R"({":v": {"S": "\u00e9"}})")) << "C3 A9 is above any ASCII byte";
  EXPECT_TRUE(eval("blank < :v", R"({":v": {"S": "a"}})"));
}

TEST(ExprEval, BinaryComparesUnsignedBytes) {
  EXPECT_TRUE(eval("b < :v", R"({":v": {"B": "gA=="}})")) << "0x00.. < 0x80";
  EXPECT_TRUE(eval("b > :v", R"({":v": {"B": "AAE="}})")) << "a longer value with the same prefix is larger";
  EXPECT_TRUE(eval("b = :v", R"({":v": {"B": "AAEC"}})"));
}

TEST(ExprEval, DifferentTypesAreNeitherEqualNorOrdered) {
  EXPECT_FALSE(eval("n = :v", R"({":v": {"S": "10"}})"));
  EXPECT_TRUE(eval("n <> :v", R"({":v": {"S": "10"}})"));
  EXPECT_FALSE(eval("n < :v", R"({":v": {"S": "99"}})"));
  EXPECT_FALSE(eval("n > :v", R"({":v": {"S": "1"}})"));
  EXPECT_FALSE(eval("NOT n <> :v", R"({":v": {"S": "10"}})"));
}

TEST(ExprEval, MissingAttributes) {
  EXPECT_FALSE(eval("gone = :v", R"({":v": {"S": "x"}})"));
  EXPECT_TRUE(eval("gone <> :v", R"({":v": {"S": "x"}})"));
  EXPECT_FALSE(eval("gone < :v", R"({":v": {"S": "x"}})"));
  EXPECT_FALSE(eval("gone >= :v", R"({":v": {"S": "x"}})"));
  EXPECT_TRUE(eval("gone <> nada"));
  EXPECT_FALSE(eval("gone = nada"));
}

TEST(ExprEval, UnorderedTypesNeverCompare) {
  EXPECT_FALSE(eval("t > f"));
  EXPECT_FALSE(eval("t < f"));
  EXPECT_TRUE(eval("t <> f"));
  EXPECT_FALSE(eval("ss >= ss2"));
}

TEST(ExprEval, EqualityOfDocumentsAndSets) {
  EXPECT_TRUE(eval("ss = :v", R"({":v": {"SS": ["green", "red"]}})")) << "sets ignore order";
  EXPECT_FALSE(eval("ss = :v", R"({":v": {"SS": ["green"]}})"));
  EXPECT_TRUE(eval("ns = :v", R"({":v": {"NS": ["2.50", "01"]}})"));
  EXPECT_TRUE(eval("m.c = :v", R"({":v": {"M": {"d": {"S": "deep"}}}})"));
  EXPECT_TRUE(eval("l[3] = :v", R"({":v": {"L": [{"N": "1.0"}]}})"));
  EXPECT_FALSE(eval("m.b = :v", R"({":v": {"L": [{"S": "r"}, {"S": "q"}]}})")) << "lists keep order";
  EXPECT_TRUE(eval("nul = :v", R"({":v": {"NULL": true}})"));
  EXPECT_TRUE(eval("f = :v", R"({":v": {"BOOL": false}})"));
  EXPECT_FALSE(eval("f = :v", R"({":v": {"BOOL": true}})"));
}

TEST(ExprEval, PathToPathComparisons) {
  EXPECT_TRUE(eval("n > neg"));
  EXPECT_TRUE(eval("m.a < n"));
  EXPECT_TRUE(eval("l[1] < n"));
  EXPECT_FALSE(eval("s = id"));
}

TEST(ExprEval, BetweenIsInclusive) {
  EXPECT_TRUE(eval("n BETWEEN :lo AND :hi", R"({":lo": {"N": "10"}, ":hi": {"N": "10"}})"));
  EXPECT_TRUE(eval("n between :lo and :hi", R"({":lo": {"N": "-1"}, ":hi": {"N": "11"}})"));
  EXPECT_FALSE(eval("n BETWEEN :lo AND :hi", R"({":lo": {"N": "10.5"}, ":hi": {"N": "11"}})"));
  EXPECT_TRUE(eval("s BETWEEN :lo AND :hi", R"({":lo": {"S": "h"}, ":hi": {"S": "i"}})"));
  EXPECT_FALSE(eval("s BETWEEN :lo AND :hi", R"({":lo": {"N": "1"}, ":hi": {"N": "2"}})"));
  EXPECT_FALSE(eval("gone BETWEEN :lo AND :hi", R"({":lo": {"N": "1"}, ":hi": {"N": "2"}})"));
  EXPECT_FALSE(eval("n BETWEEN neg AND gone"));
}

TEST(ExprEval, BetweenWithPathBoundsInWrongOrderIsFalse) {
  EXPECT_FALSE(eval("m.a BETWEEN n AND neg"));
  EXPECT_TRUE(eval("m.a BETWEEN neg AND n"));
}

TEST(ExprEval, InMatchesAnyOperand) {
  EXPECT_TRUE(eval("s IN (:a, :b)", R"({":a": {"S": "x"}, ":b": {"S": "hello"}})"));
  EXPECT_FALSE(eval("s IN (:a, :b)", R"({":a": {"S": "x"}, ":b": {"N": "1"}})"));
  EXPECT_TRUE(eval("n in (:a)", R"({":a": {"N": "10"}})"));
  EXPECT_FALSE(eval("gone IN (:a)", R"({":a": {"N": "10"}})"));
  EXPECT_TRUE(eval("m.a IN (gone, neg, n, l[3][0])"));
}

// ---- logic ----

TEST(ExprEval, AndBindsTighterThanOr) {
  const char* v = R"({":yes": {"S": "hello"}, ":no": {"S": "nope"}})";
  EXPECT_TRUE(eval("s = :yes OR s = :no AND s = :no", v));   // yes OR (no AND no)
  EXPECT_FALSE(eval("(s = :yes OR s = :no) AND s = :no", v));
  EXPECT_TRUE(eval("s = :no AND s = :no OR s = :yes", v));
}

TEST(ExprEval, NotBindsTighterThanAnd) {
  const char* v = R"({":yes": {"S": "hello"}, ":no": {"S": "nope"}})";
  EXPECT_TRUE(eval("NOT s = :no AND s = :yes", v));    // (NOT no) AND yes
  EXPECT_FALSE(eval("NOT (s = :yes AND s = :yes)", v));
  EXPECT_TRUE(eval("NOT s = :yes OR s = :yes", v));    // (NOT yes) OR yes
  EXPECT_TRUE(eval("NOT NOT s = :yes", v));
  EXPECT_FALSE(eval("not attribute_exists(s)"));
}

// ---- functions ----

TEST(ExprEval, AttributeExistence) {
  EXPECT_TRUE(eval("attribute_exists(id)"));
  EXPECT_TRUE(eval("attribute_exists(nul)")) << "NULL is a value";
  EXPECT_TRUE(eval("attribute_exists(m.c.d)"));
  EXPECT_TRUE(eval("attribute_exists(l[3][0])"));
  EXPECT_FALSE(eval("attribute_exists(l[4])"));
  EXPECT_FALSE(eval("attribute_exists(m.a.b)")) << "a number has no members";
  EXPECT_FALSE(eval("attribute_exists(m[0])")) << "a map has no indexes";
  EXPECT_TRUE(eval("attribute_not_exists(m.zz)"));
  EXPECT_FALSE(eval("attribute_not_exists(blank)")) << "an empty string exists";
}

TEST(ExprEval, NoItemMeansNothingExists) {
  EXPECT_TRUE(eval("attribute_not_exists(id)", "{}", nullptr, "{}"));
  EXPECT_FALSE(eval("attribute_exists(id)", "{}", nullptr, "{}"));
  EXPECT_TRUE(eval("id <> :v", R"({":v": {"S": "k1"}})", nullptr, "{}"));
}

TEST(ExprEval, AttributeTypeForEveryType) {
  struct Case {
    const char* path;
    const char* type;
  };
  for (const Case c : {Case{"id", "S"}, Case{"n", "N"}, Case{"b", "B"}, Case{"t", "BOOL"}, Case{"nul", "NULL"},
                       Case{"ss", "SS"}, Case{"ns", "NS"}, Case{"bs", "BS"}, Case{"l", "L"}, Case{"m", "M"}}) {
    const std::string values = std::string(R"({":t": {"S": ")") + c.type + R"("}})";
    EXPECT_TRUE(eval(std::string("attribute_type(") + c.path + ", :t)", values.c_str())) << c.path;
    EXPECT_FALSE(eval(std::string("attribute_type(gone, :t)"), values.c_str()));
  }
  EXPECT_FALSE(eval("attribute_type(n, :t)", R"({":t": {"S": "S"}})"));
}

TEST(ExprEval, BeginsWith) {
  EXPECT_TRUE(eval("begins_with(s, :p)", R"({":p": {"S": "he"}})"));
  EXPECT_TRUE(eval("begins_with(s, :p)", R"({":p": {"S": "hello"}})"));
  EXPECT_FALSE(eval("begins_with(s, :p)", R"({":p": {"S": "hello!"}})"));
  EXPECT_FALSE(eval("begins_with(s, :p)", R"({":p": {"S": "He"}})"));
  EXPECT_TRUE(eval("begins_with(b, :p)", R"({":p": {"B": "AAE="}})"));
  EXPECT_FALSE(eval("begins_with(b, :p)", R"({":p": {"S": "AA"}})"));
  EXPECT_FALSE(eval("begins_with(n, :p)", R"({":p": {"S": "1"}})")) << "numbers have no prefix";
  EXPECT_TRUE(eval("begins_with(m.c.d, :p)", R"({":p": {"S": "de"}})"));
}

TEST(ExprEval, ContainsOnStringsSetsAndLists) {
  EXPECT_TRUE(eval("contains(s, :v)", R"({":v": {"S": "ell"}})"));
  EXPECT_FALSE(eval("contains(s, :v)", R"({":v": {"S": "ELL"}})"));
  EXPECT_TRUE(eval("contains(b, :v)", R"({":v": {"B": "AQI="}})"));
  EXPECT_TRUE(eval("contains(ss, :v)", R"({":v": {"S": "red"}})"));
  EXPECT_FALSE(eval("contains(ss, :v)", R"({":v": {"S": "re"}})")) << "set members match whole";
  EXPECT_TRUE(eval("contains(ns, :v)", R"({":v": {"N": "2.50"}})"));
  EXPECT_FALSE(eval("contains(ns, :v)", R"({":v": {"S": "1"}})"));
  EXPECT_TRUE(eval("contains(bs, :v)", R"({":v": {"B": "Ag=="}})"));
  EXPECT_TRUE(eval("contains(l, :v)", R"({":v": {"N": "7"}})"));
  EXPECT_TRUE(eval("contains(l, :v)", R"({":v": {"M": {"k": {"S": "v"}}}})"));
  EXPECT_FALSE(eval("contains(l, :v)", R"({":v": {"S": "7"}})"));
  EXPECT_FALSE(eval("contains(n, :v)", R"({":v": {"N": "1"}})"));
  EXPECT_FALSE(eval("contains(m, :v)", R"({":v": {"S": "a"}})")) << "maps are not searched";
  EXPECT_TRUE(eval("contains(s, blank)")) << "a path as the operand; every string contains \"\"";
  EXPECT_FALSE(eval("contains(gone, :v)", R"({":v": {"S": "x"}})"));
}

TEST(ExprEval, SizeOfEachType) {
  EXPECT_TRUE(eval("size(s) = :v", R"({":v": {"N": "5"}})"));
  EXPECT_TRUE(eval("size(uni) = :v", R"({":v": {"N": "4"}})")) << "h, e-acute, and a surrogate pair: UTF-16 units";
  EXPECT_TRUE(eval("size(b) = :v", R"({":v": {"N": "3"}})"));
  EXPECT_TRUE(eval("size(ss) = :v", R"({":v": {"N": "2"}})"));
  EXPECT_TRUE(eval("size(bs) = :v", R"({":v": {"N": "2"}})"));
  EXPECT_TRUE(eval("size(l) = :v", R"({":v": {"N": "4"}})"));
  EXPECT_TRUE(eval("size(m) = :v", R"({":v": {"N": "3"}})"));
  EXPECT_TRUE(eval("size(blank) = :v", R"({":v": {"N": "0"}})"));
  EXPECT_TRUE(eval("size(l[3]) < size(m)"));
}

TEST(ExprEval, SizeOfSizelessTypesIsMissing) {
  EXPECT_FALSE(eval("size(n) > :v", R"({":v": {"N": "-1"}})"));
  EXPECT_FALSE(eval("size(t) = :v", R"({":v": {"N": "1"}})"));
  EXPECT_FALSE(eval("size(gone) >= :v", R"({":v": {"N": "0"}})"));
  EXPECT_TRUE(eval("size(n) <> :v", R"({":v": {"N": "2"}})"));
  EXPECT_TRUE(eval("size(s) BETWEEN :a AND :b", R"({":a": {"N": "1"}, ":b": {"N": "5"}})"));
  EXPECT_TRUE(eval("size(s) IN (:a, :b)", R"({":a": {"N": "1"}, ":b": {"N": "5"}})"));
}

// ---- paths and names ----

TEST(ExprEval, NestedPathsThroughMapsAndLists) {
  EXPECT_TRUE(eval("m.b[1] = :v", R"({":v": {"S": "r"}})"));
  EXPECT_TRUE(eval("l[2].k = :v", R"({":v": {"S": "v"}})"));
  EXPECT_TRUE(eval("l[3][0] = :v", R"({":v": {"N": "1"}})"));
  EXPECT_FALSE(eval("m.b[2] = :v", R"({":v": {"S": "r"}})"));
  EXPECT_TRUE(eval("m . b [ 1 ] = :v", R"({":v": {"S": "r"}})")) << "whitespace between path parts";
}

TEST(ExprEval, NamePlaceholdersAreWholeNames) {
  EXPECT_TRUE(eval("#d = :v", R"({":v": {"S": "dot"}})", R"({"#d": "dotted.part"})"));
  EXPECT_FALSE(eval("attribute_exists(dotted.part)")) << "an unquoted dot is a path step";
  EXPECT_TRUE(eval("#m.#c.d = :v", R"({":v": {"S": "deep"}})", R"({"#m": "m", "#c": "c"})"));
  EXPECT_TRUE(eval("#s = :v", R"({":v": {"S": "hello"}})", R"({"#s": "s"})"));
}

TEST(ExprEval, TopLevelNamesInFirstUseOrder) {
  Attributes a = parse_attributes(json::parse(R"({"ExpressionAttributeNames": {"#x": "x"},
                                                  "ExpressionAttributeValues": {":v": {"N": "1"}}})"));
  Condition c = compile_condition("m.a = :v AND (#x < :v OR m.b[0] = :v) AND size(z) > :v", a, "FilterExpression");
  EXPECT_EQ(c.top_level_names(), (std::vector<std::string>{"m", "x", "z"}));
  EXPECT_FALSE(c.empty());
  std::vector<std::string> paths;
  for (const Path& p : c.paths()) paths.push_back(path_to_string(p));
  EXPECT_EQ(paths, (std::vector<std::string>{"[m, a]", "[x]", "[m, b, [0]]", "[z]"}));
  EXPECT_TRUE(Condition().paths().empty());
}

TEST(ExprEval, EmptyConditionIsTrue) {
  Condition c;
  EXPECT_TRUE(c.empty());
  EXPECT_TRUE(c.evaluate(item_of(kItem)));
  EXPECT_TRUE(c.top_level_names().empty());
}

TEST(ExprEval, ConditionsAreCheapCopiesSharingTheProgram) {
  Attributes a = parse_attributes(json::parse(R"({"ExpressionAttributeValues": {":v": {"S": "hello"}}})"));
  Condition c = compile_condition("s = :v", a, "ConditionExpression");
  Condition copy = c;
  EXPECT_TRUE(copy.evaluate(item_of(kItem)));
  EXPECT_FALSE(copy.evaluate(item_of(R"({"s": {"S": "bye"}})")));
}

// ---- projections ----

model::Item project(const char* text, const char* item = kItem, const char* names = nullptr) {
  json request = json::object();
  if (names) request["ExpressionAttributeNames"] = json::parse(names);
  Attributes a = parse_attributes(request);
  return compile_projection(text, a).apply(item_of(item));
}

std::string dump(const model::Item& item) { return model::to_json(item).dump(); }

TEST(ExprProjectionApply, TopLevelAttributes) {
  EXPECT_EQ(dump(project("id, n, gone")), R"({"id":{"S":"k1"},"n":{"N":"10"}})");
}

TEST(ExprProjectionApply, NestedMapKeysStayNested) {
  EXPECT_EQ(dump(project("m.c.d, m.a")), R"({"m":{"M":{"a":{"N":"1"},"c":{"M":{"d":{"S":"deep"}}}}}})");
}

TEST(ExprProjectionApply, ListElementsCompactInIndexOrder) {
  EXPECT_EQ(dump(project("l[3], l[1], l[9]")), R"({"l":{"L":[{"N":"7"},{"L":[{"N":"1"}]}]}})");
  EXPECT_EQ(dump(project("m.b[1]")), R"({"m":{"M":{"b":{"L":[{"S":"r"}]}}}})");
  EXPECT_EQ(dump(project("l[2].k")), R"({"l":{"L":[{"M":{"k":{"S":"v"}}}]}})");
}

TEST(ExprProjectionApply, PathsIntoTheWrongTypeSelectNothing) {
  EXPECT_EQ(dump(project("s.x, n[0], m[0], l.k")), "{}");
  EXPECT_EQ(dump(project("m.zz, m.c.zz")), "{}") << "no empty containers";
}

TEST(ExprProjectionApply, WholeAttributesAndNames) {
  EXPECT_EQ(dump(project("#d, ss", kItem, R"({"#d": "dotted.part"})")), R"({"dotted.part":{"S":"dot"},"ss":{"SS":["red","green"]}})");
  EXPECT_EQ(dump(project("id", "{}")), "{}");
}

TEST(ExprProjectionApply, DefaultProjectionIsEmpty) {
  Projection p;
  EXPECT_TRUE(p.apply(item_of(kItem)).empty());
  EXPECT_TRUE(p.paths().empty());
}

}  // namespace
}  // namespace dynarock::expr
