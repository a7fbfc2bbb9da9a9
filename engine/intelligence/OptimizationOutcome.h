#pragma once

#include <QString>
#include <QStringList>

namespace pc {

// What an optimizer made of a prompt; the engine adds the rest of `optimization_result`
// (original prompt, type, provider, timing).
struct OptimizationOutcome {
    QString optimizedPrompt;
    QStringList improvements; // what changed and why; empty exactly when nothing changed
    QStringList suggestions;  // what only the user can add
    double confidence = 0;    // 0..1: how much of a complete prompt could be taken or inferred
};

} // namespace pc
