// Index backfill: a one-off job per new GSI (see backfill.cc).
#pragma once

#include "engine/catalog.h"
#include "engine/jobs.h"
#include "engine/lock_table.h"
#include "engine/storage.h"

namespace dynarock::engine {

void backfill_index(Storage& storage, Catalog& catalog, LockTable& locks, const PendingBackfill& job, const JobRunner& runner);

}  // namespace dynarock::engine
