#include "server/json_scan.h"

#include <gtest/gtest.h>

#include <string>

using dynarock::server::JsonScanner;
using dynarock::server::kMaxJsonDepth;

TEST(JsonScan, AcceptsNestingUpToTheBound) {
  JsonScanner scan;
  std::string body = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(scan.feed(body));
  EXPECT_FALSE(scan.too_deep());
}

TEST(JsonScan, RefusesOneLevelPastTheBoundEvenAcrossChunks) {
  JsonScanner scan;
  std::string half(kMaxJsonDepth / 2, '{');
  EXPECT_TRUE(scan.feed(half));
  EXPECT_TRUE(scan.feed(half));
  EXPECT_FALSE(scan.feed("["));
  EXPECT_TRUE(scan.too_deep());
  EXPECT_FALSE(scan.feed("]"));  // stays refused
}

TEST(JsonScan, BracketsInsideStringsDoNotCount) {
  JsonScanner scan;
  std::string inside = "{\"a\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  EXPECT_TRUE(scan.feed(inside));
  // An escaped quote split across chunks keeps the string open.
  JsonScanner split;
  EXPECT_TRUE(split.feed("[\"x\\"));
  EXPECT_TRUE(split.feed("\"" + std::string(1000, '[') + "\"]"));
}

TEST(JsonScan, ClosersReleaseDepth) {
  JsonScanner scan;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(scan.feed("[[[]]]"));
  EXPECT_TRUE(scan.feed("]]]]"));  // unbalanced closers are the parser's business
  EXPECT_TRUE(scan.feed(std::string(kMaxJsonDepth, '[')));
}
