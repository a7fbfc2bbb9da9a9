#include "HandoverServer.h"

#include "core/ScopedWarningFilter.h"

#include <QTcpSocket>

namespace pc {

void HandoverServer::handOver(QTcpSocket* socket)
{
    // Owned here as a QTcpServer owns the sockets it accepts: connections still open when the engine
    // stops (a client's kept-alive HTTP connection) go with it.
    socket->setParent(this);
    addPendingConnection(socket); // emits pendingConnectionAvailable, which QHttpServer listens to
    // The request is already buffered: make the HTTP server look at it now.
    if (socket->bytesAvailable() > 0)
        Q_EMIT socket->readyRead();
}

QTcpSocket* HandoverServer::nextPendingConnection()
{
    const ScopedWarningFilter quiet(QStringLiteral("called while not listening"));
    return QTcpServer::nextPendingConnection();
}

} // namespace pc
