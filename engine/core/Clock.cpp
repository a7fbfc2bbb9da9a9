#include "Clock.h"

namespace pc {

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace pc
