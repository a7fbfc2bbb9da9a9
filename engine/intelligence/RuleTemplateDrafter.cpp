#include "RuleTemplateDrafter.h"

#include "PromptText.h"
#include "TemplateFormat.h"
#include "TemplateOpportunityDetector.h"

#include <QHash>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>

namespace pc {

namespace {
using namespace Qt::Literals::StringLiterals;
using PromptText::Token;

constexpr int PhrasePriority = 2; // named by how the request is phrased
constexpr int DiffPriority = 1;   // found by comparing requests
constexpr qsizetype MaxSlotWords = 6;
constexpr qsizetype MaxAlignTokens = 400;
constexpr qsizetype MultilineChars = 80;
constexpr qsizetype MaxMergeGapWords = 2;
constexpr double RepeatedConfidence = 0.85;
constexpr double PhrasedConfidence = 0.6;
constexpr double LiteralConfidence = 0.3;

// A part of the defining request that becomes a variable.
struct Span {
    qsizetype start = 0;
    qsizetype end = 0;
    QString name;
    int priority = PhrasePriority;
    QStringList otherValues; // what the other requests have in its place
};

// The body as literal text and variables, in order.
struct Piece {
    bool variable = false;
    QString text; // literal text, or the variable name
};

const QSet<QString>& determiners() {
    static const QSet<QString> set{u"the"_s,  u"a"_s,    u"an"_s,    u"my"_s,    u"our"_s,
                                   u"your"_s, u"this"_s, u"that"_s,  u"these"_s, u"those"_s,
                                   u"his"_s,  u"her"_s,  u"their"_s, u"its"_s};
    return set;
}

// Words that end a value in "for the X ...", "about X ...".
const QSet<QString>& boundaryWords() {
    static const QSet<QString> set{
        u"highlighting"_s, u"emphasizing"_s, u"emphasising"_s, u"featuring"_s, u"mentioning"_s,
        u"including"_s,    u"covering"_s,    u"focusing"_s,    u"focused"_s,   u"with"_s,
        u"in"_s,           u"into"_s,        u"that"_s,        u"which"_s,     u"who"_s,
        u"to"_s,           u"using"_s,       u"about"_s,       u"for"_s,       u"and"_s,
        u"or"_s,           u"so"_s,          u"but"_s,         u"because"_s,   u"by"_s,
        u"from"_s,         u"at"_s,          u"while"_s,       u"without"_s,   u"under"_s,
        u"within"_s,       u"as"_s,          u"like"_s,        u"than"_s,      u"on"_s,
        u"named"_s,        u"called"_s,      u"please"_s,      u"make"_s,      u"keep"_s,
        u"use"_s,          u"written"_s,
    };
    return set;
}

// Things a request is "for" whose name makes a good variable name.
const QHash<QString, QString>& entityNouns() {
    static const QHash<QString, QString> map{
        {u"product"_s, u"product"_s},
        {u"products"_s, u"product"_s},
        {u"company"_s, u"company"_s},
        {u"client"_s, u"client"_s},
        {u"customer"_s, u"customer"_s},
        {u"brand"_s, u"brand"_s},
        {u"app"_s, u"app"_s},
        {u"application"_s, u"app"_s},
        {u"website"_s, u"website"_s},
        {u"service"_s, u"service"_s},
        {u"course"_s, u"course"_s},
        {u"book"_s, u"book"_s},
        {u"event"_s, u"event"_s},
        {u"business"_s, u"business"_s},
        {u"startup"_s, u"startup"_s},
        {u"project"_s, u"project"_s},
        {u"restaurant"_s, u"restaurant"_s},
        {u"job"_s, u"job"_s},
        {u"role"_s, u"role"_s},
        {u"position"_s, u"position"_s},
        {u"campaign"_s, u"campaign"_s},
        {u"store"_s, u"store"_s},
        {u"shop"_s, u"shop"_s},
        {u"hotel"_s, u"hotel"_s},
        {u"game"_s, u"game"_s},
        {u"podcast"_s, u"podcast"_s},
        {u"channel"_s, u"channel"_s},
        {u"conference"_s, u"conference"_s},
        {u"recipe"_s, u"dish"_s},
        {u"movie"_s, u"movie"_s},
        {u"film"_s, u"film"_s},
        {u"city"_s, u"city"_s},
        {u"country"_s, u"country"_s},
    };
    return map;
}

const QSet<QString>& pluralPeople() {
    static const QSet<QString> set{
        u"beginners"_s, u"students"_s,     u"kids"_s,          u"children"_s,    u"developers"_s,
        u"engineers"_s, u"managers"_s,     u"executives"_s,    u"customers"_s,   u"parents"_s,
        u"teachers"_s,  u"readers"_s,      u"users"_s,         u"experts"_s,     u"employees"_s,
        u"investors"_s, u"stakeholders"_s, u"newcomers"_s,     u"teenagers"_s,   u"adults"_s,
        u"seniors"_s,   u"clients"_s,      u"followers"_s,     u"subscribers"_s, u"team"_s,
        u"audience"_s,  u"colleagues"_s,   u"professionals"_s, u"owners"_s,      u"buyers"_s,
    };
    return set;
}

const QSet<QString>& singularPeople() {
    static const QSet<QString> set{u"manager"_s,   u"boss"_s,     u"colleague"_s, u"friend"_s,
                                   u"teacher"_s,   u"mom"_s,      u"mum"_s,       u"dad"_s,
                                   u"mother"_s,    u"father"_s,   u"landlord"_s,  u"neighbor"_s,
                                   u"neighbour"_s, u"partner"_s,  u"recruiter"_s, u"professor"_s,
                                   u"coworker"_s,  u"employee"_s, u"wife"_s,      u"husband"_s};
    return set;
}

const QHash<QString, QString>& units() {
    static const QHash<QString, QString> map{
        {u"word"_s, u"word"_s},
        {u"words"_s, u"word"_s},
        {u"sentence"_s, u"sentence"_s},
        {u"sentences"_s, u"sentence"_s},
        {u"paragraph"_s, u"paragraph"_s},
        {u"paragraphs"_s, u"paragraph"_s},
        {u"bullet"_s, u"bullet"_s},
        {u"bullets"_s, u"bullet"_s},
        {u"point"_s, u"point"_s},
        {u"points"_s, u"point"_s},
        {u"item"_s, u"item"_s},
        {u"items"_s, u"item"_s},
        {u"line"_s, u"line"_s},
        {u"lines"_s, u"line"_s},
        {u"character"_s, u"character"_s},
        {u"characters"_s, u"character"_s},
        {u"page"_s, u"page"_s},
        {u"pages"_s, u"page"_s},
        {u"minute"_s, u"minute"_s},
        {u"minutes"_s, u"minute"_s},
        {u"slide"_s, u"slide"_s},
        {u"slides"_s, u"slide"_s},
        {u"example"_s, u"example"_s},
        {u"examples"_s, u"example"_s},
        {u"question"_s, u"question"_s},
        {u"questions"_s, u"question"_s},
        {u"idea"_s, u"idea"_s},
        {u"ideas"_s, u"idea"_s},
        {u"tip"_s, u"tip"_s},
        {u"tips"_s, u"tip"_s},
        {u"step"_s, u"step"_s},
        {u"steps"_s, u"step"_s},
        {u"day"_s, u"day"_s},
        {u"days"_s, u"day"_s},
        {u"hour"_s, u"hour"_s},
        {u"hours"_s, u"hour"_s},
        {u"tweet"_s, u"tweet"_s},
        {u"tweets"_s, u"tweet"_s},
        {u"option"_s, u"option"_s},
        {u"options"_s, u"option"_s},
        {u"servings"_s, u"serving"_s},
        {u"people"_s, u"people"_s},
        {u"week"_s, u"week"_s},
        {u"weeks"_s, u"week"_s},
        {u"names"_s, u"name"_s},
        {u"headlines"_s, u"headline"_s},
        {u"taglines"_s, u"tagline"_s},
        {u"variations"_s, u"variation"_s},
    };
    return map;
}

const QSet<QString>& languages() {
    static const QSet<QString> set{
        u"english"_s, u"french"_s,     u"spanish"_s,   u"german"_s,     u"italian"_s,   u"portuguese"_s,
        u"dutch"_s,   u"swedish"_s,    u"norwegian"_s, u"danish"_s,     u"finnish"_s,   u"polish"_s,
        u"czech"_s,   u"russian"_s,    u"ukrainian"_s, u"greek"_s,      u"turkish"_s,   u"arabic"_s,
        u"hebrew"_s,  u"hindi"_s,      u"chinese"_s,   u"mandarin"_s,   u"cantonese"_s, u"japanese"_s,
        u"korean"_s,  u"vietnamese"_s, u"thai"_s,      u"indonesian"_s, u"romanian"_s,  u"hungarian"_s,
        u"catalan"_s, u"latin"_s,      u"bengali"_s,   u"urdu"_s,       u"persian"_s,
    };
    return set;
}

// "highlighting X" -> "highlight", and so on.
const QHash<QString, QString>& slotVerbs() {
    static const QHash<QString, QString> map{
        {u"highlighting"_s, u"highlight"_s},
        {u"emphasizing"_s, u"emphasis"_s},
        {u"emphasising"_s, u"emphasis"_s},
        {u"featuring"_s, u"feature"_s},
        {u"mentioning"_s, u"mention"_s},
        {u"including"_s, u"included"_s},
        {u"covering"_s, u"coverage"_s},
        {u"about"_s, u"topic"_s},
        {u"named"_s, u"name"_s},
        {u"called"_s, u"name"_s},
        {u"titled"_s, u"title"_s},
        {u"entitled"_s, u"title"_s},
    };
    return map;
}

const QSet<QString>& instructionVerbs() {
    static const QSet<QString> set{
        u"write"_s,     u"summarize"_s, u"summarise"_s, u"translate"_s, u"rewrite"_s, u"edit"_s,
        u"proofread"_s, u"review"_s,    u"explain"_s,   u"analyze"_s,   u"analyse"_s, u"fix"_s,
        u"improve"_s,   u"shorten"_s,   u"classify"_s,  u"extract"_s,   u"convert"_s, u"check"_s,
        u"describe"_s,  u"answer"_s,    u"create"_s,    u"generate"_s,  u"draft"_s,   u"make"_s,
        u"compare"_s,   u"refactor"_s,  u"debug"_s,     u"reply"_s,     u"respond"_s, u"paraphrase"_s,
        u"simplify"_s,  u"here"_s,      u"use"_s,
    };
    return set;
}

// Nouns that name the text a "Summarize this article:" line introduces.
const QSet<QString>& contentNouns() {
    static const QSet<QString> set{
        u"article"_s,     u"text"_s,     u"email"_s,    u"code"_s,     u"paragraph"_s, u"message"_s,
        u"passage"_s,     u"essay"_s,    u"story"_s,    u"review"_s,   u"document"_s,  u"transcript"_s,
        u"notes"_s,       u"data"_s,     u"list"_s,     u"sentence"_s, u"phrase"_s,    u"slogan"_s,
        u"tagline"_s,     u"title"_s,    u"headline"_s, u"quote"_s,    u"keyword"_s,   u"keywords"_s,
        u"subject"_s,     u"question"_s, u"letter"_s,   u"post"_s,     u"report"_s,    u"poem"_s,
        u"description"_s, u"summary"_s,  u"feedback"_s, u"bio"_s,      u"name"_s,
    };
    return set;
}

const QSet<QString>& messageNouns() {
    static const QSet<QString> set{u"email"_s, u"e-mail"_s,       u"letter"_s,   u"message"_s,    u"note"_s,
                                   u"memo"_s,  u"reply"_s,        u"response"_s, u"invitation"_s, u"invite"_s,
                                   u"text"_s,  u"announcement"_s, u"speech"_s,   u"toast"_s,      u"card"_s};
    return set;
}

// Verbs whose object is what the request is about.
const QSet<QString>& topicVerbs() {
    static const QSet<QString> set{u"explain"_s,  u"describe"_s, u"define"_s,  u"summarize"_s, u"summarise"_s,
                                   u"compare"_s,  u"review"_s,   u"analyze"_s, u"analyse"_s,   u"discuss"_s,
                                   u"research"_s, u"teach"_s,    u"outline"_s, u"critique"_s,  u"evaluate"_s};
    return set;
}

// The lower-case word that ends right before `pos` (spaces skipped), or nothing.
QString previousWord(const QString& text, qsizetype pos) {
    qsizetype end = pos;
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    qsizetype start = end;
    while (start > 0 && text.at(start - 1).isLetter())
        --start;
    return text.mid(start, end - start).toLower();
}

bool hasNewlineBetween(const QString& text, qsizetype from, qsizetype to) {
    return QStringView(text).mid(from, to - from).contains(u'\n');
}

// The value after tokens[k] ("for [the] AeroPress coffee maker,"): token range, or nothing when
// what follows is a pronoun, a number or punctuation.
std::optional<QPair<qsizetype, qsizetype>> valueAfter(const QList<Token>& tokens, const QString& text,
                                                      qsizetype k) {
    const qsizetype n = tokens.size();
    qsizetype i = k + 1;
    while (i < n && tokens.at(i).word && determiners().contains(tokens.at(i).lower))
        ++i;
    if (i >= n || !tokens.at(i).word || tokens.at(i).number || PromptText::isStopword(tokens.at(i).lower) ||
        boundaryWords().contains(tokens.at(i).lower) ||
        hasNewlineBetween(text, tokens.at(k).end, tokens.at(i).start))
        return std::nullopt;
    qsizetype last = i;
    qsizetype count = 1;
    for (qsizetype j = i + 1; j < n && count < MaxSlotWords; ++j) {
        const Token& t = tokens.at(j);
        // A gerund starts a new clause: "to my manager asking for ...".
        const bool gerund = t.lower.size() > 4 && t.lower.endsWith(u"ing") && t.text.front().isLower();
        if (!t.word || t.number || gerund || boundaryWords().contains(t.lower) ||
            hasNewlineBetween(text, tokens.at(j - 1).end, t.start))
            break;
        last = j;
        ++count;
    }
    while (last > i && PromptText::isStopword(tokens.at(last).lower))
        --last;
    return QPair<qsizetype, qsizetype>{i, last};
}

QString nameForFor(const QList<Token>& tokens, qsizetype k, qsizetype first, qsizetype last) {
    for (qsizetype b = k - 1; b >= 0 && b >= k - 4; --b) {
        if (!tokens.at(b).word)
            break;
        if (const auto it = entityNouns().constFind(tokens.at(b).lower); it != entityNouns().constEnd())
            return *it;
    }
    const QString& lastWord = tokens.at(last).lower;
    if (const auto it = entityNouns().constFind(lastWord); it != entityNouns().constEnd())
        return *it;
    if (pluralPeople().contains(lastWord))
        return u"audience"_s;
    if (singularPeople().contains(lastWord))
        return u"recipient"_s;
    return tokens.at(first).text.front().isUpper() ? u"subject"_s : u"purpose"_s;
}

QString nameForNumber(const QList<Token>& tokens, qsizetype k) {
    const Token& t = tokens.at(k);
    if (k + 1 < tokens.size()) {
        const Token& next = tokens.at(k + 1);
        if (const auto it = units().constFind(next.lower); it != units().constEnd())
            return *it + u"_count"_s;
        if (next.text == u"%")
            return u"percentage"_s;
        // "3 hashtags" -> hashtag_count
        static const QRegularExpression plural(u"^[a-z]{3,}s$"_s);
        if (plural.match(next.lower).hasMatch() && !PromptText::isStopword(next.lower))
            return PromptText::snakeCase(next.lower.chopped(1)) + u"_count"_s;
    }
    if (k > 0 && QStringView(u"$\u20ac\u00a3").contains(tokens.at(k - 1).text))
        return u"price"_s;
    if (t.text.size() == 4 && (t.text.startsWith(u"19") || t.text.startsWith(u"20")))
        return u"year"_s;
    return u"number"_s;
}

// A list marker such as "1." or "2)" at the start of a line is structure, not a value.
bool isListMarker(const QList<Token>& tokens, const QString& text, qsizetype k) {
    if (k + 1 >= tokens.size() || (tokens.at(k + 1).text != u"." && tokens.at(k + 1).text != u")"))
        return false;
    const qsizetype lineStart = text.lastIndexOf(u'\n', tokens.at(k).start - 1) + 1;
    return QStringView(text).mid(lineStart, tokens.at(k).start - lineStart).trimmed().isEmpty();
}

Span span(const QList<Token>& tokens, qsizetype first, qsizetype last, const QString& name,
          int priority = PhrasePriority) {
    return Span{tokens.at(first).start, tokens.at(last).end, name, priority, {}};
}

QList<Span> phraseSpans(const QString& text, const QList<Token>& tokens) {
    QList<Span> spans;

    // "Label: value" lines, and "Summarize this article:" followed by a block of text.
    static const QRegularExpression labelLine(
        u"(?m)^[ \\t]*([A-Za-z][\\w'-]*(?:[ \\t]+[A-Za-z][\\w'-]*){0,3})[ \\t]*:(?!//)[ \\t]*([^\\n]*)$"_s);
    QList<QRegularExpressionMatch> labels;
    for (auto it = labelLine.globalMatch(text); it.hasNext();)
        labels.append(it.next());
    for (qsizetype l = 0; l < labels.size(); ++l) {
        const QRegularExpressionMatch& m = labels.at(l);
        const QStringList labelWords = PromptText::words(m.captured(1));
        QString name;
        if (instructionVerbs().contains(labelWords.constFirst())) {
            for (const QString& w : labelWords)
                if (contentNouns().contains(w))
                    name = w;
            if (name.isEmpty())
                name = u"text"_s;
        } else {
            name = PromptText::snakeCase(m.captured(1));
        }
        qsizetype start = m.capturedStart(2);
        qsizetype end = m.capturedEnd(2);
        if (m.captured(2).trimmed().isEmpty()) {
            // The value is the block below, up to the next label line.
            start = m.capturedEnd(0);
            end = l + 1 < labels.size() ? labels.at(l + 1).capturedStart(0) : text.size();
        }
        while (start < end && text.at(start).isSpace())
            ++start;
        while (end > start && text.at(end - 1).isSpace())
            --end;
        if (start < end)
            spans.append(Span{start, end, name, PhrasePriority, {}});
    }

    // Quoted text.
    static const QRegularExpression quoted(
        u"\"([^\"\\n]{1,2000})\"|\u201c([^\u201d]{1,2000})\u201d|(?<![\\w])'([^'\\n]{1,500})'(?![\\w])"_s);
    for (auto it = quoted.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const int group = m.capturedStart(1) >= 0 ? 1 : (m.capturedStart(2) >= 0 ? 2 : 3);
        QString name = u"quoted_text"_s;
        const QString previous = previousWord(text, m.capturedStart(0));
        if (const auto v = slotVerbs().constFind(previous);
            v != slotVerbs().constEnd() && (*v == u"name" || *v == u"title"))
            name = *v;
        else if (contentNouns().contains(previous))
            name = previous;
        spans.append(Span{m.capturedStart(group), m.capturedEnd(group), name, PhrasePriority, {}});
    }

    for (qsizetype k = 0; k < tokens.size(); ++k) {
        const Token& t = tokens.at(k);
        if (!t.word)
            continue;
        const QString& w = t.lower;

        if (t.number) {
            if (!isListMarker(tokens, text, k))
                spans.append(span(tokens, k, k, nameForNumber(tokens, k)));
            continue;
        }
        // "100-word", "5-minute"
        static const QRegularExpression numberUnit(u"^(\\d+)-([a-z]+)$"_s);
        if (const QRegularExpressionMatch m = numberUnit.match(w); m.hasMatch()) {
            const QString unit = units().value(m.captured(2), u"number"_s);
            const QString name = unit == u"number" ? unit : unit + u"_count"_s;
            spans.append(Span{t.start, t.start + m.capturedLength(1), name, PhrasePriority, {}});
            continue;
        }
        if (w == u"for") {
            if (const auto v = valueAfter(tokens, text, k))
                spans.append(span(tokens, v->first, v->second, nameForFor(tokens, k, v->first, v->second)));
            continue;
        }
        if (w == u"to") {
            // "an email to my manager": the recipient of a message.
            bool message = false;
            for (qsizetype b = k - 1; b >= 0 && b >= k - 3 && tokens.at(b).word; --b)
                message = message || messageNouns().contains(tokens.at(b).lower);
            if (message)
                if (const auto v = valueAfter(tokens, text, k))
                    spans.append(span(tokens, v->first, v->second, u"recipient"_s));
            continue;
        }
        if (w == u"about" && k + 1 < tokens.size() && tokens.at(k + 1).number)
            continue; // "about 100 words" is a rough number, not a topic
        if (const auto verb = slotVerbs().constFind(w); verb != slotVerbs().constEnd()) {
            if (const auto v = valueAfter(tokens, text, k))
                spans.append(span(tokens, v->first, v->second, *verb));
            continue;
        }
        if ((w == u"focusing" || w == u"focused" || w == u"focus") && k + 1 < tokens.size() &&
            tokens.at(k + 1).lower == u"on") {
            if (const auto v = valueAfter(tokens, text, k + 1))
                spans.append(span(tokens, v->first, v->second, u"focus"_s));
            continue;
        }
        if (w == u"as" && k + 1 < tokens.size() &&
            (tokens.at(k + 1).lower == u"a" || tokens.at(k + 1).lower == u"an")) {
            if (const auto v = valueAfter(tokens, text, k))
                spans.append(span(tokens, v->first, v->second, u"persona"_s));
            continue;
        }
        if (languages().contains(w) && k > 0 &&
            (tokens.at(k - 1).lower == u"in" || tokens.at(k - 1).lower == u"into" ||
             tokens.at(k - 1).lower == u"to")) {
            spans.append(span(tokens, k, k, u"language"_s));
            continue;
        }
        if (w == u"tone" && k > 0 && tokens.at(k - 1).word &&
            !PromptText::isStopword(tokens.at(k - 1).lower) &&
            !determiners().contains(tokens.at(k - 1).lower)) {
            spans.append(span(tokens, k - 1, k - 1, u"tone"_s));
            continue;
        }
    }
    return spans;
}

// The defining request's tokens that the other requests do not share, as spans.
QList<Span> differenceSpans(const QString& text, const QList<Token>& tokens, const QStringList& others) {
    const qsizetype n = tokens.size();
    QList<bool> varying(n, false);
    QList<QList<qsizetype>> maps; // per other request: defining token -> its token, or -1
    QList<QList<Token>> otherTokens;
    for (const QString& other : others) {
        otherTokens.append(PromptText::tokenize(other));
        QList<qsizetype> map(n, -1);
        for (const auto& [i, j] : PromptText::align(tokens, otherTokens.constLast(), false, MaxAlignTokens))
            map[i] = j;
        for (qsizetype k = 0; k < n; ++k)
            if (map.at(k) < 0)
                varying[k] = true;
        maps.append(map);
    }

    // Runs of varying tokens, trimmed of punctuation at their edges.
    QList<QPair<qsizetype, qsizetype>> runs;
    for (qsizetype k = 0; k < n;) {
        if (!varying.at(k)) {
            ++k;
            continue;
        }
        qsizetype e = k;
        while (e + 1 < n && varying.at(e + 1) &&
               !hasNewlineBetween(text, tokens.at(e).end, tokens.at(e + 1).start))
            ++e;
        qsizetype a = k;
        qsizetype b = e;
        while (a <= b && !tokens.at(a).word)
            ++a;
        while (b >= a && !tokens.at(b).word)
            --b;
        if (a <= b)
            runs.append({a, b});
        k = e + 1;
    }

    // "the AeroPress [coffee] maker" vs "the Breville coffee grinder": a shared content word or two
    // inside a differing phrase belongs to it; a shared "in" or "," separates two values.
    QList<QPair<qsizetype, qsizetype>> merged;
    for (const auto& run : runs) {
        if (!merged.isEmpty()) {
            const qsizetype gapFrom = merged.constLast().second + 1;
            const qsizetype gap = run.first - gapFrom;
            bool joinable = gap > 0 && gap <= MaxMergeGapWords &&
                            !hasNewlineBetween(text, tokens.at(gapFrom - 1).end, tokens.at(run.first).start);
            for (qsizetype g = gapFrom; joinable && g < run.first; ++g)
                joinable = tokens.at(g).word && !tokens.at(g).number &&
                           !PromptText::isStopword(tokens.at(g).lower) &&
                           !boundaryWords().contains(tokens.at(g).lower);
            if (joinable) {
                merged.last().second = run.second;
                continue;
            }
        }
        merged.append(run);
    }

    QList<Span> spans;
    for (const auto& [a, b] : merged) {
        Span s;
        s.start = tokens.at(a).start;
        s.end = tokens.at(b).end;
        s.priority = DiffPriority;
        s.name = u"detail"_s;
        qsizetype before = a - 1;
        while (before >= 0 && tokens.at(before).word && determiners().contains(tokens.at(before).lower))
            --before;
        if (a == b && tokens.at(a).number)
            s.name = nameForNumber(tokens, a);
        else if (before >= 0 && topicVerbs().contains(tokens.at(before).lower))
            s.name = u"topic"_s; // "Explain recursion ...", "Summarize the report ..."
        for (qsizetype o = 0; o < maps.size(); ++o) {
            const QList<qsizetype>& map = maps.at(o);
            const QList<Token>& ot = otherTokens.at(o);
            qsizetype from = 0;
            for (qsizetype k = a - 1; k >= 0; --k)
                if (map.at(k) >= 0) {
                    from = ot.at(map.at(k)).end;
                    break;
                }
            qsizetype to = others.at(o).size();
            for (qsizetype k = b + 1; k < n; ++k)
                if (map.at(k) >= 0) {
                    to = ot.at(map.at(k)).start;
                    break;
                }
            s.otherValues.append(to > from ? others.at(o).mid(from, to - from).trimmed() : QString());
        }
        spans.append(s);
    }
    return spans;
}

QList<Span> mergeSpans(QList<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
        if (x.start != y.start)
            return x.start < y.start;
        if (x.priority != y.priority)
            return x.priority > y.priority;
        return x.end > y.end;
    });
    QList<Span> merged;
    for (const Span& s : std::as_const(spans)) {
        if (!merged.isEmpty() && s.start < merged.constLast().end) {
            Span& m = merged.last();
            m.end = std::max(m.end, s.end);
            if (s.priority > m.priority) {
                m.name = s.name;
                m.priority = s.priority;
            }
            if (m.otherValues.isEmpty())
                m.otherValues = s.otherValues;
            continue;
        }
        merged.append(s);
    }
    return merged;
}

