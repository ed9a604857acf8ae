// The build cache's logging category (admin log lines, English).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCache)
