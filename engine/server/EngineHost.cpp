#include "EngineHost.h"

#include "Engine.h"
#include "ai/AiBackend.h"
#include "core/Clock.h"

#include <QMetaObject>

namespace pc {

using namespace Qt::Literals::StringLiterals;

EngineHost::EngineHost(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"promptcraft-engine"_s);
}

EngineHost::~EngineHost()
{
    stop();
}

Result<QUrl> EngineHost::start(EngineConfig config, BackendFactory backendFactory)
{
    if (m_engine)
        return m_url;
    m_thread.start();
    Engine* engine = nullptr;
    std::optional<Error> failure;
    QUrl url;
    // Constructed, started and later destroyed on the engine thread.
    // An object living on the engine thread to run the start-up there.
    auto* anchor = new QObject;
    anchor->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        anchor,
        [&] {
            auto* e = new Engine(std::move(config), backendFactory(), Clock::system());
            if (auto started = e->start(); !started) {
                failure = started.error();
                delete e;
                return;
            }
            engine = e;
            url = e->url();
        },
        Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        anchor, [anchor] { delete anchor; }, Qt::BlockingQueuedConnection);
    if (failure) {
        m_thread.quit();
        m_thread.wait();
        return *failure;
    }
    m_engine = engine;
    m_url = url;
    return m_url;
}

void EngineHost::stop()
{
    if (!m_engine) {
        if (m_thread.isRunning()) {
            m_thread.quit();
            m_thread.wait();
        }
        return;
    }
    Engine* engine = m_engine;
    m_engine = nullptr;
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->shutdown();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_url.clear();
}

} // namespace pc
