#include "api/partiql_support.h"

#include "api/operations.h"
#include "partiql/parser.h"

namespace dynarock::api {

void check_statement_member(const std::optional<std::string>& statement, const std::optional<Json>& parameters,
                            const std::optional<std::string>& return_values, const std::string& prefix, Constraints& c) {
  const std::string* text = ptr(statement);
  if (!text) c.add("null", prefix + "statement", "Member must not be null");
  c.length(text, prefix + "statement", 1, 8192);
  if (parameters && parameters->empty()) c.add("'[]'", prefix + "parameters", "Member must have length greater than or equal to 1");
  c.enum_value(ptr(return_values), (prefix + "returnValuesOnConditionCheckFailure").c_str(), {"ALL_OLD", "NONE"});
}

void check_statement_count(const void* list, size_t size, const std::string& path, size_t max, Constraints& c) {
  if (!list) c.add_message("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
  else if (size == 0)
    c.add_message("Value '[]' at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
  else if (size > max)
    c.add_message("Value at '" + path + "' failed to satisfy constraint: Member must have length less than or equal to " +
                  std::to_string(max));
}

partiql::Statement parse_statement(const std::string& text, const Json& parameters) {
  partiql::Statement st = partiql::parse(text);
  partiql::check_parameter_count(st, parameters);
  return st;
}

Json call_operation(Handler handler, Context& ctx, const Json& request) {
  wire::Document doc = to_wire(request);
  return Json::parse(handler(ctx, doc.root()));
}

Handler write_handler(partiql::WritePlan::Op op) {
  switch (op) {
    case partiql::WritePlan::Op::put: return put_item;
    case partiql::WritePlan::Op::update: return update_item;
    case partiql::WritePlan::Op::remove: return delete_item;
    case partiql::WritePlan::Op::condition_check: break;
  }
  throw validation_error("EXISTS can only be used in ExecuteTransaction write requests.");
}

Json run_write(Context& ctx, const partiql::Statement& st, const Json& parameters, const model::TableInfo& table,
               const Json& options) {
  partiql::WritePlan plan = partiql::lower_write(st, parameters, table);
  Handler handler = write_handler(plan.op);
  for (const char* member : {"ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure"})
    if (options.contains(member)) plan.request[member] = options[member];
  try {
    return call_operation(handler, ctx, plan.request);
  } catch (const ApiError& e) {
    if (plan.op == partiql::WritePlan::Op::put && e.code() == "ConditionalCheckFailedException")
      throw ApiError("DuplicateItemException", "Duplicate primary key exists in table");
    throw;
  }
}

void add_capacity(Json& into, const Json& add) {
  if (into.is_null()) {
    into = add;
    return;
  }
  for (auto it = add.begin(); it != add.end(); ++it) {
    if (it.value().is_number()) {
      into[it.key()] = into.value(it.key(), 0.0) + it.value().get<double>();
    } else if (it.value().is_object()) {
      Json& sub = into[it.key()];
      if (sub.is_null()) sub = Json::object();
      add_capacity(sub, it.value());
    } else if (!into.contains(it.key())) {
      into[it.key()] = it.value();
    }
  }
}

std::string batch_error_code(const ApiError& e) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"ConditionalCheckFailedException", "ConditionalCheckFailed"},
      {"ItemCollectionSizeLimitExceededException", "ItemCollectionSizeLimitExceeded"},
      {"RequestLimitExceeded", "RequestLimitExceeded"},
      {"ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded"},
      {"TransactionConflictException", "TransactionConflict"},
      {"ThrottlingException", "ThrottlingError"},
      {"InternalServerError", "InternalServerError"},
      {"ResourceNotFoundException", "ResourceNotFound"},
      {"AccessDeniedException", "AccessDenied"},
      {"DuplicateItemException", "DuplicateItem"},
  };
  for (const auto& [code, member] : kCodes)
    if (e.code() == code) return member;
  return "ValidationError";
}

}  // namespace dynarock::api
