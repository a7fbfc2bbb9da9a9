#pragma once

#include <QImage>
#include <QTextDocument>

namespace pc {

// A QTextDocument for text we do not trust (model output). It loads nothing: every resource it is
// asked for (remote or local image, style sheet, anything) is answered with a placeholder, so
// Qt's default resource provider and the image handler's file loading never run.
class InertTextDocument final : public QTextDocument {
    Q_OBJECT

public:
    explicit InertTextDocument(QObject* parent = nullptr);

    // How many resources were asked for and refused (tests; no network or disk was touched).
    [[nodiscard]] int refusedResourceCount() const { return m_refused; }

    // The small "image not loaded" picture drawn where a model's image would be.
    [[nodiscard]] static QImage placeholderImage();

protected:
    QVariant loadResource(int type, const QUrl& name) override;

private:
    int m_refused = 0;
};

} // namespace pc
