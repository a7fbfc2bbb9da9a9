#pragma once

#include "protocol/Result.h"

#include <QSslConfiguration>
#include <QString>

namespace pc {

// Reads a server certificate (PEM; the first is the server's own, any further ones its chain) and its
// unencrypted PEM private key (RSA or EC) into a server-side TLS configuration (TLS 1.2 or later).
class TlsFiles {
public:
    TlsFiles() = delete;

    [[nodiscard]] static Result<QSslConfiguration> load(const QString& certificateFile,
                                                        const QString& keyFile);
};

} // namespace pc
