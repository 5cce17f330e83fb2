// CloudFormation / SAM templates -> CreateTable requests. Resolves the intrinsic functions that
// table definitions commonly use (Ref, Sub, Join, Select, Split, FindInMap, If and conditions);
// the ones that need a deployed stack (GetAtt, ImportValue, ...) are reported with their line.
#include <set>

#include "cli/init_error.h"
#include "cli/table_spec.h"
#include "cli/yaml_tree.h"

namespace dynarock::cli {

namespace {

using Json = nlohmann::json;

const char* const kNoValue = "!NoValue";

Node scalar(std::string value, int line) {
  Node n;
  n.value = std::move(value);
  n.quoted = true;
  n.line = line;
  return n;
}

class Resolver {
 public:
  Resolver(const Node& root, const std::string& file, const TemplateContext& context, std::string stack_name)
      : root_(root), file_(file), context_(context), stack_name_(std::move(stack_name)) {}

  [[noreturn]] void fail(int line, const std::string& problem) const { throw InitError(file_, line, problem); }

  // Resolves every intrinsic function inside `node`.
  Node resolve(const Node& node) {
    if (!node.tag.empty() && node.tag[0] == '!' && node.tag != kNoValue) return call(short_form_name(node.tag), untagged(node), node.line);
    if (node.is_map() && node.fields.size() == 1 && is_function(node.fields[0].first))
      return call(node.fields[0].first, node.fields[0].second, node.line);
    Node out = node;
    if (node.is_map()) {
      out.fields.clear();
      for (const auto& [k, v] : node.fields) {
        Node r = resolve(v);
        if (r.tag != kNoValue) out.fields.emplace_back(k, std::move(r));
      }
    } else if (node.is_seq()) {
      out.items.clear();
      for (const auto& v : node.items) {
        Node r = resolve(v);
        if (r.tag != kNoValue) out.items.push_back(std::move(r));
      }
    }
    return out;
  }

  bool condition(const std::string& name, int line) {
    const Node* conditions = root_.find("Conditions");
    const Node* c = conditions ? conditions->find(name) : nullptr;
    if (!c) fail(line, "unknown condition " + name);
    if (++depth_ > 64) fail(line, "conditions refer to each other in a loop");
    bool value = truth(resolve(*c), line);
    --depth_;
    return value;
  }

  std::string stack_name() const { return stack_name_; }

 private:
  static bool is_function(const std::string& key) { return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0; }

  static std::string short_form_name(const std::string& tag) {
    std::string name = tag.substr(1);
    return name == "Ref" || name == "Condition" ? name : "Fn::" + name;
  }

  static Node untagged(const Node& node) {
    Node n = node;
    n.tag.clear();
    return n;
  }

  bool truth(const Node& n, int line) const {
    if (n.is_scalar() && (n.value == "true" || n.value == "false")) return n.value == "true";
    fail(line, "a condition must be true or false");
  }

  std::string text(const Node& n, const std::string& fn) const {
    if (!n.is_scalar()) fail(n.line, fn + " needs a string here");
    return n.value;
  }

  const Node& arg(const Node& args, size_t i, size_t count, const std::string& fn) const {
    if (!args.is_seq() || args.items.size() < count) fail(args.line, fn + " takes a list of " + std::to_string(count) + " values");
    return args.items[i];
  }

