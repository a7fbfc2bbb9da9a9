#include "TlsFiles.h"

#include "core/Logging.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace pc {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 MaxPemBytes = 1024 * 1024;

Result<QByteArray> readPem(const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound,
                     u"cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString())};
    if (file.size() > MaxPemBytes)
        return Error{ErrorCode::InvalidMessage, u"the TLS %1 %2 is larger than 1 MiB"_s.arg(what, path)};
    return file.readAll();
}

} // namespace

Result<QSslConfiguration> TlsFiles::load(const QString& certificateFile, const QString& keyFile)
{
    if (!QSslSocket::supportsSsl())
        return Error{ErrorCode::InternalError,
                     u"TLS is not available: Qt found no TLS backend (OpenSSL 3)"_s};
    if (certificateFile.isEmpty() || keyFile.isEmpty())
        return Error{ErrorCode::InvalidMessage, u"TLS needs both a certificate and a private key file"_s};
    auto certPem = readPem(certificateFile, u"certificate"_s);
    if (!certPem)
        return certPem.error();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return Error{ErrorCode::InvalidMessage, u"%1 holds no PEM certificate"_s.arg(certificateFile)};
    auto keyPem = readPem(keyFile, u"private key"_s);
    if (!keyPem)
        return keyPem.error();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        key = QSslKey(keyPem.value(), algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return Error{ErrorCode::InvalidMessage,
                     u"%1 holds no unencrypted PEM private key (RSA or EC)"_s.arg(keyFile)};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (chain.first().expiryDate() < now)
        qCWarning(lcEngine).noquote() << "the TLS certificate" << certificateFile << "expired on"
                                      << chain.first().expiryDate().toString(Qt::ISODate);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // Clients are not asked for certificates.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace pc
