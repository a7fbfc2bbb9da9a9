#include "auth/JwtSigner.h"
#include "core/Redact.h"

#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString Jwt =
    QString::fromLatin1(pc::JwtSigner::mintAccessToken("redact-secret"_ba, u"7"_s, 1'700'000'000, 300));
const QString ApiKey = u"sk-0123456789abcdef0123456789abcdef"_s;

} // namespace

class TestRedact : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void redact_data();
    void redact();
    void redactIsIdempotent();
    void redactUrl_data();
    void redactUrl();
};

void TestRedact::redact_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("secrets"); // none of these may survive

    const QStringList none;
    QTest::newRow("plain text untouched")
        << u"connected to 127.0.0.1:8000 in 12 ms"_s << u"connected to 127.0.0.1:8000 in 12 ms"_s << none;
    QTest::newRow("basic ideas untouched") << u"a basic idea"_s << u"a basic idea"_s << none;
    // Hiding too much is the cheap mistake: any word after "bearer" goes.
    QTest::newRow("bearer word over-redacted")
        << u"a bearer of news"_s << u"a bearer [redacted] news"_s << none;
    QTest::newRow("task- words untouched")
        << u"task-manager and desk-lamp"_s << u"task-manager and desk-lamp"_s << none;
    QTest::newRow("short sk- untouched") << u"sk-1 is a label"_s << u"sk-1 is a label"_s << none;
    QTest::newRow("empty") << QString() << QString() << none;

    QTest::newRow("bare JWT") << u"token "_s + Jwt + u" rejected"_s << u"token [redacted] rejected"_s
                              << QStringList{Jwt};
    QTest::newRow("JWT glued to text") << u"x="_s + Jwt + u";"_s << u"x=[redacted];"_s << QStringList{Jwt};
    QTest::newRow("unsigned JWT (alg none)") << u"got eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. end"_s
                                             << u"got [redacted] end"_s << QStringList{u"eyJzdWIiOiIxIn0"_s};
    QTest::newRow("JWT with padding") << u"got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9==.c2ln end"_s
                                      << u"got [redacted] end"_s << QStringList{u"eyJzdWIiOjF9"_s};
    QTest::newRow("two JWTs") << Jwt + u" and "_s + Jwt << u"[redacted] and [redacted]"_s << QStringList{Jwt};

    QTest::newRow("Bearer opaque") << u"sending Bearer abc.def-123 now"_s
                                   << u"sending Bearer [redacted] now"_s << QStringList{u"abc.def-123"_s};
    QTest::newRow("bearer lower case")
        << u"bearer s3cr3tvalue"_s << u"bearer [redacted]"_s << QStringList{u"s3cr3tvalue"_s};
    QTest::newRow("Bearer JWT") << u"Bearer "_s + Jwt << u"Bearer [redacted]"_s << QStringList{Jwt};

    QTest::newRow("Authorization header")
        << u"Authorization: Bearer opaque-value-1"_s << u"Authorization: [redacted]"_s
        << QStringList{u"opaque-value-1"_s};
    QTest::newRow("Authorization Basic") << u"authorization: Basic dXNlcjpwYXNz"_s
                                         << u"authorization: [redacted]"_s << QStringList{u"dXNlcjpwYXNz"_s};
    QTest::newRow("Authorization in JSON")
        << uR"({"Authorization": "Token abcdef", "x": 1})"_s
        << uR"({"Authorization": "[redacted]", "x": 1})"_s << QStringList{u"abcdef"_s};
    QTest::newRow("Authorization multi-line")
        << u"Host: a\r\nAuthorization: Digest xyz\r\nAccept: */*"_s
        << u"Host: a\r\nAuthorization: [redacted]\r\nAccept: */*"_s << QStringList{u"xyz"_s};
    QTest::newRow("Proxy-Authorization")
        << u"Proxy-Authorization: Basic Zm9vOmJhcg=="_s << u"Proxy-Authorization: [redacted]"_s
        << QStringList{u"Zm9vOmJhcg"_s};

    QTest::newRow("token= query") << u"GET /ws/chat/s1/?token=opaque123&stream=1"_s
                                  << u"GET /ws/chat/s1/?token=[redacted]&stream=1"_s
                                  << QStringList{u"opaque123"_s};
    QTest::newRow("token= first in text") << u"token=abc"_s << u"token=[redacted]"_s << QStringList{u"abc"_s};
    QTest::newRow("access_token= query")
        << u"/cb#access_token=zzz111&state=1"_s << u"/cb#access_token=[redacted]&state=1"_s
        << QStringList{u"zzz111"_s};
    QTest::newRow("api_key= query") << u"?model=x&api_key=k-999&y=2"_s << u"?model=x&api_key=[redacted]&y=2"_s
                                    << QStringList{u"k-999"_s};
    QTest::newRow("TOKEN= upper case")
        << u"?TOKEN=Abc987"_s << u"?TOKEN=[redacted]"_s << QStringList{u"Abc987"_s};
    QTest::newRow("mytoken= is not token=") << u"?mytoken=1"_s << u"?mytoken=1"_s << none;

    QTest::newRow("sk- API key") << u"using key "_s + ApiKey + u" for deepseek"_s
                                 << u"using key [redacted] for deepseek"_s << QStringList{ApiKey};
    QTest::newRow("sk-proj- API key")
        << u"sk-proj-AbCdEf_0123456789-xyz"_s << u"[redacted]"_s << QStringList{u"AbCdEf_0123456789"_s};
    QTest::newRow("api key header") << u"X-Api-Key: opaque-key-42"_s << u"X-Api-Key: [redacted]"_s
                                    << QStringList{u"opaque-key-42"_s};
    QTest::newRow("upstream error body")
        << uR"({"error":{"message":"Incorrect API key provided: )"_s + ApiKey + uR"("}})"_s
        << uR"({"error":{"message":"Incorrect API key provided: [redacted]"}})"_s << QStringList{ApiKey};
}

