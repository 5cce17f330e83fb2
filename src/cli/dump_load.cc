// `dynarock dump` and `dynarock load`: tables (definitions and items) to and from a folder in the
// DynamoDB JSON export layout, over the wire protocol, so they work against any endpoint:
//   DIR/<table>/manifest-summary.json   tableArn, itemCount, exportFormat DYNAMODB_JSON
//   DIR/<table>/table.json              the CreateTable request that rebuilds the table
//   DIR/<table>/data/segment-NNNN.json  one {"Item": {...}} per line
// dump scans in parallel segments; load writes in batches of 25 and records its progress in
// DIR/<table>/.load-progress.json so an interrupted load resumes where it stopped.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/dynamodb_client.h"
#include "cli/file_text.h"
#include "cli/table_definition.h"

namespace dynarock::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string endpoint = default_endpoint();
  std::string dir;
  int segments = 4;
  std::vector<std::string> tables;
};

constexpr const char* kDumpUsage = "usage: dynarock dump [--endpoint URL] [--segments N] --out DIR [TABLE...]\n";
constexpr const char* kLoadUsage = "usage: dynarock load [--endpoint URL] --in DIR [TABLE...]\n";

bool parse(const std::vector<std::string>& args, const char* dir_flag, Args& out, std::string& error) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "--endpoint" && has_value) out.endpoint = args[++i];
    else if (a == dir_flag && has_value) out.dir = args[++i];
    else if (a == "--segments" && has_value) out.segments = std::atoi(args[++i].c_str());
    else if (!a.empty() && a[0] == '-') {
      error = "unknown option or missing value: " + a;
      return false;
    } else out.tables.push_back(a);
  }
  if (out.dir.empty()) error = std::string("missing ") + dir_flag + " DIR";
  else if (out.segments < 1 || out.segments > 64) error = "--segments takes 1 to 64";
  return error.empty();
}

// A one-line progress bar on a terminal; nothing when standard error is not one.
class Progress {
 public:
  Progress(std::string label, uint64_t total) : label_(std::move(label)), total_(total), tty_(isatty(2)) {}
  void update(uint64_t done) {
    if (!tty_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done != total_) return;
    last_ = now;
    const int width = 30;
    int filled = total_ ? static_cast<int>(std::min<uint64_t>(done, total_) * width / total_) : 0;
    std::fprintf(stderr, "\r%-24.24s [%s%s] %llu/%llu", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_));
    std::fflush(stderr);
  }
  void finish() {
    if (tty_) std::fprintf(stderr, "\n");
  }

 private:
  std::string label_;
  uint64_t total_;
  bool tty_;
  Clock::time_point last_{};
};

void report(const char* verb, uint64_t items, size_t tables, Clock::time_point start, const std::string& where) {
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%s %llu items, %zu tables, in %.2f s (%.0f items/s) %s\n", verb, static_cast<unsigned long long>(items),
              tables, seconds, seconds > 0 ? static_cast<double>(items) / seconds : 0.0, where.c_str());
}

std::vector<std::string> all_tables(DynamoClient& client) {
  std::vector<std::string> names;
  Json request = Json::object();
  for (;;) {
    Json page = client.call("ListTables", request);
    for (const auto& n : page.value("TableNames", Json::array())) names.push_back(n);
    if (!page.contains("LastEvaluatedTableName")) return names;
    request["ExclusiveStartTableName"] = page["LastEvaluatedTableName"];
  }
}

