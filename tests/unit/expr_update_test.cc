// UpdateExpression and AttributeUpdates semantics: SET / REMOVE / ADD / DELETE on top-level and
// nested targets, list index rules, arithmetic, functions, runtime errors and the updated view.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "expr/expression.h"
#include "model/error.h"

namespace dynarock::expr {
namespace {

using nlohmann::json;

model::Item item_of(const char* j) { return model::parse_item(json::parse(j)); }
std::string dump(const model::Item& item) { return model::to_json(item).dump(); }

Update compile(const std::string& text, const char* values = nullptr, const char* names = nullptr) {
  json request = json::object();
  if (values) request["ExpressionAttributeValues"] = json::parse(values);
  if (names) request["ExpressionAttributeNames"] = json::parse(names);
  Attributes a = parse_attributes(request);
  return compile_update(text, a);
}

// Applies `text` to `item` and returns the new item as wire JSON, or the error message.
std::string run(const std::string& text, const char* item, const char* values = nullptr, const char* names = nullptr) {
  try {
    return dump(compile(text, values, names).apply(item_of(item)));
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
}

const std::string kMissing =
    "ValidationException: The provided expression refers to an attribute that does not exist in the item";
const std::string kBadType = "ValidationException: An operand in the update expression has an incorrect data type";
const std::string kBadPath = "ValidationException: The document path provided in the update expression is invalid for update";

// ---- SET ----

TEST(ExprUpdate, SetCreatesTheItemAndAttributes) {
  EXPECT_EQ(run("SET a = :v", "{}", R"({":v": {"S": "x"}})"), R"({"a":{"S":"x"}})");
  EXPECT_EQ(run("SET a = :v, b = :w", R"({"a": {"N": "1"}})", R"({":v": {"S": "x"}, ":w": {"NULL": true}})"),
            R"({"a":{"S":"x"},"b":{"NULL":true}})");
}

TEST(ExprUpdate, SetReadsTheOldItem) {
  EXPECT_EQ(run("SET a = b, b = a", R"({"a": {"N": "1"}, "b": {"N": "2"}})"), R"({"a":{"N":"2"},"b":{"N":"1"}})");
}

TEST(ExprUpdate, SetFromAMissingAttributeFails) {
  EXPECT_EQ(run("SET c = b", R"({"a": {"S": "k"}})"), kMissing);
  EXPECT_EQ(run("SET c = b.x", R"({"b": {"S": "k"}})"), kMissing);
}

TEST(ExprUpdate, SetNestedMapKeys) {
  const char* item = R"({"m": {"M": {"a": {"N": "1"}, "c": {"M": {}}}}})";
  EXPECT_EQ(run("SET m.b = :v, m.c.d = :v", item, R"({":v": {"S": "x"}})"),
            R"({"m":{"M":{"a":{"N":"1"},"b":{"S":"x"},"c":{"M":{"d":{"S":"x"}}}}}})");
}

TEST(ExprUpdate, NestedTargetsNeedTheirContainer) {
  const char* item = R"({"b": {"S": "x"}, "c": {"M": {"1": {"S": "a"}}}, "d": {"L": [{"S": "a"}]}})";
  const char* v = R"({":a": {"SS": ["a"]}})";
  const char* n = R"({"#1": "1"})";
  for (const char* text : {"set b.a = :a", "set b[1] = :a", "set y.a = :a", "set y[1] = :a", "set c[1] = :a",
                           "set d.#1 = :a", "remove b.a", "remove y[1]", "remove c[1]", "remove d.#1", "delete b.a :a",
                           "delete y.a :a", "add c[1] :a", "add d.#1 :a", "set y.a.b = :a", "set d[5].x = :a"}) {
    const bool uses_name = std::string(text).find("#1") != std::string::npos;
    EXPECT_EQ(run(text, item, std::string(text).find(":a") != std::string::npos ? v : nullptr, uses_name ? n : nullptr), kBadPath)
        << text;
  }
  EXPECT_EQ(run("set b.a = :v", "{}", R"({":v": {"S": "x"}})"), kBadPath) << "no item at all";
}

TEST(ExprUpdate, SetListElementsInPlaceAndPastTheEnd) {
  const char* item = R"({"l": {"L": [{"S": "a"}, {"S": "b"}]}})";
  const char* v = R"({":x": {"S": "x"}, ":y": {"S": "y"}, ":z": {"S": "z"}})";
  EXPECT_EQ(run("SET l[1] = :x", item, v), R"({"l":{"L":[{"S":"a"},{"S":"x"}]}})");
  EXPECT_EQ(run("SET l[5] = :x", item, v), R"({"l":{"L":[{"S":"a"},{"S":"b"},{"S":"x"}]}})");
  // Past-the-end targets append in index order, whatever the written order.
  EXPECT_EQ(run("SET l[9] = :x, l[3] = :y, l[0] = :z", item, v),
            R"({"l":{"L":[{"S":"z"},{"S":"b"},{"S":"y"},{"S":"x"}]}})");
}

TEST(ExprUpdate, NestedUpdatesInsideListElements) {
  const char* item = R"({"l": {"L": [{"M": {"k": {"N": "1"}}}, {"L": [{"N": "1"}]}]}})";
  EXPECT_EQ(run("SET l[0].k = l[0].k + :one, l[1][1] = :one", item, R"({":one": {"N": "1"}})"),
            R"({"l":{"L":[{"M":{"k":{"N":"2"}}},{"L":[{"N":"1"},{"N":"1"}]}]}})");
}

TEST(ExprUpdate, ArithmeticOnNumbers) {
  const char* item = R"({"n": {"N": "10"}, "m": {"M": {"x": {"N": "0.5"}}}})";
  EXPECT_EQ(run("SET n = n + :v", item, R"({":v": {"N": "-12.5"}})"), R"({"m":{"M":{"x":{"N":"0.5"}}},"n":{"N":"-2.5"}})");
  EXPECT_EQ(run("SET r = :v - n", item, R"({":v": {"N": "1"}})"), R"({"m":{"M":{"x":{"N":"0.5"}}},"n":{"N":"10"},"r":{"N":"-9"}})");
  EXPECT_EQ(run("SET r = m.x + n", item), R"({"m":{"M":{"x":{"N":"0.5"}}},"n":{"N":"10"},"r":{"N":"10.5"}})");
  EXPECT_EQ(run("SET r = (n - m.x)", item), R"({"m":{"M":{"x":{"N":"0.5"}}},"n":{"N":"10"},"r":{"N":"9.5"}})");
}

TEST(ExprUpdate, ArithmeticErrors) {
  const char* item = R"({"n": {"N": "10"}, "s": {"S": "x"}})";
  EXPECT_EQ(run("SET r = nope + :v", item, R"({":v": {"N": "1"}})"), kMissing);
  EXPECT_EQ(run("SET r = s + :v", item, R"({":v": {"N": "1"}})"), kBadType);
  EXPECT_EQ(run("SET r = s + nope", item), kBadType) << "the first operand's type is checked before the second's presence";
  EXPECT_EQ(run("SET r = nope - s", item), kMissing);
}

TEST(ExprUpdate, ArithmeticKeepsDynamoDBNumberLimits) {
  const std::string max = "9.9999999999999999999999999999999999999E+125";
  const std::string values = R"({":a": {"N": ")" + max + R"("}, ":b": {"N": "1E+125"}})";
  EXPECT_EQ(run("SET r = :a + :b", "{}", values.c_str()),
            "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(run("SET r = :a - :a", "{}", values.c_str()), R"({"r":{"N":"0"}})");
  // A result with more than 38 significant digits cannot be stored exactly: DynamoDB calls that an
  // overflow as well (ScyllaDB's test_update_expression_plus_imprecise, run against AWS).
  EXPECT_EQ(run("SET r = :p + :q", "{}", R"({":p": {"N": "12345678901234567890123456789012345678"}, ":q": {"N": "0.1"}})"),
            "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(run("SET r = :p - :q", "{}", R"({":p": {"N": "1E50"}, ":q": {"N": "1"}})"),
            "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(run("ADD r :q", R"({"r": {"N": "1E50"}})", R"({":q": {"N": "1"}})"),
            "ValidationException: Number overflow. Attempting to store a number with magnitude larger than supported range");
  EXPECT_EQ(run("SET r = :p + :q", "{}", R"({":p": {"N": "1E50"}, ":q": {"N": "1E13"}})"),
            R"({"r":{"N":"100000000000000000000000000000000000010000000000000"}})");
}

TEST(ExprUpdate, ListAppend) {
  const char* item = R"({"l": {"L": [{"N": "1"}]}, "s": {"S": "x"}})";
  const char* v = R"({":l": {"L": [{"N": "2"}, {"S": "y"}]}})";
  EXPECT_EQ(run("SET l = list_append(l, :l)", item, v), R"({"l":{"L":[{"N":"1"},{"N":"2"},{"S":"y"}]},"s":{"S":"x"}})");
  EXPECT_EQ(run("SET l = list_append(:l, l)", item, v), R"({"l":{"L":[{"N":"2"},{"S":"y"},{"N":"1"}]},"s":{"S":"x"}})");
  EXPECT_EQ(run("SET n = list_append(nope, :l)", item, v), kMissing);
  EXPECT_EQ(run("SET n = list_append(s, :l)", item, v), kBadType);
  EXPECT_EQ(run("SET n = list_append(if_not_exists(nope, :l), :l)", item, v),
            R"({"l":{"L":[{"N":"1"}]},"n":{"L":[{"N":"2"},{"S":"y"},{"N":"2"},{"S":"y"}]},"s":{"S":"x"}})");
}

TEST(ExprUpdate, IfNotExists) {
  const char* item = R"({"a": {"N": "1"}})";
  const char* v = R"({":v": {"N": "5"}})";
  EXPECT_EQ(run("SET a = if_not_exists(a, :v)", item, v), R"({"a":{"N":"1"}})");
  EXPECT_EQ(run("SET b = if_not_exists(b, :v)", item, v), R"({"a":{"N":"1"},"b":{"N":"5"}})");
  EXPECT_EQ(run("SET b = if_not_exists(b, a)", item), R"({"a":{"N":"1"},"b":{"N":"1"}})");
  EXPECT_EQ(run("SET c = if_not_exists(c, :v) + :v", item, v), R"({"a":{"N":"1"},"c":{"N":"10"}})");
  // The fallback must exist even when it is not needed.
  EXPECT_EQ(run("SET a = if_not_exists(a, nope)", item), kMissing);
}

// ---- REMOVE ----

TEST(ExprUpdate, RemoveAttributesAndMapKeys) {
  const char* item = R"({"a": {"N": "1"}, "m": {"M": {"x": {"N": "1"}, "y": {"N": "2"}}}})";
  EXPECT_EQ(run("REMOVE a, m.x", item), R"({"m":{"M":{"y":{"N":"2"}}}})");
  EXPECT_EQ(run("REMOVE nope, m.nope", item), R"({"a":{"N":"1"},"m":{"M":{"x":{"N":"1"},"y":{"N":"2"}}}})");
  EXPECT_EQ(run("REMOVE a", "{}"), "{}");
}

TEST(ExprUpdate, RemoveListElementsByOriginalIndex) {
  const char* item = R"({"l": {"L": [{"S": "0"}, {"S": "1"}, {"S": "2"}, {"S": "3"}]}})";
  EXPECT_EQ(run("REMOVE l[1]", item), R"({"l":{"L":[{"S":"0"},{"S":"2"},{"S":"3"}]}})");
  EXPECT_EQ(run("REMOVE l[1], l[2]", item), R"({"l":{"L":[{"S":"0"},{"S":"3"}]}})");
  EXPECT_EQ(run("REMOVE l[9]", item), R"({"l":{"L":[{"S":"0"},{"S":"1"},{"S":"2"},{"S":"3"}]}})");
  EXPECT_EQ(run("SET l[2] = :x REMOVE l[0]", item, R"({":x": {"S": "x"}})"), R"({"l":{"L":[{"S":"1"},{"S":"x"},{"S":"3"}]}})");
  EXPECT_EQ(run("REMOVE l[0], l[1], l[2], l[3]", item), R"({"l":{"L":[]}})");
}

// ---- ADD ----

TEST(ExprUpdate, AddNumbers) {
  const char* v = R"({":v": {"N": "2.5"}})";
  EXPECT_EQ(run("ADD n :v", R"({"n": {"N": "1"}})", v), R"({"n":{"N":"3.5"}})");
  EXPECT_EQ(run("ADD n :v", "{}", v), R"({"n":{"N":"2.5"}})");
  EXPECT_EQ(run("ADD m.n :v", R"({"m": {"M": {}}})", v), R"({"m":{"M":{"n":{"N":"2.5"}}}})");
  EXPECT_EQ(run("ADD l[4] :v", R"({"l": {"L": [{"S": "a"}]}})", v), R"({"l":{"L":[{"S":"a"},{"N":"2.5"}]}})");
}

TEST(ExprUpdate, AddSets) {
  EXPECT_EQ(run("ADD s :v", R"({"s": {"SS": ["a", "b"]}})", R"({":v": {"SS": ["b", "c", "d"]}})"), R"({"s":{"SS":["a","b","c","d"]}})");
  EXPECT_EQ(run("ADD s :v", "{}", R"({":v": {"NS": ["1", "2"]}})"), R"({"s":{"NS":["1","2"]}})");
  EXPECT_EQ(run("ADD s :v", R"({"s": {"NS": ["1"]}})", R"({":v": {"NS": ["1.0", "3"]}})"), R"({"s":{"NS":["1","3"]}})");
  EXPECT_EQ(run("ADD s :v", R"({"s": {"BS": ["AQ=="]}})", R"({":v": {"BS": ["Ag=="]}})"), R"({"s":{"BS":["AQ==","Ag=="]}})");
}

TEST(ExprUpdate, AddTypeMismatches) {
  EXPECT_EQ(run("ADD s :v", R"({"s": {"SS": ["a"]}})", R"({":v": {"NS": ["1"]}})"), kBadType);
  EXPECT_EQ(run("ADD s :v", R"({"s": {"NS": ["1"]}})", R"({":v": {"N": "1"}})"), kBadType);
  EXPECT_EQ(run("ADD s :v", R"({"s": {"M": {}}})", R"({":v": {"NS": ["1"]}})"), kBadType);
  EXPECT_EQ(run("ADD s :v", R"({"s": {"S": "1"}})", R"({":v": {"N": "1"}})"), kBadType);
}

// ---- DELETE ----

TEST(ExprUpdate, DeleteFromSets) {
  EXPECT_EQ(run("DELETE s :v", R"({"s": {"NS": ["1", "2", "3"]}})", R"({":v": {"NS": ["1", "4"]}})"), R"({"s":{"NS":["2","3"]}})");
  EXPECT_EQ(run("DELETE s :v", R"({"s": {"SS": ["a"]}, "t": {"N": "1"}})", R"({":v": {"SS": ["a"]}})"), R"({"t":{"N":"1"}})")
      << "an emptied set disappears";
  EXPECT_EQ(run("DELETE s :v", R"({"t": {"N": "1"}})", R"({":v": {"SS": ["a"]}})"), R"({"t":{"N":"1"}})");
  EXPECT_EQ(run("DELETE m.s :v", R"({"m": {"M": {"s": {"BS": ["AQ==", "Ag=="]}}}})", R"({":v": {"BS": ["AQ=="]}})"),
            R"({"m":{"M":{"s":{"BS":["Ag=="]}}}})");
}

TEST(ExprUpdate, DeleteTypeMismatches) {
  EXPECT_EQ(run("DELETE s :v", R"({"s": {"NS": ["1"]}})", R"({":v": {"SS": ["1"]}})"), kBadType);
  EXPECT_EQ(run("DELETE s :v", R"({"s": {"N": "1"}})", R"({":v": {"NS": ["1"]}})"), kBadType);
}

// ---- combined, views, targets ----

TEST(ExprUpdate, AllSectionsTogetherFollowDynamoDB) {
  // DynamoDB's own example: every value from the old item, list targets past the end appended
  // in index order.
  const char* item = R"({"a": {"S": "k"}, "b": {"M": {"a": {"N": "1"}, "b": {"N": "2"}, "c": {"N": "3"}}},
                         "c": {"L": [{"N": "1"}, {"N": "3"}]}})";
  const char* text = "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a";
  const char* values = R"({":a": {"N": "2"}, ":b": {"SS": ["a"]}})";
  Update u = compile(text, values);
  model::Item after = u.apply(item_of(item));
  EXPECT_EQ(dump(after), R"({"a":{"S":"k"},"b":{"M":{"a":{"S":"k"},"b":{"N":"2"},"c":{"N":"4"}}},)"
                         R"("c":{"L":[{"N":"1"},{"S":"k"},{"N":"3"},{"N":"-1"},{"N":"2"},{"SS":["a"]}]}})");
  // UPDATED_NEW: the new item through the updated paths.
  EXPECT_EQ(dump(u.updated_view(after)), R"({"b":{"M":{"a":{"S":"k"},"c":{"N":"4"}}},"c":{"L":[{"S":"k"},{"N":"3"},{"N":"2"}]}})");
  // UPDATED_OLD: the old item through the same paths.
  EXPECT_EQ(dump(u.updated_view(item_of(item))), R"({"b":{"M":{"a":{"N":"1"},"c":{"N":"3"}}},"c":{"L":[{"N":"3"}]}})");
}

TEST(ExprUpdate, ApplyLeavesTheInputAlone) {
  const model::Item before = item_of(R"({"a": {"N": "1"}, "l": {"L": [{"N": "1"}]}})");
  model::Item copy = before;
  compile("REMOVE a, l[0]").apply(copy);
  EXPECT_EQ(dump(copy), dump(before));
}

TEST(ExprUpdate, TargetsInWrittenOrder) {
  Update u = compile("SET b.x = :v, a = :v REMOVE c[1], b.y ADD d :n DELETE #e :s",
                     R"({":v": {"S": "x"}, ":n": {"N": "1"}, ":s": {"SS": ["a"]}})", R"({"#e": "e.f"})");
  EXPECT_EQ(u.top_level_targets(), (std::vector<std::string>{"b", "a", "c", "d", "e.f"}));
  ASSERT_EQ(u.target_paths().size(), 6u);
  EXPECT_EQ(path_to_string(u.target_paths()[2]), "[c, [1]]");
  EXPECT_EQ(path_to_string(u.target_paths()[5]), "[e.f]");
}

TEST(ExprUpdate, ActionKindsAndStaticTypes) {
  Update u = compile("SET a = :s, b = c + :n, d = list_append(l, :l), e = f, g = if_not_exists(g, :n) REMOVE h "
                     "ADD i :n DELETE j :ss",
                     R"({":s": {"S": "x"}, ":n": {"N": "1"}, ":l": {"L": []}, ":ss": {"SS": ["a"]}})");
  ASSERT_EQ(u.target_paths().size(), 8u);
  using K = Update::ActionKind;
  const std::vector<K> kinds{K::Set, K::Set, K::Set, K::Set, K::Set, K::Remove, K::Add, K::Delete};
  for (size_t i = 0; i < kinds.size(); ++i) EXPECT_EQ(u.action_kind(i), kinds[i]) << i;
  EXPECT_EQ(u.static_type(0), model::Type::S);
  EXPECT_EQ(u.static_type(1), model::Type::N);
  EXPECT_EQ(u.static_type(2), model::Type::L);
  EXPECT_EQ(u.static_type(3), std::nullopt);  // a path: known once the item is read
  EXPECT_EQ(u.static_type(4), std::nullopt);
  EXPECT_EQ(u.static_type(5), std::nullopt);
  EXPECT_EQ(u.static_type(6), model::Type::N);
  EXPECT_EQ(u.static_type(7), model::Type::SS);
  std::vector<std::string> operands;
  for (const Path& p : u.operand_paths()) operands.push_back(path_to_string(p));
  std::sort(operands.begin(), operands.end());
  EXPECT_EQ(operands, (std::vector<std::string>{"[c]", "[f]", "[g]", "[l]"}));
}

TEST(ExprLegacyUpdate, ActionKindsAndStaticTypes) {
  Update u = from_attribute_updates(json::parse(
      R"({"a": {"Value": {"S": "x"}}, "b": {"Action": "DELETE"}, "c": {"Action": "DELETE", "Value": {"NS": ["1"]}},
          "d": {"Action": "ADD", "Value": {"N": "1"}}})"));
  using K = Update::ActionKind;
  EXPECT_EQ(u.action_kind(0), K::Set);
  EXPECT_EQ(u.action_kind(1), K::Remove);
  EXPECT_EQ(u.action_kind(2), K::Delete);
  EXPECT_EQ(u.action_kind(3), K::Add);
  EXPECT_EQ(u.static_type(0), model::Type::S);
  EXPECT_EQ(u.static_type(1), std::nullopt);
  EXPECT_EQ(u.static_type(2), model::Type::NS);
  EXPECT_EQ(u.static_type(3), model::Type::N);
  EXPECT_TRUE(u.operand_paths().empty());
}

TEST(ExprUpdate, DefaultUpdateChangesNothing) {
  Update u;
  const model::Item item = item_of(R"({"a": {"N": "1"}})");
  EXPECT_EQ(dump(u.apply(item)), R"({"a":{"N":"1"}})");
  EXPECT_TRUE(u.updated_view(item).empty());
  EXPECT_TRUE(u.top_level_targets().empty());
}

TEST(ExprUpdate, PlaceholdersAreMarkedUsed) {
  Attributes a = parse_attributes(json::parse(R"({"ExpressionAttributeNames": {"#a": "a", "#b": "b"},
                                                  "ExpressionAttributeValues": {":v": {"N": "1"}, ":w": {"N": "2"}}})"));
  compile_update("SET #a = :v REMOVE x", a);
  EXPECT_EQ(a.used_names, (std::set<std::string>{"#a"}));
  EXPECT_EQ(a.used_values, (std::set<std::string>{":v"}));
}

// ---- legacy AttributeUpdates ----

std::string legacy(const char* updates, const char* item) {
  try {
    return dump(from_attribute_updates(json::parse(updates)).apply(item_of(item)));
  } catch (const ApiError& e) {
    return e.code() + ": " + e.message();
  }
}

TEST(ExprLegacyUpdate, PutIsTheDefaultAction) {
  EXPECT_EQ(legacy(R"({"a": {"Value": {"S": "x"}}, "b": {"Action": "PUT", "Value": {"N": "1"}}})", R"({"a": {"N": "9"}})"),
            R"({"a":{"S":"x"},"b":{"N":"1"}})");
}

TEST(ExprLegacyUpdate, DeleteWithoutValueRemoves) {
  EXPECT_EQ(legacy(R"({"a": {"Action": "DELETE"}, "z": {"Action": "DELETE"}})", R"({"a": {"N": "9"}, "b": {"N": "1"}})"),
            R"({"b":{"N":"1"}})");
}

TEST(ExprLegacyUpdate, DeleteSetMembers) {
  EXPECT_EQ(legacy(R"({"s": {"Action": "DELETE", "Value": {"NS": ["1", "4"]}}})", R"({"s": {"NS": ["1", "2", "3"]}})"),
            R"({"s":{"NS":["2","3"]}})");
  EXPECT_EQ(legacy(R"({"s": {"Action": "DELETE", "Value": {"NS": ["2", "3"]}}})", R"({"s": {"NS": ["2", "3"]}})"), "{}");
  EXPECT_EQ(legacy(R"({"s": {"Action": "DELETE", "Value": {"SS": ["a"]}}})", "{}"), "{}");
}

TEST(ExprLegacyUpdate, AddNumbersSetsAndLists) {
  EXPECT_EQ(legacy(R"({"n": {"Action": "ADD", "Value": {"N": "3"}}})", R"({"n": {"N": "1"}})"), R"({"n":{"N":"4"}})");
  EXPECT_EQ(legacy(R"({"s": {"Action": "ADD", "Value": {"SS": ["c", "d"]}}})", R"({"s": {"SS": ["a", "b"]}})"),
            R"({"s":{"SS":["a","b","c","d"]}})");
  EXPECT_EQ(legacy(R"({"l": {"Action": "ADD", "Value": {"L": [{"S": "b"}]}}})", R"({"l": {"L": [{"S": "a"}]}})"),
            R"({"l":{"L":[{"S":"a"},{"S":"b"}]}})");
  EXPECT_EQ(legacy(R"({"d": {"Action": "ADD", "Value": {"N": "5"}}, "f": {"Action": "ADD", "Value": {"L": []}}})", "{}"),
            R"({"d":{"N":"5"},"f":{"L":[]}})");
}

TEST(ExprLegacyUpdate, TypeMismatchesAtRuntime) {
  const std::string mismatch = "ValidationException: Type mismatch for attribute to update";
  const char* item = R"({"b": {"SS": ["1"]}, "c": {"N": "1"}, "d": {"NS": ["1"]}})";
  EXPECT_EQ(legacy(R"({"b": {"Action": "DELETE", "Value": {"NS": ["1"]}}})", item), mismatch);
  EXPECT_EQ(legacy(R"({"c": {"Action": "DELETE", "Value": {"NS": ["1"]}}})", item), mismatch);
  EXPECT_EQ(legacy(R"({"b": {"Action": "ADD", "Value": {"NS": ["1"]}}})", item), mismatch);
  EXPECT_EQ(legacy(R"({"d": {"Action": "ADD", "Value": {"N": "1"}}})", item), mismatch);
}

TEST(ExprLegacyUpdate, ValidationMessages) {
  const std::string invalid = "ValidationException: One or more parameter values were invalid: ";
  EXPECT_EQ(legacy(R"({"a": {"x": "whatever"}})", "{}"), invalid + "Only DELETE action is allowed when no attribute value is specified");
  EXPECT_EQ(legacy(R"({"a": {"Action": "ADD"}})", "{}"), invalid + "Only DELETE action is allowed when no attribute value is specified");
  for (const char* t : {R"({"S": "1"})", R"({"N": "1"})", R"({"B": "Yg=="})", R"({"NULL": true})", R"({"BOOL": true})",
                        R"({"M": {}})", R"({"L": []})"}) {
    const std::string updates = std::string(R"({"a": {"Action": "DELETE", "Value": )") + t + "}}";
    const std::string type = json::parse(t).begin().key();
    EXPECT_EQ(legacy(updates.c_str(), "{}"), invalid + "DELETE action with value is not supported for the type " + type);
  }
  for (const char* t : {R"({"S": "1"})", R"({"B": "Yg=="})", R"({"NULL": true})", R"({"BOOL": true})", R"({"M": {}})"}) {
    const std::string updates = std::string(R"({"a": {"Action": "ADD", "Value": )") + t + "}}";
    const std::string type = json::parse(t).begin().key();
    EXPECT_EQ(legacy(updates.c_str(), "{}"), invalid + "ADD action is not supported for the type " + type);
  }
  EXPECT_EQ(legacy(R"({"a": {"Action": "MOVE", "Value": {"S": "x"}}})", "{}"),
            "ValidationException: 1 validation error detected: Value 'MOVE' at 'attributeUpdates.a.member.action' failed "
            "to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]");
}

TEST(ExprLegacyUpdate, UpdatedViewAndTargets) {
  Update u = from_attribute_updates(json::parse(R"({"b": {"Value": {"S": "x"}}, "c": {"Action": "DELETE"}})"));
  EXPECT_EQ(u.top_level_targets(), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(dump(u.updated_view(item_of(R"({"a": {"N": "1"}, "b": {"M": {"x": {"N": "1"}}}, "c": {"N": "2"}})"))),
            R"({"b":{"M":{"x":{"N":"1"}}},"c":{"N":"2"}})");
}

}  // namespace
}  // namespace dynarock::expr
