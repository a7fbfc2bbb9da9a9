#pragma once

#include <QLoggingCategory>

// One category per subsystem. Anything that may carry a token or key goes through pc::redact()
// (core/Redact.h) before it reaches a log line.
Q_DECLARE_LOGGING_CATEGORY(lcEngine)   // promptcraft.engine
Q_DECLARE_LOGGING_CATEGORY(lcAuth)     // promptcraft.engine.auth
Q_DECLARE_LOGGING_CATEGORY(lcProvider) // promptcraft.engine.provider
Q_DECLARE_LOGGING_CATEGORY(lcStorage)  // promptcraft.storage
Q_DECLARE_LOGGING_CATEGORY(lcClient)   // promptcraft.client