  Node ref(const std::string& name, int line) {
    auto given = context_.parameters.find(name);
    if (given != context_.parameters.end()) return scalar(given->second, line);
    if (name == "AWS::Region") return scalar(context_.region, line);
    if (name == "AWS::AccountId") return scalar(context_.account_id, line);
    if (name == "AWS::StackName") return scalar(stack_name_, line);
    if (name == "AWS::Partition") return scalar("aws", line);
    if (name == "AWS::URLSuffix") return scalar("amazonaws.com", line);
    if (name == "AWS::StackId")
      return scalar("arn:aws:cloudformation:" + context_.region + ":" + context_.account_id + ":stack/" + stack_name_ + "/dynarock", line);
    if (name == "AWS::NoValue") {
      Node n;
      n.tag = kNoValue;
      return n;
    }
    if (const Node* params = root_.find("Parameters"); params && params->find(name)) {
      const Node* def = params->find(name)->find("Default");
      if (!def) fail(line, "parameter " + name + " has no Default: add one, or pass --init-param " + name + "=VALUE");
      return resolve(*def);
    }
    if (const Node* resources = root_.find("Resources"); resources && resources->find(name)) {
      const Node& res = *resources->find(name);
      const Node* type = res.find("Type");
      const Node* props = res.find("Properties");
      const Node* table_name = props ? props->find("TableName") : nullptr;
      if (type && type->value.find("DynamoDB") != std::string::npos) {
        if (table_name) return resolve(*table_name);
        return scalar(name, line);
      }
      fail(line, "Ref to resource " + name + " cannot be resolved without a deployed stack");
    }
    fail(line, "Ref to " + name + ": no such parameter or resource");
  }

  std::string substitute(const std::string& pattern, const Node* vars, int line) {
    std::string out;
    for (size_t i = 0; i < pattern.size();) {
      if (pattern.compare(i, 2, "${") != 0) {
        out += pattern[i++];
        continue;
      }
      size_t end = pattern.find('}', i);
      if (end == std::string::npos) fail(line, "Fn::Sub: unclosed ${ in \"" + pattern + "\"");
      std::string name = pattern.substr(i + 2, end - i - 2);
      i = end + 1;
      if (!name.empty() && name[0] == '!') {
        out += "${" + name.substr(1) + "}";
        continue;
      }
      if (vars && vars->find(name)) {
        out += text(resolve(*vars->find(name)), "Fn::Sub");
      } else if (name.find('.') != std::string::npos && name.rfind("AWS::", 0) != 0) {
        fail(line, "Fn::Sub: ${" + name + "} is a resource attribute, which cannot be resolved without a deployed stack");
      } else {
        out += text(ref(name, line), "Fn::Sub");
      }
    }
    return out;
  }

  Node call(const std::string& fn, const Node& raw, int line) {
    if (++depth_ > 64) fail(line, "intrinsic functions nested too deeply");
    Node result = evaluate(fn, raw, line);
    --depth_;
    result.line = line;
    return result;
  }

