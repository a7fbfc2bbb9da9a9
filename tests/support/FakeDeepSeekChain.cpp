#include "FakeDeepSeekChain.h"

#include "FakeOpenAiServer.h"
#include "ai/ProviderChain.h"

namespace pc {

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

std::shared_ptr<AiBackend> fakeDeepSeekChain(FakeOpenAiServer& server)
{
    ProviderConfig config;
    config.name = u"DeepSeek"_s;
    config.baseUrl = server.baseUrl(u""_s);
    config.model = u"deepseek-flash"_s;
    config.apiKey = u"sk-test"_s;
    config.thinkingField = true;
    config.thinkingEnabled = true;
    config.connectTimeout = 2s;
    config.firstTokenTimeout = 10s;
    config.idleTimeout = 10s;
    ProviderSetup setup;
    setup.providers.append(config);
    ChainPolicy policy;
    policy.delayScale = 0.01;
    policy.random = [] { return 0.5; };
    return std::make_shared<ProviderChain>(setup, policy);
}

} // namespace pc
