#include "TemplateOpportunityDetector.h"

#include "PromptText.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <algorithm>

namespace pc {

namespace {
using namespace Qt::Literals::StringLiterals;

// Only the recent past matters for a suggestion, and it bounds the pairwise comparison.
constexpr qsizetype MaxUserTurns = 24;
constexpr qsizetype LongRequestWords = 30;

constexpr double RepeatedWeight = 0.45;
constexpr double KeywordWeight = 0.25;
constexpr double ExtraKeywordWeight = 0.05;
constexpr double MaxKeywordWeight = 0.35;
constexpr double FillInWeight = 0.20;
constexpr double ExtraFillInWeight = 0.05;
constexpr double LengthWeight = 0.10;
constexpr double WorthyScore = 0.45;
constexpr double MaxConfidence = 0.95;

struct Pattern {
    QString label; // shown in the reasoning
    QRegularExpression re;
};

Pattern pattern(const QString& label, const QString& re, bool caseSensitive = false) {
    return Pattern{label, QRegularExpression(re, caseSensitive ? QRegularExpression::NoPatternOption
                                                               : QRegularExpression::CaseInsensitiveOption)};
}

const QList<Pattern>& keywordPatterns() {
    static const QList<Pattern> list{
        pattern(u"template"_s, u"\\btemplates?\\b"_s),
        pattern(u"format"_s, u"\\bformat(?:s|ted|ting)?\\b"_s),
        pattern(u"steps"_s, u"\\bsteps?\\b|\\bstep-by-step\\b"_s),
        pattern(u"outline"_s, u"\\boutlines?\\b"_s),
        pattern(u"draft"_s, u"\\bdraft(?:s|ed|ing)?\\b"_s),
        pattern(u"generate"_s, u"\\bgenerat(?:e|es|ing)\\b"_s),
        pattern(u"checklist"_s, u"\\bchecklists?\\b"_s),
        pattern(u"write a \u2026 for"_s,
                u"\\b(?:write|create|compose|draft|make|produce|prepare)\\s+(?:me\\s+|us\\s+)?"
                "(?:a|an|the|some|\\d+)\\b[^.?!\\n]{1,80}?\\b(?:for|about|on)\\b"_s),
        pattern(u"the same for"_s,
                u"\\b(?:same|again)\\s+(?:thing\\s+)?for\\b|\\bdo (?:it|this|that) again\\b"_s),
    };
    return list;
}

const QList<Pattern>& fillInPatterns() {
    static const QList<Pattern> list{
        pattern(
            u"labelled values"_s,
            u"(?m)^[ \\t]*[A-Za-z][\\w'-]*(?:[ \\t]+[A-Za-z][\\w'-]*){0,2}[ \\t]*:(?!//)[ \\t]*\\S|"
            "\\b(?:name|product|company|brand|audience|tone|topic|title|role|deadline|date|price|language|"
            "style|recipient|subject|keywords?)\\s*:(?!//)\\s*\\S"_s),
        pattern(u"a named subject"_s,
                u"\\bfor\\s+(?:the\\s+|a\\s+|an\\s+|my\\s+|our\\s+)?[A-Z][\\w'-]*|\\b(?:named|called)\\s+\\S|"
                "\\b[Ff]or\\s+(?:the\\s+|a\\s+|an\\s+|my\\s+|our\\s+)?(?:product|company|client|customer|"
                "brand|app|"
                "website|event|business|startup|course|book|restaurant)\\b"_s,
                true),
        pattern(u"quoted text"_s, u"\"[^\"\\n]{2,}\"|\u201c[^\u201d]{2,}\u201d"_s),
        pattern(
            u"a number or count"_s,
            u"\\b\\d+(?:[.,]\\d+)?\\s*-?\\s*(?:words?|sentences?|paragraphs?|bullet points?|bullets?|items?|"
            "points?|tweets?|lines?|characters?|pages?|minutes?|slides?|examples?|questions?|ideas?|tips?|"
            "steps?|days?|hours?)\\b"_s),
    };
    return list;
}

QStringList matches(const QList<Pattern>& patterns, const QString& text) {
    QStringList out;
    for (const Pattern& p : patterns)
        if (p.re.match(text).hasMatch())
            out.append(p.label);
    return out;
}

void addUnique(QStringList& list, const QStringList& more) {
    for (const QString& s : more)
        if (!list.contains(s))
            list.append(s);
}

QString quoteList(const QStringList& items) {
    QStringList quoted;
    for (const QString& s : items)
        quoted.append(u"\u201c"_s + s + u"\u201d"_s);
    return quoted.join(u", ");
}

} // namespace

TemplateOpportunityDetector::Detection
TemplateOpportunityDetector::detect(const QList<ConversationTurn>& turns) const {
    Detection d;

    // The user's requests (the recent ones), without greetings and thanks.
    QList<qsizetype> index; // into turns
    QStringList requests;
    for (qsizetype i = 0; i < turns.size(); ++i) {
        const ConversationTurn& t = turns.at(i);
        if (t.role != ConversationTurn::Role::User || PromptText::isSmallTalk(t.content))
            continue;
        index.append(i);
        requests.append(t.content.trimmed());
    }
    if (requests.size() > MaxUserTurns) {
        index = index.mid(index.size() - MaxUserTurns);
        requests = requests.mid(requests.size() - MaxUserTurns);
    }
    if (requests.isEmpty())
        return d;

    // Repeated structure: the largest group of requests that share a shape (the earliest of equals).
    QList<qsizetype> group;
    for (const QList<qsizetype>& g : PromptText::requestGroups(requests))
        if (g.size() > group.size())
            group = g;
    const bool repeated = !group.isEmpty();

    // The request the suggestion is about: the first of the repeated group, else the first one that
    // reads like a reusable request, else the longest.
    qsizetype defining = -1;
    if (repeated) {
        defining = group.constFirst();
    } else {
        for (qsizetype i = 0; i < requests.size() && defining < 0; ++i)
            if (!matches(keywordPatterns(), requests.at(i)).isEmpty())
                defining = i;
        if (defining < 0) {
            defining = 0;
            for (qsizetype i = 1; i < requests.size(); ++i)
                if (requests.at(i).size() > requests.at(defining).size())
                    defining = i;
        }
    }
    const QList<qsizetype> considered = repeated ? group : QList<qsizetype>{defining};

    QStringList keywords;
    QStringList fillIns;
    qsizetype longest = 0;
    for (const qsizetype i : considered) {
        addUnique(keywords, matches(keywordPatterns(), requests.at(i)));
        addUnique(fillIns, matches(fillInPatterns(), requests.at(i)));
        longest = std::max(longest, PromptText::words(requests.at(i)).size());
    }
    const bool isLong = longest >= LongRequestWords;

    double score = 0;
    QStringList reasons;
    if (repeated) {
        d.firedSignals.append(QString::fromUtf16(RepeatedStructure));
        score += RepeatedWeight;
        reasons.append(tr("You asked for the same kind of thing %1 times with different details (%2).")
                           .arg(group.size())
                           .arg(quoteList({PromptText::shorten(requests.at(group.at(0)), 60),
                                           PromptText::shorten(requests.at(group.at(1)), 60)})));
    }
    if (!keywords.isEmpty()) {
        d.firedSignals.append(QString::fromUtf16(Keywords));
        score += std::min(MaxKeywordWeight, KeywordWeight + ExtraKeywordWeight * double(keywords.size() - 1));
        reasons.append(tr("The request uses template-style wording (%1).").arg(quoteList(keywords)));
    }
    if (!fillIns.isEmpty()) {
        d.firedSignals.append(QString::fromUtf16(FillInValues));
        score += FillInWeight + (fillIns.size() >= 3 ? ExtraFillInWeight : 0.0);
        reasons.append(
            tr("It supplies values that could be filled in each time (%1).").arg(fillIns.join(u", ")));
    }
    if (isLong) {
        d.firedSignals.append(QString::fromUtf16(Length));
        score += LengthWeight;
        reasons.append(
            tr("It is a detailed request (%1 words) that would take effort to type again.").arg(longest));
    }

    // A suggestion needs a reason to reuse the request: it came back, or it is phrased as a
    // reusable piece of work. Length and fill-in values only add weight.
    d.worthy = score >= WorthyScore && (repeated || !keywords.isEmpty());
    const QString& request = requests.at(defining);
    d.definingTurn = index.at(defining);
    for (const qsizetype i : considered) {
        d.requestTurns.append(index.at(i));
        d.messageIds.append(turns.at(index.at(i)).messageId);
    }

    TemplateSuggestion& s = d.suggestion;
    s.title = PromptText::inferTitle(request);
    s.category = PromptText::inferCategory(request);
    s.description = tr("A reusable prompt based on \u201c%1\u201d, with fields for the parts that change.")
                        .arg(PromptText::shorten(request, 80));
    s.confidence = std::clamp(score, 0.0, MaxConfidence);
    s.reasoning = reasons.isEmpty() ? tr("No sign of a reusable request.") : reasons.join(u' ');

    // What the suggestion is about, not how sure we are or which later turns repeat it.
    const QString key = s.category.toLower() + u'\n' + s.title.toLower();
    d.fingerprint = QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
    return d;
}

} // namespace pc
