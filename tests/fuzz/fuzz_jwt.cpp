// JWT decoding and verification with a fixed secret and clock.
#include "auth/JwtVerifier.h"
#include "core/Clock.h"

#include <cstddef>
#include <cstdint>

namespace {
class FixedClock final : public pc::Clock {
public:
    [[nodiscard]] qint64 nowMs() const override { return 1'764'000'000'000; }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const FixedClock clock;
    static const pc::JwtVerifier verifier(QByteArrayLiteral("fuzz-secret-0123456789-abcdefghijklmnop"), clock);
    (void)verifier.verify(QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
