#pragma once

#include "CompletionTypes.h"

#include <QByteArrayView>
#include <QNetworkReply>
#include <QString>

#include <optional>

namespace pc {

// How upstream HTTP answers and transport errors map onto FailureKind. Pure functions.
class UpstreamFailure {
public:
    [[nodiscard]] static FailureKind kindForStatus(int httpStatus);
    [[nodiscard]] static FailureKind kindForNetworkError(QNetworkReply::NetworkError error);

    // Retry-After as delta-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT");
    // a date in the past gives 0. Values that are neither give nothing.
    [[nodiscard]] static std::optional<int> parseRetryAfter(QByteArrayView value, qint64 nowMs);

    // A short description for people, used when the provider's body says nothing.
    [[nodiscard]] static QString describeStatus(int httpStatus);
    [[nodiscard]] static QString describeKind(FailureKind kind);
};

} // namespace pc
