// Logging category of the KDevelop plugin.
#include "debug.h"

Q_LOGGING_CATEGORY(BS_PLUGIN, "buildservice.plugin", QtInfoMsg)
