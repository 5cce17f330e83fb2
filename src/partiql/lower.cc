#include "partiql/lower.h"

#include <map>
#include <optional>
#include <set>

#include "partiql/errors.h"

namespace dynarock::partiql {

namespace {

constexpr const char* kMissingKey = "Where clause does not contain a mandatory equality on all key attributes";

bool is_value(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::string:
    case Expr::Kind::number:
    case Expr::Kind::boolean:
    case Expr::Kind::null:
    case Expr::Kind::param:
    case Expr::Kind::tuple:
    case Expr::Kind::list:
    case Expr::Kind::bag:
      return true;
    default:
      return false;
  }
}

// The name of a one-step path (a top-level attribute), or nullptr.
const std::string* top_name(const Expr& e) {
  if (e.kind != Expr::Kind::path || e.path.size() != 1) return nullptr;
  return &e.path[0].name;
}

std::string label(const Path& p);

std::string path_text(const Path& p) {
  std::string out;
  for (const auto& s : p) {
    if (s.is_index) out += "[" + std::to_string(s.index) + "]";
    else out += (out.empty() ? "" : ".") + s.name;
  }
  return out;
}

// Binds literals and parameters into wire AttributeValues ({"S": ...}).
class Values {
 public:
  explicit Values(const Json& parameters) : params_(parameters) {}

  Json value(const Expr& e, const std::string& where = "root") const {
    switch (e.kind) {
      case Expr::Kind::string: return Json{{"S", e.text}};
      case Expr::Kind::number: return Json{{"N", e.text}};
      case Expr::Kind::boolean: return Json{{"BOOL", e.text == "true"}};
      case Expr::Kind::null: return Json{{"NULL", true}};
      case Expr::Kind::param: return params_.is_array() && e.param < params_.size() ? params_[e.param] : Json::object();
      case Expr::Kind::tuple: {
        Json m = Json::object();
        for (size_t i = 0; i < e.keys.size(); ++i) {
          if (m.contains(e.keys[i])) throw validation_error("Duplicate keys in tuple. Key: " + e.keys[i] + " under " + where);
          m[e.keys[i]] = value(e.args[i], where + "." + e.keys[i]);
        }
        return Json{{"M", std::move(m)}};
      }
      case Expr::Kind::list: {
        Json l = Json::array();
        for (size_t i = 0; i < e.args.size(); ++i) l.push_back(value(e.args[i], where + "[" + std::to_string(i) + "]"));
        return Json{{"L", std::move(l)}};
      }
      case Expr::Kind::bag: {
        if (e.args.empty()) throw validation_error("Empty bags are not supported");
        bool strings = e.args[0].kind == Expr::Kind::string;
        Json set = Json::array();
        for (const auto& a : e.args) {
          if ((a.kind != Expr::Kind::string && a.kind != Expr::Kind::number) || (a.kind == Expr::Kind::string) != strings)
            throw validation_error("Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
          set.push_back(a.text);
        }
        return Json{{strings ? "SS" : "NS", std::move(set)}};
      }
      case Expr::Kind::missing: throw validation_error("MISSING must be compared using IS operator");
      default: throw validation_error("Unsupported data type: " + std::string(e.kind == Expr::Kind::path ? "path" : "expression") + " under key " + where);
    }
  }

 private:
  const Json& params_;
};

// Writes expression text with #placeholders for names and :placeholders for values.
class Builder {
 public:
  explicit Builder(const Values& values) : values_(values) {}

  std::string name(const std::string& n) {
    auto it = names_.find(n);
    if (it != names_.end()) return it->second;
    std::string ph = "#n" + std::to_string(names_.size());
    names_.emplace(n, ph);
    return ph;
  }
  std::string value(const Json& v) {
    std::string ph = ":v" + std::to_string(count_++);
    value_json_[ph] = v;
    return ph;
  }
  std::string path(const Path& p) {
    std::string out;
    for (const auto& s : p) {
      if (s.is_index) out += "[" + std::to_string(s.index) + "]";
      else out += (out.empty() ? "" : ".") + name(s.name);
    }
    return out;
  }

