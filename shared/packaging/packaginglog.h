// Logging category of the packaging library ("buildservice.packaging").
#pragma once

#include <QLoggingCategory>

namespace BuildService {
Q_DECLARE_LOGGING_CATEGORY(lcPackaging)
}