  Node evaluate(const std::string& fn, const Node& raw, int line) {
    if (fn == "Ref") return ref(text(raw, fn), line);
    if (fn == "Condition") return scalar(condition(text(raw, fn), line) ? "true" : "false", line);
    if (fn == "Fn::Sub") {
      if (raw.is_scalar()) return scalar(substitute(raw.value, nullptr, line), line);
      const Node& vars = arg(raw, 1, 2, fn);
      return scalar(substitute(text(arg(raw, 0, 2, fn), fn), &vars, line), line);
    }
    Node args = resolve(raw);
    if (fn == "Fn::Join") {
      std::string delim = text(arg(args, 0, 2, fn), fn), out;
      const Node& list = args.items[1];
      if (!list.is_seq()) fail(line, "Fn::Join takes a delimiter and a list");
      for (size_t i = 0; i < list.items.size(); ++i) out += (i ? delim : "") + text(list.items[i], fn);
      return scalar(out, line);
    }
    if (fn == "Fn::Select") {
      std::string index = text(arg(args, 0, 2, fn), fn);
      const Node& list = args.items[1];
      size_t pos = 0;
      try {
        pos = std::stoul(index);
      } catch (const std::exception&) {
        fail(line, "Fn::Select: index " + index + " is not a number");
      }
      if (!list.is_seq() || pos >= list.items.size()) fail(line, "Fn::Select: index " + index + " is outside the list");
      return list.items[pos];
    }
    if (fn == "Fn::Split") {
      std::string delim = text(arg(args, 0, 2, fn), fn), source = text(args.items[1], fn);
      if (delim.empty()) fail(line, "Fn::Split: empty delimiter");
      Node out;
      out.kind = Node::Kind::sequence;
      size_t start = 0;
      for (size_t at; (at = source.find(delim, start)) != std::string::npos; start = at + delim.size())
        out.items.push_back(scalar(source.substr(start, at - start), line));
      out.items.push_back(scalar(source.substr(start), line));
      return out;
    }
    if (fn == "Fn::FindInMap") {
      std::string map = text(arg(args, 0, 3, fn), fn), top = text(args.items[1], fn), second = text(args.items[2], fn);
      const Node* mappings = root_.find("Mappings");
      const Node* m = mappings ? mappings->find(map) : nullptr;
      const Node* t = m ? m->find(top) : nullptr;
      const Node* v = t ? t->find(second) : nullptr;
      if (!v) fail(line, "Fn::FindInMap: no " + map + "." + top + "." + second + " in Mappings");
      return resolve(*v);
    }
    if (fn == "Fn::If") {
      std::string name = text(arg(args, 0, 3, fn), fn);
      return condition(name, line) ? args.items[1] : args.items[2];
    }
    if (fn == "Fn::Equals") {
      const Node& a = arg(args, 0, 2, fn);
      const Node& b = args.items[1];
      return scalar(to_json(a).dump() == to_json(b).dump() || (a.is_scalar() && b.is_scalar() && a.value == b.value) ? "true" : "false", line);
    }
    if (fn == "Fn::Not") return scalar(truth(arg(args, 0, 1, fn), line) ? "false" : "true", line);
    if (fn == "Fn::And" || fn == "Fn::Or") {
      if (!args.is_seq() || args.items.empty()) fail(line, fn + " takes a list of conditions");
      bool all = true, any = false;
      for (const auto& c : args.items) {
        bool v = truth(c, line);
        all = all && v;
        any = any || v;
      }
      return scalar((fn == "Fn::And" ? all : any) ? "true" : "false", line);
    }
    if (fn == "Fn::GetAtt" || fn == "Fn::ImportValue" || fn == "Fn::GetAZs" || fn == "Fn::Base64" || fn == "Fn::Cidr" ||
        fn == "Fn::Transform" || fn == "Fn::ToJsonString" || fn == "Fn::Length")
      fail(line, fn + " cannot be resolved without a deployed stack: use a parameter (--init-param NAME=VALUE) instead");
    fail(line, "unknown intrinsic function " + fn);
  }

  const Node& root_;
  const std::string& file_;
  const TemplateContext& context_;
  std::string stack_name_;
  int depth_ = 0;
};

// CloudFormation accepts numbers and booleans as strings (and Ref/Sub give strings); the API
// wants JSON numbers and booleans.
void coerce(Json& j) {
  static const std::set<std::string> numbers = {"ReadCapacityUnits", "WriteCapacityUnits", "MaxReadRequestUnits",
                                                "MaxWriteRequestUnits", "RecoveryPeriodInDays", "MinCapacity",
                                                "MaxCapacity"};
  static const std::set<std::string> booleans = {"Enabled", "SSEEnabled", "PointInTimeRecoveryEnabled",
                                                 "DeletionProtectionEnabled", "StreamEnabled"};
  if (j.is_array()) {
    for (auto& v : j) coerce(v);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      Json& v = it.value();
      if (v.is_string() && numbers.count(it.key())) {
        const std::string s = v.get<std::string>();
        if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 18) v = std::stoll(s);
      } else if (v.is_string() && booleans.count(it.key())) {
        if (v == "true" || v == "True") v = true;
        else if (v == "false" || v == "False") v = false;
      } else {
        coerce(v);
      }
    }
  }
}

const std::set<std::string> kTableProperties = {
    "AttributeDefinitions", "BillingMode", "ContributorInsightsSpecification", "DeletionProtectionEnabled",
    "GlobalSecondaryIndexes", "ImportSourceSpecification", "KeySchema", "KinesisStreamSpecification",
    "LocalSecondaryIndexes", "OnDemandThroughput", "PointInTimeRecoverySpecification", "ProvisionedThroughput",
    "ResourcePolicy", "SSESpecification", "StreamSpecification", "TableClass", "TableName", "Tags",
    "TimeToLiveSpecification", "WarmThroughput"};

