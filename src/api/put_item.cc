// PutItem: creates or replaces an item, optionally under a condition, atomically with its index
// entries.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string put_item(Context& ctx, const Json& req) {
  SingleWrite w = prepare_single_write(ctx, req, "Item", "item");
  const model::TableInfo& table = *w.table;
  model::PrimaryKey key = model::key_from_item(table.key, w.item);
  check_item_for_write(table, w.item);

  std::string out = "{";
  ctx.engine.mutate(table, key, [&](const model::Item* old) {
    if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    if (w.return_old && old) append_attributes(out, *old);
    append_member(out, "ConsumedCapacity", write_capacity(w.detail, table, old, &w.item));
    return engine::Decision{engine::Decision::Action::put, w.item};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
