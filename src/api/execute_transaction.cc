// ExecuteTransaction: up to 100 statements, all-or-nothing, through the same machinery as
// TransactGetItems (all SELECTs by full primary key) or TransactWriteItems (INSERT, UPDATE,
// DELETE and EXISTS(SELECT ...) condition checks). Reads and writes may not mix. The
// ClientRequestToken goes to TransactWriteItems, whose idempotency applies unchanged; an INSERT
// whose item exists cancels with a DuplicateItem reason.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/partiql_support.h"
#include "partiql/lower.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

constexpr const char* kReadKey = "Select statements within ExecuteTransaction must specify the primary key in the where clause.";

ApiError in_member(size_t i, const ApiError& e) {
  return validation_error("Validation failed in TransactStatements[" + std::to_string(i) + "]: " + e.message());
}

}  // namespace

namespace ops {

std::string execute_transaction(Context& ctx, const shapes::ExecuteTransactionInput& req) {
  Constraints c;
  const auto* statements = ptr(req.TransactStatements);
  check_statement_list(statements, "transactStatements", 100, c);
  c.length(ptr(req.ClientRequestToken), "clientRequestToken", 1, 36);
  c.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.finish();

  std::vector<partiql::Statement> parsed;
  bool reads = false, writes = false;
  for (size_t i = 0; i < statements->size(); ++i) {
    const shapes::ParameterizedStatement& m = (*statements)[i];
    try {
      parsed.push_back(parse_statement(*m.Statement, parameters_of(m.Parameters)));
      const partiql::Statement& st = parsed.back();
      if (st.returning != partiql::Returning::none)
        throw validation_error("RETURNING clause is not supported in ExecuteTransaction.");
      if (st.is_read() && !st.index.empty()) throw validation_error("Reads on indices are not supported within transactions.");
      (st.is_read() ? reads : writes) = true;
    } catch (const ApiError& e) {
      if (e.code() != "ValidationException") throw;
      throw in_member(i, e);
    }
  }
  if (reads && writes)
    throw validation_error("ExecuteTransaction API does not support both read and write operations in the same request.");

  const std::string* rcc = ptr(req.ReturnConsumedCapacity);
  Json items = Json::array();
  for (size_t i = 0; i < parsed.size(); ++i) {
    const partiql::Statement& st = parsed[i];
    const shapes::ParameterizedStatement& m = (*statements)[i];
    const Json& params = parameters_of(m.Parameters);
    model::TablePtr table = ctx.require_table(st.table);
    try {
      if (reads) {
        items.push_back(Json{{"Get", partiql::lower_key_read(st, params, *table, kReadKey)}});
        continue;
      }
      partiql::WritePlan plan = partiql::lower_write(st, params, *table);
      if (const std::string* rv = ptr(m.ReturnValuesOnConditionCheckFailure))
        plan.request["ReturnValuesOnConditionCheckFailure"] = *rv;
      static const char* kMember[] = {"Put", "Update", "Delete", "ConditionCheck"};
      items.push_back(Json{{kMember[static_cast<int>(plan.op)], std::move(plan.request)}});
    } catch (const ApiError& e) {
      if (e.code() != "ValidationException") throw;
      throw in_member(i, e);
    }
  }

  Json request{{"TransactItems", std::move(items)}};
  if (rcc) request["ReturnConsumedCapacity"] = *rcc;
  if (reads) {
    Json resp = call_operation(api::transact_get_items, ctx, request);
    Json responses = Json::array();
    Json& got = resp["Responses"];
    for (size_t i = 0; i < got.size(); ++i)
      responses.push_back(got[i].contains("Item") ? Json{{"Item", partiql::project_item(parsed[i], std::move(got[i]["Item"]))}}
                                                  : Json::object());
    std::string text = "{\"Responses\":" + responses.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (resp.contains("ConsumedCapacity")) text += ",\"ConsumedCapacity\":" + capacity_text(resp["ConsumedCapacity"]);
    return text + '}';
  }
  if (const std::string* token = ptr(req.ClientRequestToken)) request["ClientRequestToken"] = *token;
  try {
    Json resp = call_operation(api::transact_write_items, ctx, request);
    if (resp.contains("ConsumedCapacity")) return "{\"ConsumedCapacity\":" + capacity_text(resp["ConsumedCapacity"]) + '}';
  } catch (ApiError& e) {
    // An INSERT's attribute_not_exists condition failing means the item exists.
    if (e.code() == "TransactionCanceledException" && e.extra.contains("CancellationReasons")) {
      Json& reasons = e.extra["CancellationReasons"];
      std::string codes;
      for (size_t i = 0; i < reasons.size() && i < parsed.size(); ++i) {
        if (parsed[i].kind == partiql::Statement::Kind::insert && reasons[i].value("Code", "") == "ConditionalCheckFailed")
          reasons[i] = Json{{"Code", "DuplicateItem"}, {"Message", "Duplicate primary key exists in table"}};
        codes += (i ? ", " : "") + reasons[i].value("Code", std::string());
      }
      ApiError mapped(e.code(), "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]", e.status());
      mapped.extra = e.extra;
      throw mapped;
    }
    throw;
  }
  return "{}";
}

}  // namespace ops

}  // namespace dynarock::api