uint64_t dump_table(const Url& url, const AwsCredentials& credentials, const std::string& table, const fs::path& dir, int segments) {
  DynamoClient client(url, credentials);
  Json description = client.call("DescribeTable", {{"TableName", table}})["Table"];
  fs::create_directories(dir / "data");
  std::ofstream(dir / "table.json") << create_from_description(description).dump(2) << "\n";
  std::atomic<uint64_t> count{0};
  std::atomic<bool> failed{false};
  std::atomic<int> finished{0};
  std::string error;
  std::mutex error_mutex;
  std::vector<std::thread> workers;
  for (int s = 0; s < segments; ++s) {
    workers.emplace_back([&, s] {
      try {
        DynamoClient segment_client(url, credentials);
        char name[32];
        std::snprintf(name, sizeof name, "segment-%04d.json", s);
        std::ofstream out(dir / "data" / name);
        Json request = {{"TableName", table}, {"Segment", s}, {"TotalSegments", segments}, {"ConsistentRead", true}};
        while (!failed) {
          Json page = segment_client.call("Scan", request);
          for (const auto& item : page.value("Items", Json::array())) out << Json{{"Item", item}}.dump() << "\n";
          count += page.value("Items", Json::array()).size();
          if (!page.contains("LastEvaluatedKey")) break;
          request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
        }
        if (!out) throw std::runtime_error("cannot write " + (dir / "data" / name).string());
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(error_mutex);
        failed = true;
        error = e.what();
      }
      ++finished;
    });
  }
  // ItemCount is approximate on DynamoDB (updated every few hours): the bar is a guide.
  Progress progress(table, description.value("ItemCount", 0ULL));
  while (finished < segments) {
    progress.update(count);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& w : workers) w.join();
  progress.update(count);
  progress.finish();
  if (failed) throw std::runtime_error(table + ": " + error);
  Json manifest = {{"version", "2020-06-30"}, {"exportFormat", "DYNAMODB_JSON"}, {"outputFormat", "DYNAMODB_JSON"},
                   {"tableArn", description.value("TableArn", std::string())}, {"itemCount", count.load()},
                   {"outputView", "FULL_EXPORT"}};
  std::ofstream(dir / "manifest-summary.json") << manifest.dump(2) << "\n";
  return count;
}

std::string table_of(const fs::path& dir) {
  Json manifest = Json::parse(read_file(dir / "manifest-summary.json"), nullptr, false);
  std::string arn = manifest.is_object() ? manifest.value("tableArn", std::string()) : std::string();
  size_t at = arn.find(":table/");
  if (at == std::string::npos) throw std::runtime_error((dir / "manifest-summary.json").string() + ": no tableArn");
  return arn.substr(at + 7);
}

void wait_active(DynamoClient& client, const std::string& table) {
  for (int i = 0; i < 600; ++i) {
    if (client.call("DescribeTable", {{"TableName", table}})["Table"].value("TableStatus", "") == "ACTIVE") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(i < 20 ? 50 : 1000));
  }
  throw std::runtime_error(table + " did not become ACTIVE");
}

// Writes a batch, resending what DynamoDB leaves unprocessed.
void write_batch(DynamoClient& client, const std::string& table, Json requests) {
  for (int attempt = 0; !requests.empty(); ++attempt) {
    Json answer = client.call("BatchWriteItem", {{"RequestItems", {{table, requests}}}});
    requests = answer.value("UnprocessedItems", Json::object()).value(table, Json::array());
    if (!requests.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50 << std::min(attempt, 6)));
  }
}

