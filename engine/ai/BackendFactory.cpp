#include "BackendFactory.h"

#include "OfflineResponder.h"
#include "ProviderChain.h"
#include "core/Logging.h"

namespace pc {

std::shared_ptr<AiBackend> makeBackend(ProviderSetup setup, ChainPolicy policy)
{
    for (const QString& warning : std::as_const(setup.warnings))
        qCWarning(lcProvider).noquote() << warning;
    const bool anyEnabled = std::any_of(setup.providers.cbegin(), setup.providers.cend(),
                                        [](const ProviderConfig& p) { return p.enabled; });
    if (!anyEnabled)
        return std::make_shared<OfflineResponder>(setup.primaryProblem);
    return std::make_shared<ProviderChain>(std::move(setup), std::move(policy));
}

} // namespace pc
