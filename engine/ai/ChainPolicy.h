#pragma once

#include <chrono>
#include <functional>

namespace pc {

// The retry, backoff and circuit-breaker numbers of ProviderChain (UPSTREAM.md, "Error policy").
struct ChainPolicy {
    int rateLimitTries = 2;   // 429: tries on the same provider before falling back
    int serverErrorTries = 2; // 5xx, insufficient_system_resource
    int malformedTries = 2;   // unreadable or empty answer (DeepSeek: blank JSON-mode content, retry once)
    std::chrono::milliseconds rateLimitBackoff{1'000}; // full-jitter base for a 429 without Retry-After
    std::chrono::milliseconds retryAfterCap{10'000};   // a longer Retry-After falls back at once
    std::chrono::milliseconds serverRetryMin{1'000};
    std::chrono::milliseconds serverRetryMax{3'000};
    double delayScale = 1.0;        // multiplies every wait; tests use small values
    std::function<double()> random; // uniform [0, 1) for the jitter; QRandomGenerator when empty
    int breakerThreshold = 3;       // consecutive failed requests that open a provider's breaker
    std::chrono::milliseconds breakerCooldown{60'000};
};

} // namespace pc
