#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSslConfiguration>
#include <QSslError>

#include <memory>
#include <optional>

class QTcpSocket;

namespace pc::test {

struct HttpResponse {
    int status = 0; // 0: no response (connection failed or closed first)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] QByteArray header(const QByteArray& name) const; // case-insensitive; empty if absent
    [[nodiscard]] bool hasHeader(const QByteArray& name) const;
    [[nodiscard]] QJsonObject json() const;
};

// A raw HTTP/1.1 client for integration tests (plain or TLS). It waits by running the event loop, so
// it works against an engine living on the test's own thread, and it can send what well-behaved
// clients never would (huge Content-Length, pipelined or incomplete requests).
class HttpProbe {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // `tls` set: connect with TLS using that client configuration (CA certificates to trust etc.).
    explicit HttpProbe(quint16 port, std::optional<QSslConfiguration> tls = std::nullopt);
    ~HttpProbe();

    // One request on a fresh connection.
    HttpResponse request(const QByteArray& method, const QByteArray& path, const QByteArray& body = {},
                         const Headers& headers = {}, int timeoutMs = 10'000);
    HttpResponse postJson(const QByteArray& path, const QJsonObject& body, const Headers& headers = {});
    HttpResponse get(const QByteArray& path, const QByteArray& bearer = {}, const Headers& headers = {});

    // Keep-alive use: open once, send raw bytes, read responses one by one.
    bool open(int timeoutMs = 10'000);
    void send(const QByteArray& raw);
    std::optional<HttpResponse> readResponse(int timeoutMs = 10'000);
    bool waitForClosed(int timeoutMs = 10'000);
    [[nodiscard]] bool isConnected() const;
    [[nodiscard]] const QList<QSslError>& sslErrors() const { return m_sslErrors; }
    [[nodiscard]] QString errorString() const;

    [[nodiscard]] static QByteArray requestBytes(const QByteArray& method, const QByteArray& path,
                                                 const QByteArray& body, const Headers& headers);

private:
    quint16 m_port;
    std::optional<QSslConfiguration> m_tls;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QList<QSslError> m_sslErrors;
};

} // namespace pc::test