  std::string operand(const Expr& e) {
    if (is_value(e)) return value(values_.value(e));
    switch (e.kind) {
      case Expr::Kind::path: return path(e.path);
      case Expr::Kind::missing: throw validation_error("MISSING must be compared using IS operator");
      case Expr::Kind::call:
        if (e.text == "size" && e.args.size() == 1 && e.args[0].kind == Expr::Kind::path) return "size(" + path(e.args[0].path) + ")";
        if (e.text == "list_append" && e.args.size() == 2) return "list_append(" + operand(e.args[0]) + ", " + operand(e.args[1]) + ")";
        if (e.text == "if_not_exists" && e.args.size() == 2 && e.args[0].kind == Expr::Kind::path)
          return "if_not_exists(" + path(e.args[0].path) + ", " + operand(e.args[1]) + ")";
        throw validation_error("Unrecognized function: " + e.text);
      case Expr::Kind::arith: return operand(e.args[0]) + " " + e.op + " " + operand(e.args[1]);
      default: throw validation_error("Unsupported operation: a condition as an operand");
    }
  }

  std::string condition(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::and_: return "(" + condition(e.args[0]) + ") AND (" + condition(e.args[1]) + ")";
      case Expr::Kind::or_: return "(" + condition(e.args[0]) + ") OR (" + condition(e.args[1]) + ")";
      case Expr::Kind::not_: return "NOT (" + condition(e.args[0]) + ")";
      case Expr::Kind::compare:
        if (e.args[0].kind == Expr::Kind::missing || e.args[1].kind == Expr::Kind::missing)
          throw validation_error("MISSING must be compared using IS operator");
        return operand(e.args[0]) + " " + e.op + " " + operand(e.args[1]);
      case Expr::Kind::between:
        return operand(e.args[0]) + " BETWEEN " + operand(e.args[1]) + " AND " + operand(e.args[2]);
      case Expr::Kind::in: {
        if (e.args.size() < 2 || e.args[0].kind != Expr::Kind::path)
          throw validation_error(
              "IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq "
              "with at least one member");
        std::string out = operand(e.args[0]) + " IN (";
        for (size_t i = 1; i < e.args.size(); ++i) out += (i > 1 ? ", " : "") + operand(e.args[i]);
        return out + ")";
      }
      case Expr::Kind::is: return is(e);
      case Expr::Kind::call: return call(e);
      case Expr::Kind::boolean:
      case Expr::Kind::path:
      default:
        throw validation_error("WHERE clause must contain an expression that resolves to a boolean");
    }
  }

  void into(Json& req) const {
    if (!names_.empty()) {
      Json& n = req["ExpressionAttributeNames"];
      for (const auto& [name, ph] : names_) n[ph] = name;
    }
    if (!value_json_.empty()) req["ExpressionAttributeValues"] = value_json_;
  }

 private:
  std::string is(const Expr& e) {
    const Expr& arg = e.args[0];
    if (arg.kind != Expr::Kind::path)
      throw validation_error("The left hand side argument to IS must be a Variable Reference, Literal, or Path");
    std::string p = path(arg.path);
    std::string out;
    if (e.text == "MISSING") return (e.negated ? "attribute_exists(" : "attribute_not_exists(") + p + ")";
    static const std::pair<const char*, const char*> kTypes[] = {
        {"NULL", "NULL"}, {"BOOLEAN", "BOOL"}, {"BOOL", "BOOL"}, {"BLOB", "B"}, {"STRING", "S"},
        {"NUMERIC", "N"}, {"STRUCT", "M"}, {"TUPLE", "M"}, {"LIST", "L"}};
    for (const auto& [name, type] : kTypes)
      if (e.text == name) {
        std::string test = "attribute_type(" + p + ", " + value(Json{{"S", type}}) + ")";
        return e.negated ? "NOT " + test : test;
      }
    throw validation_error("Unsupported data type for IS operator: " + e.text +
                           ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]");
  }

  std::string call(const Expr& e) {
    auto need = [&](size_t n) {
      if (e.args.size() != n || e.args[0].kind != Expr::Kind::path)
        throw validation_error("Unsupported operation: " + e.text + " with these arguments");
    };
    if (e.text == "begins_with" || e.text == "contains" || e.text == "attribute_type") {
      need(2);
      return e.text + "(" + path(e.args[0].path) + ", " + operand(e.args[1]) + ")";
    }
    if (e.text == "exists" || e.text == "attribute_exists") {
      need(1);
      return "attribute_exists(" + path(e.args[0].path) + ")";
    }
    if (e.text == "missing" || e.text == "attribute_not_exists") {
      need(1);
      return "attribute_not_exists(" + path(e.args[0].path) + ")";
    }
    throw validation_error("Unrecognized function: " + e.text);
  }

