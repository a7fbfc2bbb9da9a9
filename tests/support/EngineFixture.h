#pragma once

#include "server/Engine.h"
#include "server/EngineConfig.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace pc {
class AiBackend;
class Clock;
} // namespace pc

namespace pc::test {

// A real engine on 127.0.0.1 (any free port) with a throwaway data folder, for integration tests.
class EngineFixture {
public:
    static QByteArray secret() { return QByteArrayLiteral("test-signing-secret-0123456789-abcdefghij"); }

    // `backend` defaults to the offline responder.
    explicit EngineFixture(EngineConfig config = {}, std::shared_ptr<AiBackend> backend = {},
                           const Clock* clock = nullptr);
    ~EngineFixture();

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] QString startError() const { return m_startError; }
    Engine& engine() { return *m_engine; }
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }

    // ws://127.0.0.1:<port>/ws/chat/<session>/ with optional query items.
    [[nodiscard]] QUrl sessionUrl(const QString& sessionId, const QString& query = {}) const;
    // An access token for `userId` signed with secret().
    [[nodiscard]] static QByteArray token(const QString& userId, qint64 ttlSecs = 3600);

    // Stops and starts the engine again on the same port and data folder (also after
    // engine().shutdown(), which stands for a killed server).
    bool restart();

private:
    QTemporaryDir m_dir;
    EngineConfig m_config;
    std::shared_ptr<AiBackend> m_backend;
    const Clock* m_clock;
    std::unique_ptr<Engine> m_engine;
    bool m_started = false;
    QString m_startError;
};

} // namespace pc::test
