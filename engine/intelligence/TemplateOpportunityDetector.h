#pragma once

#include "ConversationTurn.h"
#include "Messages.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pc {

// Decides, without a model, whether a conversation holds a request worth keeping as a template,
// and says why. Stateless and const, so one instance may serve every session and thread.
class TemplateOpportunityDetector {
    Q_DECLARE_TR_FUNCTIONS(TemplateOpportunityDetector)

public:
    // Signal ids, as they appear in Detection::firedSignals.
    static constexpr char16_t RepeatedStructure[] = u"repeated_structure"; // two+ requests of one shape
    static constexpr char16_t Keywords[] = u"keywords";           // template/format/steps/write a ... for
    static constexpr char16_t FillInValues[] = u"fill_in_values"; // "name: X", "for the X", "in 100 words"
    static constexpr char16_t Length[] = u"length";               // a detailed request

    struct Detection {
        bool worthy = false;
        // title, description, category, confidence (0..1) and reasoning naming the signals that fired;
        // ready for `template_opportunity`.
        TemplateSuggestion suggestion;
        QStringList firedSignals; // in the order of the ids above
        // Stable for one distinct suggestion while the conversation grows: send each one once.
        QString fingerprint;
        qsizetype definingTurn = -1;   // index into the turns of the request the suggestion is about
        QList<qsizetype> requestTurns; // the requests that made it (defining first, then similar ones)
        QStringList messageIds;        // their message ids
    };

    [[nodiscard]] Detection detect(const QList<ConversationTurn>& turns) const;
};

} // namespace pc
