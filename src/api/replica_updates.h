// UpdateTable's ReplicaUpdates (global tables version 2019.11.21): Create, Update and Delete of
// replicas in other regions, recorded in the table's description (Replicas, GlobalTableVersion).
// One local table serves every replica, so nothing is copied.
#pragma once

#include "api/context.h"
#include "api/validate.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// Constraint checks of the ReplicaUpdates member.
void check_replica_updates(const std::vector<shapes::ReplicationGroupUpdate>* updates, Constraints& c);
// Applies the updates to `next` (its extra["Replicas"]); deleted replicas are appended to
// `deleting` as the response shows them (DELETING).
void apply_replica_updates(const std::vector<shapes::ReplicationGroupUpdate>& updates, const model::TableInfo& current, model::TableInfo& next, Json& deleting);

}  // namespace dynarock::api
