#include "cli/init.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "cli/file_text.h"
#include "cli/init_error.h"
#include "cli/table_definition.h"
#include "cli/yaml_tree.h"

namespace dynarock::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct Item {
  Json request;  // {"PutRequest": {...}} or {"DeleteRequest": {...}}
  int line = 0;
};

struct ItemSource {
  std::string table;
  std::string file;
  std::vector<Item> items;
};

struct Plan {
  std::vector<TableSpec> tables;
  std::vector<ItemSource> items;
};

// nlohmann reports a byte offset; people want a line.
int line_of(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

Node parse_document(const std::string& text, const std::string& file) {
  try {
    return parse_yaml(text, file);
  } catch (const InitError&) {
    // An invalid .json file gets the JSON parser's message, which is clearer than YAML's.
    if (file.size() > 5 && file.substr(file.size() - 5) == ".json") {
      try {
        Json j = Json::parse(text);
        (void)j;
      } catch (const Json::parse_error& e) {
        std::string what = e.what();
        throw InitError(file, line_of(text, e.byte), "not valid JSON: " + what.substr(what.find(':') + 2));
      }
    }
    throw;
  }
}

bool is_batch_write(const Node& root) {
  if (!root.is_map() || root.fields.empty()) return false;
  for (const auto& [table, requests] : root.fields) {
    if (!requests.is_seq()) return false;
    for (const auto& r : requests.items)
      if (!r.is_map() || (!r.find("PutRequest") && !r.find("DeleteRequest"))) return false;
  }
  return true;
}

void add_file(Plan& plan, const fs::path& path, const TemplateContext& context) {
  const std::string file = path.string();
  std::string text = read_file(path);
  Node root = parse_document(text, file);
  if (!root.is_map()) throw InitError(file, root.line, "expected a JSON object or YAML mapping at the top");
  if (root.find("Resources")) {
    auto tables = tables_from_template(root, file, context);
    if (tables.empty()) spdlog::warn("--init {}: the template has no DynamoDB table", file);
    for (auto& t : tables) plan.tables.push_back(std::move(t));
    return;
  }
  if (root.find("TableName") && root.find("KeySchema")) {
    TableSpec spec;
    spec.file = file;
    spec.line = root.line;
    spec.create = to_json(root);
    plan.tables.push_back(std::move(spec));
    return;
  }
  if (const Node* t = root.find("Table"); t && t->is_map() && t->find("KeySchema")) {
    TableSpec spec;
    spec.file = file;
    spec.line = t->line;
    spec.create = create_from_description(to_json(*t));
    plan.tables.push_back(std::move(spec));
    return;
  }
  if (is_batch_write(root)) {
    for (const auto& [table, requests] : root.fields) {
      ItemSource source{table, file, {}};
      for (const auto& r : requests.items) source.items.push_back({to_json(r), r.line});
      plan.items.push_back(std::move(source));
    }
    return;
  }
  throw InitError(file, root.line,
                  "not a CloudFormation/SAM template (Resources), a CreateTable request (TableName, KeySchema), "
                  "a DescribeTable answer (Table) or BatchWriteItem request items ({\"Table\": [{\"PutRequest\": ...}]})");
}

// A DynamoDB JSON export: manifest-summary.json names the table, data/ holds {"Item": ...} lines.
// dynarock dump also writes table.json (the CreateTable request) beside it.
void add_export(Plan& plan, const fs::path& dir) {
  const fs::path manifest = dir / "manifest-summary.json";
  std::string text = read_file(manifest);
  Json summary = Json::parse(text, nullptr, false);
  std::string arn = summary.is_object() ? summary.value("tableArn", std::string()) : std::string();
  size_t at = arn.find(":table/");
  if (at == std::string::npos)
    throw InitError(manifest.string(), 1, "manifest-summary.json needs a tableArn (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME)");
  std::string table = arn.substr(at + 7);
  if (fs::exists(dir / "table.json")) add_file(plan, dir / "table.json", {});
  std::vector<fs::path> files;
  if (fs::is_directory(dir / "data"))
    for (const auto& e : fs::directory_iterator(dir / "data"))
      if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    ItemSource source{table, f.string(), {}};
    std::string data = read_file(f);
    std::istringstream lines(data);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Json j = Json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("Item") || !j["Item"].is_object())
        throw InitError(f.string(), n, "expected one {\"Item\": {...}} object in DynamoDB JSON per line");
      source.items.push_back({{{"PutRequest", {{"Item", std::move(j["Item"])}}}}, n});
    }
    plan.items.push_back(std::move(source));
  }
}

bool is_definition_file(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template";
}

