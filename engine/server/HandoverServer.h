#pragma once

#include <QTcpServer>

namespace pc {

// A QTcpServer that never listens: EngineListener hands it plain-HTTP sockets it has accepted, so that a
// QHttpServer bound to it serves them on the same port as the WebSocket endpoint.
class HandoverServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    void handOver(QTcpSocket* socket);
    [[nodiscard]] QTcpSocket* nextPendingConnection() override;
};

} // namespace pc
