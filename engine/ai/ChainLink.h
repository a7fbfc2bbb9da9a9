#pragma once

#include "CircuitBreaker.h"
#include "OpenAiCompatibleProvider.h"

#include <memory>

namespace pc {

// One enabled provider of a ProviderChain with its breaker. Shared with the chain's jobs, so a job
// never outlives the objects it talks to.
struct ChainLink {
    std::shared_ptr<OpenAiCompatibleProvider> provider;
    std::shared_ptr<CircuitBreaker> breaker;
};

} // namespace pc
