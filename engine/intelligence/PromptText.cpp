#include "PromptText.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <numeric>
#include <vector>

namespace pc::PromptText {

namespace {
using namespace Qt::Literals::StringLiterals;

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}

bool isJoiner(QChar c) {
    return c == u'-' || c == u'\'' || c == u'\u2019' || c == u'.' || c == u',';
}

bool isNumberText(const QString& s) {
    static const QRegularExpression re(u"^\\d+(?:[.,]\\d+)*$"_s);
    return re.match(s).hasMatch();
}

const QSet<QString>& stopwords() {
    static const QSet<QString> set{
        u"a"_s,     u"an"_s,    u"the"_s,     u"and"_s,    u"or"_s,    u"but"_s,    u"if"_s,     u"of"_s,
        u"to"_s,    u"in"_s,    u"on"_s,      u"at"_s,     u"by"_s,    u"for"_s,    u"with"_s,   u"about"_s,
        u"from"_s,  u"into"_s,  u"as"_s,      u"is"_s,     u"are"_s,   u"was"_s,    u"were"_s,   u"be"_s,
        u"been"_s,  u"am"_s,    u"i"_s,       u"me"_s,     u"my"_s,    u"we"_s,     u"our"_s,    u"us"_s,
        u"you"_s,   u"your"_s,  u"it"_s,      u"its"_s,    u"this"_s,  u"that"_s,   u"these"_s,  u"those"_s,
        u"he"_s,    u"she"_s,   u"they"_s,    u"them"_s,   u"his"_s,   u"her"_s,    u"their"_s,  u"what"_s,
        u"which"_s, u"who"_s,   u"whom"_s,    u"how"_s,    u"why"_s,   u"when"_s,   u"where"_s,  u"do"_s,
        u"does"_s,  u"did"_s,   u"can"_s,     u"could"_s,  u"would"_s, u"should"_s, u"will"_s,   u"shall"_s,
        u"may"_s,   u"might"_s, u"must"_s,    u"please"_s, u"so"_s,    u"than"_s,   u"then"_s,   u"there"_s,
        u"here"_s,  u"also"_s,  u"just"_s,    u"some"_s,   u"any"_s,   u"all"_s,    u"not"_s,    u"no"_s,
        u"yes"_s,   u"up"_s,    u"out"_s,     u"over"_s,   u"again"_s, u"too"_s,    u"very"_s,   u"same"_s,
        u"now"_s,   u"one"_s,   u"another"_s, u"other"_s,  u"more"_s,  u"like"_s,   u"have"_s,   u"has"_s,
        u"had"_s,   u"get"_s,   u"let"_s,     u"i'm"_s,    u"it's"_s,  u"that's"_s, u"thanks"_s, u"thank"_s,
    };
    return set;
}

const QSet<QString>& smallTalkWords() {
    static const QSet<QString> set{
        u"hi"_s,        u"hello"_s,      u"hey"_s,        u"hiya"_s,        u"yo"_s,      u"thanks"_s,
        u"thank"_s,     u"you"_s,        u"thx"_s,        u"ty"_s,          u"ok"_s,      u"okay"_s,
        u"k"_s,         u"cool"_s,       u"great"_s,      u"nice"_s,        u"awesome"_s, u"good"_s,
        u"morning"_s,   u"afternoon"_s,  u"evening"_s,    u"night"_s,       u"bye"_s,     u"goodbye"_s,
        u"see"_s,       u"ya"_s,         u"lol"_s,        u"haha"_s,        u"yes"_s,     u"yeah"_s,
        u"yep"_s,       u"no"_s,         u"nope"_s,       u"sure"_s,        u"perfect"_s, u"got"_s,
        u"it"_s,        u"how"_s,        u"are"_s,        u"doing"_s,       u"fine"_s,    u"well"_s,
        u"i'm"_s,       u"im"_s,         u"i"_s,          u"am"_s,          u"and"_s,     u"what's"_s,
        u"up"_s,        u"sup"_s,        u"cheers"_s,     u"welcome"_s,     u"please"_s,  u"wow"_s,
        u"amazing"_s,   u"lovely"_s,     u"appreciate"_s, u"appreciated"_s, u"that's"_s,  u"this"_s,
        u"was"_s,       u"helpful"_s,    u"very"_s,       u"much"_s,        u"so"_s,      u"really"_s,
        u"brilliant"_s, u"excellent"_s,  u"a"_s,          u"lot"_s,         u"there"_s,   u"all"_s,
        u"the"_s,       u"day"_s,        u"have"_s,       u"later"_s,       u"hmm"_s,     u"right"_s,
        u"alright"_s,   u"understood"_s, u"makes"_s,      u"sense"_s,       u"again"_s,   u"too"_s,
    };
    return set;
}

qsizetype lcsLength(const QStringList& a, const QStringList& b) {
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<qsizetype> previous(m + 1, 0);
    std::vector<qsizetype> current(m + 1, 0);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j)
            current[j] =
                a.at(i - 1) == b.at(j - 1) ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        std::swap(previous, current);
    }
    return previous[m];
}

} // namespace

