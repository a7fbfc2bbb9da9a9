#include "dialogs/WordDiff.h"

#include <cstdint>
#include <vector>

namespace pc {

namespace {

void append(QList<WordDiff::Span>& spans, WordDiff::Span::Kind kind, const QString& text)
{
    if (text.isEmpty())
        return;
    if (!spans.isEmpty() && spans.last().kind == kind)
        spans.last().text += text;
    else
        spans.append(WordDiff::Span{kind, text});
}

bool isBlank(const QString& text)
{
    for (const QChar c : text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// One change per region: whitespace matched between changed words joins the change, and each
// region reads as all its removed text, then all its added text.
QList<WordDiff::Span> coalesce(const QList<WordDiff::Span>& spans)
{
    using Kind = WordDiff::Span::Kind;
    QList<WordDiff::Span> out;
    QString removed;
    QString added;
    const auto flush = [&] {
        append(out, Kind::Removed, removed);
        append(out, Kind::Added, added);
        removed.clear();
        added.clear();
    };
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const WordDiff::Span& s = spans.at(i);
        const bool inChange = !removed.isEmpty() || !added.isEmpty();
        if (s.kind == Kind::Removed) {
            removed += s.text;
        } else if (s.kind == Kind::Added) {
            added += s.text;
        } else if (inChange && isBlank(s.text) && i + 1 < spans.size() &&
                   spans.at(i + 1).kind != Kind::Same) {
            removed += s.text;
            added += s.text;
        } else {
            flush();
            append(out, Kind::Same, s.text);
        }
    }
    flush();
    return out;
}

} // namespace

QStringList WordDiff::tokenize(const QString& text)
{
    QStringList tokens;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i).isSpace() != text.at(start).isSpace()) {
            tokens.append(text.mid(start, i - start));
            start = i;
        }
    }
    return tokens;
}

QList<WordDiff::Span> WordDiff::diff(const QString& before, const QString& after)
{
    using Kind = Span::Kind;
    const QStringList a = tokenize(before);
    const QStringList b = tokenize(after);
    QList<Span> spans;

    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    for (qsizetype i = 0; i < head; ++i)
        append(spans, Kind::Same, a.at(i));

    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n > 0 && m > 0 && n * m <= MaxCells) {
        // lcs[i][j]: the LCS length of a[head+i..] and b[head+j..]. min(n, m) <= sqrt(MaxCells) fits 16 bits.
        const auto width = size_t(m + 1);
        std::vector<std::uint16_t> lcs(size_t(n + 1) * width, 0);
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j) {
                const size_t at = size_t(i) * width + size_t(j);
                lcs[at] = a.at(head + i) == b.at(head + j) ? std::uint16_t(lcs[at + width + 1] + 1)
                                                           : std::max(lcs[at + width], lcs[at + 1]);
            }
        }
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < n && j < m) {
            if (a.at(head + i) == b.at(head + j)) {
                append(spans, Kind::Same, a.at(head + i));
                ++i;
                ++j;
            } else if (lcs[size_t(i + 1) * width + size_t(j)] >= lcs[size_t(i) * width + size_t(j + 1)]) {
                append(spans, Kind::Removed, a.at(head + i));
                ++i;
            } else {
                append(spans, Kind::Added, b.at(head + j));
                ++j;
            }
        }
        for (; i < n; ++i)
            append(spans, Kind::Removed, a.at(head + i));
        for (; j < m; ++j)
            append(spans, Kind::Added, b.at(head + j));
    } else {
        for (qsizetype i = 0; i < n; ++i)
            append(spans, Kind::Removed, a.at(head + i));
        for (qsizetype j = 0; j < m; ++j)
            append(spans, Kind::Added, b.at(head + j));
    }

    for (qsizetype i = a.size() - tail; i < a.size(); ++i)
        append(spans, Kind::Same, a.at(i));
    return coalesce(spans);
}

} // namespace pc
