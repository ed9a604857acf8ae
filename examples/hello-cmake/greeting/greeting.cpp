// Builds the greeting line printed by the hello program.
#include "greeting/greeting.h"

#include "greeting/format.h"

namespace greeting {

std::string greet(const std::string &name)
{
    const std::string cleaned = capitalized(trimmed(name));
    return "Hello, " + (cleaned.empty() ? std::string("world") : cleaned) + "!";
}

} // namespace greeting