uint64_t load_table(DynamoClient& client, const fs::path& dir) {
  const std::string table = table_of(dir);
  if (fs::exists(dir / "table.json")) {
    Json create = Json::parse(read_file(dir / "table.json"));
    create["TableName"] = table;
    try {
      client.call("CreateTable", create);
    } catch (const DynamoError& e) {
      if (e.type() != "ResourceInUseException") throw;
    }
  }
  wait_active(client, table);
  const fs::path progress_file = dir / ".load-progress.json";
  Json done = fs::exists(progress_file) ? Json::parse(read_file(progress_file), nullptr, false) : Json::object();
  if (!done.is_object()) done = Json::object();
  std::vector<fs::path> files;
  if (fs::is_directory(dir / "data"))
    for (const auto& e : fs::directory_iterator(dir / "data"))
      if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::pair<fs::path, std::vector<std::string>>> contents;
  uint64_t total = 0, loaded = 0;
  for (const auto& f : files) {
    std::istringstream in(read_file(f));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(std::move(line));
    total += lines.size();
    contents.emplace_back(f, std::move(lines));
  }
  Progress progress(table, total);
  uint64_t resumed = 0;
  for (const auto& [file, lines] : contents) {
    const std::string key = file.filename().string();
    size_t start = std::min<size_t>(done.value(key, 0ULL), lines.size());
    resumed += start;
    loaded += start;
    for (size_t at = start; at < lines.size(); at += 25) {
      size_t end = std::min(lines.size(), at + 25);
      Json batch = Json::array();
      for (size_t i = at; i < end; ++i) {
        Json line = Json::parse(lines[i], nullptr, false);
        if (!line.is_object() || !line.contains("Item"))
          throw std::runtime_error(file.string() + ":" + std::to_string(i + 1) + ": expected {\"Item\": {...}}");
        batch.push_back({{"PutRequest", {{"Item", line["Item"]}}}});
      }
      write_batch(client, table, std::move(batch));
      loaded += end - at;
      progress.update(loaded);
      // Progress every 20 batches: a resumed load re-puts at most 500 items (puts are idempotent).
      if (((at - start) / 25) % 20 == 19 || end == lines.size()) {
        done[key] = end;
        std::ofstream(progress_file) << done.dump() << "\n";
      }
    }
  }
  progress.finish();
  if (resumed) std::printf("%s: resumed after %llu items loaded earlier\n", table.c_str(), static_cast<unsigned long long>(resumed));
  fs::remove(progress_file);
  return loaded - resumed;
}

// Parses the arguments and the endpoint; 0, or the exit status after printing the problem.
int prepare(const std::vector<std::string>& args, const char* command, const char* dir_flag, const char* usage, Args& a,
            Url& url) {
  std::string error;
  if (!parse(args, dir_flag, a, error)) {
    std::cerr << "dynarock " << command << ": " << error << "\n" << usage;
    return 2;
  }
  if (!parse_url(a.endpoint, url)) {
    std::cerr << "dynarock " << command << ": not an http(s) URL: " << a.endpoint << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

int run_dump(const std::vector<std::string>& args) {
  Args a;
  Url url;
  if (int status = prepare(args, "dump", "--out", kDumpUsage, a, url)) return status;
  AwsCredentials credentials = AwsCredentials::from_environment();
  auto start = Clock::now();
  try {
    DynamoClient client(url, credentials);
    std::vector<std::string> tables = a.tables.empty() ? all_tables(client) : a.tables;
    uint64_t items = 0;
    for (const auto& t : tables) items += dump_table(url, credentials, t, fs::path(a.dir) / t, a.segments);
    report("dumped", items, tables.size(), start, "to " + a.dir);
  } catch (const std::exception& e) {
    std::cerr << "dynarock dump: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int run_load(const std::vector<std::string>& args) {
  Args a;
  Url url;
  if (int status = prepare(args, "load", "--in", kLoadUsage, a, url)) return status;
  auto start = Clock::now();
  try {
    DynamoClient client(url, AwsCredentials::from_environment());
    std::vector<fs::path> dirs;
    if (fs::exists(fs::path(a.dir) / "manifest-summary.json")) {
      dirs.push_back(a.dir);
    } else {
      for (const auto& e : fs::directory_iterator(a.dir))
        if (e.is_directory() && fs::exists(e.path() / "manifest-summary.json")) dirs.push_back(e.path());
      std::sort(dirs.begin(), dirs.end());
    }
    if (!a.tables.empty())
      dirs.erase(std::remove_if(dirs.begin(), dirs.end(), [&](const fs::path& d) {
                   return std::find(a.tables.begin(), a.tables.end(), table_of(d)) == a.tables.end();
                 }), dirs.end());
    if (dirs.empty()) throw std::runtime_error("no table folders (with manifest-summary.json) in " + a.dir);
    uint64_t items = 0;
    for (const auto& d : dirs) items += load_table(client, d);
    report("loaded", items, dirs.size(), start, "from " + a.dir);
  } catch (const std::exception& e) {
    std::cerr << "dynarock load: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace dynarock::cli
