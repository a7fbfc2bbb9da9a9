#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace pc {

// A word-level diff (longest common subsequence over words and the whitespace between them), for
// showing what the prompt optimizer changed. Bounded: the common head and tail are matched first,
// and when the middle would need more than MaxCells table cells it is shown as one removal and one
// addition instead.
class WordDiff final {
public:
    static constexpr qsizetype MaxCells = 4'000'000;

    struct Span {
        enum class Kind { Same, Removed, Added };
        Kind kind = Kind::Same;
        QString text;

        friend bool operator==(const Span&, const Span&) = default;
    };

    // Spans in reading order; Same and Removed spans spell `before`, Same and Added spell `after`.
    [[nodiscard]] static QList<Span> diff(const QString& before, const QString& after);
    // Words and runs of whitespace, in order; joined they give text back.
    [[nodiscard]] static QStringList tokenize(const QString& text);
};

} // namespace pc