void add_path(Plan& plan, const fs::path& path, const TemplateContext& context) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InitError(path.string(), 0, "no such file or directory");
  if (!fs::is_directory(path)) return add_file(plan, path, context);
  if (fs::exists(path / "manifest-summary.json")) return add_export(plan, path);
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(path)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    if (e.filename().string().rfind('.', 0) == 0) continue;
    if (fs::is_directory(e)) add_path(plan, e, context);
    else if (is_definition_file(e)) add_file(plan, e, context);
  }
}

class Caller {
 public:
  Caller(protocol::Service& service, const std::string& access_key, const std::string& region)
      : service_(service), caller_{access_key, region} {}

  // The answer, or the error as {"__type": short name, "message": ...} with ok == false.
  Json call(const std::string& operation, const Json& request, bool& ok) {
    protocol::Reply reply = service_.call_as(caller_, operation, request.dump());
    ok = reply.status == 200;
    Json body = Json::parse(reply.body, nullptr, false);
    if (!ok && body.is_object()) {
      std::string type = body.value("__type", std::string());
      body["__type"] = type.substr(type.find('#') + 1);
    }
    return body;
  }

 private:
  protocol::Service& service_;
  protocol::sigv4::Credential caller_;
};

std::string error_text(const Json& e) {
  std::string message = e.value("message", e.value("Message", std::string()));
  return e.value("__type", std::string("error")) + (message.empty() ? "" : ": " + message);
}

void wait_active(Caller& caller, const std::string& table) {
  for (int i = 0; i < 200; ++i) {
    bool ok = false;
    Json d = caller.call("DescribeTable", {{"TableName", table}}, ok);
    if (!ok || d["Table"].value("TableStatus", "") == "ACTIVE") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

}  // namespace

void run_init(protocol::Service& service, const InitOptions& options) {
  Plan plan;
  for (const auto& p : options.paths) add_path(plan, p, options.context);
  Caller caller(service, options.access_key, options.context.region);

  std::set<std::string> created, defined;
  for (const auto& spec : plan.tables) {
    std::string name = spec.create.value("TableName", std::string());
    for (const auto& note : spec.notes) spdlog::info("--init {}: {}", spec.file, note);
    if (!defined.insert(name).second) throw InitError(spec.file, spec.line, "table " + name + " is defined twice in --init files");
    bool ok = false;
    Json answer = caller.call("CreateTable", spec.create, ok);
    if (!ok && answer.value("__type", "") == "ResourceInUseException") {
      spdlog::info("--init: table {} exists, kept as it is", name);
      continue;
    }
    if (!ok) throw InitError(spec.file, spec.line, "CreateTable " + name + " refused: " + error_text(answer));
    created.insert(name);
    if (service.settings().delay_transient_ms > 0) wait_active(caller, name);
    for (const auto& follow : spec.follow_ups) {
      Json result = caller.call(follow.operation, follow.request, ok);
      if (ok) continue;
      if (result.value("__type", "") == "UnknownOperationException")
        spdlog::warn("--init: table {}: {} not applied: this dynarock has no {} yet", name, follow.setting, follow.operation);
      else
        throw InitError(spec.file, spec.line, follow.operation + " for " + name + " refused: " + error_text(result));
    }
    spdlog::info("--init: created table {} (from {})", name, spec.file);
  }

  std::set<std::string> skipped;
  for (const auto& source : plan.items) {
    if (!created.count(source.table)) {
      bool ok = false;
      caller.call("DescribeTable", {{"TableName", source.table}}, ok);
      if (!ok)
        throw InitError(source.file, source.items.empty() ? 0 : source.items[0].line,
                        "table " + source.table + " does not exist and no --init file defines it");
      if (skipped.insert(source.table).second)
        spdlog::info("--init: table {} was there before this start: its items from --init are not loaded again", source.table);
      continue;
    }
    size_t loaded = 0;
    for (size_t at = 0; at < source.items.size(); at += 25) {
      size_t end = std::min(source.items.size(), at + 25);
      Json batch = Json::array();
      for (size_t i = at; i < end; ++i) batch.push_back(source.items[i].request);
      bool ok = false;
      Json answer = caller.call("BatchWriteItem", {{"RequestItems", {{source.table, batch}}}}, ok);
      if (!ok) {
        // Say which item: retry the batch's items one by one to find the first refused.
        for (size_t i = at; i < end; ++i) {
          Json single = caller.call("BatchWriteItem", {{"RequestItems", {{source.table, Json::array({source.items[i].request})}}}}, ok);
          if (!ok) throw InitError(source.file, source.items[i].line, "item refused by table " + source.table + ": " + error_text(single));
        }
        throw InitError(source.file, source.items[at].line, "items refused by table " + source.table + ": " + error_text(answer));
      }
      loaded += end - at;
    }
    spdlog::info("--init: loaded {} items into {} (from {})", loaded, source.table, source.file);
  }
}

}  // namespace dynarock::cli
