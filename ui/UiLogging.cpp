#include "UiLogging.h"

Q_LOGGING_CATEGORY(lcUi, "promptcraft.ui")
