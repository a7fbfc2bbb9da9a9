#pragma once

#include <QObject>

namespace pc {

// Tells whether a Secret Service (org.freedesktop.secrets) can be reached on the D-Bus session bus.
// The keychain backend only reports "OtherError" with a GLib message when the bus or the service is
// missing; this probe turns that case into a reason a program can act on. On systems without D-Bus
// (Windows, macOS) it reports Unknown.
class SecretServiceProbe final : public QObject {
    Q_OBJECT
public:
    enum class Result {
        Available,       // the service runs or the bus can start it
        NoSessionBus,    // no D-Bus session bus could be reached
        NoSecretService, // the bus is there, nothing provides org.freedesktop.secrets
        Unknown,         // cannot tell on this platform or the bus did not answer
    };
    Q_ENUM(Result)

    explicit SecretServiceProbe(QObject* parent = nullptr);
    ~SecretServiceProbe() override;

    // Emits finished() once, asynchronously. Calls to the bus daemon are asynchronous too.
    void start();

Q_SIGNALS:
    void finished(pc::SecretServiceProbe::Result result);

private:
    void checkActivatable();
    void finish(Result result);

    bool m_started = false;
};

} // namespace pc
