#include "ScopedWarningFilter.h"

#include <QtGlobal>

#include <mutex>

namespace pc {

namespace {
thread_local const ScopedWarningFilter* t_current = nullptr;
QtMessageHandler g_previous = nullptr;
std::once_flag g_installed;
} // namespace

void filterMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    for (const ScopedWarningFilter* f = t_current; f; f = f->m_outer)
        if (message.contains(f->m_needle))
            return;
    if (g_previous)
        g_previous(type, context, message);
}

ScopedWarningFilter::ScopedWarningFilter(QString needle)
    : m_needle(std::move(needle))
    , m_outer(t_current)
{
    std::call_once(g_installed, [] { g_previous = qInstallMessageHandler(filterMessage); });
    t_current = this;
}

ScopedWarningFilter::~ScopedWarningFilter()
{
    t_current = m_outer;
}

} // namespace pc