const std::set<std::string> kGlobalTableProperties = {
    "AttributeDefinitions", "BillingMode", "GlobalSecondaryIndexes", "KeySchema", "LocalSecondaryIndexes",
    "MultiRegionConsistency", "GlobalTableWitnesses", "Replicas", "SSESpecification", "StreamSpecification", "TableName",
    "TimeToLiveSpecification", "WarmThroughput", "WriteOnDemandThroughputSettings", "WriteProvisionedThroughputSettings"};

const std::set<std::string> kSimpleTableProperties = {"PrimaryKey", "ProvisionedThroughput", "SSESpecification",
                                                      "TableName", "Tags", "PointInTimeRecoverySpecification"};

void check_properties(const Node& props, const std::set<std::string>& known, const std::string& type,
                      const std::string& file) {
  for (const auto& [k, v] : props.fields)
    if (!known.count(k)) throw InitError(file, v.line, "unknown property " + k + " of " + type);
}

void add_ttl_and_pitr(TableSpec& spec, const std::string& name, const Json& ttl, const Json& pitr) {
  if (ttl.is_object() && ttl.value("Enabled", false))
    spec.follow_ups.push_back({"UpdateTimeToLive", "TTL on attribute " + ttl.value("AttributeName", std::string("?")),
                               {{"TableName", name}, {"TimeToLiveSpecification", ttl}}});
  if (pitr.is_object() && pitr.value("PointInTimeRecoveryEnabled", false))
    spec.follow_ups.push_back({"UpdateContinuousBackups", "point-in-time recovery",
                               {{"TableName", name}, {"PointInTimeRecoverySpecification", pitr}}});
}

Json sse_for_api(const Json& sse) {
  Json out = Json::object();
  if (sse.contains("SSEEnabled")) out["Enabled"] = sse["SSEEnabled"];
  if (sse.contains("SSEType")) out["SSEType"] = sse["SSEType"];
  if (sse.contains("KMSMasterKeyId")) out["KMSMasterKeyId"] = sse["KMSMasterKeyId"];
  return out;
}

TableSpec plain_table(const std::string& id, const Json& p, TableSpec spec) {
  Json& req = spec.create;
  for (const char* member : {"AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
                             "LocalSecondaryIndexes", "TableClass", "DeletionProtectionEnabled", "Tags",
                             "OnDemandThroughput", "WarmThroughput"})
    if (p.contains(member)) req[member] = p[member];
  if (p.contains("GlobalSecondaryIndexes")) {
    req["GlobalSecondaryIndexes"] = p["GlobalSecondaryIndexes"];
    for (auto& gsi : req["GlobalSecondaryIndexes"])
      if (gsi.is_object()) gsi.erase("ContributorInsightsSpecification");
  }
  if (p.contains("StreamSpecification") && p["StreamSpecification"].is_object()) {
    req["StreamSpecification"] = {{"StreamEnabled", true}};
    if (p["StreamSpecification"].contains("StreamViewType"))
      req["StreamSpecification"]["StreamViewType"] = p["StreamSpecification"]["StreamViewType"];
  }
  if (p.contains("SSESpecification") && p["SSESpecification"].is_object()) req["SSESpecification"] = sse_for_api(p["SSESpecification"]);
  for (const char* ignored : {"ContributorInsightsSpecification", "KinesisStreamSpecification", "ResourcePolicy"})
    if (p.contains(ignored)) spec.notes.push_back(id + ": " + ignored + " has no local effect, ignored");
  if (p.contains("ImportSourceSpecification"))
    spec.notes.push_back(id + ": ImportSourceSpecification (import from S3) is not done locally: give the data with --init instead");
  add_ttl_and_pitr(spec, req["TableName"], p.value("TimeToLiveSpecification", Json()), p.value("PointInTimeRecoverySpecification", Json()));
  return spec;
}

