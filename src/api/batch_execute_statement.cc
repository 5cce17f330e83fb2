// BatchExecuteStatement: up to 25 statements, all reads (SELECT by full primary key) or all
// writes (INSERT, UPDATE, DELETE), each answered on its own: a failed statement gets an Error
// {Code, Message[, Item]} in its place while the others run.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/partiql_support.h"
#include "partiql/lower.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

constexpr const char* kReadKey = "Select statements within BatchExecuteStatement must specify the primary key in the where clause.";

}  // namespace

namespace ops {

std::string batch_execute_statement(Context& ctx, const shapes::BatchExecuteStatementInput& req) {
  Constraints c;
  const auto* statements = ptr(req.Statements);
  check_statement_list(statements, "statements", 25, c);
  c.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.finish();

  // Parse every statement first: the batch must be all reads or all writes.
  struct Member {
    std::optional<partiql::Statement> st;
    std::optional<ApiError> error;
  };
  std::vector<Member> members(statements->size());
  bool reads = false, writes = false;
  for (size_t i = 0; i < statements->size(); ++i) {
    const shapes::BatchStatementRequest& m = (*statements)[i];
    try {
      members[i].st = parse_statement(*m.Statement, parameters_of(m.Parameters));
      (members[i].st->is_read() ? reads : writes) = true;
    } catch (const ApiError& e) {
      members[i].error = e;
    }
  }
  if (reads && writes)
    throw validation_error("Unsupported operation: A batch must contain either only read or only write statements");

  const std::string* rcc = ptr(req.ReturnConsumedCapacity);
  std::map<std::string, Json> capacity;  // by table, in name order
  Json responses = Json::array();
  for (size_t i = 0; i < statements->size(); ++i) {
    const shapes::BatchStatementRequest& m = (*statements)[i];
    Json response = Json::object();
    try {
      if (members[i].error) throw *members[i].error;
      const partiql::Statement& st = *members[i].st;
      const Json& params = parameters_of(m.Parameters);
      if (st.kind == partiql::Statement::Kind::exists)
        throw validation_error("EXISTS can only be used in ExecuteTransaction write requests.");
      model::TablePtr table = ctx.require_table(st.table);
      response["TableName"] = table->name;
      Json resp;
      if (st.is_read()) {
        if (!st.index.empty()) throw validation_error(kReadKey);
        partiql::lower_key_read(st, params, *table, kReadKey);  // the whole key, or the error
        // The key equalities (a GetItem), or with further predicates one Query of one item.
        partiql::ReadPlan plan = partiql::lower_select(st, params, *table);
        Json& r = plan.requests.at(0);
        if (m.ConsistentRead.value_or(false)) r["ConsistentRead"] = true;
        if (rcc) r["ReturnConsumedCapacity"] = *rcc;
        resp = call_operation(plan.get ? api::get_item : api::query, ctx, r);
        if (plan.get && resp.contains("Item")) response["Item"] = partiql::project_item(st, std::move(resp["Item"]));
        if (!plan.get && !resp["Items"].empty()) response["Item"] = partiql::project_item(st, std::move(resp["Items"][0]));
      } else {
        Json options = Json::object();
        if (rcc) options["ReturnConsumedCapacity"] = *rcc;
        if (const std::string* rv = ptr(m.ReturnValuesOnConditionCheckFailure))
          options["ReturnValuesOnConditionCheckFailure"] = *rv;
        resp = run_write(ctx, st, params, *table, options);
      }
      if (resp.contains("ConsumedCapacity")) add_capacity(capacity[table->name], resp["ConsumedCapacity"]);
    } catch (const ApiError& e) {
      if (e.status() >= 500) throw;
      Json error{{"Code", batch_error_code(e)}, {"Message", e.message()}};
      if (e.extra.contains("Item")) error["Item"] = e.extra["Item"];
      response["Error"] = std::move(error);
    }
    responses.push_back(std::move(response));
  }
  std::string out = "{\"Responses\":" + responses.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (rcc && *rcc != "NONE") {
    Json list = Json::array();
    for (auto& [name, cap] : capacity) list.push_back(std::move(cap));
    out += ",\"ConsumedCapacity\":" + capacity_text(list);
  }
  return out + '}';
}

}  // namespace ops

}  // namespace dynarock::api
