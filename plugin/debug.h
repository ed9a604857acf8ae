// Logging category of the KDevelop plugin.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(BS_PLUGIN)
