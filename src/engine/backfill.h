// Backfills: one-off jobs that add secondary entries for the items a table already has: a new
// GSI's entries, or the expiry entries of a table whose TTL was just enabled (see backfill.cc).
#pragma once

#include "engine/catalog.h"
#include "engine/jobs.h"
#include "engine/lock_table.h"
#include "engine/storage.h"

namespace dynarock::engine {

void backfill_index(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner);
void backfill_ttl(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner);

}  // namespace dynarock::engine
