#pragma once

#include "Messages.h"
#include "dialogs/WordDiff.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QTextEdit;

namespace pc {

// The optimizer's answer: original and optimized prompt side by side with the changed words marked
// (removed words struck through on the left, added words highlighted on the right), the
// improvements and suggestions, and the confidence. "Use optimized" hands the new prompt back.
class PromptOptimizerDialog final : public QDialog {
    Q_OBJECT

public:
    explicit PromptOptimizerDialog(QWidget* parent = nullptr);

    void setResult(const OptimizationResult& result);
    [[nodiscard]] QString optimizedPrompt() const { return m_result.optimizedPrompt; }
    [[nodiscard]] const QList<WordDiff::Span>& spans() const { return m_spans; }

    [[nodiscard]] QTextEdit* originalView() const { return m_original; }
    [[nodiscard]] QTextEdit* optimizedView() const { return m_optimized; }
    [[nodiscard]] QListWidget* improvementsList() const { return m_improvements; }
    [[nodiscard]] QListWidget* suggestionsList() const { return m_suggestions; }
    [[nodiscard]] QLabel* confidenceLabel() const { return m_confidence; }
    [[nodiscard]] QPushButton* useButton() const { return m_use; }

Q_SIGNALS:
    void useOptimized(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void renderDiff();
    void showResultTexts();

    OptimizationResult m_result;
    bool m_hasResult = false;
    QList<WordDiff::Span> m_spans;
    QTextEdit* m_original;
    QTextEdit* m_optimized;
    QListWidget* m_improvements;
    QListWidget* m_suggestions;
    QLabel* m_confidence;
    QLabel* m_source;
    QPushButton* m_use;
    QPushButton* m_keep = nullptr;
    QLabel* m_originalTitle = nullptr;
    QLabel* m_optimizedTitle = nullptr;
    QLabel* m_improvementsTitle = nullptr;
    QLabel* m_suggestionsTitle = nullptr;
};

} // namespace pc
