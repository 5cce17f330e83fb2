// Auto scaling settings recorded per table under "AutoScaling" {Read, Write, Indexes{name{Write}}}.
#pragma once

#include "api/context.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api {

// AutoScalingSettingsDescription from an AutoScalingSettingsUpdate.
Json auto_scaling_settings(const shapes::AutoScalingSettingsUpdate& update);
// TableAutoScalingDescription: one replica, in the caller's region.
Json auto_scaling_description(Context& ctx, const model::TableInfo& table);

}  // namespace dynarock::api