QList<Token> tokenize(const QString& text) {
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        if (isWordChar(c)) {
            qsizetype j = i + 1;
            while (j < n) {
                const QChar d = text.at(j);
                if (isWordChar(d)) {
                    ++j;
                    continue;
                }
                // "e-reader", "don't" and "12.5" are one word; "end." and "a, b" are not.
                const bool next = j + 1 < n && isWordChar(text.at(j + 1));
                const bool numeric = (d == u'.' || d == u',');
                if (next && isJoiner(d) &&
                    (!numeric || (text.at(j - 1).isDigit() && text.at(j + 1).isDigit()))) {
                    j += 2;
                    continue;
                }
                break;
            }
            t.end = j;
            t.word = true;
        } else {
            t.end = i + ((c.isHighSurrogate() && i + 1 < n) ? 2 : 1);
        }
        t.text = text.mid(t.start, t.end - t.start);
        t.lower = t.text.toLower();
        t.lower.replace(u'\u2019', u'\'');
        t.number = t.word && isNumberText(t.text);
        tokens.append(t);
        i = t.end;
    }
    return tokens;
}

QStringList words(const QString& text) {
    QStringList out;
    for (const Token& t : tokenize(text))
        if (t.word)
            out.append(t.lower);
    return out;
}

bool isStopword(const QString& lowerWord) {
    return stopwords().contains(lowerWord);
}

bool isSmallTalk(const QString& text) {
    const QStringList w = words(text);
    if (w.isEmpty())
        return true;
    if (w.size() > 8)
        return false;
    return std::all_of(w.cbegin(), w.cend(),
                       [](const QString& word) { return smallTalkWords().contains(word); });
}

QString snakeCase(const QString& text) {
    QString out;
    bool underscore = false;
    for (const QChar c : text) {
        const char16_t u = c.toLower().unicode();
        const bool keep = (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9');
        if (keep) {
            if (underscore && !out.isEmpty())
                out += u'_';
            out += QChar(u);
            underscore = false;
        } else {
            underscore = true;
        }
    }
    constexpr qsizetype MaxName = 40;
    if (out.size() > MaxName) {
        out.truncate(MaxName);
        while (out.endsWith(u'_'))
            out.chop(1);
    }
    if (out.isEmpty())
        return u"value"_s;
    if (out.front().isDigit())
        out.prepend(u"v_"_s);
    return out;
}

QString humanize(const QString& name) {
    QString out = name;
    out.replace(u'_', u' ');
    out = out.simplified();
    if (!out.isEmpty())
        out[0] = out.at(0).toUpper();
    return out;
}

QList<QPair<qsizetype, qsizetype>> align(const QList<Token>& a, const QList<Token>& b, bool wordsOnly,
                                         qsizetype maxTokens) {
    QList<qsizetype> ia;
    QList<qsizetype> ib;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (!wordsOnly || a.at(i).word)
            ia.append(i);
    for (qsizetype j = 0; j < b.size(); ++j)
        if (!wordsOnly || b.at(j).word)
            ib.append(j);
    const auto same = [&](qsizetype i, qsizetype j) { return a.at(ia.at(i)).lower == b.at(ib.at(j)).lower; };

    // A common prefix and suffix align without the quadratic table, which then only covers the
    // middle, and at most maxTokens of it per side.
    QList<QPair<qsizetype, qsizetype>> head;
    qsizetype lo = 0;
    while (lo < ia.size() && lo < ib.size() && same(lo, lo)) {
        head.append({ia.at(lo), ib.at(lo)});
        ++lo;
    }
    QList<QPair<qsizetype, qsizetype>> tail;
    qsizetype hiA = ia.size();
    qsizetype hiB = ib.size();
    while (hiA > lo && hiB > lo && same(hiA - 1, hiB - 1)) {
        --hiA;
        --hiB;
        tail.prepend({ia.at(hiA), ib.at(hiB)});
    }

    const qsizetype n = std::min(hiA - lo, maxTokens);
    const qsizetype m = std::min(hiB - lo, maxTokens);
    // table[i][j]: LCS of the middles from i and j on, so the walk below runs forwards.
    std::vector<qsizetype> table((n + 1) * (m + 1), 0);
    const auto at = [&](qsizetype i, qsizetype j) -> qsizetype& { return table[i * (m + 1) + j]; };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j) = same(lo + i, lo + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));

    QList<QPair<qsizetype, qsizetype>> pairs = head;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (same(lo + i, lo + j)) {
            pairs.append({ia.at(lo + i), ib.at(lo + j)});
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return pairs + tail;
}

