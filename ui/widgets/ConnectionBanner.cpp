#include "widgets/ConnectionBanner.h"

#include "theme/Icons.h"
#include "theme/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {
constexpr int StripHeight = 3;
constexpr int Bar = 4;
} // namespace

ConnectionBanner::ConnectionBanner(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(this))
    , m_signIn(new QPushButton(this))
{
    setObjectName(u"connectionBanner"_s);
    m_label->setObjectName(u"connectionBannerText"_s);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_retry->setObjectName(u"retryNowButton"_s);
    m_signIn->setObjectName(u"signInButton"_s);
    m_signIn->setProperty("accent", true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(Bar + 10, 6, 8, 6);
    layout->setSpacing(8);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_signIn);

    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryNowClicked);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectionBanner::signInClicked);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionBanner::tick);
    retranslateUi();
    setConnecting();
}

void ConnectionBanner::retranslateUi()
{
    setAccessibleName(tr("Connection status"));
    m_label->setAccessibleName(tr("Connection status"));
    m_retry->setText(tr("Retry now"));
    m_retry->setAccessibleName(tr("Retry connecting now"));
    m_signIn->setText(tr("Sign in"));
    m_signIn->setAccessibleName(tr("Sign in"));
    // The state's words; a sign-in reason stays as the caller gave it until it sets a new one.
    refresh();
}

void ConnectionBanner::setConnected()
{
    m_countdown.stop();
    setState(State::Connected);
}

void ConnectionBanner::setConnecting()
{
    m_countdown.stop();
    setState(State::Connecting);
}

void ConnectionBanner::setReconnecting(std::chrono::seconds retryIn)
{
    m_secondsLeft = int(std::max<qint64>(retryIn.count(), 0));
    if (m_secondsLeft > 0)
        m_countdown.start();
    else
        m_countdown.stop();
    setState(State::Reconnecting);
}

void ConnectionBanner::setOffline(int queuedCount)
{
    m_countdown.stop();
    m_queued = std::max(queuedCount, 0);
    setState(State::Offline);
}

void ConnectionBanner::setNeedsSignIn(const QString& reason)
{
    m_countdown.stop();
    m_reason = reason;
    setState(State::NeedsSignIn);
}

void ConnectionBanner::setQueuedCount(int count)
{
    m_queued = std::max(count, 0);
    refresh();
}

void ConnectionBanner::setShowConnectedStrip(bool show)
{
    m_showConnectedStrip = show;
    refresh();
}

void ConnectionBanner::setState(State state)
{
    m_state = state;
    if (state != State::NeedsSignIn)
        m_reason.clear();
    refresh();
}

void ConnectionBanner::tick()
{
    if (m_secondsLeft > 0)
        --m_secondsLeft;
    if (m_secondsLeft == 0)
        m_countdown.stop();
    refresh();
}

QString ConnectionBanner::queuedSentence() const
{
    if (m_queued <= 0)
        return {};
    if (m_queued == 1)
        return tr("1 message will be sent when connected.");
    return tr("%n messages will be sent when connected.", nullptr, m_queued);
}

QString ConnectionBanner::text() const
{
    // Chinese runs sentences together; Western languages put a space between them.
    const auto then = [](const QString& first, const QString& second) {
        return tr("%1 %2", "one sentence after another").arg(first, second);
    };
    QString main;
    switch (m_state) {
    case State::Connected:
        return tr("Connected");
    case State::Connecting:
        main = tr("Connecting…");
        break;
    case State::Reconnecting:
        main = m_secondsLeft > 0 ? tr("Connection lost. Reconnecting in %n s…", nullptr, m_secondsLeft)
                                 : tr("Connection lost. Reconnecting…");
        break;
    case State::Offline:
        main = tr("Offline.");
        if (m_queued == 0)
            main = then(main, tr("Messages you send will wait until the connection is back."));
        break;
    case State::NeedsSignIn:
        main = m_reason.isEmpty() ? tr("Signed out. Sign in to keep chatting.")
                                  : tr("Signed out: %1 Sign in to keep chatting.").arg(m_reason);
        break;
    }
    const QString queued = queuedSentence();
    return queued.isEmpty() ? main : then(main, queued);
}

QColor ConnectionBanner::stateColour() const
{
    switch (m_state) {
    case State::Connected:
        return Theme::success(palette());
    case State::Connecting:
        return Theme::info(palette());
    case State::Reconnecting:
        return Theme::warning(palette());
    case State::Offline:
        return Theme::muted(palette());
    case State::NeedsSignIn:
        return Theme::danger(palette());
    }
    return Theme::muted(palette());
}

void ConnectionBanner::refresh()
{
    const bool strip = m_state == State::Connected;
    m_label->setVisible(!strip);
    m_label->setText(text());
    m_retry->setVisible(m_state == State::Reconnecting || m_state == State::Offline);
    m_signIn->setVisible(m_state == State::NeedsSignIn);
    setToolTip(strip ? text() : QString());
    setAccessibleDescription(text());
    if (strip) {
        setFixedHeight(StripHeight);
        setVisible(m_showConnectedStrip);
    } else {
        setMinimumHeight(0);
        setMaximumHeight(QWIDGETSIZE_MAX);
        show();
    }
    updateGeometry();
    update();
}

QSize ConnectionBanner::sizeHint() const
{
    if (m_state == State::Connected)
        return {QFrame::sizeHint().width(), StripHeight};
    return QFrame::sizeHint();
}

void ConnectionBanner::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const QColor colour = stateColour();
    if (m_state == State::Connected) {
        painter.fillRect(rect(), colour);
        return;
    }
    painter.fillRect(rect(), Theme::tint(palette(), colour));
    painter.fillRect(QRect(0, 0, Bar, height()), colour);
    painter.setPen(Theme::tint(palette(), colour).darker(115));
    painter.drawLine(rect().bottomLeft(), rect().bottomRight());
    QFrame::paintEvent(event);
}

void ConnectionBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        update();
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace pc
