#include "client/ChatClient.h"

#include "MessageCodec.h"
#include "core/Logging.h"
#include "core/Redact.h"
#include "settings/EndpointUrls.h"

#include <QNetworkInformation>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslError>
#include <QUrlQuery>
#include <QWebSocket>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

// How long a deliberately closed socket may take to finish the closing handshake.
constexpr int GracefulCloseMs = 2'000;
// How many sent message ids are remembered to recognise the older backend's echoes.
constexpr qsizetype MaxRememberedIds = 4'096;
// How much of a malformed message reaches the log. Redaction runs before the cut (a token cut in half
// would no longer look like a token) but not over megabytes.
constexpr qsizetype MaxLoggedChars = 200;
constexpr qsizetype MaxRedactedChars = 16 * 1024;

// QtWebSockets 6.4 reports a rejected upgrade only as ConnectionRefusedError with the status in the
// error string ("...Unhandled http status code: 401 (Unauthorized)."); there is no typed accessor.
// A refused TCP connection has no number in its string.
int httpStatusFromError(QAbstractSocket::SocketError error, const QString& errorString)
{
    if (error != QAbstractSocket::ConnectionRefusedError)
        return 0;
    static const QRegularExpression pattern(u"\\b([1-5][0-9][0-9])\\b"_s);
    const QRegularExpressionMatch match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

template <class... Fs> struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

bool isAuthError(const ErrorReply& reply)
{
    return reply.code == ErrorCode::AuthenticationFailed || reply.code == ErrorCode::AuthenticationRequired;
}

} // namespace

ChatClient::ChatClient(ChatClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_policy(m_options.random, m_options.backoffBaseMs, m_options.backoffCapMs, m_options.healthyPeriodMs)
{
    m_monotonic.start();
    m_reconnectTimer.setSingleShot(true);
    m_connectDeadline.setSingleShot(true);
    m_silenceTimer.setSingleShot(true);
    m_reconnectTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ChatClient::startAttempt);
    connect(&m_connectDeadline, &QTimer::timeout, this, [this] {
        qCWarning(lcClient).noquote() << "no connection_ack from" << redactUrl(m_url) << "within"
                                      << m_options.connectTimeoutMs << "ms; giving up on this attempt";
        endAttempt(DisconnectReason::ConnectTimeout);
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &ChatClient::sendPing);
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcClient).noquote() << "nothing arrived from" << redactUrl(m_url) << "for"
                                      << m_silenceTimer.interval() << "ms; replacing the connection";
        endAttempt(DisconnectReason::LivenessTimeout);
    });

    if (m_options.watchNetworkReachability &&
        (QNetworkInformation::instance() ||
         QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability != QNetworkInformation::Reachability::Online ||
                        m_state != State::Reconnecting || !m_reconnectTimer.isActive())
                        return;
                    qCInfo(lcClient) << "the network is back; retrying now";
                    retryNow();
                });
    }
}

ChatClient::~ChatClient()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

bool ChatClient::open(const QUrl& baseUrl, const QString& sessionId, const QString& token)
{
    const QString scheme = baseUrl.scheme().toLower();
    QUrl url = sessionUrl(baseUrl.adjusted(QUrl::RemoveUserInfo), sessionId);
    if (url.isEmpty() || (scheme != u"ws" && scheme != u"wss") || baseUrl.host().isEmpty()) {
        qCWarning(lcClient).noquote() << "refusing to open" << redactUrl(baseUrl) << "with session id"
                                      << sessionId.left(MaxSessionIdLength + 1);
        return false;
    }
    // Whatever query the base URL had (a token, say) is replaced: tokens travel in the header.
    QUrlQuery query;
    query.addQueryItem(u"stream"_s, u"1"_s);
    url.setQuery(query);

    ++m_epoch;
    stopTimers();
    retireSocket(true);
    if (sessionId != m_sessionId) {
        m_sentIds.clear();
        m_sentOrder.clear();
        m_shownOpportunities.clear();
    }
    m_url = url;
    m_sessionId = sessionId;
    m_token = token;
    m_lastHttpStatus = 0;
    m_lastCloseCode = -1;
    m_policy.reset();
    qCInfo(lcClient).noquote() << "opening" << redactUrl(m_url)
                               << (token.isEmpty() ? "without a token" : "with a token");
    setState(State::Connecting);
    startAttempt();
    return true;
}

