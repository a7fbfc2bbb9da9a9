#include "HttpProbe.h"

#include <QJsonDocument>
#include <QSslSocket>
#include <QTest>

namespace pc::test {

QByteArray HttpResponse::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool HttpResponse::hasHeader(const QByteArray& name) const
{
    for (const auto& header : headers)
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpProbe::HttpProbe(quint16 port, std::optional<QSslConfiguration> tls)
    : m_port(port)
    , m_tls(std::move(tls))
{}

HttpProbe::~HttpProbe() = default;

QByteArray HttpProbe::requestBytes(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                                   const Headers& headers)
{
    QByteArray raw = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool hasLength = false;
    for (const auto& [name, value] : headers) {
        raw += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
                    name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength && (!body.isEmpty() || method == "POST" || method == "PUT"))
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return raw + "\r\n" + body;
}

bool HttpProbe::open(int timeoutMs)
{
    m_buffer.clear();
    m_sslErrors.clear();
    if (m_tls) {
        auto* ssl = new QSslSocket;
        ssl->setSslConfiguration(*m_tls);
        QObject::connect(ssl, &QSslSocket::sslErrors, ssl,
                         [this](const QList<QSslError>& errors) { m_sslErrors += errors; });
        m_socket.reset(ssl);
        // The engine listens on 127.0.0.1; the certificate is checked against the name "localhost".
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port, QStringLiteral("localhost"));
        (void)QTest::qWaitFor(
            [ssl] { return ssl->isEncrypted() || ssl->state() == QAbstractSocket::UnconnectedState; },
            timeoutMs);
        return ssl->isEncrypted();
    }
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(QHostAddress::LocalHost, m_port);
    (void)QTest::qWaitFor(
        [this] {
            return m_socket->state() == QAbstractSocket::ConnectedState ||
                   m_socket->state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpProbe::send(const QByteArray& raw)
{
    m_socket->write(raw);
}

bool HttpProbe::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

QString HttpProbe::errorString() const
{
    return m_socket ? m_socket->errorString() : QString();
}

std::optional<HttpResponse> HttpProbe::readResponse(int timeoutMs)
{
    std::optional<HttpResponse> result;
    const auto parse = [this, &result]() -> bool {
        m_buffer += m_socket->readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        HttpResponse response;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        response.status = statusLine.value(1).toInt();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines.at(i).left(colon).trimmed();
            const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
            response.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (m_buffer.size() < end + 4 + length)
            return false;
        response.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        result = std::move(response);
        return true;
    };
    (void)QTest::qWaitFor([&] { return parse() || m_socket->state() == QAbstractSocket::UnconnectedState; },
                          timeoutMs);
    if (!result)
        (void)parse(); // what arrived together with the close
    return result;
}

bool HttpProbe::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            m_buffer += m_socket->readAll();
            return m_socket->state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

HttpResponse HttpProbe::request(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                                const Headers& headers, int timeoutMs)
{
    if (!open(timeoutMs))
        return {};
    send(requestBytes(method, path, body, headers));
    auto response = readResponse(timeoutMs);
    m_socket->abort();
    return response.value_or(HttpResponse{});
}

HttpResponse HttpProbe::postJson(const QByteArray& path, const QJsonObject& body, const Headers& headers)
{
    Headers all = headers;
    all.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), all);
}

HttpResponse HttpProbe::get(const QByteArray& path, const QByteArray& bearer, const Headers& headers)
{
    Headers all = headers;
    if (!bearer.isEmpty())
        all.append(qMakePair(QByteArrayLiteral("Authorization"), QByteArray("Bearer " + bearer)));
    return request("GET", path, {}, all);
}

} // namespace pc::test
