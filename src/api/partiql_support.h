// What the three PartiQL operations share: parsing a statement with its parameters, calling an
// existing operation in-process on a lowered request, and the shapes of their answers.
#pragma once

#include <string>

#include "api/context.h"
#include "api/validate.h"
#include "model/error.h"
#include "partiql/ast.h"
#include "partiql/lower.h"

namespace dynarock::api {

// A list of statements (BatchExecuteStatement's Statements, ExecuteTransaction's
// TransactStatements): its length (1..max) and each member's Statement, Parameters and
// ReturnValuesOnConditionCheckFailure constraints, in DynamoDB's words; `path` is "statements".
void check_statement_list(const Json* list, const std::string& path, size_t max, Constraints& c);

// One statement's members (`prefix` is "" for ExecuteStatement, "statements.1.member." in a list).
void check_statement_member(const Json& member, const std::string& prefix, Constraints& c);

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
