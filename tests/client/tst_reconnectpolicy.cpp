// ReconnectPolicy without timers: full-jitter bounds per attempt, the cap, the spread of many
// clients' delays, and the healthy-period rule that keeps a flapping server from resetting backoff.

#include "client/ReconnectPolicy.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace pc;

namespace {

ReconnectPolicy::RandomSource seeded(quint32 seed)
{
    return [generator = QRandomGenerator(seed)]() mutable { return generator.generateDouble(); };
}

ReconnectPolicy::RandomSource constant(double value)
{
    return [value] { return value; };
}

// A policy that has already handed out `attempts` delays.
ReconnectPolicy advanced(ReconnectPolicy policy, int attempts)
{
    for (int i = 0; i < attempts; ++i)
        (void)policy.nextDelay();
    return policy;
}

} // namespace

class TestReconnectPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void boundsPerAttempt_data();
    void boundsPerAttempt();
    void customBaseAndCap_data();
    void customBaseAndCap();
    void jitterSpread_data();
    void jitterSpread();
    void neverGivesUp();
    void brokenRandomSource_data();
    void brokenRandomSource();
    void defaultRandomSource();
    void resetOnlyAfterHealthyPeriod_data();
    void resetOnlyAfterHealthyPeriod();
    void flappingKeepsCounting();
    void healthyAfterFlappingStartsOver();
    void resetClearsEverything();
};

void TestReconnectPolicy::boundsPerAttempt_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("bound");
    QTest::newRow("0") << 0 << 1'000;
    QTest::newRow("1") << 1 << 2'000;
    QTest::newRow("2") << 2 << 4'000;
    QTest::newRow("3") << 3 << 8'000;
    QTest::newRow("4") << 4 << 16'000;
    QTest::newRow("5 (capped)") << 5 << 30'000;
    QTest::newRow("6") << 6 << 30'000;
    QTest::newRow("31 (2^31 would overflow)") << 31 << 30'000;
    QTest::newRow("64") << 64 << 30'000;
    QTest::newRow("10000") << 10'000 << 30'000;
}

void TestReconnectPolicy::boundsPerAttempt()
{
    QFETCH(int, attempt);
    QFETCH(int, bound);
    const ReconnectPolicy policy;
    QCOMPARE(policy.maxDelayFor(attempt), bound);

    // The extremes of the random source reach both ends of [0, bound].
    ReconnectPolicy low = advanced(ReconnectPolicy(constant(0.0)), attempt);
    QCOMPARE(low.attempt(), attempt);
    QCOMPARE(low.nextDelay(), 0);
    QCOMPARE(low.attempt(), attempt + 1);
    ReconnectPolicy high = advanced(ReconnectPolicy(constant(std::nextafter(1.0, 0.0))), attempt);
    QCOMPARE(high.nextDelay(), bound);
    ReconnectPolicy middle = advanced(ReconnectPolicy(constant(0.5)), attempt);
    QCOMPARE(middle.nextDelay(), (bound + 1) / 2);

    // Seeded draws stay within the bound.
    for (quint32 seed = 1; seed <= 200; ++seed) {
        ReconnectPolicy p = advanced(ReconnectPolicy(seeded(seed)), attempt);
        const int delay = p.nextDelay();
        QVERIFY2(delay >= 0 && delay <= bound, qPrintable(QString::number(delay)));
    }
}

void TestReconnectPolicy::customBaseAndCap_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("cap");
    QTest::addColumn<QList<int>>("bounds");
    QTest::newRow("250/2000") << 250 << 2'000 << QList<int>{250, 500, 1'000, 2'000, 2'000};
    QTest::newRow("cap below base") << 500 << 100 << QList<int>{500, 500, 500};
    QTest::newRow("cap not a power of two") << 1'000 << 5'000 << QList<int>{1'000, 2'000, 4'000, 5'000};
    QTest::newRow("zero base") << 0 << 4 << QList<int>{1, 2, 4, 4};
    QTest::newRow("tiny for tests") << 1 << 2 << QList<int>{1, 2, 2, 2};
}

