#pragma once

#include <QFrame>
#include <QTimer>

#include <chrono>

class QLabel;
class QPushButton;

namespace pc {

// The connection state above the chat, in words and colour (never colour alone):
//   Connected     a thin green strip (or nothing, see setShowConnectedStrip)
//   Connecting    "Connecting…"
//   Reconnecting  "Connection lost. Reconnecting in N s…" counting down live, with "Retry now"
//   Offline       "Offline" with how many messages wait in the outbox, with "Retry now"
//   NeedsSignIn   "Signed out" with "Sign in"
// Plain data in, button signals out; the client's state machine drives it.
class ConnectionBanner final : public QFrame {
    Q_OBJECT

public:
    enum class State { Connected, Connecting, Reconnecting, Offline, NeedsSignIn };
    Q_ENUM(State)

    explicit ConnectionBanner(QWidget* parent = nullptr);

    void setConnected();
    void setConnecting();
    // retryIn counts down once a second; at zero the text says "Reconnecting…" until the next state.
    void setReconnecting(std::chrono::seconds retryIn);
    void setOffline(int queuedCount);
    // reason: optional words on why (session expired...). Never a server's raw error text.
    void setNeedsSignIn(const QString& reason = QString());
    // Messages waiting in the outbox; mentioned in every state but Connected.
    void setQueuedCount(int count);
    void setShowConnectedStrip(bool show);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString text() const;
    [[nodiscard]] int secondsLeft() const { return m_secondsLeft; }
    [[nodiscard]] int queuedCount() const { return m_queued; }
    [[nodiscard]] QPushButton* retryButton() const { return m_retry; }
    [[nodiscard]] QPushButton* signInButton() const { return m_signIn; }

    [[nodiscard]] QSize sizeHint() const override;

Q_SIGNALS:
    void retryNowClicked();
    void signInClicked();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void setState(State state);
    void refresh();
    void tick();
    [[nodiscard]] QColor stateColour() const;
    [[nodiscard]] QString queuedSentence() const;

    State m_state = State::Connecting;
    int m_secondsLeft = 0;
    int m_queued = 0;
    QString m_reason;
    bool m_showConnectedStrip = true;
    QTimer m_countdown;
    QLabel* m_label;
    QPushButton* m_retry;
    QPushButton* m_signIn;
};

} // namespace pc
