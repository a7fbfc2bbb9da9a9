#pragma once

#include "AiBackend.h"
#include "ChainLink.h"
#include "ChainPolicy.h"
#include "CircuitBreaker.h"
#include "ProviderSetup.h"
#include "Result.h"

#include <QProcessEnvironment>

#include <memory>

class QObject;

namespace pc {

class Clock;
class ModelListJob;

// The engine's AI backend over an ordered list of OpenAI-compatible providers (DeepSeek first, then
// fallbacks), applying UPSTREAM.md's error policy: retries, fallback, circuit breakers, honest
// notices. complete() may be called from any thread; the job lives in the calling thread. Jobs keep
// what they need alive, but the Clock passed in must outlive the chain and its jobs.
class ProviderChain final : public AiBackend {
public:
    explicit ProviderChain(ProviderSetup setup, ChainPolicy policy = {}, const Clock* clock = nullptr);
    ~ProviderChain() override;
    ProviderChain(const ProviderChain&) = delete;
    ProviderChain& operator=(const ProviderChain&) = delete;

    // DEEPSEEK_* and PROMPTCRAFT_FALLBACK_* variables (ProviderConfigLoader::fromEnvironment).
    [[nodiscard]] static std::unique_ptr<ProviderChain>
    fromEnvironment(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                    ChainPolicy policy = {});
    // A JSON engine config file (docs/providers.md); keys come from the variables it names.
    [[nodiscard]] static Result<std::unique_ptr<ProviderChain>>
    fromConfigFile(const QString& path,
                   const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                   ChainPolicy policy = {});

    [[nodiscard]] CompletionJob* complete(const CompletionRequest& request) override;
    [[nodiscard]] BackendInfo info() const override;

    // The model list of one enabled provider (by name), or nullptr when there is none of that name.
    [[nodiscard]] ModelListJob* fetchModels(const QString& providerName, QObject* parent = nullptr);

    [[nodiscard]] CircuitBreaker::State breakerState(const QString& providerName) const;

private:
    std::shared_ptr<const QList<ChainLink>> m_links;
    ChainPolicy m_policy;
    BackendInfo m_info;
};

} // namespace pc
