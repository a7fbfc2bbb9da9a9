// PasswordHasher: PBKDF2-SHA256 in Django's encoding, checked against Python's hashlib (what Django uses).

#include "auth/PasswordHasher.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using pc::PasswordHasher;

namespace {

constexpr int FastIterations = 1000; // tests use cheap hashes; the format is the same

// Django's own hasher: base64(pbkdf2_hmac("sha256", password, salt, iterations)) with the salt's text as
// bytes. Computed by /usr/bin/python3, outside the project.
QString pythonHash(const QString& password, const QString& salt, int iterations)
{
    const QString script = uR"(import base64, hashlib, sys
password, salt, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
print("pbkdf2_sha256$%d$%s$%s" % (iterations, salt, base64.b64encode(digest).decode()))
)"_s;
    QProcess python;
    python.start(u"/usr/bin/python3"_s, {u"-c"_s, script, password, salt, QString::number(iterations)});
    if (!python.waitForFinished(30000) || python.exitCode() != 0)
        return {};
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

} // namespace

class TestPasswordHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void newHashShape();
    void saltsDiffer();
    void malformed_data();
    void malformed();
    void djangoInterop_data();
    void djangoInterop();
    void djangoKnownVector();
    void overlongPasswordRefusedCheaply();
    void hashWithSaltRefusesBadInput();
};

void TestPasswordHash::roundTrip_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("wrong");
    QTest::newRow("ascii") << u"correct horse battery staple"_s << u"correct horse battery stapl"_s;
    QTest::newRow("unicode") << u"pässwörd ✓ 密码"_s << u"passwörd ✓ 密码"_s;
    QTest::newRow("case") << u"Secret-Password"_s << u"secret-password"_s;
    QTest::newRow("spaces kept") << u" padded "_s << u"padded"_s;
    QTest::newRow("dollar and quotes") << u"a$b\"c'd\\e"_s << u"a$b\"c'd\\"_s;
    QTest::newRow("longest allowed") << QString(PasswordHasher::MaxPasswordChars, u'x')
                                     << QString(PasswordHasher::MaxPasswordChars - 1, u'x');
    QTest::newRow("empty vs one") << QString() << u" "_s;
}

void TestPasswordHash::roundTrip()
{
    QFETCH(QString, password);
    QFETCH(QString, wrong);
    const QString encoded = PasswordHasher::hash(password, FastIterations);
    QVERIFY(!encoded.isEmpty());
    const auto good = PasswordHasher::verify(password, encoded);
    QVERIFY(good.ok());
    QVERIFY(good.value());
    const auto bad = PasswordHasher::verify(wrong, encoded);
    QVERIFY(bad.ok());
    QVERIFY(!bad.value());
    QCOMPARE(PasswordHasher::iterations(encoded), FastIterations);
}

void TestPasswordHash::newHashShape()
{
    QVERIFY(PasswordHasher::DefaultIterations >= 200'000);
    const QString encoded = PasswordHasher::hash(u"some password"_s);
    // Algorithm, iteration count, 16 random bytes in base64 (22 characters), 32-byte hash in base64.
    static const QRegularExpression shape(
        u"^pbkdf2_sha256\\$(\\d+)\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}=$"_s);
    const auto m = shape.match(encoded);
    QVERIFY2(m.hasMatch(), qPrintable(encoded));
    QCOMPARE(m.captured(1).toInt(), PasswordHasher::DefaultIterations);
    QVERIFY(PasswordHasher::verify(u"some password"_s, encoded).value());
}

void TestPasswordHash::saltsDiffer()
{
    const QString a = PasswordHasher::hash(u"same"_s, FastIterations);
    const QString b = PasswordHasher::hash(u"same"_s, FastIterations);
    QVERIFY(a != b);
    QVERIFY(a.section(u'$', 2, 2) != b.section(u'$', 2, 2));
}

void TestPasswordHash::malformed_data()
{
    const QString hash32 = QString::fromLatin1(QByteArray(32, 'k').toBase64());
    QTest::addColumn<QString>("encoded");
    QTest::newRow("empty") << QString();
    QTest::newRow("algorithm only") << u"pbkdf2_sha256"_s;
    QTest::newRow("three parts") << u"pbkdf2_sha256$1000$salt"_s;
    QTest::newRow("five parts") << u"pbkdf2_sha256$1000$salt$%1$x"_s.arg(hash32);
    QTest::newRow("other algorithm") << u"pbkdf2_sha1$1000$salt$%1"_s.arg(hash32);
    QTest::newRow("md5") << u"md5$salt$5f4dcc3b5aa765d61d8327deb882cf99"_s;
    QTest::newRow("bcrypt") << u"bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv"_s;
    QTest::newRow("plain text") << u"hunter2"_s;
    QTest::newRow("no iterations") << u"pbkdf2_sha256$$salt$%1"_s.arg(hash32);
    QTest::newRow("zero iterations") << u"pbkdf2_sha256$0$salt$%1"_s.arg(hash32);
    QTest::newRow("negative iterations") << u"pbkdf2_sha256$-5$salt$%1"_s.arg(hash32);
    QTest::newRow("plus sign") << u"pbkdf2_sha256$+1000$salt$%1"_s.arg(hash32);
    QTest::newRow("spaces") << u"pbkdf2_sha256$ 1000$salt$%1"_s.arg(hash32);
    QTest::newRow("hex iterations") << u"pbkdf2_sha256$0x100$salt$%1"_s.arg(hash32);
    QTest::newRow("fullwidth digits") << u"pbkdf2_sha256$１０００$salt$%1"_s.arg(hash32);
    QTest::newRow("too many iterations") << u"pbkdf2_sha256$99999999$salt$%1"_s.arg(hash32);
    QTest::newRow("overflowing iterations") << u"pbkdf2_sha256$99999999999999999999$salt$%1"_s.arg(hash32);
    QTest::newRow("empty salt") << u"pbkdf2_sha256$1000$$%1"_s.arg(hash32);
    QTest::newRow("huge salt") << u"pbkdf2_sha256$1000$%1$%2"_s.arg(QString(300, u's'), hash32);
    QTest::newRow("empty hash") << u"pbkdf2_sha256$1000$salt$"_s;
    QTest::newRow("hash not base64") << u"pbkdf2_sha256$1000$salt$!!!!not-base64!!!!"_s;
    QTest::newRow("hash too short") << u"pbkdf2_sha256$1000$salt$AAAA"_s;
    QTest::newRow("hash with whitespace") << u"pbkdf2_sha256$1000$salt$%1 "_s.arg(hash32);
    QTest::newRow("hash base64url") << u"pbkdf2_sha256$1000$salt$%1"_s.arg(
        QString::fromLatin1(QByteArray(32, char(0xfb)).toBase64(QByteArray::Base64UrlEncoding)));
    QTest::newRow("hash without padding") << u"pbkdf2_sha256$1000$salt$%1"_s.arg(hash32.chopped(1));
    QTest::newRow("hash huge") << u"pbkdf2_sha256$1000$salt$%1"_s.arg(
        QString::fromLatin1(QByteArray(4096, 'k').toBase64()));
}

void TestPasswordHash::malformed()
{
    QFETCH(QString, encoded);
    const auto result = PasswordHasher::verify(u"password"_s, encoded);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, pc::ErrorCode::InvalidMessage);
    QCOMPARE(PasswordHasher::iterations(encoded), 0);
    // The message never quotes the stored hash.
    if (const QString stored = encoded.section(u'$', 3); !stored.isEmpty())
        QVERIFY(!result.error().message.contains(stored));
}

