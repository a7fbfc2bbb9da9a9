#include "ManualClock.h"
#include "auth/JwtSigner.h"
#include "auth/JwtVerifier.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

const QString Python = u"/usr/bin/python3"_s;
const QByteArray Secret = "interop-secret-0123456789abcdef-0123456789"_ba;

// Mints a token the way djangorestframework-simplejwt does (PyJWT, HS256). Input and output are JSON
// on stdin/stdout so that no secret appears on a command line.
const char MintScript[] = R"PY(
import json, sys, uuid, jwt
request = json.load(sys.stdin)
claims = {"token_type": "access", "exp": request["iat"] + request["ttl"], "iat": request["iat"],
          "jti": uuid.uuid4().hex, "user_id": request["user_id"]}
token = jwt.encode(claims, request["secret"], algorithm="HS256")
if isinstance(token, bytes):
    token = token.decode("ascii")
json.dump({"token": token, "claims": claims}, sys.stdout)
)PY";

// Verifies a token with PyJWT the way simplejwt does: HS256 only, exp required.
const char DecodeScript[] = R"PY(
import json, sys, jwt
request = json.load(sys.stdin)
try:
    claims = jwt.decode(request["token"], request["secret"], algorithms=["HS256"],
                        options={"require": ["exp", "iat"]})
    header = jwt.get_unverified_header(request["token"])
    json.dump({"ok": True, "claims": claims, "header": header}, sys.stdout)
except jwt.InvalidTokenError as error:
    json.dump({"ok": False, "error": type(error).__name__}, sys.stdout)
)PY";

struct PythonRun {
    bool ran = false;
    QString problem;
    QJsonObject output;
};

PythonRun runPython(const char* script, const QJsonObject& input) {
    PythonRun run;
    QProcess process;
    process.start(Python, {u"-c"_s, QString::fromUtf8(script)});
    if (!process.waitForStarted(10000)) {
        run.problem = u"could not start "_s + Python + u": "_s + process.errorString();
        return run;
    }
    process.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.problem = u"python3 timed out"_s;
        return run;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        run.problem = u"python3 failed: "_s + QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(process.readAllStandardOutput(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        run.problem = u"python3 printed no JSON object"_s;
        return run;
    }
    run.ran = true;
    run.output = document.object();
    return run;
}

} // namespace

class TestJwtInterop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pyjwtTokenIsAccepted_data();
    void pyjwtTokenIsAccepted();
    void pyjwtTokenWithOtherSecretIsRejected();
    void signerTokenIsAcceptedByPyjwt();
    void signerTokenWithOtherSecretIsRejectedByPyjwt();
};

void TestJwtInterop::initTestCase() {
    if (!QFileInfo(Python).isExecutable())
        QFAIL("/usr/bin/python3 is missing: install python3 and python3-jwt (the set-up script does)");
    QProcess probe;
    probe.start(Python, {u"-c"_s, u"import jwt; print(jwt.__version__)"_s});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QFAIL("python3 has no jwt module: install Debian's python3-jwt (the set-up script does)");
    qInfo("PyJWT %s", probe.readAllStandardOutput().trimmed().constData());
}

void TestJwtInterop::pyjwtTokenIsAccepted_data() {
    QTest::addColumn<QJsonValue>("userId");
    QTest::addColumn<QString>("expectedUserId");

    QTest::newRow("integer user_id (Django's default pk)") << QJsonValue(42) << u"42"_s;
    QTest::newRow("string user_id (UUID pk)")
        << QJsonValue(u"3f2b8a4e-5c1d-4e6f-9a7b-0c8d9e1f2a3b"_s) << u"3f2b8a4e-5c1d-4e6f-9a7b-0c8d9e1f2a3b"_s;
}

void TestJwtInterop::pyjwtTokenIsAccepted() {
    QFETCH(QJsonValue, userId);
    QFETCH(QString, expectedUserId);

    const qint64 iat = 1'700'000'000;
    const PythonRun run = runPython(MintScript, QJsonObject{{u"secret"_s, QString::fromLatin1(Secret)},
                                                            {u"iat"_s, iat},
                                                            {u"ttl"_s, 300},
                                                            {u"user_id"_s, userId}});
    QVERIFY2(run.ran, qPrintable(run.problem));
    const QByteArray token = run.output.value(u"token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());

    pc::ManualClock clock(iat * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const auto result = verifier.verify(token);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->userId, expectedUserId);
    QCOMPARE(result->tokenType, u"access"_s);
    QCOMPARE(result->exp, iat + 300);
    QCOMPARE(result->iat, std::optional<qint64>(iat));
    QCOMPARE(result->jti, run.output.value(u"claims"_s).toObject().value(u"jti"_s).toString());

    // And it expires when simplejwt says it does.
    clock.setNowSecs(iat + 300 + 30);
    QCOMPARE(verifier.verify(token).error().message, u"token expired"_s);
}

void TestJwtInterop::pyjwtTokenWithOtherSecretIsRejected() {
    const qint64 iat = 1'700'000'000;
    const PythonRun run =
        runPython(MintScript, QJsonObject{{u"secret"_s, u"not-the-engine-secret-0123456789"_s},
                                          {u"iat"_s, iat},
                                          {u"ttl"_s, 300},
                                          {u"user_id"_s, 1}});
    QVERIFY2(run.ran, qPrintable(run.problem));
    const pc::ManualClock clock(iat * 1000);
    const pc::JwtVerifier verifier(Secret, clock);
    const auto result = verifier.verify(run.output.value(u"token"_s).toString().toLatin1());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, u"invalid signature"_s);
}

void TestJwtInterop::signerTokenIsAcceptedByPyjwt() {
    // PyJWT checks exp and iat against the real time, so this direction uses it too.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = pc::JwtSigner::mintAccessToken(Secret, u"alice"_s, now, 600);
    const PythonRun run = runPython(DecodeScript, QJsonObject{{u"secret"_s, QString::fromLatin1(Secret)},
                                                              {u"token"_s, QString::fromLatin1(token)}});
    QVERIFY2(run.ran, qPrintable(run.problem));
    QVERIFY2(run.output.value(u"ok"_s).toBool(), qPrintable(run.output.value(u"error"_s).toString()));

    const QJsonObject claims = run.output.value(u"claims"_s).toObject();
    QCOMPARE(claims.value(u"user_id"_s).toString(), u"alice"_s);
    QCOMPARE(claims.value(u"token_type"_s).toString(), u"access"_s);
    QCOMPARE(claims.value(u"iat"_s).toInteger(), now);
    QCOMPARE(claims.value(u"exp"_s).toInteger(), now + 600);
    QCOMPARE(claims.value(u"jti"_s).toString().size(), 32);
    const QJsonObject header = run.output.value(u"header"_s).toObject();
    QCOMPARE(header, (QJsonObject{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}}));
}

void TestJwtInterop::signerTokenWithOtherSecretIsRejectedByPyjwt() {
    const QByteArray token =
        pc::JwtSigner::mintAccessToken(Secret, u"alice"_s, QDateTime::currentSecsSinceEpoch(), 600);
    const PythonRun run =
        runPython(DecodeScript, QJsonObject{{u"secret"_s, u"not-the-engine-secret-0123456789"_s},
                                            {u"token"_s, QString::fromLatin1(token)}});
    QVERIFY2(run.ran, qPrintable(run.problem));
    QVERIFY(!run.output.value(u"ok"_s).toBool());
    QCOMPARE(run.output.value(u"error"_s).toString(), u"InvalidSignatureError"_s);
}

QTEST_GUILESS_MAIN(TestJwtInterop)
#include "tst_jwtinterop.moc"
