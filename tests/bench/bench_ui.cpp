// UI benchmark: does the chat view's cost grow with the length of the conversation's history?
//   1. time to first paint: open a conversation (newest page from the HistoryStore, model, layout and
//      paint of the visible rows), with 100 and with 10,000 messages in the history;
//   2. UI-thread time per streamed token: appendDelta on the last row, then what the event loop runs for
//      it (the view's posted layout or height check) and one repaint, at the same two history lengths.
// Prints the medians, the rows each case had in its model, and the ratio 10,000 / 100 for each (about 1
// means it does not grow). The two cases take turns after a warm-up of both. --loaded n pages older
// messages in before streaming, as after scrolling up (the 100-message case stops at its 101 rows).
#include "MainWindow.h"
#include "chat/ChatMessageModel.h"
#include "chat/ChatView.h"
#include "secrets/MemoryTokenStore.h"
#include "settings/Settings.h"
#include "storage/HistoryStore.h"
#include "theme/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUuid>

#include <algorithm>
#include <array>

using namespace pc;
using namespace Qt::Literals::StringLiterals;

namespace {

QString importConversation(HistoryStore& store, int messages)
{
    Conversation c;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.title = u"%1 messages"_s.arg(messages);
    c.createdAt = QDateTime::currentDateTimeUtc().addDays(-30);
    c.updatedAt = c.createdAt;
    QList<StoredMessage> rows;
    rows.reserve(messages);
    for (int i = 0; i < messages; ++i) {
        StoredMessage m;
        m.id = u"%1-%2"_s.arg(c.id.left(8)).arg(i);
        m.conversationId = c.id;
        const bool user = i % 2 == 0;
        m.role = user ? MessageRole::User : MessageRole::Assistant;
        m.status = user ? MessageStatus::Sent : MessageStatus::Complete;
        m.content =
            user
                ? u"Question %1: how do I make the build faster?"_s.arg(i)
                : u"## Answer %1\n\nUse **Ninja**, `ccache` and fewer headers:\n\n"
                  "```sh\ncmake -G Ninja -S . -B build\n```\n\n| Tool | Gain |\n|---|---|\n| ccache | 3x |\n"_s
                      .arg(i);
        if (!user)
            m.replyTo = u"%1-%2"_s.arg(c.id.left(8)).arg(i - 1);
        m.createdAt = c.createdAt.addSecs(i);
        rows.append(m);
    }
    if (!store.importConversation(c, rows)) {
        QTextStream(stderr) << "import failed" << Qt::endl;
        return {};
    }
    return c.id;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Counts the paint events of the chat view's viewport.
class PaintCounter final : public QObject {
public:
    explicit PaintCounter(QWidget* widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }
    [[nodiscard]] int count() const { return m_count; }

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return false;
    }

private:
    int m_count = 0;
};

// One history length: its conversation and what each run measured.
struct Case {
    int messages = 0;
    QString conversation;
    QList<double> paints;   // ms
    QList<double> perToken; // µs
    int openRows = 0;       // rows in the model after opening the conversation
    int streamRows = 0;     // rows in the model while the answer streamed (with --loaded, after paging)
};

// What the event loop does for one token in the app: the work the change posted (the view's delayed
// layout or its queued height check) and one repaint. A synchronous repaint alone would leave posted
// layouts unrun and measure less than the app does.
void settle(QWidget* viewport, const PaintCounter& paints)
{
    const int before = paints.count();
    QApplication::processEvents();
    if (paints.count() == before)
        viewport->repaint();
}

void measureOnce(HistoryStore& store, Settings& settings, TokenStore* tokens, Case& c, int tokenCount,
                 int loaded, const QString& answerId)
{
    {
        MainWindow window(store, settings, tokens);
        window.resize(1280, 800);
        window.show();
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        window.openConversation(c.conversation);
        window.chatView()->viewport()->repaint();
        c.paints << timer.nsecsElapsed() / 1e6;

        ChatMessageModel* model = window.chatModel();
        ChatView* view = window.chatView();
        c.openRows = model->rowCount();
        // As a user who scrolled up and came back: older pages stay in the model.
        while (model->rowCount() < loaded && view->olderAvailable()) {
            const int before = model->rowCount();
            Q_EMIT view->olderPageWanted();
            QApplication::processEvents();
            if (model->rowCount() == before)
                break;
        }
        view->scrollToBottomAndFollow();
        QApplication::processEvents();

        // Streaming: a new answer row at the bottom, one token at a time.
        const PaintCounter paints(view->viewport());
        const QString replyTo = model->entry(model->rowCount() - 1).id;
        model->appendDelta(answerId, replyTo, u"Start. "_s);
        settle(view->viewport(), paints);
        timer.restart();
        for (int i = 0; i < tokenCount; ++i) {
            model->appendDelta(answerId, replyTo, i % 12 == 11 ? u"word\n\n"_s : u"word "_s);
            settle(view->viewport(), paints);
        }
        c.perToken << timer.nsecsElapsed() / 1e3 / tokenCount;
        c.streamRows = model->rowCount();
        window.close();
    }
    // Nothing of this window (deferred deletes, timers) is left to run during the next one.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QApplication::processEvents();
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Chat view cost against history length (100 vs 10,000 messages)."_s);
    parser.addHelpOption();
    const QCommandLineOption runsOption(u"runs"_s, u"Repetitions of each measurement (median shown)."_s,
                                        u"n"_s, u"5"_s);
    const QCommandLineOption tokensOption(u"tokens"_s, u"Streamed tokens per run."_s, u"n"_s, u"300"_s);
    const QCommandLineOption loadedOption(
        u"loaded"_s, u"Page older messages in until the model holds at least n rows before streaming."_s,
        u"n"_s, u"0"_s);
    parser.addOption(runsOption);
    parser.addOption(tokensOption);
    parser.addOption(loadedOption);
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int tokenCount = std::max(10, parser.value(tokensOption).toInt());
    const int loaded = std::max(0, parser.value(loadedOption).toInt());

    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(u"history.sqlite"_s)))
        return 1;
    Settings settings(dir.filePath(u"settings.ini"_s));
    MemoryTokenStore tokens;
    Theme::apply(Settings::Theme::Light);

    QTextStream out(stdout);
    Case small;
    small.messages = 100;
    small.conversation = importConversation(store, small.messages);
    Case large;
    large.messages = 10'000;
    large.conversation = importConversation(store, large.messages);
    if (small.conversation.isEmpty() || large.conversation.isEmpty())
        return 1;

    // Warm-up of both cases (fonts, styles, SQLite caches), not counted. Then the cases take turns, the
    // order alternating from run to run, so that neither always runs first or last (heap growth, a
    // busy machine).
    int stream = 0;
    for (Case* c : {&small, &large}) {
        Case warmUp = *c;
        measureOnce(store, settings, &tokens, warmUp, 20, loaded, u"warm-up-%1"_s.arg(stream++));
    }
    for (int run = 0; run < runs; ++run) {
        const std::array<Case*, 2> order =
            run % 2 == 0 ? std::array<Case*, 2>{&small, &large} : std::array<Case*, 2>{&large, &small};
        for (Case* c : order)
            measureOnce(store, settings, &tokens, *c, tokenCount, loaded, u"stream-%1"_s.arg(stream++));
    }

    const double paintA = median(small.paints);
    const double paintB = median(large.paints);
    const double tokenA = median(small.perToken);
    const double tokenB = median(large.perToken);
    out << u"bench_ui: median of %1 runs (cases interleaved, order alternating), %2 streamed tokens per run, "
           "window 1280x800 (%3)\n"_s.arg(runs)
               .arg(tokenCount)
               .arg(QGuiApplication::platformName());
    out << u"%1 %2 %3 %4 %5\n"_s.arg(u"history"_s, -10)
               .arg(u"first paint (ms)"_s, 18)
               .arg(u"per token (µs)"_s, 16)
               .arg(u"rows (open)"_s, 12)
               .arg(u"rows (stream)"_s, 14);
    for (const Case* c : {&small, &large}) {
        out << u"%1 %2 %3 %4 %5\n"_s.arg(c->messages, -10)
                   .arg(median(c->paints), 18, 'f', 2)
                   .arg(median(c->perToken), 16, 'f', 1)
                   .arg(c->openRows, 12)
                   .arg(c->streamRows, 14);
    }
    out << u"%1 %2 %3\n"_s.arg(u"ratio"_s, -10)
               .arg(paintA > 0 ? paintB / paintA : 0, 18, 'f', 2)
               .arg(tokenA > 0 ? tokenB / tokenA : 0, 16, 'f', 2);
    out.flush();
    return 0;
}
