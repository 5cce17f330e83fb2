// TTL sweep (a periodic job, also run on demand): deletes the expired items of every table with
// TTL enabled by walking its expiry entries from the oldest expiry that can still count (five
// years ago) up to now. Each candidate is re-read under its lock and deleted through the item
// store's normal path (index entries, counts, every writer) as Origin::ttl, only if its current
// TTL value still says expired: a concurrent update that extends the TTL wins.
#pragma once

#include <cstddef>

#include "engine/catalog.h"
#include "engine/item_store.h"
#include "engine/jobs.h"
#include "engine/storage.h"

namespace dynarock::engine {

// Returns how many items it deleted. `now`: epoch seconds.
size_t sweep_expired(Storage& storage, Catalog& catalog, ItemStore& items, const JobRunner& runner, double now);

}  // namespace dynarock::engine
