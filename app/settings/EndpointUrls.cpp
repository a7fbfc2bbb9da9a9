#include "settings/EndpointUrls.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

constexpr int MaxSessionIdLength = 128;

bool isSecretLikeName(const QString& name) {
    static const QRegularExpression pattern(u"key|token|secret|passw|pwd|auth|sig|credential"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

UrlProblem checkCommon(const QUrl& url, QLatin1StringView plainScheme, QLatin1StringView secureScheme) {
    if (url.isEmpty())
        return UrlProblem::Empty;
    if (!url.isValid())
        return UrlProblem::Malformed;
    const QString scheme = url.scheme().toLower();
    if (scheme != plainScheme && scheme != secureScheme)
        return UrlProblem::UnsupportedScheme;
    if (url.host().isEmpty())
        return UrlProblem::MissingHost;
    if (!url.userInfo().isEmpty())
        return UrlProblem::ContainsCredentials;
    return UrlProblem::None;
}

// "/a/./b/../ws//" -> "/a/ws/": no empty, "." or ".." segments, one trailing slash. (QUrl's
// NormalizePathSegments in Qt 6.4 leaves an empty segment behind for "..".)
QString normalizedPath(const QString& encodedPath) {
    QStringList segments;
    for (const QString& segment : encodedPath.split(u'/', Qt::SkipEmptyParts)) {
        if (segment == "."_L1)
            continue;
        if (segment == ".."_L1) {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    return segments.isEmpty() ? u"/"_s : u'/' + segments.join(u'/') + u'/';
}

} // namespace

QUrl defaultServerUrl() {
    return QUrl(u"ws://127.0.0.1:8000/ws/chat/"_s);
}

UrlProblem checkServerUrl(const QUrl& url) {
    const UrlProblem problem = checkCommon(url, "ws"_L1, "wss"_L1);
    if (problem != UrlProblem::None)
        return problem;
    if (url.hasQuery() || url.hasFragment())
        return UrlProblem::ContainsQueryOrFragment;
    return UrlProblem::None;
}

UrlProblem checkProviderUrl(const QUrl& url) {
    const UrlProblem problem = checkCommon(url, "http"_L1, "https"_L1);
    if (problem != UrlProblem::None)
        return problem;
    const QUrlQuery query(url);
    for (const auto& item : query.queryItems()) {
        if (isSecretLikeName(item.first))
            return UrlProblem::SecretInQuery;
    }
    return UrlProblem::None;
}

QString describeUrlProblem(UrlProblem problem) {
    const char* text = nullptr;
    switch (problem) {
    case UrlProblem::None:
        return {};
    case UrlProblem::Empty:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls", "The address is empty.");
        break;
    case UrlProblem::Malformed:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls", "The address is not a valid URL.");
        break;
    case UrlProblem::UnsupportedScheme:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls",
                                 "The address must start with ws:// or wss:// (servers) or with http:// or "
                                 "https:// (providers).");
        break;
    case UrlProblem::MissingHost:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls", "The address has no host name.");
        break;
    case UrlProblem::ContainsCredentials:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls",
                                 "The address contains a user name or password; sign in separately instead.");
        break;
    case UrlProblem::ContainsQueryOrFragment:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls", "A server address may not contain '?' or '#' parts.");
        break;
    case UrlProblem::SecretInQuery:
        text = QT_TRANSLATE_NOOP("pc::EndpointUrls",
                                 "The address seems to contain a key or token; enter keys in the key field.");
        break;
    }
    return QCoreApplication::translate("pc::EndpointUrls", text);
}

QUrl normalizedServerUrl(const QUrl& url) {
    const UrlProblem problem = checkServerUrl(url);
    if (problem != UrlProblem::None && problem != UrlProblem::ContainsCredentials &&
        problem != UrlProblem::ContainsQueryOrFragment)
        return {};
    QUrl result = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    const QString scheme = result.scheme().toLower();
    result.setScheme(scheme);
    result.setHost(result.host().toLower());
    if ((scheme == "ws"_L1 && result.port() == 80) || (scheme == "wss"_L1 && result.port() == 443))
        result.setPort(-1);
    result.setPath(normalizedPath(result.path(QUrl::FullyEncoded)), QUrl::TolerantMode);
    return result;
}

bool isValidSessionId(QStringView sessionId) {
    if (sessionId.isEmpty() || sessionId.size() > MaxSessionIdLength)
        return false;
    for (const QChar c : sessionId) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                        u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QUrl sessionUrl(const QUrl& baseUrl, const QString& sessionId) {
    if (!baseUrl.isValid() || baseUrl.isRelative() || !isValidSessionId(sessionId))
        return {};
    QUrl result = baseUrl.adjusted(QUrl::RemoveFragment);
    QString path = result.path(QUrl::FullyEncoded);
    if (!path.endsWith(u'/'))
        path += u'/';
    path += sessionId + u'/';
    result.setPath(path, QUrl::TolerantMode);
    return result;
}

} // namespace pc
