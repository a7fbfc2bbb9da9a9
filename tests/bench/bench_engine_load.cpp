// Load and soak against a real promptcraft-engine process on loopback (QUALITY.md, "Load and soak").
//
//   bench_engine_load [--sockets N] [--seconds S] [--interval-ms MS]   N authenticated sockets, one
//                                                                       message every MS each
//   bench_engine_load --churn [--seconds S] [--rate R]                  connect/disconnect R per second
//
// Prints latency percentiles for the loaded engine next to a reference measured in the same run (one
// socket on an idle engine), their ratio, errors, and the engine's memory and descriptors over time.

#include "auth/JwtSigner.h"
#include "core/Clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray kSecret = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

quint16 freePort()
{
    QTcpServer s;
    (void)s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

struct ProcStats {
    qint64 rssKb = 0;
    int fds = 0;
};

ProcStats procStats(qint64 pid)
{
    ProcStats s;
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                s.rssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
    s.fds = int(QDir(u"/proc/%1/fd"_s.arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
    return s;
}

double percentile(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return double(v.at(qMin(v.size() - 1, qsizetype(p * double(v.size())))));
}

class LoadClient : public QObject {
public:
    LoadClient(const QUrl& url, const QByteArray& token, QList<qint64>* latencies, int* errors)
        : m_latencies(latencies)
        , m_errors(errors)
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString type = o.value(u"type").toString();
            if (type == u"connection_ack")
                m_ready = true;
            else if (type == u"message") {
                const auto it = m_sent.find(o.value(u"reply_to").toString());
                if (it != m_sent.end()) {
                    m_latencies->append(it->elapsed());
                    m_sent.erase(it);
                }
            } else if (type == u"error")
                ++*m_errors;
        });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            if (!m_closing)
                ++*m_errors;
        });
        m_socket.open(request);
    }
    ~LoadClient() override
    {
        m_closing = true;
        m_socket.abort();
    }
    [[nodiscard]] bool ready() const { return m_ready; }
    void sendOne()
    {
        if (!m_ready)
            return;
        const QString id = u"m%1"_s.arg(m_next++);
        QElapsedTimer t;
        t.start();
        m_sent.insert(id, t);
        m_socket.sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{u"type"_s, u"chat_message"_s}, {u"content"_s, u"load test message"_s},
                                      {u"message_id"_s, id}})
                .toJson(QJsonDocument::Compact)));
    }
    [[nodiscard]] int outstanding() const { return int(m_sent.size()); }

private:
    QWebSocket m_socket;
    QList<qint64>* m_latencies;
    int* m_errors;
    QHash<QString, QElapsedTimer> m_sent;
    bool m_ready = false;
    bool m_closing = false;
    int m_next = 0;
};

void waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void pause(int ms) { waitUntil([] { return false; }, ms); }

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"sockets"_s, u"Concurrent sockets."_s, u"n"_s, u"500"_s});
    parser.addOption({u"seconds"_s, u"Duration."_s, u"s"_s, u"60"_s});
    parser.addOption({u"interval-ms"_s, u"Per-socket message interval."_s, u"ms"_s, u"5000"_s});
    parser.addOption({u"churn"_s, u"Connect/disconnect churn instead of steady load."_s});
    parser.addOption({u"rate"_s, u"Churn connections per second."_s, u"r"_s, u"50"_s});
    parser.process(app);
    const int sockets = parser.value(u"sockets"_s).toInt();
    const int seconds = parser.value(u"seconds"_s).toInt();
    const int intervalMs = parser.value(u"interval-ms"_s).toInt();

    QTemporaryDir dir;
    QProcess engine;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PROMPTCRAFT_JWT_SECRET"_s, QString::fromLatin1(kSecret));
    env.remove(u"DEEPSEEK_API_KEY"_s);
    engine.setProcessEnvironment(env);
    engine.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const quint16 port = freePort();
    engine.start(QStringLiteral(PC_ENGINE_BINARY),
                 {u"--listen"_s, u"127.0.0.1:%1"_s.arg(port), u"--data-dir"_s, dir.path(), u"--rate-limit"_s, u"0"_s});
    if (!engine.waitForReadyRead(10000)) {
        std::fprintf(stderr, "engine did not start\n");
        return 1;
    }
    const qint64 pid = engine.processId();
    auto url = [port](int i) { return QUrl(u"ws://127.0.0.1:%1/ws/chat/bench-%2/"_s.arg(port).arg(i)); };
    const qint64 now = pc::Clock::system().nowSecs();

    if (parser.isSet(u"churn"_s)) {
        const int rate = parser.value(u"rate"_s).toInt();
        const ProcStats before = procStats(pid);
        QList<qint64> latencies;
        int errors = 0;
        int cycles = 0;
        QElapsedTimer total;
        total.start();
        while (total.elapsed() < qint64(seconds) * 1000) {
            QElapsedTimer tick;
            tick.start();
            QList<LoadClient*> batch;
            for (int i = 0; i < rate / 10; ++i)
                batch.append(new LoadClient(url(cycles + i),
                                            pc::JwtSigner::mintAccessToken(kSecret, u"churn%1"_s.arg(i), now, 3600),
                                            &latencies, &errors));
            waitUntil([&] { return std::all_of(batch.cbegin(), batch.cend(), [](auto* c) { return c->ready(); }); },
                      5000);
            cycles += int(batch.size());
            qDeleteAll(batch);
            pause(int(qMax<qint64>(0, 100 - tick.elapsed())));
        }
        pause(1000);
        const ProcStats after = procStats(pid);
        std::printf("churn: %d connect/disconnect cycles in %d s (%.1f/s), %d errors\n", cycles, seconds,
                    cycles / double(seconds), errors);
        std::printf("engine: rss %lld kB -> %lld kB, descriptors %d -> %d\n", before.rssKb, after.rssKb, before.fds,
                    after.fds);
        engine.terminate();
        engine.waitForFinished();
        return errors == 0 ? 0 : 1;
    }

    // Reference: one socket on the idle engine, same message, measured in this run.
    QList<qint64> reference;
    int referenceErrors = 0;
    {
        LoadClient one(url(999999), pc::JwtSigner::mintAccessToken(kSecret, u"ref"_s, now, 3600), &reference,
                       &referenceErrors);
        waitUntil([&] { return one.ready(); }, 5000);
        for (int i = 0; i < 200; ++i) {
            one.sendOne();
            waitUntil([&] { return one.outstanding() == 0; }, 5000);
        }
    }

    QList<qint64> latencies;
    int errors = 0;
    QList<LoadClient*> clients;
    for (int i = 0; i < sockets; ++i)
        clients.append(new LoadClient(url(i), pc::JwtSigner::mintAccessToken(kSecret, u"user%1"_s.arg(i), now, 3600),
                                      &latencies, &errors));
    waitUntil([&] { return std::all_of(clients.cbegin(), clients.cend(), [](auto* c) { return c->ready(); }); },
              30000);
    const int connected = int(std::count_if(clients.cbegin(), clients.cend(), [](auto* c) { return c->ready(); }));
    const ProcStats start = procStats(pid);
    // Each socket sends on its own phase so the load is spread over the interval.
    QList<QTimer*> timers;
    for (int i = 0; i < clients.size(); ++i) {
        auto* t = new QTimer;
        t->setInterval(intervalMs);
        LoadClient* c = clients.at(i);
        QObject::connect(t, &QTimer::timeout, t, [c] { c->sendOne(); });
        QTimer::singleShot(int(qint64(i) * intervalMs / qMax(1, sockets)), t, [t, c] {
            c->sendOne();
            t->start();
        });
        timers.append(t);
    }
    QList<ProcStats> samples;
    QElapsedTimer run;
    run.start();
    while (run.elapsed() < qint64(seconds) * 1000) {
        pause(qMin(5000, seconds * 1000));
        samples.append(procStats(pid));
    }
    qDeleteAll(timers);
    waitUntil([&] { return std::all_of(clients.cbegin(), clients.cend(), [](auto* c) { return c->outstanding() == 0; }); },
              10000);
    const int unanswered = std::accumulate(clients.cbegin(), clients.cend(), 0,
                                           [](int sum, auto* c) { return sum + c->outstanding(); });
    qDeleteAll(clients);

    const double refP50 = percentile(reference, 0.50);
    const double refP99 = percentile(reference, 0.99);
    const double p50 = percentile(latencies, 0.50);
    const double p95 = percentile(latencies, 0.95);
    const double p99 = percentile(latencies, 0.99);
    std::printf("load: %d/%d sockets connected, %lld answers in %d s, %d errors, %d unanswered\n", connected, sockets,
                qint64(latencies.size()), seconds, errors, unanswered);
    std::printf("latency ms: p50 %.0f  p95 %.0f  p99 %.0f  (reference, one idle socket: p50 %.0f p99 %.0f; "
                "p99 ratio %.2f)\n",
                p50, p95, p99, refP50, refP99, refP99 > 0 ? p99 / refP99 : 0.0);
    std::printf("engine rss kB:");
    std::printf(" start %lld", start.rssKb);
    for (const ProcStats& s : samples)
        std::printf(" %lld", s.rssKb);
    std::printf("  (descriptors %d at start, %d at end)\n", start.fds, samples.isEmpty() ? 0 : samples.last().fds);
    engine.terminate();
    engine.waitForFinished();
    return errors == 0 && unanswered == 0 ? 0 : 1;
}
