#include "ScriptedHttpServer.h"

using namespace Qt::Literals::StringLiterals;

namespace pc::test {

namespace {
QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
} // namespace

ScriptedHttpServer::ScriptedHttpServer(Mode mode, int status, QObject* parent)
    : QObject(parent)
    , m_mode(mode)
    , m_status(status)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onNewConnection);
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/ws/chat/"_s);
    return url;
}

void ScriptedHttpServer::setMode(Mode mode, int status)
{
    m_mode = mode;
    m_status = status;
}

int ScriptedHttpServer::openConnectionCount() const
{
    int open = 0;
    for (const auto& socket : m_sockets)
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            ++open;
    return open;
}

void ScriptedHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (m_mode == Mode::CloseImmediately) {
            socket->abort();
            continue;
        }
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
    m_sockets.removeAll(nullptr);
}

void ScriptedHttpServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray head = socket->property("head").toByteArray() + socket->readAll();
    socket->setProperty("head", head);
    if (socket->property("answered").toBool() || !head.contains("\r\n\r\n"))
        return;
    socket->setProperty("answered", true);
    head = head.left(head.indexOf("\r\n\r\n"));
    m_requests.append(head);
    Q_EMIT requestReceived(head);
    if (m_mode != Mode::RespondWithStatus)
        return;
    // A body with line breaks, as error pages have: the client must not try to parse it as headers.
    const QByteArray body = "<html>\r\n<body>" + reasonPhrase(m_status) + "</body>\r\n</html>\r\n";
    socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reasonPhrase(m_status) +
                  "\r\nContent-Type: text/html\r\nConnection: keep-alive\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

} // namespace pc::test
