#include "HttpConnectionGuard.h"

#include "core/Logging.h"

#include <QTcpSocket>

namespace pc {

HttpConnectionGuard::HttpConnectionGuard(QTcpSocket* socket, qint64 maxRequestBytes, int idleTimeoutMs)
    : QObject(socket)
    , m_socket(socket)
    , m_maxRequestBytes(maxRequestBytes)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        qCDebug(lcEngine) << "closing an idle or unfinished HTTP connection";
        m_socket->abort();
    });
    m_idle.start();
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnectionGuard::onBytesWritten);
}

void HttpConnectionGuard::onReadyRead()
{
    // The HTTP server reads everything on each readyRead, after this slot: what is available now is new.
    m_unanswered += m_socket->bytesAvailable();
    if (m_unanswered <= m_maxRequestBytes)
        return;
    qCInfo(lcEngine) << "refused an HTTP request larger than" << m_maxRequestBytes << "bytes";
    m_idle.stop();
    // The HTTP server must not go on parsing (and buffering) what follows.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    refuse(m_socket, 413, "Payload Too Large",
           R"({"detail":"The request is too large.","code":"payload_too_large"})");
}

void HttpConnectionGuard::onBytesWritten()
{
    // An answer went out: the next request starts from zero, and the idle clock restarts.
    m_unanswered = 0;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_idle.start();
}

void HttpConnectionGuard::refuse(QTcpSocket* socket, int status, const QByteArray& reason,
                                 const QByteArray& body)
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace pc
