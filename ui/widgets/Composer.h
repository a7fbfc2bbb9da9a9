#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace pc {

// Where the user writes. Enter sends, Shift+Enter starts a new line; while an answer is being
// generated the Send button becomes Stop (Esc stops too). When not connected a hint says the
// message will be sent when the connection is back (the outbox keeps it). Plain signals out.
class Composer final : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    [[nodiscard]] QString draft() const;
    void setDraft(const QString& text);

    void setGenerating(bool generating);
    [[nodiscard]] bool isGenerating() const { return m_generating; }
    void setConnected(bool connected);
    [[nodiscard]] bool isConnected() const { return m_connected; }

    void focusEditor();
    [[nodiscard]] QPlainTextEdit* editor() const { return m_editor; }
    [[nodiscard]] QPushButton* sendButton() const { return m_send; }
    [[nodiscard]] QPushButton* optimizeButton() const { return m_optimize; }
    [[nodiscard]] QPushButton* templateButton() const { return m_template; }
    [[nodiscard]] QLabel* hintLabel() const { return m_hint; }

Q_SIGNALS:
    // Trimmed, non-empty, within the protocol's length limit. The editor is cleared.
    void sendRequested(const QString& text);
    void stopRequested();
    void optimizeRequested(const QString& text);
    void insertTemplateRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Every text, again after a QEvent::LanguageChange.
    void retranslateUi();
    void send();
    void sendOrStop();
    void updateState();
    void updateEditorHeight();
    void updateIcons();

    QPlainTextEdit* m_editor;
    QPushButton* m_template;
    QPushButton* m_optimize;
    QLabel* m_hint;
    QLabel* m_counter;
    QPushButton* m_send;
    bool m_generating = false;
    bool m_connected = true;
};

} // namespace pc
