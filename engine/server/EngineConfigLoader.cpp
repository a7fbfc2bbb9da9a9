#include "EngineConfigLoader.h"

#include "EngineConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>
#include <functional>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidMessage, u"engine config: "_s + message};
}

// Applies the members of one JSON object through a table of handlers. A handler returns what is wrong
// with its value ("must be ..."), or a complete message when it applied a nested object, or nothing.
using Handler = std::function<QString(const QJsonValue&)>;

QString applyObject(const QJsonObject& object, const QString& where,
                    const QList<std::pair<QString, Handler>>& handlers)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().startsWith(u'_'))
            continue;
        const QString name = where.isEmpty() ? it.key() : where + u'.' + it.key();
        const auto handler = std::find_if(handlers.begin(), handlers.end(),
                                          [&](const auto& entry) { return entry.first == it.key(); });
        if (handler == handlers.end())
            return u"unknown setting \"%1\""_s.arg(name);
        const QString problem = handler->second(it.value());
        if (problem.startsWith(u"must"))
            return u"\"%1\" %2"_s.arg(name, problem);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

template <class T> Handler integer(T& target, qint64 min, qint64 max)
{
    return [&target, min, max](const QJsonValue& value) -> QString {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::trunc(number) != number || number < double(min) || number > double(max))
            return u"must be a whole number from %1 to %2"_s.arg(min).arg(max);
        target = T(number);
        return {};
    };
}

template <class T> Handler duration(T& target, qint64 minSecs, qint64 maxSecs)
{
    return [&target, minSecs, maxSecs](const QJsonValue& value) -> QString {
        std::optional<qint64> secs;
        if (value.isString()) {
            secs = EngineConfigLoader::parseDuration(value.toString());
        } else if (value.isDouble() && std::trunc(value.toDouble()) == value.toDouble() &&
                   std::abs(value.toDouble()) < 1e12) {
            secs = qint64(value.toDouble());
        }
        if (!secs || *secs < minSecs || *secs > maxSecs)
            return u"must be a duration from %1 s to %2 s: seconds, or text like \"90s\", \"15m\", \"12h\", \"7d\""_s
                .arg(minSecs)
                .arg(maxSecs);
        target = T(*secs);
        return {};
    };
}

Handler boolean(bool& target)
{
    return [&target](const QJsonValue& value) -> QString {
        if (!value.isBool())
            return u"must be true or false"_s;
        target = value.toBool();
        return {};
    };
}

Handler path(QString& target, const QString& baseDir)
{
    return [&target, baseDir](const QJsonValue& value) -> QString {
        if (!value.isString() || value.toString().trimmed().isEmpty())
            return u"must be a path"_s;
        target = QDir::cleanPath(QDir(baseDir).absoluteFilePath(value.toString().trimmed()));
        return {};
    };
}

} // namespace

bool EngineConfigLoader::parseListen(const QString& text, QHostAddress& address, quint16& port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    QHostAddress parsed;
    if (host == u"localhost")
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    address = parsed;
    port = quint16(number);
    return true;
}

std::optional<qint64> EngineConfigLoader::parseDuration(const QString& text)
{
    static const QRegularExpression pattern(u"^(\\d{1,9})([smhd]?)$"_s);
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 factor = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    return n * factor;
}

bool EngineConfigLoader::listsProviders(const QString& filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxFileBytes)
        return false;
    return QJsonDocument::fromJson(file.readAll()).object().contains(u"providers"_s);
}

Result<void> EngineConfigLoader::applyFile(const QString& filePath, EngineConfig& config)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound,
                     u"cannot read the engine config %1: %2"_s.arg(filePath, file.errorString())};
    if (file.size() > MaxFileBytes)
        return invalid(u"%1 is larger than 1 MiB"_s.arg(filePath));
    return applyJson(file.readAll(), QFileInfo(filePath).absolutePath(), config);
}

