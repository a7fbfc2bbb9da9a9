#include "ProviderChain.h"

#include "ChainJob.h"
#include "ModelListJob.h"
#include "ProviderConfigLoader.h"
#include "core/Logging.h"

using namespace Qt::Literals::StringLiterals;

namespace pc {

ProviderChain::ProviderChain(ProviderSetup setup, ChainPolicy policy, const Clock* clock)
    : m_policy(std::move(policy))
{
    auto links = std::make_shared<QList<ChainLink>>();
    for (ProviderConfig& config : setup.providers) {
        if (!config.enabled)
            continue;
        m_info.providerNames.append(config.name);
        ChainLink link;
        link.breaker =
            std::make_shared<CircuitBreaker>(m_policy.breakerThreshold, m_policy.breakerCooldown, clock);
        link.provider = std::make_shared<OpenAiCompatibleProvider>(std::move(config), clock);
        links->append(std::move(link));
    }
    m_links = std::move(links);
    m_info.hasProvider = !m_links->isEmpty();
    m_info.hasFallback = m_links->size() > 1;
    m_info.primaryProblem = setup.primaryProblem;
    if (m_info.primaryProblem.isEmpty() && !m_info.hasProvider)
        m_info.primaryProblem = u"no AI provider is configured"_s;
    for (const QString& warning : std::as_const(setup.warnings))
        qCWarning(lcProvider) << "provider configuration:" << warning;
}

ProviderChain::~ProviderChain() = default;

std::unique_ptr<ProviderChain> ProviderChain::fromEnvironment(const QProcessEnvironment& env,
                                                              ChainPolicy policy)
{
    return std::make_unique<ProviderChain>(ProviderConfigLoader::fromEnvironment(env), std::move(policy));
}

Result<std::unique_ptr<ProviderChain>>
ProviderChain::fromConfigFile(const QString& path, const QProcessEnvironment& env, ChainPolicy policy)
{
    auto setup = ProviderConfigLoader::fromFile(path, env);
    if (!setup)
        return setup.error();
    return std::make_unique<ProviderChain>(std::move(setup).value(), std::move(policy));
}

CompletionJob* ProviderChain::complete(const CompletionRequest& request)
{
    return new ChainJob(m_links, m_policy, request);
}

BackendInfo ProviderChain::info() const
{
    BackendInfo info = m_info;
    for (const ChainLink& link : *m_links) {
        switch (link.breaker->state()) {
        case CircuitBreaker::State::Closed:
            info.providerStates.append(u"available"_s);
            break;
        case CircuitBreaker::State::Open:
            info.providerStates.append(u"paused"_s);
            break;
        case CircuitBreaker::State::HalfOpen:
            info.providerStates.append(u"probing"_s);
            break;
        }
    }
    return info;
}

ModelListJob* ProviderChain::fetchModels(const QString& providerName, QObject* parent)
{
    for (const ChainLink& link : *m_links) {
        if (link.provider->name() == providerName)
            return link.provider->fetchModels(parent);
    }
    return nullptr;
}

CircuitBreaker::State ProviderChain::breakerState(const QString& providerName) const
{
    for (const ChainLink& link : *m_links) {
        if (link.provider->name() == providerName)
            return link.breaker->state();
    }
    return CircuitBreaker::State::Closed;
}

} // namespace pc
