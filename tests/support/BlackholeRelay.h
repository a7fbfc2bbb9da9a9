#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace pc::test {

// A loopback TCP relay between a client and a server (e.g. the engine). blackhole() makes every
// connection that is open at that moment go silent: bytes in either direction are swallowed while
// both TCP connections stay up, as with a dead NAT entry or a pulled cable. New connections are
// forwarded normally again.
class BlackholeRelay : public QObject {
    Q_OBJECT
public:
    BlackholeRelay(QHostAddress targetAddress, quint16 targetPort, QObject* parent = nullptr);
    ~BlackholeRelay() override;

    [[nodiscard]] bool listen();
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    // ws://127.0.0.1:<port>/ws/chat/
    [[nodiscard]] QUrl baseUrl() const;

    // While silent, a server that closes does not close the client side either.
    void blackhole();
    // Connections accepted so far, and how many pairs still have their client side open.
    [[nodiscard]] int connectionCount() const { return m_accepted; }
    [[nodiscard]] int openPairCount() const;

private:
    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> server;
        bool silent = false;
    };

    void onNewConnection();
    void forward(Pair* pair, QTcpSocket* from, QTcpSocket* to);
    void closePair(Pair* pair);

    QTcpServer m_server;
    QHostAddress m_targetAddress;
    quint16 m_targetPort;
    int m_accepted = 0;
    QList<Pair*> m_pairs;
};

} // namespace pc::test
