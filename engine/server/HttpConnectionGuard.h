#pragma once

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace pc {

// Bounds a plain-HTTP connection after EngineListener has handed it to the HTTP server, which in Qt 6.4
// buffers every request whole and keeps connections alive without limit:
// - a request (head and body) larger than `maxRequestBytes` before it is answered gets 413 and the
//   connection is closed, so no body is ever buffered past the limit, whatever its head announced;
// - a connection that does not complete a request within `idleTimeoutMs` of its last answer (or of
//   the hand-over) is closed.
// Installed before the HTTP server sees the socket, so it counts each chunk before the server reads it.
// A child of the socket: it goes when the socket goes.
class HttpConnectionGuard : public QObject {
    Q_OBJECT
public:
    HttpConnectionGuard(QTcpSocket* socket, qint64 maxRequestBytes, int idleTimeoutMs);

    static void refuse(QTcpSocket* socket, int status, const QByteArray& reason, const QByteArray& body);

private:
    void onReadyRead();
    void onBytesWritten();

    QTcpSocket* m_socket;
    qint64 m_maxRequestBytes;
    qint64 m_unanswered = 0;
    QTimer m_idle;
};

} // namespace pc
