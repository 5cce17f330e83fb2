// What the three PartiQL operations share: parsing a statement with its parameters, calling an
// existing operation in-process on a lowered request, and the shapes of their answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.h"
#include "api/validate.h"
#include "model/error.h"
#include "partiql/ast.h"
#include "partiql/lower.h"

namespace dynarock::api {

// One statement's members (`prefix` is "" for ExecuteStatement, "statements.1.member." in a list):
// Statement, Parameters (kept as their wire JSON) and ReturnValuesOnConditionCheckFailure.
void check_statement_member(const std::optional<std::string>& statement, const std::optional<Json>& parameters,
                            const std::optional<std::string>& return_values, const std::string& prefix, Constraints& c);
template <typename Member>
void check_statement_member(const Member& m, const std::string& prefix, Constraints& c) {
  check_statement_member(m.Statement, m.Parameters, m.ReturnValuesOnConditionCheckFailure, prefix, c);
}

// Reports a list's length (1..max) at `path` ("statements").
void check_statement_count(const void* list, size_t size, const std::string& path, size_t max, Constraints& c);

// A list of statements (BatchExecuteStatement's Statements, ExecuteTransaction's
// TransactStatements): its length and each member's constraints, in DynamoDB's words; a null
// member is a SerializationException where it is reached.
template <typename Member>
void check_statement_list(const std::vector<Member>* list, const std::string& path, size_t max, Constraints& c) {
  check_statement_count(list, list ? list->size() : 0, path, max, c);
  if (!list) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const Member& m = (*list)[i];
    if (m.null_element) throw serialization_error("Unexpected value type in payload");
    check_statement_member(m, path + "." + std::to_string(i + 1) + ".member.", c);
  }
}

// A statement's Parameters as the lowering reads them (null when absent).
inline const Json& parameters_of(const std::optional<Json>& parameters) {
  static const Json kNone;
  return parameters ? *parameters : kNone;
}

// Parses the statement and checks its `?` count against `parameters` (null or an array).
partiql::Statement parse_statement(const std::string& text, const Json& parameters);

// Runs an operation on a lowered request and returns its response as JSON.
Json call_operation(Handler handler, Context& ctx, const Json& request);

// The operation a write plan runs.
Handler write_handler(partiql::WritePlan::Op op);

// Runs one write statement (INSERT, UPDATE, DELETE) through PutItem/UpdateItem/DeleteItem.
// `options` carries ReturnConsumedCapacity and ReturnValuesOnConditionCheckFailure. Returns the
// operation's response; an INSERT whose item exists fails with DuplicateItemException.
Json run_write(Context& ctx, const partiql::Statement& st, const Json& parameters, const model::TableInfo& table,
               const Json& options);

// Adds one ConsumedCapacity object into another of the same table (numbers summed).
void add_capacity(Json& into, const Json& add);

// The Code a batch member's Error carries for an operation's exception.
std::string batch_error_code(const ApiError& e);

}  // namespace dynarock::api