void TestPasswordHash::djangoInterop_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("salt");
    QTest::addColumn<int>("iterations");
    QTest::newRow("django-style salt") << u"letmein-2024"_s << u"seasalt"_s << 1000;
    QTest::newRow("our base64 salt") << u"hunter2hunter2"_s << u"q1w2e3r4t5y6u7i8o9p0Aa"_s << 2000;
    QTest::newRow("unicode password") << u"lètmein ✓"_s << u"Zq8mN3pL0vXy"_s << 1500;
    QTest::newRow("one iteration") << u"x"_s << u"s"_s << 1;
}

void TestPasswordHash::djangoInterop()
{
    QFETCH(QString, password);
    QFETCH(QString, salt);
    QFETCH(int, iterations);
    const QString fromPython = pythonHash(password, salt, iterations);
    QVERIFY2(!fromPython.isEmpty(), "/usr/bin/python3 with hashlib is required");
    // Python's hash verifies here...
    const auto verified = PasswordHasher::verify(password, fromPython);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
    QVERIFY(verified.value());
    QVERIFY(!PasswordHasher::verify(QString(password + u'!'), fromPython).value());
    // ...and ours is byte for byte what Django would store.
    const auto ours = PasswordHasher::hashWithSalt(password, salt, iterations);
    QVERIFY(ours.ok());
    QCOMPARE(ours.value(), fromPython);
}

void TestPasswordHash::djangoKnownVector()
{
    // Django 3.2's test suite: make_password("lètmein", "seasalt", "pbkdf2_sha256").
    const QString django = u"pbkdf2_sha256$260000$seasalt$YlZ2Vggtqdc61YjArZuoApoBh9JNGYoDRBUGu6tcJQo="_s;
    QVERIFY(PasswordHasher::verify(u"lètmein"_s, django).value());
    QVERIFY(!PasswordHasher::verify(u"letmein"_s, django).value());
    QCOMPARE(PasswordHasher::iterations(django), 260000);
}

void TestPasswordHash::overlongPasswordRefusedCheaply()
{
    const QString encoded = PasswordHasher::hash(u"short"_s, 200'000);
    QElapsedTimer timer;
    timer.start();
    const auto result = PasswordHasher::verify(QString(1'000'000, u'a'), encoded);
    QVERIFY(result.ok());
    QVERIFY(!result.value());
    QVERIFY2(timer.elapsed() < 2000, "a megabyte password must not be hashed 200,000 times");
}

void TestPasswordHash::hashWithSaltRefusesBadInput()
{
    QVERIFY(!PasswordHasher::hashWithSalt(u"p"_s, u"has$dollar"_s, 10).ok());
    QVERIFY(!PasswordHasher::hashWithSalt(u"p"_s, QString(), 10).ok());
    QVERIFY(!PasswordHasher::hashWithSalt(u"p"_s, u"salt"_s, 0).ok());
    QVERIFY(!PasswordHasher::hashWithSalt(u"p"_s, u"salt"_s, PasswordHasher::MaxIterations + 1).ok());
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