void ChatClient::close()
{
    ++m_epoch;
    const bool hadSocket = m_socket != nullptr;
    stopTimers();
    retireSocket(true);
    m_policy.reset();
    if (m_state == State::Disconnected)
        return;
    qCInfo(lcClient).noquote() << "closing" << redactUrl(m_url) << "on purpose";
    const quint64 epoch = m_epoch;
    if (hadSocket)
        Q_EMIT disconnected(DisconnectReason::Deliberate);
    if (epoch == m_epoch)
        setState(State::Disconnected);
}

void ChatClient::retryNow()
{
    switch (m_state) {
    case State::Disconnected:
    case State::Connected:
        return;
    case State::NeedsSignIn: {
        m_policy.reset();
        const quint64 epoch = m_epoch;
        setState(State::Connecting);
        if (epoch != m_epoch)
            return; // a receiver closed or reopened the client
        break;
    }
    case State::Connecting:
    case State::Reconnecting:
        break;
    }
    qCInfo(lcClient) << "retrying now";
    startAttempt();
}

void ChatClient::setToken(const QString& token)
{
    m_token = token;
    if (m_state == State::NeedsSignIn && !token.isEmpty()) {
        qCInfo(lcClient) << "signed in again; connecting";
        m_policy.reset();
        const quint64 epoch = m_epoch;
        setState(State::Connecting);
        if (epoch == m_epoch)
            startAttempt();
    }
}

bool ChatClient::send(const ClientMessage& message)
{
    if (m_state != State::Connected || !m_socket)
        return false;
    if (const auto* chat = std::get_if<ChatMessage>(&message))
        rememberSent(chat->messageId);
    return m_socket->sendTextMessage(QString::fromUtf8(MessageCodec::encode(message))) > 0;
}

void ChatClient::startAttempt()
{
    m_reconnectTimer.stop();
    m_connectDeadline.stop();
    m_pingTimer.stop();
    m_silenceTimer.stop();
    retireSocket(false);

    m_authRejected = false;
    m_closeFrameSeen = false;
    m_attemptToken = m_token;
    const quint64 serial = ++m_socketSerial;

    // One socket per attempt: a fresh handshake and close state each time, and the old one is
    // deleted (retireSocket) so that reconnect cycles leave nothing behind.
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxIncomingMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxIncomingMessageBytes));
    connect(socket, &QWebSocket::connected, this, [this, serial] {
        if (serial == m_socketSerial)
            qCDebug(lcClient) << "upgrade done; waiting for connection_ack";
    });
    connect(socket, &QWebSocket::aboutToClose, this, [this, serial] {
        if (serial == m_socketSerial)
            m_closeFrameSeen = true;
    });
    connect(socket, &QWebSocket::disconnected, this, &ChatClient::onSocketDisconnected);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &ChatClient::onSocketError);
    connect(socket, &QWebSocket::textMessageReceived, this, &ChatClient::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& data) {
        noteActivity();
        qCDebug(lcClient) << "ignoring a binary message of" << data.size() << "bytes";
    });
    connect(socket, &QWebSocket::pong, this, &ChatClient::noteActivity);
    connect(socket, &QWebSocket::sslErrors, this, [this, serial](const QList<QSslError>& errors) {
        if (serial != m_socketSerial)
            return;
        QStringList problems;
        for (const QSslError& e : errors)
            problems.append(e.errorString());
        qCWarning(lcClient).noquote()
            << "certificate of" << redactUrl(m_url) << "rejected:" << problems.join(u"; "_s);
        Q_EMIT certificateRejected(problems);
    });

    QNetworkRequest request(m_url);
    if (!m_attemptToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_attemptToken.toUtf8());
    m_connectDeadline.start(m_options.connectTimeoutMs);
    qCDebug(lcClient).noquote() << "connecting to" << redactUrl(m_url) << "attempt" << m_policy.attempt();
    socket->open(request);
}

