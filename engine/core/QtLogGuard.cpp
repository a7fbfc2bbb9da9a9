#include "QtLogGuard.h"

#include <QLoggingCategory>

#include <atomic>
#include <cstring>
#include <mutex>

namespace pc {

namespace {

std::atomic<QLoggingCategory::CategoryFilter> g_previous{nullptr};

void filter(QLoggingCategory* category)
{
    if (const QLoggingCategory::CategoryFilter previous = g_previous.load())
        previous(category);
    if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

void QtLogGuard::install()
{
    static std::once_flag once;
    std::call_once(once, [] { g_previous.store(QLoggingCategory::installFilter(filter)); });
}

} // namespace pc
