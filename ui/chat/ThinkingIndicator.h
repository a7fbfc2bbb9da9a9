#pragma once

#include <QTimer>
#include <QWidget>

namespace pc {

// "PromptCraft is thinking…" with three pulsing dots, shown while an answer is awaited and no text
// has arrived yet. Animates only while visible.
class ThinkingIndicator final : public QWidget {
    Q_OBJECT

public:
    explicit ThinkingIndicator(QWidget* parent = nullptr);

    // Replaces the default text (which follows the UI language) for good.
    void setText(const QString& text);
    [[nodiscard]] static QString defaultText();
    [[nodiscard]] QString text() const { return m_text; }
    [[nodiscard]] int phase() const { return m_phase; }
    [[nodiscard]] bool isAnimating() const { return m_timer.isActive(); }

    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    bool m_customText = false;
    QString m_text;
    QTimer m_timer;
    int m_phase = 0;
};

} // namespace pc
