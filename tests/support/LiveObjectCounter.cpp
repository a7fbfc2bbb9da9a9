#include "LiveObjectCounter.h"

#include <QObject>

#include <atomic>

// QtCore's exported hook table (declared in the private header qhooks_p.h, which Debian does not ship).
extern quintptr Q_CORE_EXPORT qtHookData[];

namespace pc::test {

namespace {

// Indices and callback type from qhooks_p.h (hook data version 1 and later).
constexpr int HookDataVersion = 0;
constexpr int HookDataSize = 1;
constexpr int AddQObject = 3;
constexpr int RemoveQObject = 4;
using ObjectCallback = void (*)(QObject*);

std::atomic<qint64> g_live{0};
ObjectCallback g_previousAdd = nullptr;
ObjectCallback g_previousRemove = nullptr;

void onAdd(QObject* object)
{
    g_live.fetch_add(1, std::memory_order_relaxed);
    if (g_previousAdd)
        g_previousAdd(object);
}

void onRemove(QObject* object)
{
    g_live.fetch_sub(1, std::memory_order_relaxed);
    if (g_previousRemove)
        g_previousRemove(object);
}

} // namespace

LiveObjectCounter::LiveObjectCounter()
{
    if (qtHookData[HookDataVersion] < 1 || qtHookData[HookDataSize] <= quintptr(RemoveQObject))
        return;
    m_previousAdd = qtHookData[AddQObject];
    m_previousRemove = qtHookData[RemoveQObject];
    g_previousAdd = reinterpret_cast<ObjectCallback>(m_previousAdd);
    g_previousRemove = reinterpret_cast<ObjectCallback>(m_previousRemove);
    g_live = 0;
    qtHookData[AddQObject] = reinterpret_cast<quintptr>(&onAdd);
    qtHookData[RemoveQObject] = reinterpret_cast<quintptr>(&onRemove);
    m_active = true;
}

LiveObjectCounter::~LiveObjectCounter()
{
    if (!m_active)
        return;
    qtHookData[AddQObject] = m_previousAdd;
    qtHookData[RemoveQObject] = m_previousRemove;
}

qint64 LiveObjectCounter::delta() const
{
    return g_live.load(std::memory_order_relaxed);
}

} // namespace pc::test
