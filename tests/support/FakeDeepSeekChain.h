#pragma once

#include <memory>

namespace pc {

class AiBackend;
class FakeOpenAiServer;

// A provider chain with one DeepSeek-like provider (thinking on by default, so JSON-mode requests must turn
// it off) in front of `server`, with short timeouts and near-zero retry delays for tests.
[[nodiscard]] std::shared_ptr<AiBackend> fakeDeepSeekChain(FakeOpenAiServer& server);

} // namespace pc