void ChatClient::endAttempt(DisconnectReason reason)
{
    const bool wasConnected = m_state == State::Connected;
    stopTimers();
    retireSocket(false);
    if (m_policy.disconnected(nowMs()))
        qCDebug(lcClient) << "the connection had been healthy; backoff starts over";

    const quint64 epoch = m_epoch;
    Q_EMIT disconnected(reason);
    if (epoch != m_epoch)
        return; // a receiver reopened or closed the client

    if (reason == DisconnectReason::SignInRequired) {
        if (!m_token.isEmpty() && m_token != m_attemptToken) {
            // A newer token arrived while the old one was being refused: try that one first.
            qCInfo(lcClient) << "the server refused the previous token; trying the current one";
            setState(State::Reconnecting);
            if (epoch == m_epoch)
                scheduleReconnect(0);
            return;
        }
        qCWarning(lcClient).noquote() << redactUrl(m_url) << "asks to sign in again";
        setState(State::NeedsSignIn);
        return;
    }
    if (wasConnected)
        qCInfo(lcClient).noquote() << "lost the connection to" << redactUrl(m_url) << "(" << reason << ")";
    const int delay = m_policy.nextDelay();
    setState(State::Reconnecting);
    if (epoch == m_epoch)
        scheduleReconnect(delay);
}

void ChatClient::scheduleReconnect(int delayMs)
{
    qCDebug(lcClient) << "next attempt in" << delayMs << "ms (attempt" << m_policy.attempt() << ")";
    m_reconnectTimer.start(delayMs);
    Q_EMIT reconnectScheduled(delayMs);
}

void ChatClient::retireSocket(bool graceful)
{
    if (!m_socket)
        return;
    QWebSocket* socket = std::exchange(m_socket, nullptr);
    ++m_socketSerial;
    disconnect(socket, nullptr, this, nullptr);
    if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
        // Let the close frame go out; the socket deletes itself when the server answers or after a
        // grace period.
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(GracefulCloseMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->close(QWebSocketProtocol::CloseCodeNormal, u"closed by the user"_s);
        return;
    }
    // Required after a failed upgrade: QtWebSockets 6.4 leaves that TCP connection open.
    socket->abort();
    socket->deleteLater();
}

void ChatClient::stopTimers()
{
    m_reconnectTimer.stop();
    m_connectDeadline.stop();
    m_pingTimer.stop();
    m_silenceTimer.stop();
}

void ChatClient::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcClient) << "state" << m_state << "->" << state;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ChatClient::rememberSent(const QString& messageId)
{
    if (messageId.isEmpty() || m_sentIds.contains(messageId))
        return;
    m_sentIds.insert(messageId);
    m_sentOrder.append(messageId);
    if (m_sentOrder.size() > MaxRememberedIds)
        m_sentIds.remove(m_sentOrder.takeFirst());
}

void ChatClient::onSocketDisconnected()
{
    if (!m_socket || sender() != m_socket)
        return;
    const int code = m_closeFrameSeen ? int(m_socket->closeCode()) : -1;
    if (m_closeFrameSeen)
        m_lastCloseCode = code;
    qCDebug(lcClient) << "socket closed; close code" << code << "reason" << m_socket->closeReason().left(100);

    DisconnectReason reason = DisconnectReason::NetworkError;
    if (code == CloseCode::AuthenticationFailed && m_authRejected)
        reason = DisconnectReason::SignInRequired;
    else if (code == CloseCode::TooBig)
        reason = DisconnectReason::MessageTooBig;
    else if (code >= 0)
        reason = DisconnectReason::ServerClosed;
    endAttempt(reason);
}

void ChatClient::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_socket || sender() != m_socket)
        return;
    const QString errorString = m_socket->errorString();
    if (const int status = httpStatusFromError(error, errorString); status > 0) {
        m_lastHttpStatus = status;
        qCWarning(lcClient).noquote() << redactUrl(m_url) << "answered the upgrade with HTTP" << status;
        endAttempt(status == 401 || status == 403 ? DisconnectReason::SignInRequired
                                                  : DisconnectReason::HandshakeRejected);
        return;
    }
    qCDebug(lcClient).noquote() << "socket error" << error << redact(errorString);
    // A socket error normally ends in disconnected() right away; settle the attempt on the next turn
    // of the event loop if it did not.
    const quint64 serial = m_socketSerial;
    QMetaObject::invokeMethod(
        this,
        [this, serial] {
            if (serial == m_socketSerial && m_socket)
                endAttempt(DisconnectReason::NetworkError);
        },
        Qt::QueuedConnection);
}

