#include "BlackholeRelay.h"

using namespace Qt::Literals::StringLiterals;

namespace pc::test {

BlackholeRelay::BlackholeRelay(QHostAddress targetAddress, quint16 targetPort, QObject* parent)
    : QObject(parent)
    , m_targetAddress(std::move(targetAddress))
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &BlackholeRelay::onNewConnection);
}

BlackholeRelay::~BlackholeRelay()
{
    for (Pair* pair : std::as_const(m_pairs)) {
        if (pair->client)
            disconnect(pair->client, nullptr, this, nullptr);
        if (pair->server)
            disconnect(pair->server, nullptr, this, nullptr);
        delete pair;
    }
}

bool BlackholeRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl BlackholeRelay::baseUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/ws/chat/"_s);
    return url;
}

void BlackholeRelay::blackhole()
{
    for (Pair* pair : std::as_const(m_pairs))
        pair->silent = true;
}

int BlackholeRelay::openPairCount() const
{
    int open = 0;
    for (const Pair* pair : m_pairs)
        if (pair->client && pair->client->state() == QAbstractSocket::ConnectedState)
            ++open;
    return open;
}

void BlackholeRelay::onNewConnection()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        ++m_accepted;
        client->setParent(this);
        auto* server = new QTcpSocket(this);
        auto* pair = new Pair{client, server, false};
        m_pairs.append(pair);
        connect(client, &QTcpSocket::readyRead, this,
                [this, pair, client, server] { forward(pair, client, server); });
        connect(server, &QTcpSocket::readyRead, this,
                [this, pair, client, server] { forward(pair, server, client); });
        // Bytes the client sends before the server side is up wait in the client socket's buffer.
        connect(server, &QTcpSocket::connected, this,
                [this, pair, client, server] { forward(pair, client, server); });
        connect(client, &QTcpSocket::disconnected, this, [this, pair] { closePair(pair); });
        // A silent connection stays silent: the client does not learn that the server went away.
        connect(server, &QTcpSocket::disconnected, this, [this, pair] {
            if (!pair->silent)
                closePair(pair);
        });
        connect(server, &QTcpSocket::errorOccurred, this, [this, pair] {
            if (!pair->silent)
                closePair(pair);
        });
        server->connectToHost(m_targetAddress, m_targetPort);
    }
}

void BlackholeRelay::forward(Pair* pair, QTcpSocket* from, QTcpSocket* to)
{
    if (pair->silent) {
        (void)from->readAll(); // swallowed: neither side hears anything
        return;
    }
    if (to->state() != QAbstractSocket::ConnectedState)
        return;
    to->write(from->readAll());
}

void BlackholeRelay::closePair(Pair* pair)
{
    if (!m_pairs.contains(pair))
        return;
    m_pairs.removeOne(pair);
    for (QTcpSocket* socket : {pair->client.data(), pair->server.data()}) {
        if (!socket)
            continue;
        disconnect(socket, nullptr, this, nullptr);
        socket->disconnectFromHost();
        socket->deleteLater();
    }
    delete pair;
}

} // namespace pc::test
