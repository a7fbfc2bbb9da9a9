#include "UpstreamFailure.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {
constexpr qint64 MaxRetryAfterSecs = 7 * 24 * 3600; // anything beyond is nonsense; clamp, never overflow
}

FailureKind UpstreamFailure::kindForStatus(int httpStatus) {
    switch (httpStatus) {
    case 401:
    case 403:
        return FailureKind::Unauthorized;
    case 402:
        return FailureKind::PaymentRequired;
    case 408:
        return FailureKind::Timeout;
    case 429:
        return FailureKind::RateLimited;
    default:
        break;
    }
    if (httpStatus >= 500)
        return FailureKind::ServerError;
    if (httpStatus >= 400)
        return FailureKind::BadRequest;
    return FailureKind::Malformed; // 1xx/3xx that QNAM did not follow: not an answer
}

FailureKind UpstreamFailure::kindForNetworkError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::TimeoutError:
        return FailureKind::Timeout;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownContentError:
        return FailureKind::Malformed;
    default:
        return FailureKind::Network;
    }
}

std::optional<int> UpstreamFailure::parseRetryAfter(QByteArrayView value, qint64 nowMs) {
    const QByteArrayView text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool allDigits = true;
    for (const char c : text)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        if (text.size() > 9)
            return int(MaxRetryAfterSecs);
        return int(std::min<qint64>(text.toByteArray().toLongLong(), MaxRetryAfterSecs));
    }
    // IMF-fixdate (RFC 9110); the obsolete RFC 850 and asctime forms are also accepted. The weekday is
    // dropped before parsing: Qt rejects a weekday that does not match, and RFC 850 years have two digits.
    QString date = QString::fromLatin1(text).simplified();
    const qsizetype comma = date.indexOf(u',');
    const qsizetype space = date.indexOf(u' ');
    date = comma >= 0 ? date.sliced(comma + 1).trimmed() : space >= 0 ? date.sliced(space + 1) : QString();
    const QLocale c = QLocale::c();
    QDateTime when;
    for (const QString& format :
         {u"dd MMM yyyy HH:mm:ss 'GMT'"_s, u"dd-MMM-yy HH:mm:ss 'GMT'"_s, u"MMM d HH:mm:ss yyyy"_s}) {
        when = c.toDateTime(date, format);
        if (when.isValid())
            break;
    }
    if (!when.isValid())
        return std::nullopt;
    if (when.date().year() < 1970) // RFC 850's two-digit years: Qt reads "26" as 1926
        when = when.addYears(100);
    when.setTimeZone(QTimeZone::utc());
    const qint64 deltaMs = when.toMSecsSinceEpoch() - nowMs;
    if (deltaMs <= 0)
        return 0;
    return int(std::min<qint64>((deltaMs + 999) / 1000, MaxRetryAfterSecs));
}

QString UpstreamFailure::describeStatus(int httpStatus) {
    switch (httpStatus) {
    case 400:
        return u"the provider rejected the request (400)"_s;
    case 401:
        return u"the API key was rejected (401)"_s;
    case 402:
        return u"the account balance is exhausted (402)"_s;
    case 403:
        return u"access denied (403)"_s;
    case 404:
        return u"not found (404): check the base URL and the model"_s;
    case 422:
        return u"the provider rejected the request parameters (422)"_s;
    case 429:
        return u"too many requests (429)"_s;
    case 500:
        return u"internal server error (500)"_s;
    case 502:
        return u"bad gateway (502)"_s;
    case 503:
        return u"overloaded (503)"_s;
    case 504:
        return u"gateway timeout (504)"_s;
    default:
        return u"HTTP status %1"_s.arg(httpStatus);
    }
}

QString UpstreamFailure::describeKind(FailureKind kind) {
    switch (kind) {
    case FailureKind::BadRequest:
        return u"bad request"_s;
    case FailureKind::Unauthorized:
        return u"API key rejected"_s;
    case FailureKind::PaymentRequired:
        return u"balance exhausted"_s;
    case FailureKind::RateLimited:
        return u"busy (rate limited)"_s;
    case FailureKind::ServerError:
        return u"server error"_s;
    case FailureKind::Network:
        return u"unreachable"_s;
    case FailureKind::Timeout:
        return u"timed out"_s;
    case FailureKind::FirstTokenTimeout:
        return u"no answer before the deadline"_s;
    case FailureKind::Malformed:
        return u"unusable response"_s;
    case FailureKind::Unavailable:
        return u"unavailable"_s;
    }
    return {};
}

} // namespace pc
