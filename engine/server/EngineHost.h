#pragma once

#include "EngineConfig.h"
#include "Result.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>

namespace pc {

class AiBackend;
class Engine;

// Runs an Engine on its own thread inside another process (the desktop app's local mode). The
// backend factory runs on that thread, so network objects are created where they are used.
class EngineHost : public QObject {
    Q_OBJECT
public:
    using BackendFactory = std::function<std::shared_ptr<AiBackend>()>;

    explicit EngineHost(QObject* parent = nullptr);
    ~EngineHost() override;

    // Starts the engine and waits until it listens (or failed). Returns the URL clients connect to.
    [[nodiscard]] Result<QUrl> start(EngineConfig config, BackendFactory backendFactory);
    // Shuts the engine down on its thread (partial answers stored) and joins the thread.
    void stop();

    [[nodiscard]] bool isRunning() const { return m_engine != nullptr; }
    [[nodiscard]] QUrl url() const { return m_url; }

private:
    QThread m_thread;
    Engine* m_engine = nullptr;
    QUrl m_url;
};

} // namespace pc
