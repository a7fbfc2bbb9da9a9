// The SSE parser fed in pieces split where the input says, and every event through the chunk decoder.
#include "ai/OpenAiStreamDecoder.h"
#include "ai/SseParser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t step = 1 + data[0] % 64; // the first byte chooses the read size
    pc::SseParser parser;
    QList<pc::SseEvent> events;
    for (size_t at = 1; at < size; at += step)
        events += parser.feed(QByteArrayView(reinterpret_cast<const char*>(data + at), qsizetype(qMin(step, size - at))));
    events += parser.finish();
    for (const pc::SseEvent& e : events)
        (void)pc::OpenAiStreamDecoder::decodeData(e.data);
    (void)pc::OpenAiStreamDecoder::decodeBody(QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