void ChatClient::onText(const QString& text)
{
    if (!m_socket || sender() != m_socket)
        return;
    noteActivity();
    // 4001 means "sign in again" only right after an authentication error (the older backend also
    // closes idle connections with 4001), so any later message clears the mark.
    m_authRejected = false;
    const QByteArray utf8 = text.toUtf8();
    auto decoded = MessageCodec::decodeServerMessage(utf8);
    if (!decoded) {
        if (decoded.error().code == ErrorCode::UnknownType)
            qCDebug(lcClient).noquote() << "ignoring:" << decoded.error().message;
        else
            qCWarning(lcClient).noquote() << "skipping a malformed message (" << decoded.error().message
                                          << "):" << redact(text.left(MaxRedactedChars)).left(MaxLoggedChars);
        return;
    }
    std::visit(Overloaded{
                   [this](const ConnectionAck& m) { onAck(m); },
                   [this](const AssistantMessage& m) { Q_EMIT answer(m); },
                   [this](const MessageDelta& m) { Q_EMIT delta(m); },
                   [this](const UserEcho& m) { onUserEcho(m); },
                   [this](const TemplateOpportunity& m) { onTemplateOpportunity(m); },
                   [this](const TemplateCreated& m) { Q_EMIT templateCreated(m); },
                   [this](const OptimizationResult& m) { Q_EMIT optimizationResult(m); },
                   [this](const TemplateList& m) { Q_EMIT templates(m); },
                   [this](const Pong& m) { Q_EMIT pong(m); },
                   [](const Heartbeat&) {}, // liveness only, counted by noteActivity() above
                   [this](const ErrorReply& m) { onErrorReply(m); },
                   [this](const TypingIndicator& m) { Q_EMIT typing(m.typing); },
               },
               decoded.value());
}

void ChatClient::onAck(const ConnectionAck& message)
{
    if (m_state != State::Connected) {
        m_connectDeadline.stop();
        m_policy.connected(nowMs());
        m_pingTimer.start(m_options.pingIntervalMs);
        m_silenceTimer.start(m_options.pingIntervalMs + m_options.pongTimeoutMs);
        qCInfo(lcClient).noquote() << "connected to" << redactUrl(m_url) << "as"
                                   << (message.authenticated ? "a signed-in user" : "an anonymous user");
        const quint64 epoch = m_epoch;
        setState(State::Connected);
        if (epoch != m_epoch)
            return;
    }
    Q_EMIT ack(message);
}

void ChatClient::onErrorReply(const ErrorReply& message)
{
    if (isAuthError(message))
        m_authRejected = true; // NeedsSignIn once the server closes with 4001
    Q_EMIT error(message);
}

void ChatClient::onTemplateOpportunity(const TemplateOpportunity& message)
{
    // The older backend repeats the same suggestion after every later message.
    const QString key = message.suggestion.title + u'\x1f' + message.suggestion.category;
    if (m_shownOpportunities.contains(key)) {
        qCDebug(lcClient) << "dropping a repeated template suggestion";
        return;
    }
    m_shownOpportunities.insert(key);
    Q_EMIT templateOpportunity(message);
}

void ChatClient::onUserEcho(const UserEcho& message)
{
    if (!message.messageId.isEmpty() && m_sentIds.contains(message.messageId))
        return; // the older backend echoes what we sent; the outbox already shows it
    Q_EMIT userEcho(message);
}

void ChatClient::noteActivity()
{
    if (m_silenceTimer.isActive())
        m_silenceTimer.start();
}

void ChatClient::sendPing()
{
    if (m_state != State::Connected || !m_socket)
        return;
    const auto now = QDateTime::currentDateTimeUtc();
    m_socket->sendTextMessage(
        QString::fromUtf8(MessageCodec::encode(ClientMessage{Ping{MessageCodec::formatTimestamp(now)}})));
}

} // namespace pc
