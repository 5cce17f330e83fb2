#include "api/operations.h"

#include <utility>

#include "protocol/generated/shapes.h"

namespace dynarock::api {

namespace {

using CheckFn = void (*)(const Json&, shapes::Position, int);

// Every request is type-checked against its operation's input shape before the operation sees
// it: a wrong wire type is a SerializationException before any validation, as in DynamoDB.
template <CheckFn Check, Handler Run>
std::string checked(Context& ctx, const Json& req) {
  Check(req, shapes::Position::field, 0);
  return Run(ctx, req);
}

// A typed operation: check, decode into the generated request struct, run.
template <CheckFn Check, typename In, In (*Decode)(const Json&), std::string (*Run)(Context&, const In&)>
std::string typed(Context& ctx, const Json& req) {
  Check(req, shapes::Position::field, 0);
  return Run(ctx, Decode(req));
}

#define DYNAROCK_TYPED(Name, fn) \
  typed<shapes::check_##Name##Input, shapes::Name##Input, shapes::decode_##Name##Input, fn>
#define DYNAROCK_CHECKED(Name, fn) checked<shapes::check_##Name##Input, fn>

}  // namespace

Handler find_operation(std::string_view name) {
  static constexpr std::pair<std::string_view, Handler> kOperations[] = {
      {"CreateTable", DYNAROCK_CHECKED(CreateTable, create_table)},
      {"DescribeTable", DYNAROCK_TYPED(DescribeTable, describe_table)},
      {"ListTables", DYNAROCK_TYPED(ListTables, list_tables)},
      {"DeleteTable", DYNAROCK_TYPED(DeleteTable, delete_table)},
      {"UpdateTable", DYNAROCK_CHECKED(UpdateTable, update_table)},
      {"PutItem", DYNAROCK_CHECKED(PutItem, put_item)},
      {"GetItem", DYNAROCK_TYPED(GetItem, get_item)},
      {"DeleteItem", DYNAROCK_CHECKED(DeleteItem, delete_item)},
      {"UpdateItem", DYNAROCK_CHECKED(UpdateItem, update_item)},
      {"Query", DYNAROCK_CHECKED(Query, query)},
      {"Scan", DYNAROCK_CHECKED(Scan, scan)},
      {"BatchGetItem", DYNAROCK_CHECKED(BatchGetItem, batch_get_item)},
      {"BatchWriteItem", DYNAROCK_CHECKED(BatchWriteItem, batch_write_item)},
      {"TransactGetItems", DYNAROCK_CHECKED(TransactGetItems, transact_get_items)},
      {"TransactWriteItems", DYNAROCK_CHECKED(TransactWriteItems, transact_write_items)},
      {"TagResource", DYNAROCK_TYPED(TagResource, tag_resource)},
      {"UntagResource", DYNAROCK_TYPED(UntagResource, untag_resource)},
      {"ListTagsOfResource", DYNAROCK_TYPED(ListTagsOfResource, list_tags_of_resource)},
      {"DescribeLimits", DYNAROCK_TYPED(DescribeLimits, describe_limits)},
      {"DescribeEndpoints", typed<shapes::check_DescribeEndpointsRequest, shapes::DescribeEndpointsRequest,
                                     shapes::decode_DescribeEndpointsRequest, describe_endpoints>},
  };
  for (const auto& [op, handler] : kOperations)
    if (op == name) return handler;
  return nullptr;
}

}  // namespace dynarock::api