namespace {

// The words of a request as compared for its shape.
struct Shape {
    QStringList words; // the first MaxWords
    QString whole;     // all of it, to tell "the same request again" from "same start, other details"
    bool smallTalk = false;
};

Shape shapeOf(const QString& text) {
    constexpr qsizetype MaxWords = 200;
    // Quoted text is a specific, whatever it says: compare it as one placeholder word.
    static const QRegularExpression quoted(u"\"[^\"\\n]*\"|\u201c[^\u201d]*\u201d"_s);
    QString replaced = text;
    replaced.replace(quoted, u" zzquotedzz "_s);
    return Shape{words(replaced).mid(0, MaxWords), text.simplified().toLower(), isSmallTalk(text)};
}

bool similarShapes(const Shape& a, const Shape& b) {
    constexpr qsizetype MinWords = 4;
    const QStringList& wa = a.words;
    const QStringList& wb = b.words;
    if (wa.size() < MinWords || wb.size() < MinWords || a.whole == b.whole || a.smallTalk || b.smallTalk)
        return false;
    if (wa == wb)
        return true; // the same beginning, different details further on

    qsizetype prefix = 0;
    while (prefix < wa.size() && prefix < wb.size() && wa.at(prefix) == wb.at(prefix))
        ++prefix;

    // Shared words that carry meaning: "what is the ... of" alone is not a shape worth a template.
    QSet<QString> contentA;
    for (const QString& w : wa)
        if (!isStopword(w))
            contentA.insert(w);
    qsizetype sharedContent = 0;
    QSet<QString> counted;
    for (const QString& w : wb) {
        if (contentA.contains(w) && !counted.contains(w)) {
            counted.insert(w);
            ++sharedContent;
        }
    }

    const qsizetype common = lcsLength(wa, wb);
    const double similarity = 2.0 * double(common) / double(wa.size() + wb.size());
    return sharedContent >= 2 && (prefix >= 3 || similarity >= 0.6);
}

} // namespace

bool similarRequests(const QString& a, const QString& b) {
    return similarShapes(shapeOf(a), shapeOf(b));
}

QList<QList<qsizetype>> requestGroups(const QStringList& requests) {
    const qsizetype n = requests.size();
    std::vector<qsizetype> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](qsizetype x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    QList<Shape> shapes;
    for (const QString& r : requests)
        shapes.append(shapeOf(r));
    for (qsizetype i = 0; i < n; ++i)
        for (qsizetype j = i + 1; j < n; ++j)
            if (root(i) != root(j) && similarShapes(shapes.at(i), shapes.at(j)))
                parent[root(j)] = root(i);

    QList<QList<qsizetype>> groups;
    QList<qsizetype> roots;
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype r = root(i);
        const qsizetype k = roots.indexOf(r);
        if (k < 0) {
            roots.append(r);
            groups.append(QList<qsizetype>{i});
        } else {
            groups[k].append(i);
        }
    }
    groups.removeIf([](const QList<qsizetype>& g) { return g.size() < 2; });
    return groups;
}

