#pragma once

namespace pc {

// Qt's HTTP server logs each request whole, Authorization header included, at debug level
// (qt.httpserver*): with QT_LOGGING_RULES="qt.*=true" every bearer token would reach the log. install()
// keeps the debug level of those categories off whatever the logging rules say. Process-wide and
// idempotent; the engine calls it when it is created.
class QtLogGuard {
public:
    QtLogGuard() = delete;

    static void install();
};

} // namespace pc
