#pragma once

#include "Messages.h"
#include "OptimizationOutcome.h"
#include "Result.h"
#include "ai/CompletionTypes.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace pc {

// Asks a model to improve a prompt, and checks its answer: a non-empty optimized prompt that differs
// from the input exactly when improvements are claimed, improvements and suggestions as arrays of
// strings, a confidence between 0 and 1. Stateless and const.
class AiPromptOptimizer {
    Q_DECLARE_TR_FUNCTIONS(AiPromptOptimizer)

public:
    static constexpr qsizetype MaxItems = 20;
    static constexpr qsizetype MaxItemLength = 500;

    // A JSON-mode request (thinking off) whose prompt shows the expected json with an example.
    // `context` (the client's optional object) is passed on, cut to a bounded size.
    [[nodiscard]] CompletionRequest request(const QString& prompt, OptimizationType type,
                                            const QJsonObject& context) const;
    [[nodiscard]] Result<OptimizationOutcome> parse(const QJsonObject& answer, const QString& prompt) const;
};

} // namespace pc