// The text a number default turns back into (TemplateFormat renders numbers this way).
std::optional<double> exactNumber(const QString& text) {
    bool ok = false;
    const double d = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(d))
        return std::nullopt;
    constexpr double MaxExactInteger = 9007199254740992.0; // 2^53
    const QString back = (std::trunc(d) == d && std::fabs(d) <= MaxExactInteger)
                             ? QString::number(static_cast<qint64>(d))
                             : QString::number(d, 'g', QLocale::FloatingPointShortest);
    if (back != text)
        return std::nullopt;
    return d;
}

QString uniqueName(const QString& base, QSet<QString>& used) {
    QString name = base;
    for (int i = 2; used.contains(name); ++i)
        name = base + u'_' + QString::number(i);
    used.insert(name);
    return name;
}

QString quoteList(const QStringList& items) {
    QStringList quoted;
    for (const QString& s : items)
        quoted.append(u"\u201c"_s + PromptText::shorten(s, 40) + u"\u201d"_s);
    return quoted.join(u", ");
}

// Values for the body's variables in another request of the same shape, if it has that shape.
std::optional<QHash<QString, QString>> matchBody(const QList<Piece>& pieces, const QString& text) {
    QHash<QString, QString> values;
    qsizetype pos = 0;
    QString pending;
    for (qsizetype p = 0; p < pieces.size(); ++p) {
        const Piece& piece = pieces.at(p);
        if (piece.variable) {
            if (!pending.isEmpty())
                return std::nullopt; // two variables side by side cannot be told apart
            pending = piece.text;
            continue;
        }
        if (pending.isEmpty()) {
            if (!QStringView(text).mid(pos).startsWith(piece.text))
                return std::nullopt;
            pos += piece.text.size();
            continue;
        }
        qsizetype found = -1;
        if (p + 1 == pieces.size()) {
            if (text.endsWith(piece.text))
                found = text.size() - piece.text.size();
        } else {
            found = text.indexOf(piece.text, pos + 1);
        }
        if (found <= pos)
            return std::nullopt;
        values.insert(pending, text.mid(pos, found - pos));
        pending.clear();
        pos = found + piece.text.size();
    }
    if (!pending.isEmpty()) {
        if (pos >= text.size())
            return std::nullopt;
        values.insert(pending, text.mid(pos));
    } else if (pos != text.size()) {
        return std::nullopt;
    }
    return values;
}

