#pragma once

#include <QLoggingCategory>

// The widgets' category. Nothing secret reaches it: the UI never holds a stored key or token.
Q_DECLARE_LOGGING_CATEGORY(lcUi) // promptcraft.ui
