// Lowering: a parsed statement becomes the requests of the existing operations (Query, Scan,
// PutItem, UpdateItem, DeleteItem, and the members of TransactGetItems / TransactWriteItems).
// Every attribute name travels as an ExpressionAttributeNames placeholder and every value as an
// ExpressionAttributeValues placeholder, so any name or value is safe, and the operations keep
// their own validation, semantics, capacity and errors.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/table.h"
#include "partiql/ast.h"

namespace dynarock::partiql {

using Json = nlohmann::json;

// A SELECT as reads: one GetItem when the WHERE is just the whole primary key by equality, else
// one Query per partition value the WHERE fixes (= or IN on the partition key), or one Scan.
struct ReadPlan {
  bool query = false;
  bool get = false;  // one GetItem: the WHERE is exactly the table's primary key by equality
  std::vector<Json> requests;
};

// What a write statement becomes.
struct WritePlan {
  enum class Op { put, update, remove, condition_check };
  Op op = Op::put;
  Json request;  // PutItem / UpdateItem / DeleteItem request, or a TransactWriteItems member body
};

// `parameters` is the request's Parameters array (or null). The table is the statement's.
ReadPlan lower_select(const Statement& st, const Json& parameters, const model::TableInfo& table);

// SELECT with the whole primary key fixed by equality: a GetItem-shaped request (TableName,
// Key, projection). Throws `message` when the WHERE does not fix the key.
Json lower_key_read(const Statement& st, const Json& parameters, const model::TableInfo& table, const char* message);

WritePlan lower_write(const Statement& st, const Json& parameters, const model::TableInfo& table);

// A SELECT's item as DynamoDB returns it: a nested path's value comes back at the top level,
// under the path's last name ("SELECT m.k[1]" -> "k[1]"); items of other statements unchanged.
Json project_item(const Statement& st, Json item);

// Refuses a Parameters count that differs from the statement's `?` count.
void check_parameter_count(const Statement& st, const Json& parameters);

}  // namespace dynarock::partiql
