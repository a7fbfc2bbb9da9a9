#include "secrets/SecretServiceProbe.h"

#include <QMetaObject>

#ifdef PC_HAVE_QTDBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

#ifdef PC_HAVE_QTDBUS
constexpr int BusCallTimeoutMs = 2000;

QDBusMessage busDaemonCall(const QString& method) {
    return QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                                          u"org.freedesktop.DBus"_s, method);
}

QString secretServiceName() {
    return u"org.freedesktop.secrets"_s;
}
#endif

} // namespace

SecretServiceProbe::SecretServiceProbe(QObject* parent)
    : QObject(parent) {}

SecretServiceProbe::~SecretServiceProbe() = default;

void SecretServiceProbe::start() {
    if (m_started)
        return;
    m_started = true;
#ifdef PC_HAVE_QTDBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        QMetaObject::invokeMethod(
            this, [this] { finish(Result::NoSessionBus); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage call = busDaemonCall(u"NameHasOwner"_s);
    call << secretServiceName();
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, BusCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<bool> reply = *w;
        if (reply.isError()) {
            finish(Result::Unknown);
            return;
        }
        if (reply.value()) {
            finish(Result::Available);
            return;
        }
        checkActivatable();
    });
#else
    QMetaObject::invokeMethod(
        this, [this] { finish(Result::Unknown); }, Qt::QueuedConnection);
#endif
}

void SecretServiceProbe::checkActivatable() {
#ifdef PC_HAVE_QTDBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    auto* watcher = new QDBusPendingCallWatcher(
        bus.asyncCall(busDaemonCall(u"ListActivatableNames"_s), BusCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        if (reply.isError()) {
            finish(Result::Unknown);
            return;
        }
        finish(reply.value().contains(secretServiceName()) ? Result::Available : Result::NoSecretService);
    });
#endif
}

void SecretServiceProbe::finish(Result result) {
    Q_EMIT finished(result);
}

} // namespace pc