void TestReconnectPolicy::customBaseAndCap()
{
    QFETCH(int, base);
    QFETCH(int, cap);
    QFETCH(QList<int>, bounds);
    ReconnectPolicy policy(constant(std::nextafter(1.0, 0.0)), base, cap);
    for (int i = 0; i < bounds.size(); ++i) {
        QCOMPARE(policy.maxDelayFor(i), bounds.at(i));
        QCOMPARE(policy.nextDelay(), bounds.at(i));
    }
}

void TestReconnectPolicy::jitterSpread_data()
{
    QTest::addColumn<int>("attempt");
    QTest::newRow("first retry") << 0;
    QTest::newRow("third retry") << 2;
    QTest::newRow("at the cap") << 8;
}

// A thousand clients that lost the same server at the same moment: their delays for the same attempt
// must be spread over the whole window, not bunched (no lockstep reconnect storm).
void TestReconnectPolicy::jitterSpread()
{
    QFETCH(int, attempt);
    constexpr int Clients = 1'000;
    constexpr int Buckets = 10;
    const int bound = ReconnectPolicy().maxDelayFor(attempt);

    QList<int> histogram(Buckets, 0);
    QSet<int> distinct;
    double sum = 0;
    for (int client = 0; client < Clients; ++client) {
        ReconnectPolicy policy = advanced(ReconnectPolicy(seeded(quint32(4242 + client))), attempt);
        const int delay = policy.nextDelay();
        QVERIFY(delay >= 0 && delay <= bound);
        distinct.insert(delay);
        sum += delay;
        ++histogram[std::min(Buckets - 1, delay * Buckets / (bound + 1))];
    }
    // Uniform: about 100 per bucket. The seeds are fixed, so this is deterministic; the margins are
    // wide enough (> 4 sigma) that a different generator would pass too.
    for (int b = 0; b < Buckets; ++b)
        QVERIFY2(histogram.at(b) >= 55 && histogram.at(b) <= 145,
                 qPrintable(QStringLiteral("bucket %1 has %2").arg(b).arg(histogram.at(b))));
    const double mean = sum / Clients;
    QVERIFY2(std::abs(mean - bound / 2.0) < bound * 0.05, qPrintable(QString::number(mean)));
    // Nearly every client picks its own moment.
    QVERIFY2(distinct.size() > std::min(bound, Clients) * 6 / 10,
             qPrintable(QString::number(distinct.size())));
}

void TestReconnectPolicy::neverGivesUp()
{
    ReconnectPolicy policy(seeded(7));
    int maxSeen = 0;
    for (int i = 0; i < 100'000; ++i) {
        const int delay = policy.nextDelay();
        QVERIFY(delay >= 0 && delay <= ReconnectPolicy::DefaultCapMs);
        maxSeen = std::max(maxSeen, delay);
    }
    QCOMPARE(policy.attempt(), 100'000);
    QVERIFY(maxSeen > ReconnectPolicy::DefaultCapMs * 9 / 10); // still drawing from the full window
}

void TestReconnectPolicy::brokenRandomSource_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("expected"); // at attempt 0 (bound 1000)
    QTest::newRow("negative") << -1.0 << 0;
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << 0;
    QTest::newRow("one") << 1.0 << 1'000;
    QTest::newRow("huge") << 1e300 << 1'000;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 1'000;
}

void TestReconnectPolicy::brokenRandomSource()
{
    QFETCH(double, value);
    QFETCH(int, expected);
    ReconnectPolicy policy(constant(value));
    QCOMPARE(policy.nextDelay(), expected);
}

void TestReconnectPolicy::defaultRandomSource()
{
    ReconnectPolicy policy;
    for (int i = 0; i < 50; ++i) {
        const int bound = policy.maxDelayFor(policy.attempt());
        const int delay = policy.nextDelay();
        QVERIFY(delay >= 0 && delay <= bound);
    }
}

