#include "Redact.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace pc {

namespace {

const QString& marker() {
    static const QString text = QString::fromUtf16(RedactedMarker);
    return text;
}

struct Rule {
    QRegularExpression pattern;
    QString replacement; // may use \1 for a kept prefix
};

const QList<Rule>& rules() {
    constexpr auto ci = QRegularExpression::CaseInsensitiveOption;
    // Order matters: whole header values first, then the narrower shapes inside free text.
    static const QList<Rule> list{
        // A JWT anywhere (also with padding or the standard alphabet, also unsigned `alg: none` ones).
        {QRegularExpression(uR"(eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=]*(?:\.[A-Za-z0-9_\-+/=]*)?)"_s),
         marker()},
        // Authorization / Proxy-Authorization header values, as text or JSON: the rest of the value.
        {QRegularExpression(uR"(((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^\r\n"']+)"_s, ci),
         u"\\1"_s + marker()},
        // API key headers.
        {QRegularExpression(uR"(((?:x-)?api[-_]?key["']?\s*[:=]\s*["']?)[^\r\n"'&\s,;]+)"_s, ci),
         u"\\1"_s + marker()},
        // Bearer credentials ("Basic" is left to the Authorization rule: it is also an English word).
        {QRegularExpression(uR"(\b(bearer\s+)[^\s"',;]+)"_s, ci), u"\\1"_s + marker()},
        // Query or form values.
        {QRegularExpression(
             uR"(((?:^|[?&#;,\s"'])(?:access_|refresh_|id_)?(?:token|key|api_?key|secret|password)=)[^&#\s"',;]+)"_s,
             ci),
         u"\\1"_s + marker()},
        // OpenAI/DeepSeek-style API keys.
        {QRegularExpression(uR"(\bsk-[A-Za-z0-9_\-]{8,})"_s), marker()},
    };
    return list;
}

bool isSensitiveQueryName(const QString& name) {
    static const QStringList names{u"token"_s,    u"access_token"_s, u"refresh_token"_s,
                                   u"id_token"_s, u"key"_s,          u"api_key"_s,
                                   u"apikey"_s,   u"password"_s,     u"secret"_s};
    return names.contains(name, Qt::CaseInsensitive);
}

// Rewrites `a=1&token=x` item by item; the text is kept as it was encoded.
QString redactQueryText(const QString& query) {
    QStringList items = query.split(u'&');
    for (QString& item : items) {
        const qsizetype equals = item.indexOf(u'=');
        const QString encodedName = equals < 0 ? item : item.left(equals);
        const QString name = QUrl::fromPercentEncoding(encodedName.toUtf8());
        if (isSensitiveQueryName(name) && equals >= 0)
            item = encodedName + u'=' + marker();
    }
    return items.join(u'&');
}

} // namespace

QString redact(QString text) {
    for (const Rule& rule : rules())
        text.replace(rule.pattern, rule.replacement);
    return text;
}

QString redactUrl(const QUrl& url) {
    // User names can be credentials too (https://TOKEN@host), so all user info goes.
    QString result = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (url.hasQuery())
        result += u'?' + redactQueryText(url.query(QUrl::FullyEncoded));
    if (url.hasFragment())
        result += u'#' + redactQueryText(url.fragment(QUrl::FullyEncoded));
    return redact(result);
}

} // namespace pc
