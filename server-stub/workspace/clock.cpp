// Clock: the real wall clock.
#include "clock.h"

#include <QDateTime>

namespace BuildService {

Clock systemClock()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

} // namespace BuildService
