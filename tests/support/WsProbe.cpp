#include "WsProbe.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace pc::test {

WsProbe::WsProbe(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] { m_everConnected = true; });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = int(m_socket.closeCode());
    });
}

bool WsProbe::open(const QUrl& url, const QByteArray& bearerToken, const QByteArray& origin, int timeoutMs)
{
    QNetworkRequest request(url);
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken);
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin);
    m_closed = false;
    m_everConnected = false;
    m_closeCode = -1;
    m_socket.open(request);
    (void)QTest::qWaitFor([this] { return m_everConnected || m_closed; }, timeoutMs);
    // True when the handshake succeeded, even if the engine closed the socket right after it.
    return m_everConnected;
}

void WsProbe::sendJson(const QJsonObject& object)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void WsProbe::sendText(const QString& text)
{
    m_socket.sendTextMessage(text);
}

void WsProbe::sendBinary(const QByteArray& data)
{
    m_socket.sendBinaryMessage(data);
}

void WsProbe::close()
{
    m_socket.close();
}

QJsonObject WsProbe::waitFor(const QString& type, int timeoutMs)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            while (m_consumed < m_received.size()) {
                const QJsonObject& o = m_received.at(m_consumed++);
                if (o.value(QStringLiteral("type")).toString() == type) {
                    found = o;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

bool WsProbe::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

QList<QJsonObject> WsProbe::receivedOfType(const QString& type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject& o : m_received)
        if (o.value(QStringLiteral("type")).toString() == type)
            out.append(o);
    return out;
}

} // namespace pc::test