void TestReconnectPolicy::resetOnlyAfterHealthyPeriod_data()
{
    QTest::addColumn<qint64>("connectedAt");
    QTest::addColumn<qint64>("endedAt");
    QTest::addColumn<bool>("resets");
    QTest::newRow("dropped at once") << qint64(1'000) << qint64(1'000) << false;
    QTest::newRow("after 9.999 s") << qint64(1'000) << qint64(10'999) << false;
    QTest::newRow("after exactly 10 s") << qint64(1'000) << qint64(11'000) << true;
    QTest::newRow("after an hour") << qint64(1'000) << qint64(3'601'000) << true;
    QTest::newRow("clock went backwards") << qint64(50'000) << qint64(1'000) << false;
}

void TestReconnectPolicy::resetOnlyAfterHealthyPeriod()
{
    QFETCH(qint64, connectedAt);
    QFETCH(qint64, endedAt);
    QFETCH(bool, resets);
    ReconnectPolicy policy = advanced(ReconnectPolicy(seeded(1)), 6);
    QVERIFY(!policy.shouldReset(endedAt)); // no connection_ack yet: never
    policy.connected(connectedAt);
    QVERIFY(policy.isConnected());
    QCOMPARE(policy.shouldReset(endedAt), resets);
    QCOMPARE(policy.disconnected(endedAt), resets);
    QCOMPARE(policy.attempt(), resets ? 0 : 6);
    QVERIFY(!policy.isConnected());
    // The mark is gone: later failures long after do not reset either.
    QVERIFY(!policy.shouldReset(endedAt + 3'600'000));
    QVERIFY(!policy.disconnected(endedAt + 3'600'000));
    QCOMPARE(policy.attempt(), resets ? 0 : 6);
}

// A server that accepts, acknowledges and drops at once, again and again: the counter keeps
// growing, so the delays reach the cap instead of staying at a tight one-second loop.
void TestReconnectPolicy::flappingKeepsCounting()
{
    ReconnectPolicy policy(constant(std::nextafter(1.0, 0.0)));
    qint64 now = 0;
    QList<int> delays;
    for (int i = 0; i < 20; ++i) {
        policy.connected(now);
        now += 50; // up for 50 ms
        QVERIFY(!policy.disconnected(now));
        delays.append(policy.nextDelay());
        now += delays.last();
    }
    QCOMPARE(policy.attempt(), 20);
    QCOMPARE(delays.first(), 1'000);
    QCOMPARE(delays.at(3), 8'000);
    QCOMPARE(delays.last(), 30'000);
}

void TestReconnectPolicy::healthyAfterFlappingStartsOver()
{
    ReconnectPolicy policy(constant(std::nextafter(1.0, 0.0)), 1'000, 30'000, 10'000);
    qint64 now = 0;
    for (int i = 0; i < 5; ++i) {
        policy.connected(now);
        QVERIFY(!policy.disconnected(now + 10));
        (void)policy.nextDelay();
        now += 60'000;
    }
    QCOMPARE(policy.attempt(), 5);
    policy.connected(now);
    QVERIFY(!policy.shouldReset(now + 9'999));
    QVERIFY(policy.shouldReset(now + 10'000));
    QVERIFY(policy.disconnected(now + 20'000));
    QCOMPARE(policy.attempt(), 0);
    QCOMPARE(policy.nextDelay(), 1'000);
}

void TestReconnectPolicy::resetClearsEverything()
{
    ReconnectPolicy policy = advanced(ReconnectPolicy(seeded(3), 100, 1'000, 500), 9);
    policy.connected(0);
    policy.reset();
    QCOMPARE(policy.attempt(), 0);
    QVERIFY(!policy.isConnected());
    QVERIFY(!policy.shouldReset(1'000'000));
    QCOMPARE(policy.baseMs(), 100);
    QCOMPARE(policy.capMs(), 1'000);
    QCOMPARE(policy.healthyPeriodMs(), 500);
}

QTEST_GUILESS_MAIN(TestReconnectPolicy)
#include "tst_reconnectpolicy.moc"
