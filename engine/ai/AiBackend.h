#pragma once

#include "CompletionTypes.h"

#include <QString>
#include <QStringList>

namespace pc {

class CompletionJob;

// What the engine knows about where answers come from, for `connection_ack.features` and /health.
struct BackendInfo {
    bool hasProvider = false;   // at least one AI provider is configured and enabled
    bool hasFallback = false;   // more than one provider is configured
    QStringList providerNames;  // in fallback order
    QStringList providerStates; // parallel to providerNames: "available", "paused" (failing, skipped for a
                                // cooldown) or "probing"
    QString primaryProblem;     // e.g. "DEEPSEEK_API_KEY is not set"; empty when fine
};

// The engine's source of answers: the provider chain, or the built-in offline responder.
// Thread-safe: complete() may be called from any thread; the job lives in the calling thread.
class AiBackend {
public:
    virtual ~AiBackend() = default;
    [[nodiscard]] virtual CompletionJob* complete(const CompletionRequest& request) = 0;
    [[nodiscard]] virtual BackendInfo info() const = 0;
};

} // namespace pc