void TestRedact::redact() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QStringList, secrets);

    const QString output = pc::redact(input);
    QCOMPARE(output, expected);
    for (const QString& secret : std::as_const(secrets))
        QVERIFY2(!output.contains(secret), qPrintable(output));
}

void TestRedact::redactIsIdempotent() {
    const QString once =
        pc::redact(u"Authorization: Bearer "_s + Jwt + u" ?token="_s + Jwt + u" "_s + ApiKey);
    QCOMPARE(pc::redact(once), once);
    QVERIFY(!once.contains(Jwt));
    QVERIFY(!once.contains(ApiKey));
}

void TestRedact::redactUrl_data() {
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no query") << QUrl(u"ws://127.0.0.1:8000/ws/chat/s1/"_s)
                              << u"ws://127.0.0.1:8000/ws/chat/s1/"_s;
    QTest::newRow("token query") << QUrl(u"ws://127.0.0.1:8000/ws/chat/s1/?token="_s + Jwt + u"&stream=1"_s)
                                 << u"ws://127.0.0.1:8000/ws/chat/s1/?token=[redacted]&stream=1"_s;
    QTest::newRow("opaque token query") << QUrl(u"wss://h/ws/chat/s1?stream=1&token=opaque"_s)
                                        << u"wss://h/ws/chat/s1?stream=1&token=[redacted]"_s;
    QTest::newRow("access_token, key, api_key")
        << QUrl(u"https://h/p?access_token=a1&key=k1&api_key=k2&q=v"_s)
        << u"https://h/p?access_token=[redacted]&key=[redacted]&api_key=[redacted]&q=v"_s;
    QTest::newRow("upper-case name") << QUrl(u"https://h/p?Token=a1"_s) << u"https://h/p?Token=[redacted]"_s;
    QTest::newRow("percent-encoded name")
        << QUrl(u"https://h/p?%74oken=a1"_s) << u"https://h/p?token=[redacted]"_s;
    QTest::newRow("token in fragment") << QUrl(u"https://h/cb#access_token=a1&state=x"_s)
                                       << u"https://h/cb#access_token=[redacted]&state=x"_s;
    QTest::newRow("user info removed") << QUrl(u"https://user:pa55word@h/p"_s) << u"https://h/p"_s;
    QTest::newRow("token with no value") << QUrl(u"https://h/p?token&x=1"_s) << u"https://h/p?token&x=1"_s;
    QTest::newRow("JWT in path") << QUrl(u"https://h/t/"_s + Jwt) << u"https://h/t/[redacted]"_s;
    QTest::newRow("empty url") << QUrl() << QString();
}

void TestRedact::redactUrl() {
    QFETCH(QUrl, url);
    QFETCH(QString, expected);
    QCOMPARE(pc::redactUrl(url), expected);
}

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
