// ExecuteStatement: one PartiQL statement. A SELECT runs as Query (the WHERE fixes the partition
// key with = or IN) or Scan, paged by NextToken; INSERT, UPDATE and DELETE run as PutItem,
// UpdateItem and DeleteItem. The statement is lowered (src/partiql) into those operations'
// requests and they run in-process, so their validation, capacity and errors apply unchanged.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/partiql_support.h"
#include "api/read_page.h"
#include "model/attribute_value.h"
#include "partiql/lower.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

// NextToken: which partition of the plan to resume and the last key read there, bound to the
// statement and its parameters by a hash so a token cannot resume another statement.
struct Resume {
  size_t partition = 0;
  Json start_key;  // null: start the partition from its beginning
};

std::string statement_hash(const std::string& statement, const Json& parameters) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across builds and restarts
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  mix(statement);
  mix(parameters.dump());
  return std::to_string(h);
}

std::string encode_token(const std::string& hash, const Resume& r) {
  Json t{{"h", hash}, {"p", r.partition}};
  if (!r.start_key.is_null()) t["k"] = r.start_key;
  return model::base64_encode(t.dump());
}

Resume decode_token(const std::string& token, const std::string& hash) {
  std::string raw;
  Json t;
  if (model::base64_decode(token, raw)) t = Json::parse(raw, nullptr, false);
  if (!t.is_object() || !t.contains("h") || !t["h"].is_string() || !t.contains("p") || !t["p"].is_number_unsigned())
    throw validation_error("Invalid NextToken");
  if (t["h"] != hash) throw validation_error("The provided starting key is invalid");
  Resume r;
  r.partition = t["p"].get<size_t>();
  if (t.contains("k")) r.start_key = t["k"];
  return r;
}

bool has_nested_projection(const partiql::Statement& st) {
  for (const auto& p : st.projection)
    if (p.size() > 1) return true;
  return false;
}

// Appends a page's items (a JSON array's text) to `items` (the array being built, without its
// brackets), reshaping nested projections as DynamoDB returns them.
void append_items(std::string& items, const std::string& page_items, const partiql::Statement& st) {
  if (page_items.size() <= 2) return;  // "[]"
  if (!has_nested_projection(st)) {
    if (!items.empty()) items += ',';
    items.append(page_items, 1, page_items.size() - 2);
    return;
  }
  for (auto& item : Json::parse(page_items)) {
    if (!items.empty()) items += ',';
    items += partiql::project_item(st, std::move(item)).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

std::string run_select(Context& ctx, const shapes::ExecuteStatementInput& req, const partiql::Statement& st,
                       const Json& parameters, const model::TableInfo& table) {
  partiql::ReadPlan plan = partiql::lower_select(st, parameters, table);
  std::optional<long long> limit = req.Limit;
  const std::string* token = ptr(req.NextToken);
  auto hash = [&] { return statement_hash(*req.Statement, parameters); };
  Resume resume;
  if (token) resume = decode_token(*token, hash());
  if (resume.partition >= plan.requests.size()) throw validation_error("The provided starting key is invalid");
  const std::string* rcc = ptr(req.ReturnConsumedCapacity);
  bool consistent = req.ConsistentRead.value_or(false);

  std::string items;
  std::string page_capacity;  // the ConsumedCapacity of a single page, as the page wrote it
  Json capacity;
  std::optional<Resume> next;
  long long remaining = limit.value_or(0);
  for (size_t i = resume.partition; i < plan.requests.size(); ++i) {
    Json& r = plan.requests[i];
    if (consistent) r["ConsistentRead"] = true;
    if (rcc) r["ReturnConsumedCapacity"] = *rcc;
    if (plan.get) {
      // The whole primary key fixed by equality and nothing else: one GetItem. Without capacity
      // its body is exactly {} or {"Item":<item>}, so the item text is taken as it is.
      if (!rcc || *rcc == "NONE") {
        wire::Document request = to_wire(r);
        std::string body = get_item(ctx, request.root());
        constexpr std::string_view kItem = "{\"Item\":";
        if (body.size() > kItem.size() && body.compare(0, kItem.size(), kItem) == 0)
          append_items(items, "[" + body.substr(kItem.size(), body.size() - kItem.size() - 1) + "]", st);
        break;
      }
      Json resp = call_operation(get_item, ctx, r);
      if (resp.contains("Item"))
        append_items(items, "[" + resp["Item"].dump(-1, ' ', false, Json::error_handler_t::replace) + "]", st);
      if (resp.contains("ConsumedCapacity")) capacity = std::move(resp["ConsumedCapacity"]);
      break;
    }
    if (i == resume.partition && !resume.start_key.is_null()) r["ExclusiveStartKey"] = resume.start_key;
    if (limit) r["Limit"] = remaining;
    Page page = plan.query ? query_page(ctx, r) : scan_page(ctx, r);
    append_items(items, page.items, st);
    if (!page.capacity.empty()) {
      if (plan.requests.size() == 1) page_capacity = std::move(page.capacity);
      else add_capacity(capacity, Json::parse(page.capacity));
    }
    if (limit) remaining -= static_cast<long long>(page.scanned);
    if (page.last_key) {
      next = Resume{i, model::to_json(*page.last_key)};
      break;
    }
    if (limit && remaining <= 0) {
      if (i + 1 < plan.requests.size()) next = Resume{i + 1, Json()};
      break;
    }
  }
  std::string out = "{\"Items\":[" + items + "]";
  if (next) out += ",\"NextToken\":\"" + encode_token(hash(), *next) + "\"";
  if (!capacity.is_null()) page_capacity = capacity_text(capacity);
  if (!page_capacity.empty()) out += ",\"ConsumedCapacity\":" + page_capacity;
  out += '}';
  return out;
}

}  // namespace

namespace ops {

std::string execute_statement(Context& ctx, const shapes::ExecuteStatementInput& req) {
  Constraints c;
  check_statement_member(req, "", c);
  c.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.integer_range(req.Limit, "limit", 1, std::nullopt);
  c.length(ptr(req.NextToken), "nextToken", 1, 32768);
  c.finish();

  const Json& params = parameters_of(req.Parameters);
  partiql::Statement st = parse_statement(*req.Statement, params);
  if (st.kind == partiql::Statement::Kind::exists)
    throw validation_error("EXISTS can only be used in ExecuteTransaction write requests.");
  model::TablePtr table = ctx.require_table(st.table);
  if (st.is_read()) return run_select(ctx, req, st, params, *table);

  Json options = Json::object();
  if (req.ReturnConsumedCapacity) options["ReturnConsumedCapacity"] = *req.ReturnConsumedCapacity;
  if (req.ReturnValuesOnConditionCheckFailure) options["ReturnValuesOnConditionCheckFailure"] = *req.ReturnValuesOnConditionCheckFailure;
  Json resp = run_write(ctx, st, params, *table, options);
  Json items = Json::array();
  if (resp.contains("Attributes")) items.push_back(resp["Attributes"]);
  std::string out = "{\"Items\":" + items.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (resp.contains("ConsumedCapacity")) out += ",\"ConsumedCapacity\":" + capacity_text(resp["ConsumedCapacity"]);
  return out + '}';
}

}  // namespace ops

}  // namespace dynarock::api
