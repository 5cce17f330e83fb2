// DeleteItem: removes an item (no error when it is absent), optionally under a condition.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string delete_item(Context& ctx, const Json& req) {
  SingleWrite w = prepare_single_write(ctx, req, "Key", "key");
  const model::TableInfo& table = *w.table;
  model::PrimaryKey key = model::key_from_request(table.key, w.item);

  if (w.condition.empty() && !w.return_old && w.detail == CapacityDetail::none) {
    ctx.engine.put(table, key, nullptr);  // as in PutItem: no decode unless a writer needs it
    return "{}";
  }
  std::string out = "{";
  ctx.engine.mutate(table, key, [&](const model::Item* old) {
    if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    if (w.return_old && old) append_attributes(out, *old);
    append_member(out, "ConsumedCapacity", write_capacity(w.detail, table, old, nullptr));
    return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
