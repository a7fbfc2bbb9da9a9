#include "Logging.h"

Q_LOGGING_CATEGORY(lcEngine, "promptcraft.engine")
Q_LOGGING_CATEGORY(lcAuth, "promptcraft.engine.auth")
Q_LOGGING_CATEGORY(lcProvider, "promptcraft.engine.provider")
Q_LOGGING_CATEGORY(lcStorage, "promptcraft.storage")
Q_LOGGING_CATEGORY(lcClient, "promptcraft.client")
