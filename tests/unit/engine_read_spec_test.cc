// Query and Scan by descriptor: the engine turns a ReadSpec into key ranges; callers never see keys.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine_test_support.h"
#include "model/decimal.h"

namespace dynarock::engine {
namespace {

using model::AttributeValue;
using test::N;
using test::S;
using test::name_of;
using model::Item;
using model::TableInfo;
using model::TablePtr;
using model::Type;
using Op = SortCondition::Op;


class ReadSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = Engine::open(Options{.in_memory = true});
    TableInfo t;
    t.name = "t";
    t.key.hash.name = "pk";
    t.key.hash.type = Type::S;
    t.key.range.emplace();
    t.key.range->name = "sk";
    t.key.range->type = Type::N;
    model::IndexInfo ix;
    ix.name = "by_s";
    ix.key.hash.name = "s";
    ix.key.hash.type = Type::S;
    t.indexes.push_back(ix);
    table_ = engine_->create_table(t);
    for (int p = 0; p < 20; ++p)
      for (int s = 0; s < 10; ++s) {
        Item item{{"pk", S(name_of("p", p))}, {"sk", N(std::to_string(s))}};
        if (s % 2 == 0) item["s"] = S("even");
        engine_->put(*table_, {item["pk"], item["sk"]}, &item);
      }
  }

  std::vector<int> sort_keys(const ReadSpec& spec) {
    std::vector<int> out;
    engine_->read(spec, [&](Item&& item) {
      out.push_back(std::stoi(item["sk"].scalar));
      return true;
    });
    return out;
  }

  ReadSpec query(const std::string& pk, Op op = Op::none, const char* a = "0", const char* b = "0") {
    ReadSpec spec;
    spec.table = table_.get();
    spec.query = true;
    spec.partition = {S(pk)};
    spec.sort.op = op;
    spec.sort.a = N(a);
    spec.sort.b = N(b);
    return spec;
  }

  std::unique_ptr<Engine> engine_;
  TablePtr table_;
};

TEST_F(ReadSpecTest, QueryBoundsTheSortKey) {
  EXPECT_EQ(sort_keys(query("p3")), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(sort_keys(query("p3", Op::eq, "4")), (std::vector<int>{4}));
  EXPECT_EQ(sort_keys(query("p3", Op::lt, "2")), (std::vector<int>{0, 1}));
  EXPECT_EQ(sort_keys(query("p3", Op::le, "2")), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(sort_keys(query("p3", Op::gt, "7")), (std::vector<int>{8, 9}));
  EXPECT_EQ(sort_keys(query("p3", Op::ge, "7")), (std::vector<int>{7, 8, 9}));
  EXPECT_EQ(sort_keys(query("p3", Op::between, "3", "5")), (std::vector<int>{3, 4, 5}));
  EXPECT_TRUE(sort_keys(query("nobody")).empty());
}

TEST_F(ReadSpecTest, QueryReverseAndStartKey) {
  ReadSpec spec = query("p3");
  spec.reverse = true;
  spec.start = StartKey{{S("p3"), N("6")}, {}};
  EXPECT_EQ(check_start(spec), StartFit::ok);
  EXPECT_EQ(sort_keys(spec), (std::vector<int>{5, 4, 3, 2, 1, 0}));
  spec.reverse = false;
  EXPECT_EQ(sort_keys(spec), (std::vector<int>{7, 8, 9}));
  spec.start = StartKey{{S("p4"), N("6")}, {}};
  EXPECT_EQ(check_start(spec), StartFit::outside_partition);
}

TEST_F(ReadSpecTest, ScanSegmentsPartitionTheTable) {
  std::multiset<std::string> seen;
  const long long total = 7;
  for (long long s = 0; s < total; ++s) {
    ReadSpec spec;
    spec.table = table_.get();
    spec.segment = s;
    spec.total_segments = total;
    engine_->read(spec, [&](Item&& item) {
      seen.insert(item["pk"].scalar + "/" + item["sk"].scalar);
      return true;
    });
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 200u);
}

TEST_F(ReadSpecTest, ScanStartKeyOutsideItsSegment) {
  ReadSpec whole;
  whole.table = table_.get();
  std::vector<Item> all;
  engine_->read(whole, [&](Item&& item) {
    all.push_back(std::move(item));
    return true;
  });
  ASSERT_EQ(all.size(), 200u);
  ReadSpec spec;
  spec.table = table_.get();
  spec.segment = 0;
  spec.total_segments = 2;
  // The last item in hash order lies in the last segment.
  spec.start = StartKey{{all.back()["pk"], all.back()["sk"]}, {}};
  EXPECT_EQ(check_start(spec), StartFit::outside_segment);
  spec.segment = 1;
  EXPECT_EQ(check_start(spec), StartFit::ok);
}

TEST_F(ReadSpecTest, IndexQueryByDescriptor) {
  ReadSpec spec;
  spec.table = table_.get();
  spec.index = &table_->indexes[0];
  spec.query = true;
  spec.partition = {S("even")};
  size_t n = 0;
  engine_->read(spec, [&](Item&& item) {
    EXPECT_EQ(item["s"], S("even"));
    ++n;
    return true;
  });
  EXPECT_EQ(n, 100u);
}

TEST(ItemIdTest, EqualKeysOfOneTableOnly) {
  TableInfo a, b;
  a.id = 1;
  b.id = 2;
  a.key.hash.name = b.key.hash.name = "pk";
  model::PrimaryKey k1{S("x"), {}}, k2{S("y"), {}};
  EXPECT_EQ(item_id(a, k1), item_id(a, k1));
  EXPECT_NE(item_id(a, k1), item_id(a, k2));
  EXPECT_NE(item_id(a, k1), item_id(b, k1));
}

}  // namespace
}  // namespace dynarock::engine
