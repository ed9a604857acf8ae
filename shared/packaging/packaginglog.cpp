// Logging category of the packaging library ("buildservice.packaging").
#include "packaginglog.h"

namespace BuildService {
Q_LOGGING_CATEGORY(lcPackaging, "buildservice.packaging", QtInfoMsg)
}