// A global table's replica in this region (or the first one) supplies the per-replica settings.
TableSpec global_table(const std::string& id, const Json& p, TableSpec spec, const std::string& region, int line) {
  Json& req = spec.create;
  for (const char* member : {"AttributeDefinitions", "KeySchema", "BillingMode", "LocalSecondaryIndexes", "WarmThroughput"})
    if (p.contains(member)) req[member] = p[member];
  const Json replicas = p.value("Replicas", Json::array());
  if (!replicas.is_array() || replicas.empty()) throw InitError(spec.file, line, id + ": AWS::DynamoDB::GlobalTable needs Replicas");
  Json replica = replicas[0];
  for (const auto& r : replicas)
    if (r.is_object() && r.value("Region", std::string()) == region) replica = r;
  spec.notes.push_back(id + ": global table, using the settings of its replica in " + replica.value("Region", std::string("?")));
  auto min_capacity = [](const Json& settings, const char* fixed, const char* autoscaling) -> Json {
    if (!settings.is_object()) return nullptr;
    if (settings.contains(fixed)) return settings[fixed];
    if (settings.contains(autoscaling) && settings[autoscaling].is_object()) return settings[autoscaling].value("MinCapacity", Json());
    return nullptr;
  };
  bool provisioned = p.value("BillingMode", std::string("PROVISIONED")) == "PROVISIONED";
  if (provisioned) {
    Json write = min_capacity(p.value("WriteProvisionedThroughputSettings", Json()), "WriteCapacityUnits", "WriteCapacityAutoScalingSettings");
    Json read = min_capacity(replica.value("ReadProvisionedThroughputSettings", Json()), "ReadCapacityUnits", "ReadCapacityAutoScalingSettings");
    req["ProvisionedThroughput"] = {{"ReadCapacityUnits", read.is_null() ? Json(5) : read}, {"WriteCapacityUnits", write.is_null() ? Json(5) : write}};
  }
  if (p.contains("GlobalSecondaryIndexes")) {
    Json gsis = Json::array();
    for (const auto& g : p["GlobalSecondaryIndexes"]) {
      Json gsi = {{"IndexName", g.value("IndexName", Json())}, {"KeySchema", g.value("KeySchema", Json())},
                  {"Projection", g.value("Projection", Json())}};
      if (provisioned) {
        Json write = min_capacity(g.value("WriteProvisionedThroughputSettings", Json()), "WriteCapacityUnits", "WriteCapacityAutoScalingSettings");
        Json read;
        for (const auto& rg : replica.value("GlobalSecondaryIndexes", Json::array()))
          if (rg.value("IndexName", Json()) == gsi["IndexName"])
            read = min_capacity(rg.value("ReadProvisionedThroughputSettings", Json()), "ReadCapacityUnits", "ReadCapacityAutoScalingSettings");
        gsi["ProvisionedThroughput"] = {{"ReadCapacityUnits", read.is_null() ? Json(5) : read}, {"WriteCapacityUnits", write.is_null() ? Json(5) : write}};
      }
      gsis.push_back(gsi);
    }
    req["GlobalSecondaryIndexes"] = gsis;
  }
  if (p.contains("StreamSpecification") && p["StreamSpecification"].is_object())
    req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", p["StreamSpecification"].value("StreamViewType", Json())}};
  if (p.contains("SSESpecification") && p["SSESpecification"].is_object()) req["SSESpecification"] = sse_for_api(p["SSESpecification"]);
  for (const char* member : {"Tags", "DeletionProtectionEnabled", "TableClass"})
    if (replica.contains(member)) req[member] = replica[member];
  add_ttl_and_pitr(spec, req["TableName"], p.value("TimeToLiveSpecification", Json()), replica.value("PointInTimeRecoverySpecification", Json()));
  return spec;
}

