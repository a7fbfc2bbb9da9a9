#pragma once

#include "ProviderConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pc {

// The providers the engine should use, in fallback order, and what is wrong with the configuration.
struct ProviderSetup {
    QList<ProviderConfig> providers; // disabled entries are kept (for diagnostics) but never asked
    QString primaryProblem;          // e.g. "DEEPSEEK_API_KEY is not set"; logged once by the caller
    QStringList warnings;            // further configuration problems, for the log
};

} // namespace pc