qsizetype replyTo(const QList<ConversationTurn>& turns, qsizetype request) {
    for (qsizetype j = request + 1; j < turns.size(); ++j) {
        if (turns.at(j).role == ConversationTurn::Role::User)
            break;
        if (!turns.at(j).content.trimmed().isEmpty())
            return j;
    }
    return -1;
}

} // namespace

Result<PromptTemplate> RuleTemplateDrafter::draft(const QList<ConversationTurn>& turns, const QString& title,
                                                  const QString& category, const QString& description,
                                                  bool includeAiResponses) const {
    const TemplateOpportunityDetector::Detection detection = TemplateOpportunityDetector().detect(turns);
    QList<qsizetype> requestTurns = detection.requestTurns;
    if (requestTurns.isEmpty()) {
        // Only small talk: the longest thing the user said is still the best guess.
        qsizetype longest = -1;
        for (qsizetype i = 0; i < turns.size(); ++i)
            if (turns.at(i).role == ConversationTurn::Role::User &&
                !turns.at(i).content.trimmed().isEmpty() &&
                (longest < 0 ||
                 turns.at(i).content.trimmed().size() > turns.at(longest).content.trimmed().size()))
                longest = i;
        if (longest < 0)
            return Error{ErrorCode::TemplateCreationFailed,
                         tr("The conversation has no request of yours to turn into a template.")};
        requestTurns = {longest};
    }

    const QString request = turns.at(requestTurns.constFirst()).content.trimmed();
    QStringList others;
    for (qsizetype i = 1; i < requestTurns.size(); ++i)
        others.append(turns.at(requestTurns.at(i)).content.trimmed());

    const QList<Token> tokens = PromptText::tokenize(request);
    QList<Span> spans = phraseSpans(request, tokens);
    if (!others.isEmpty())
        spans += differenceSpans(request, tokens, others);
    spans = mergeSpans(spans);
    if (spans.size() > TemplateFormat::MaxVariables)
        spans.resize(TemplateFormat::MaxVariables);

    PromptTemplate t;
    QList<Piece> pieces;
    QSet<QString> used;
    const auto addVariable = [&](const QString& base, const QString& value, const QStringList& otherValues,
                                 const QString& about) {
        TemplateVariable v;
        v.name = uniqueName(base, used);
        v.label = PromptText::humanize(v.name);
        v.description = about;
        v.required = true;
        const bool numeric = std::all_of(otherValues.cbegin(), otherValues.cend(),
                                         [](const QString& o) { return exactNumber(o).has_value(); });
        const bool multiline = value.contains(u'\n') || value.size() > MultilineChars ||
                               std::any_of(otherValues.cbegin(), otherValues.cend(),
                                           [](const QString& o) { return o.contains(u'\n'); });
        if (const std::optional<double> number = exactNumber(value); number && numeric) {
            v.type = VariableType::Number;
            v.defaultValue = *number;
        } else {
            v.type = multiline ? VariableType::Multiline : VariableType::Text;
            v.defaultValue = value;
        }
        t.variables.append(v);
        pieces.append({true, v.name});
    };
    // `{{` cannot be written literally in a template, nor `{` right before a tag: such braces
    // travel as a variable whose default is the braces (values are never scanned).
    const auto addLiteral = [&](const QString& literal, bool beforeVariable) {
        qsizetype from = 0;
        qsizetype i = 0;
        while (i < literal.size()) {
            if (literal.at(i) != u'{') {
                ++i;
                continue;
            }
            qsizetype e = i;
            while (e < literal.size() && literal.at(e) == u'{')
                ++e;
            if (e - i >= 2 || (e == literal.size() && beforeVariable)) {
                if (i > from)
                    pieces.append({false, literal.mid(from, i - from)});
                addVariable(u"braces"_s, literal.mid(i, e - i), {},
                            tr("Literal braces from your request; leave as they are."));
                from = e;
            }
            i = e;
        }
        if (from < literal.size())
            pieces.append({false, literal.mid(from)});
    };

    qsizetype pos = 0;
    for (const Span& s : std::as_const(spans)) {
        addLiteral(request.mid(pos, s.start - pos), true);
        const QString about =
            s.otherValues.isEmpty()
                ? QString()
                : tr("Differs between your requests: %1.")
                      .arg(quoteList(QStringList{request.mid(s.start, s.end - s.start)} + s.otherValues));
        addVariable(s.name, request.mid(s.start, s.end - s.start), s.otherValues, about);
        pos = s.end;
    }
    addLiteral(request.mid(pos), false);
    for (const Piece& p : std::as_const(pieces))
        t.body += p.variable ? u"{{"_s + p.text + u"}}"_s : p.text;

    t.title = title.trimmed().isEmpty() ? PromptText::inferTitle(request) : title.trimmed();
    t.category = category.trimmed().isEmpty() ? PromptText::inferCategory(request) : category.trimmed();
    t.description = description.trimmed().isEmpty()
                        ? tr("Drafted from your request \u201c%1\u201d; fill in the fields to reuse it.")
                              .arg(PromptText::shorten(request, 80))
                        : description.trimmed();

    // By construction the defaults give the request back; should a rule ever break that, the
    // whole request becomes one variable rather than a template that lies. A template that cannot
    // be valid (more variables than allowed, say) ends the same way; a bad title still fails below.
    if (const Result<TemplateFormat::Rendered> back = TemplateFormat::render(t, {});
        !back.ok() || back->body != request) {
        t.variables.clear();
        pieces.clear();
        used.clear();
        addVariable(u"request"_s, request, {}, QString());
        t.body = u"{{request}}"_s;
    }

    TemplateSource source;
    source.kind = u"conversation"_s;
    for (const qsizetype r : std::as_const(requestTurns)) {
        source.messageIds.append(turns.at(r).messageId);
        if (includeAiResponses)
            if (const qsizetype reply = replyTo(turns, r); reply >= 0)
                source.messageIds.append(turns.at(reply).messageId);
    }
    source.messageIds.removeAll(QString());
    source.confidence = requestTurns.size() > 1 ? RepeatedConfidence
                        : t.variables.isEmpty() ? LiteralConfidence
                                                : PhrasedConfidence;
    t.source = source;

    if (includeAiResponses) {
        for (const qsizetype r : std::as_const(requestTurns)) {
            if (t.examples.size() >= TemplateFormat::MaxExamples)
                break;
            const qsizetype reply = replyTo(turns, r);
            if (reply < 0)
                continue;
            const std::optional<QHash<QString, QString>> values =
                matchBody(pieces, turns.at(r).content.trimmed());
            if (!values)
                continue;
            TemplateExample example;
            for (const TemplateVariable& v : std::as_const(t.variables)) {
                const QString value = values->value(v.name);
                const std::optional<double> number = exactNumber(value);
                example.inputs.insert(v.name, v.type == VariableType::Number && number ? QJsonValue(*number)
                                                                                       : QJsonValue(value));
            }
            example.output = turns.at(reply).content.trimmed();
            t.examples.append(example);
        }
    }

    if (Result<void> valid = TemplateFormat::validate(t); !valid)
        return Error{ErrorCode::TemplateCreationFailed, valid.error().message};
    return t;
}

} // namespace pc