  const Values& values_;
  std::map<std::string, std::string> names_;
  Json value_json_ = Json::object();
  size_t count_ = 0;
};

void flatten_and(const Expr& e, std::vector<const Expr*>& out) {
  if (e.kind == Expr::Kind::and_) {
    flatten_and(e.args[0], out);
    flatten_and(e.args[1], out);
  } else {
    out.push_back(&e);
  }
}

// `key = value` (either side): the value expression, or nullptr.
const Expr* key_equality(const Expr& e, const std::string& key) {
  if (e.kind != Expr::Kind::compare || e.op != "=") return nullptr;
  const std::string* l = top_name(e.args[0]);
  const std::string* r = top_name(e.args[1]);
  if (l && *l == key && is_value(e.args[1])) return &e.args[1];
  if (r && *r == key && is_value(e.args[0])) return &e.args[0];
  return nullptr;
}

// The conjuncts that are not key equalities, joined into one condition ("" for none).
std::string rest_condition(Builder& b, const std::vector<const Expr*>& conjuncts, const std::set<const Expr*>& used) {
  std::string out;
  for (const Expr* c : conjuncts) {
    if (used.count(c)) continue;
    out += (out.empty() ? "(" : " AND (") + b.condition(*c) + ")";
  }
  return out;
}

// The whole primary key from the WHERE's equalities; the conjuncts used go into `used`.
Json extract_key(const Statement& st, const Values& values, const model::TableInfo& table,
                 const std::vector<const Expr*>& conjuncts, std::set<const Expr*>& used, const char* message) {
  Json key = Json::object();
  std::vector<std::string> names{table.key.hash.name};
  if (table.key.range) names.push_back(table.key.range->name);
  for (const auto& name : names) {
    const Expr* found = nullptr;
    for (const Expr* c : conjuncts) {
      const Expr* v = key_equality(*c, name);
      if (!v) continue;
      if (found) throw validation_error("Multiple conditions on same key " + name + ". Only single item Update/Insert/Delete are supported");
      found = v;
      used.insert(c);
    }
    if (!found) throw validation_error(message);
    key[name] = values.value(*found);
  }
  (void)st;
  return key;
}

std::vector<const Expr*> conjuncts_of(const Statement& st) {
  std::vector<const Expr*> out;
  if (st.has_where) flatten_and(st.where, out);
  return out;
}

// The name a projected path's value is returned under: its last name and any list indexes after
// it ("m.k[1]" -> "k[1]").
std::string label(const Path& p) {
  size_t i = p.size();
  while (i > 0 && p[i - 1].is_index) --i;
  std::string out = i > 0 ? p[i - 1].name : std::string();
  for (; i < p.size(); ++i) out += "[" + std::to_string(p[i].index) + "]";
  return out;
}

void projection(const Statement& st, Builder& b, Json& req) {
  if (st.star || st.projection.empty()) return;
  std::set<std::string> seen;
  std::string text;
  for (const auto& p : st.projection) {
    std::string label = partiql::label(p);
    if (!seen.insert(label).second) throw validation_error("Duplicate identifiers in select clause: " + label);
    text += (text.empty() ? "" : ", ") + b.path(p);
  }
  req["ProjectionExpression"] = text;
}

// Whether the candidate list of `pk IN [...]` or `pk = a OR pk = b ...` names only values.
bool partition_values(const Expr& e, const std::string& key, std::vector<const Expr*>& out) {
  if (const Expr* v = key_equality(e, key)) {
    out.push_back(v);
    return true;
  }
  if (e.kind == Expr::Kind::or_) return partition_values(e.args[0], key, out) && partition_values(e.args[1], key, out);
  if (e.kind == Expr::Kind::in && e.args.size() >= 2) {
    const std::string* n = top_name(e.args[0]);
    if (!n || *n != key) return false;
    for (size_t i = 1; i < e.args.size(); ++i) {
      if (!is_value(e.args[i])) return false;
      out.push_back(&e.args[i]);
    }
    return true;
  }
  return false;
}

// A sort-key predicate Query accepts as a key condition, written with `b`; "" if `e` is none.
std::string sort_condition(Builder& b, const Expr& e, const std::string& key) {
  auto is_key = [&](const Expr& x) {
    const std::string* n = top_name(x);
    return n && *n == key;
  };
  if (e.kind == Expr::Kind::compare && e.op != "<>") {
    if (is_key(e.args[0]) && is_value(e.args[1])) return b.path(e.args[0].path) + " " + e.op + " " + b.operand(e.args[1]);
    if (is_key(e.args[1]) && is_value(e.args[0])) {
      static const std::map<std::string, std::string> kFlip = {{"=", "="}, {"<", ">"}, {"<=", ">="}, {">", "<"}, {">=", "<="}};
      return b.path(e.args[1].path) + " " + kFlip.at(e.op) + " " + b.operand(e.args[0]);
    }
  }
  if (e.kind == Expr::Kind::between && is_key(e.args[0]) && is_value(e.args[1]) && is_value(e.args[2]))
    return b.path(e.args[0].path) + " BETWEEN " + b.operand(e.args[1]) + " AND " + b.operand(e.args[2]);
  if (e.kind == Expr::Kind::call && e.text == "begins_with" && e.args.size() == 2 && is_key(e.args[0]) && is_value(e.args[1]))
    return "begins_with(" + b.path(e.args[0].path) + ", " + b.operand(e.args[1]) + ")";
  return "";
}

// Every top-level attribute a condition reads.
void top_names(const Expr& e, std::set<std::string>& out) {
  if (e.kind == Expr::Kind::path) out.insert(e.path[0].name);
  for (const auto& a : e.args) top_names(a, out);
}

}  // namespace

