// UI benchmark: does the chat view's cost grow with the length of the conversation's history?
//   1. time to first paint: open a conversation (newest page from the HistoryStore, model, layout and
//      paint of the visible rows), with 100 and with 10,000 messages in the history;
//   2. UI-thread time per streamed token: appendDelta on the last row + a synchronous repaint, at the
//      same two history lengths.
// Prints the medians and the ratio 10,000 / 100 for each (about 1 means it does not grow).
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

struct Measurement {
    double firstPaintMs = 0;
    double perTokenUs = 0;
};

Measurement measure(HistoryStore& store, Settings& settings, TokenStore* tokens, const QString& conversation,
                    int runs, int tokenCount)
{
    QList<double> paints;
    QList<double> perToken;
    for (int run = 0; run < runs; ++run) {
        MainWindow window(store, settings, tokens);
        window.resize(1280, 800);
        window.show();
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        window.openConversation(conversation);
        window.chatView()->viewport()->repaint();
        paints << timer.nsecsElapsed() / 1e6;

        // Streaming: a new answer row at the bottom, one token at a time.
        ChatMessageModel* model = window.chatModel();
        const QString replyTo = model->entry(model->rowCount() - 1).id;
        const QString answerId = u"stream-%1"_s.arg(run);
        model->appendDelta(answerId, replyTo, u"Start. "_s);
        window.chatView()->viewport()->repaint();
        timer.restart();
        for (int i = 0; i < tokenCount; ++i) {
            model->appendDelta(answerId, replyTo, i % 12 == 11 ? u"word\n\n"_s : u"word "_s);
            window.chatView()->viewport()->repaint();
        }
        perToken << timer.nsecsElapsed() / 1e3 / tokenCount;
        window.close();
    }
    return {median(paints), median(perToken)};
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
    parser.addOption(runsOption);
    parser.addOption(tokensOption);
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int tokenCount = std::max(10, parser.value(tokensOption).toInt());

    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(u"history.sqlite"_s)))
        return 1;
    Settings settings(dir.filePath(u"settings.ini"_s));
    MemoryTokenStore tokens;
    Theme::apply(Settings::Theme::Light);

    QTextStream out(stdout);
    const QString small = importConversation(store, 100);
    const QString large = importConversation(store, 10'000);
    if (small.isEmpty() || large.isEmpty())
        return 1;
    // One warm-up run so that fonts, styles and SQLite caches do not count against the first size.
    (void)measure(store, settings, &tokens, small, 1, 20);

    const Measurement a = measure(store, settings, &tokens, small, runs, tokenCount);
    const Measurement b = measure(store, settings, &tokens, large, runs, tokenCount);
    out << u"bench_ui: median of %1 runs, %2 streamed tokens per run, window 1280x800 (%3)\n"_s.arg(runs)
               .arg(tokenCount)
               .arg(QGuiApplication::platformName());
    out << u"%1 %2 %3\n"_s.arg(u"history"_s, -10).arg(u"first paint (ms)"_s, 18).arg(u"per token (µs)"_s, 16);
    out << u"%1 %2 %3\n"_s.arg(100, -10).arg(a.firstPaintMs, 18, 'f', 2).arg(a.perTokenUs, 16, 'f', 1);
    out << u"%1 %2 %3\n"_s.arg(10'000, -10).arg(b.firstPaintMs, 18, 'f', 2).arg(b.perTokenUs, 16, 'f', 1);
    out << u"%1 %2 %3\n"_s.arg(u"ratio"_s, -10)
               .arg(a.firstPaintMs > 0 ? b.firstPaintMs / a.firstPaintMs : 0, 18, 'f', 2)
               .arg(a.perTokenUs > 0 ? b.perTokenUs / a.perTokenUs : 0, 16, 'f', 2);
    out.flush();
    return 0;
}