Result<void> EngineConfigLoader::applyJson(QByteArrayView json, const QString& baseDir, EngineConfig& config)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::InvalidJson,
                     u"engine config is not JSON: %1 at offset %2"_s.arg(parseError.errorString())
                         .arg(parseError.offset)};
    if (!doc.isObject())
        return invalid(u"the file must hold one JSON object"_s);

    // Applied to a copy: a file with a mistake changes nothing.
    EngineConfig next = config;
    const Handler listen = [&next](const QJsonValue& value) -> QString {
        if (!value.isString() || !parseListen(value.toString(), next.listenAddress, next.port))
            return u"must look like \"127.0.0.1:8000\" or \"[::1]:8000\""_s;
        return {};
    };
    const Handler origins = [&next](const QJsonValue& value) -> QString {
        if (!value.isArray())
            return u"must be a list of origins like \"https://app.example.com\""_s;
        QStringList list;
        for (const QJsonValue& v : value.toArray()) {
            const QString origin = v.toString().trimmed();
            if (!v.isString() || !(origin.startsWith(u"http://") || origin.startsWith(u"https://")))
                return u"must list origins like \"https://app.example.com\" (scheme, host, optional port)"_s;
            list.append(origin);
        }
        next.allowedOrigins = list;
        return {};
    };
    const Handler systemPrompt = [&next](const QJsonValue& value) -> QString {
        if (!value.isString())
            return u"must be text"_s;
        next.systemPrompt = value.toString();
        return {};
    };
    const auto nested = [](const QList<std::pair<QString, Handler>>& handlers,
                           const QString& where) -> Handler {
        return [handlers, where](const QJsonValue& value) -> QString {
            if (!value.isObject())
                return u"must be an object"_s;
            return applyObject(value.toObject(), where, handlers);
        };
    };
    const Handler tls = nested({{u"cert"_s, path(next.tlsCertificateFile, baseDir)},
                                {u"key"_s, path(next.tlsPrivateKeyFile, baseDir)}},
                               u"tls"_s);
    const Handler limits =
        nested({{u"messages_per_minute"_s, integer(next.rateLimitPerMinute, 0, 1'000'000)},
                {u"max_message_bytes"_s, integer(next.maxMessageBytes, 1024, 16 * 1024 * 1024)},
                {u"handshake_timeout_ms"_s, integer(next.handshakeTimeoutMs, 100, 600'000)},
                {u"max_pending_connections"_s, integer(next.maxPendingConnections, 1, 100'000)},
                {u"max_request_body_bytes"_s, integer(next.maxRequestBodyBytes, 1024, 16 * 1024 * 1024)},
                {u"http_idle_timeout_ms"_s, integer(next.httpIdleTimeoutMs, 1000, 3'600'000)},
                {u"sign_in_failures_per_user"_s, integer(next.signInFailuresPerUser, 1, 1000)},
                {u"sign_in_failures_per_address"_s, integer(next.signInFailuresPerAddress, 1, 1'000'000)},
                {u"sign_in_window"_s, duration(next.signInWindowSecs, 1, 7 * 86400)}},
               u"limits"_s);
    const Handler tokens = nested({{u"access_ttl"_s, duration(next.accessTokenTtlSecs, 10, 30 * 86400)},
                                   {u"refresh_ttl"_s, duration(next.refreshTokenTtlSecs, 60, 365 * 86400)}},
                                  u"tokens"_s);
    const Handler providers = [](const QJsonValue&) -> QString { return {}; }; // ProviderConfigLoader's

    const QString problem = applyObject(doc.object(), {},
                                        {{u"listen"_s, listen},
                                         {u"data_dir"_s, path(next.dataDir, baseDir)},
                                         {u"jwt_secret_file"_s, path(next.jwtSecretFile, baseDir)},
                                         {u"allow_anonymous"_s, boolean(next.allowAnonymous)},
                                         {u"allowed_origins"_s, origins},
                                         {u"tls"_s, tls},
                                         {u"limits"_s, limits},
                                         {u"tokens"_s, tokens},
                                         {u"system_prompt"_s, systemPrompt},
                                         {u"providers"_s, providers}});
    if (!problem.isEmpty())
        return invalid(problem);
    config = std::move(next);
    return {};
}

} // namespace pc
