#pragma once

#include "ChainPolicy.h"
#include "ProviderSetup.h"

#include <memory>

namespace pc {

class AiBackend;

// The engine's backend for a provider setup: the provider chain when at least one provider is enabled,
// otherwise the offline responder, which says why (for example "DEEPSEEK_API_KEY is not set").
[[nodiscard]] std::shared_ptr<AiBackend> makeBackend(ProviderSetup setup, ChainPolicy policy = {});

} // namespace pc