Json project_item(const Statement& st, Json item) {
  bool nested = false;
  for (const auto& p : st.projection) nested = nested || p.size() > 1;
  if (!nested) return item;
  Json out = Json::object();
  for (const auto& p : st.projection) {
    const Json* v = &item;
    for (size_t i = 0; v && i < p.size(); ++i) {
      if (i == 0) {
        v = v->contains(p[0].name) ? &(*v)[p[0].name] : nullptr;
      } else if (p[i].is_index) {
        v = v->contains("L") && (*v)["L"].is_array() && p[i].index < (*v)["L"].size() ? &(*v)["L"][p[i].index] : nullptr;
      } else {
        v = v->contains("M") && (*v)["M"].contains(p[i].name) ? &(*v)["M"][p[i].name] : nullptr;
      }
    }
    if (v) out[label(p)] = *v;
  }
  return out;
}

void check_parameter_count(const Statement& st, const Json& parameters) {
  size_t given = parameters.is_array() ? parameters.size() : 0;
  if (given != st.parameters) throw validation_error("Number of parameters in request and statement don't match.");
}

ReadPlan lower_select(const Statement& st, const Json& parameters, const model::TableInfo& table) {
  Values values(parameters);
  std::string hash = table.key.hash.name;
  std::optional<std::string> range = table.key.range ? std::optional<std::string>(table.key.range->name) : std::nullopt;
  bool index_known = st.index.empty();
  for (const auto& idx : table.indexes)
    if (idx.name == st.index) {
      // Multi-attribute index keys are read by Scan: a Query would need every key attribute.
      if (idx.hash_elements().size() > 1) hash.clear();
      else hash = idx.key.hash.name;
      range = idx.key.range ? std::optional<std::string>(idx.key.range->name) : std::nullopt;
      if (idx.range_elements().size() > 1) range.reset();
      index_known = true;
    }
  if (!index_known) hash.clear();  // Scan reports the unknown index in its own words

  std::vector<const Expr*> conjuncts = conjuncts_of(st);
  const Expr* partition = nullptr;
  std::vector<const Expr*> partition_list;
  if (!hash.empty())
    for (const Expr* c : conjuncts) {
      std::vector<const Expr*> vals;
      if (partition_values(*c, hash, vals)) {
        partition = c;
        partition_list = std::move(vals);
        break;
      }
    }

  // DynamoDB reads at most 50 partition key values of an IN (or OR of equalities) per statement.
  if (partition_list.size() > 50) throw validation_error("Too many decomposed read operations for a given query.");

  if (!st.order_by.empty()) {
    if (!st.has_where) throw validation_error("Must have WHERE clause in the statement when using ORDER BY clause.");
    if (!partition)
      throw validation_error("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
    for (const auto& [key, desc] : st.order_by)
      if (key != hash && (!range || key != *range))
        throw validation_error("Variable reference " + key + " in ORDER BY clause must be part of the primary key");
  }

  ReadPlan plan;
  if (st.index.empty() && st.order_by.empty() && st.has_where) {
    // Exactly the key equalities: a GetItem reads the same item for the same capacity.
    std::set<const Expr*> used;
    try {
      Json key = extract_key(st, values, table, conjuncts, used, kMissingKey);
      if (used.size() == conjuncts.size()) {
        Builder b(values);
        Json req = Json::object();
        req["TableName"] = st.table;
        req["Key"] = std::move(key);
        projection(st, b, req);
        b.into(req);
        plan.get = true;
        plan.requests.push_back(std::move(req));
        return plan;
      }
    } catch (const ApiError&) {
      // not the whole key: a Query or Scan below
    }
  }
  auto base = [&]() {
    Json req = Json::object();
    req["TableName"] = st.table;
    if (!st.index.empty()) req["IndexName"] = st.index;
    return req;
  };
  // Query filters may not read key attributes (of the table or the index); a WHERE that
  // constrains a key beyond the one key condition Query takes is evaluated by a Scan instead.
  if (partition && range) {
    std::set<std::string> names;
    bool sort_used = false;
    for (const Expr* c : conjuncts) {
      if (c == partition) continue;
      Builder probe(values);
      if (!sort_used && !sort_condition(probe, *c, *range).empty()) {
        sort_used = true;
        continue;
      }
      top_names(*c, names);
    }
    for (const auto& n : names)
      if (n == hash || n == *range || table.key.is_key_attribute(n)) partition = nullptr;
  } else if (partition) {
    std::set<std::string> names;
    for (const Expr* c : conjuncts)
      if (c != partition) top_names(*c, names);
    for (const auto& n : names)
      if (n == hash || table.key.is_key_attribute(n)) partition = nullptr;
  }
  if (!partition && !st.order_by.empty())
    throw validation_error("Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");

  if (!partition) {
    Builder b(values);
    Json req = base();
    projection(st, b, req);
    if (st.has_where) req["FilterExpression"] = b.condition(st.where);
    b.into(req);
    plan.requests.push_back(std::move(req));
    return plan;
  }

  plan.query = true;
  bool descending = false;
  bool partitions_descending = false;
  for (const auto& [key, desc] : st.order_by) {
    if (key == hash) partitions_descending = desc;
    else descending = desc;
  }
  // One sort-key predicate becomes part of the key condition; the rest filter.
  const Expr* sort = nullptr;
  for (size_t i = 0; i < partition_list.size(); ++i) {
    const Expr* v = partition_list[partitions_descending ? partition_list.size() - 1 - i : i];
    Builder b(values);
    Json req = base();
    std::string key_condition = b.name(hash) + " = " + b.value(values.value(*v));
    std::set<const Expr*> used{partition};
    if (range)
      for (const Expr* c : conjuncts) {
        if (c == partition) continue;
        std::string sc = sort_condition(b, *c, *range);
        if (!sc.empty()) {
          key_condition += " AND " + sc;
          used.insert(c);
          sort = c;
          break;
        }
      }
    (void)sort;
    req["KeyConditionExpression"] = key_condition;
    std::string filter = rest_condition(b, conjuncts, used);
    if (!filter.empty()) req["FilterExpression"] = filter;
    projection(st, b, req);
    if (descending) req["ScanIndexForward"] = false;
    b.into(req);
    plan.requests.push_back(std::move(req));
  }
  return plan;
}

Json lower_key_read(const Statement& st, const Json& parameters, const model::TableInfo& table, const char* message) {
  Values values(parameters);
  std::vector<const Expr*> conjuncts = conjuncts_of(st);
  std::set<const Expr*> used;
  Json req = Json::object();
  req["TableName"] = st.table;
  req["Key"] = extract_key(st, values, table, conjuncts, used, message);
  Builder b(values);
  projection(st, b, req);
  b.into(req);
  return req;
}

WritePlan lower_write(const Statement& st, const Json& parameters, const model::TableInfo& table) {
  Values values(parameters);
  Builder b(values);
  WritePlan plan;
  Json req = Json::object();
  req["TableName"] = st.table;
  if (st.kind == Statement::Kind::insert) {
    plan.op = WritePlan::Op::put;
    if (st.value.kind != Expr::Kind::tuple && st.value.kind != Expr::Kind::param)
      throw validation_error(
          "Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.");
    Json item = values.value(st.value);
    if (!item.is_object() || !item.contains("M") || !item["M"].is_object())
      throw validation_error(
          "Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.");
    req["Item"] = item["M"];
    // INSERT never replaces: the item must not exist yet.
    req["ConditionExpression"] = "attribute_not_exists(" + b.name(table.key.hash.name) + ")";
    b.into(req);
    plan.request = std::move(req);
    return plan;
  }

  if (!st.index.empty()) throw validation_error("This operation is not supported on an index");
  std::vector<const Expr*> conjuncts = conjuncts_of(st);
  std::set<const Expr*> used;
  const char* message = st.kind == Statement::Kind::exists ? "EXISTS() must contain a single item read with additional condition" : kMissingKey;
  req["Key"] = extract_key(st, values, table, conjuncts, used, message);
  std::string condition = rest_condition(b, conjuncts, used);

  if (st.kind == Statement::Kind::exists) {
    plan.op = WritePlan::Op::condition_check;
    if (condition.empty()) throw validation_error("EXISTS() must contain a single item read with additional condition");
    req["ConditionExpression"] = condition;
  } else if (st.kind == Statement::Kind::update) {
    plan.op = WritePlan::Op::update;
    std::string set, remove, add, del;
    for (const auto& a : st.assignments) {
      if (a.kind == Assignment::Kind::remove) {
        remove += (remove.empty() ? "" : ", ") + b.path(a.target);
        continue;
      }
      const Expr& v = a.value;
      if (v.kind == Expr::Kind::call && (v.text == "set_add" || v.text == "set_delete")) {
        std::string op = v.text == "set_add" ? "ADD" : "DELETE";
        if (v.args.size() != 2) throw validation_error("SET_" + op + " must have exactly two arguments");
        if (v.args[0].kind != Expr::Kind::path || v.args[0].path.size() != a.target.size() ||
            path_text(v.args[0].path) != path_text(a.target))
          throw validation_error("The first argument to SET_" + op + " must equal the assignment value");
        Json set_value = values.value(v.args[1]);
        if (!set_value.contains("SS") && !set_value.contains("NS") && !set_value.contains("BS"))
          throw validation_error("The second argument to SET_" + op + " must be a value with type SET");
        std::string& clause = v.text == "set_add" ? add : del;
        clause += (clause.empty() ? "" : ", ") + b.path(a.target) + " " + b.value(set_value);
        continue;
      }
      set += (set.empty() ? "" : ", ") + b.path(a.target) + " = " + b.operand(v);
    }
    std::string expression;
    if (!set.empty()) expression += "SET " + set;
    if (!remove.empty()) expression += (expression.empty() ? "" : " ") + std::string("REMOVE ") + remove;
    if (!add.empty()) expression += (expression.empty() ? "" : " ") + std::string("ADD ") + add;
    if (!del.empty()) expression += (expression.empty() ? "" : " ") + std::string("DELETE ") + del;
    req["UpdateExpression"] = expression;
    // UPDATE acts only on an existing item.
    std::string exists = "attribute_exists(" + b.name(table.key.hash.name) + ")";
    req["ConditionExpression"] = condition.empty() ? exists : exists + " AND " + condition;
    static const char* kReturn[] = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
    if (st.returning != Returning::none) req["ReturnValues"] = kReturn[static_cast<int>(st.returning)];
  } else {
    plan.op = WritePlan::Op::remove;
    if (!condition.empty()) req["ConditionExpression"] = condition;
    if (st.returning != Returning::none) {
      if (st.returning != Returning::all_old) {
        static const char* kText[] = {"", "ALL OLD *", "MODIFIED OLD *", "ALL NEW *", "MODIFIED NEW *"};
        throw validation_error(std::string("Invalid returning clause: RETURNING ") + kText[static_cast<int>(st.returning)] +
                               ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
      }
      req["ReturnValues"] = "ALL_OLD";
    }
  }
  b.into(req);
  plan.request = std::move(req);
  return plan;
}

}  // namespace dynarock::partiql
