#pragma once

#include "protocol/Result.h"

#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace pc {

struct EngineConfig;

// The engine's JSON configuration file (docs/configuration.md): listen address, data folder, TLS,
// allowed origins, anonymous access, limits, token lifetimes. Its "providers" member belongs to
// ProviderConfigLoader and is skipped here. Unknown members are errors (a typo must not silently leave a
// default in place), except those starting with "_", which are comments.
class EngineConfigLoader {
public:
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    EngineConfigLoader() = delete;

    // Sets in `config` what the file sets, leaving everything else as it is (so command-line flags applied
    // afterwards override the file). Relative paths are taken relative to the file's folder.
    [[nodiscard]] static Result<void> applyFile(const QString& path, EngineConfig& config);
    [[nodiscard]] static Result<void> applyJson(QByteArrayView json, const QString& baseDir,
                                                EngineConfig& config);

    // True when the file has a "providers" member (for ProviderConfigLoader::fromFile).
    [[nodiscard]] static bool listsProviders(const QString& path);

    // "127.0.0.1:8000", "[::1]:8000", "localhost:8000", "0.0.0.0:443".
    [[nodiscard]] static bool parseListen(const QString& text, QHostAddress& address, quint16& port);
    // "90", "90s", "15m", "12h", "7d" -> seconds.
    [[nodiscard]] static std::optional<qint64> parseDuration(const QString& text);
};

} // namespace pc
