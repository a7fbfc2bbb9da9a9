// Inbound message decoder (client and server directions) and the encoder on whatever it accepts.
#include "MessageCodec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    if (const auto m = pc::MessageCodec::decodeClientMessage(bytes); m.ok()) {
        const QByteArray again = pc::MessageCodec::encode(m.value());
        if (!pc::MessageCodec::decodeClientMessage(again).ok())
            __builtin_trap(); // what we encode we must accept
    }
    if (const auto m = pc::MessageCodec::decodeServerMessage(bytes); m.ok())
        (void)pc::MessageCodec::encode(m.value());
    return 0;
}
