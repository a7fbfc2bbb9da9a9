#pragma once

#include "AiBackend.h"

namespace pc {

// The answer when no AI provider is configured: says so plainly, with status "offline".
// Structured requests (JSON mode: detection, drafting, optimization) fail with Unavailable so that
// callers fall back to their built-in rules.
class OfflineResponder final : public AiBackend {
public:
    explicit OfflineResponder(QString reason = {});

    [[nodiscard]] CompletionJob* complete(const CompletionRequest& request) override;
    [[nodiscard]] BackendInfo info() const override;

    [[nodiscard]] static QString providerName();

private:
    QString m_reason;
};

} // namespace pc