// SAM's AWS::Serverless::SimpleTable: a primary key only (default id, String).
TableSpec simple_table(const Json& p, TableSpec spec, int line) {
  Json& req = spec.create;
  Json key = p.value("PrimaryKey", Json{{"Name", "id"}, {"Type", "String"}});
  std::string type = key.value("Type", std::string("String"));
  const char* api_type = type == "String" ? "S" : type == "Number" ? "N" : type == "Binary" ? "B" : nullptr;
  if (!api_type) throw InitError(spec.file, line, "PrimaryKey Type must be String, Number or Binary, not " + type);
  req["AttributeDefinitions"] = {{{"AttributeName", key.value("Name", std::string("id"))}, {"AttributeType", api_type}}};
  req["KeySchema"] = {{{"AttributeName", key.value("Name", std::string("id"))}, {"KeyType", "HASH"}}};
  if (p.contains("ProvisionedThroughput")) req["ProvisionedThroughput"] = p["ProvisionedThroughput"];
  else req["BillingMode"] = "PAY_PER_REQUEST";
  if (p.contains("SSESpecification") && p["SSESpecification"].is_object()) req["SSESpecification"] = sse_for_api(p["SSESpecification"]);
  if (p.contains("Tags") && p["Tags"].is_object()) {
    Json tags = Json::array();
    for (auto it = p["Tags"].begin(); it != p["Tags"].end(); ++it) tags.push_back({{"Key", it.key()}, {"Value", it.value()}});
    req["Tags"] = tags;
  }
  add_ttl_and_pitr(spec, req["TableName"], Json(), p.value("PointInTimeRecoverySpecification", Json()));
  return spec;
}

std::string file_stem(const std::string& file) {
  std::string name = file.substr(file.find_last_of('/') + 1);
  return name.substr(0, name.find('.'));
}

}  // namespace

std::vector<TableSpec> tables_from_template(const Node& root, const std::string& file, const TemplateContext& context) {
  const Node* resources = root.find("Resources");
  if (!resources || !resources->is_map()) throw InitError(file, root.line, "a template needs a Resources mapping");
  auto given_stack = context.parameters.find("AWS::StackName");
  Resolver resolver(root, file, context, given_stack != context.parameters.end() ? given_stack->second : file_stem(file));
  std::vector<TableSpec> specs;
  for (const auto& [id, resource] : resources->fields) {
    const Node* type_node = resource.find("Type");
    if (!type_node || !type_node->is_scalar()) throw InitError(file, resource.line, "resource " + id + " has no Type");
    const std::string& type = type_node->value;
    bool table = type == "AWS::DynamoDB::Table", global = type == "AWS::DynamoDB::GlobalTable",
         simple = type == "AWS::Serverless::SimpleTable";
    if (!table && !global && !simple) continue;
    if (const Node* cond = resource.find("Condition"); cond && !resolver.condition(cond->value, cond->line)) continue;
    TableSpec spec;
    spec.file = file;
    spec.line = resource.line;
    Node props_node;
    props_node.kind = Node::Kind::mapping;
    props_node.line = resource.line;
    if (const Node* p = resource.find("Properties")) {
      if (!p->is_map()) throw InitError(file, p->line, id + ": Properties must be a mapping");
      props_node = resolver.resolve(*p);
    }
    check_properties(props_node, table ? kTableProperties : global ? kGlobalTableProperties : kSimpleTableProperties, type, file);
    Json props = to_json(props_node);
    coerce(props);
    if (props.contains("TableName")) {
      if (!props["TableName"].is_string()) throw InitError(file, props_node.find("TableName")->line, id + ": TableName must be a string");
      spec.create["TableName"] = props["TableName"];
    } else {
      spec.create["TableName"] = id;
      spec.notes.push_back(id + ": no TableName, so the table is named after its logical id " + id);
    }
    if (table) specs.push_back(plain_table(id, props, std::move(spec)));
    else if (global) specs.push_back(global_table(id, props, std::move(spec), context.region, resource.line));
    else specs.push_back(simple_table(props, std::move(spec), resource.line));
    const Node* raw = resource.find("Properties") ? resource.find("Properties")->find("TableName") : nullptr;
    if (raw && (!raw->tag.empty() || raw->is_map()))
      specs.back().notes.push_back(id + ": table name resolved to " + specs.back().create["TableName"].get<std::string>());
  }
  return specs;
}

}  // namespace dynarock::cli