QString inferTitle(const QString& request) {
    const QString text = request.simplified();
    static const QRegularExpression object(
        u"\\b(?:write|create|compose|draft|generate|make|produce|prepare|design|build|give me|come up "
        u"with)\\s+"
        "(?:me\\s+|us\\s+)?(?:(?:a|an|the|some|one|two|three|five|ten|\\d+)\\b\\s*)?"
        "(?:\\d+[- ][a-z]+\\s+)?"
        "((?:[A-Za-z][\\w'-]*\\s+){0,3}?[A-Za-z][\\w'-]*)\\s*"
        "(?=\\b(?:for|about|on|to|that|which|with|in|of|from|using|based|highlighting|describing|explaining)"
        "\\b|"
        "[,.;:!?]|$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = object.match(text);
    if (m.hasMatch()) {
        QString phrase = m.captured(1).trimmed();
        const QStringList w = words(phrase);
        if (!w.isEmpty() &&
            !std::all_of(w.cbegin(), w.cend(), [](const QString& x) { return isStopword(x); })) {
            phrase = phrase.toLower();
            phrase[0] = phrase.at(0).toUpper();
            return phrase;
        }
    }

    static const QList<QPair<QRegularExpression, QString>> verbs{
        {QRegularExpression(u"\\bsummar(?:ize|ise|y)\\b"_s, QRegularExpression::CaseInsensitiveOption),
         u"Summary"_s},
        {QRegularExpression(u"\\btranslat(?:e|ion)\\b"_s, QRegularExpression::CaseInsensitiveOption),
         u"Translation"_s},
        {QRegularExpression(u"\\bexplain\\b"_s, QRegularExpression::CaseInsensitiveOption), u"Explanation"_s},
        {QRegularExpression(u"\\boutline\\b"_s, QRegularExpression::CaseInsensitiveOption), u"Outline"_s},
        {QRegularExpression(u"\\bcompare\\b"_s, QRegularExpression::CaseInsensitiveOption), u"Comparison"_s},
        {QRegularExpression(u"\\breview\\b"_s, QRegularExpression::CaseInsensitiveOption), u"Review"_s},
        {QRegularExpression(u"\\bplan\\b"_s, QRegularExpression::CaseInsensitiveOption), u"Plan"_s},
        {QRegularExpression(u"\\blist\\b"_s, QRegularExpression::CaseInsensitiveOption), u"List"_s},
    };
    for (const auto& [re, title] : verbs)
        if (re.match(text).hasMatch())
            return title;

    QString fallback = shorten(text, 48);
    if (!fallback.isEmpty())
        fallback[0] = fallback.at(0).toUpper();
    return fallback;
}

QString inferCategory(const QString& request) {
    struct Rule {
        QString category;
        QRegularExpression re;
    };
    const auto rule = [](const QString& category, const QString& pattern) {
        return Rule{category, QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption)};
    };
    static const QList<Rule> rules{
        rule(u"Marketing"_s,
             u"\\b(product descriptions?|marketing|advert\\w*|ads?|slogans?|taglines?|campaigns?|"
             "landing pages?|seo|social media|tweets?|instagram|linkedin post|newsletters?|"
             "brand\\w*|sales copy|copywriting)\\b"_s),
        rule(u"Development"_s,
             u"\\b(code|coding|function|class|bugs?|debug\\w*|scripts?|sql|api|regex|python|"
             "javascript|typescript|java|rust|golang|c\\+\\+|unit tests?|refactor\\w*|"
             "program\\w*|compile\\w*)\\b"_s),
        rule(u"Business"_s, u"\\b(e-?mails?|memos?|letters?|meetings?|reports?|proposals?|status updates?|"
                            "invoices?|clients?|stakeholders?|agenda|business|cover letter|resume|cv)\\b"_s),
        rule(u"Translation"_s, u"\\btranslat\\w*\\b"_s),
        rule(u"Education"_s,
             u"\\b(lessons?|quiz\\w*|teach\\w*|students?|course|exercises?|flashcards?|homework|"
             "explain\\w*|learn\\w*)\\b"_s),
        rule(u"Writing"_s, u"\\b(stor(?:y|ies)|poems?|essays?|blog\\w*|articles?|posts?|novels?|lyrics|"
                           "chapters?|haikus?|scripts?|speech)\\b"_s),
        rule(u"Analysis"_s,
             u"\\b(summar\\w*|analy[sz]\\w*|compar\\w*|reviews?|pros and cons|swot|evaluat\\w*|"
             "data)\\b"_s),
        rule(u"Planning"_s,
             u"\\b(plans?|planning|itinerar\\w*|schedules?|checklists?|roadmaps?|outline)\\b"_s),
    };
    for (const Rule& r : rules)
        if (r.re.match(request).hasMatch())
            return r.category;
    return u"General"_s;
}

QString shorten(const QString& text, qsizetype maxChars) {
    const QString one = text.simplified();
    if (one.size() <= maxChars)
        return one;
    qsizetype cut = one.lastIndexOf(u' ', maxChars - 1);
    if (cut < maxChars / 2)
        cut = maxChars - 1;
    return one.left(cut).trimmed() + u"\u2026"_s;
}

} // namespace pc::PromptText
