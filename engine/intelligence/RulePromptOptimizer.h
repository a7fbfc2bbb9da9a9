#pragma once

#include "Messages.h"
#include "OptimizationOutcome.h"

#include <QCoreApplication>
#include <QString>

namespace pc {

// Improves a prompt without a model. It looks for what a good prompt states (role, task,
// context, audience, output format, length, constraints), for vague words ("stuff", "things",
// "good", "some", a bare "about X") and for several questions asked at once, then rewrites the
// prompt into labelled sections. What it cannot know stays visible as a labelled placeholder,
// such as `[audience: who will read this?]`, and is listed in the suggestions.
//   Enhancement: every section, vague words marked, questions split.
//   Clarity:     unambiguous wording and structure: direct instruction, vague words marked,
//                questions split, stated parts moved into their sections; no new sections.
//   Specificity: audience, format, length, constraints and an example; the task wording is kept.
// Stateless and const.
class RulePromptOptimizer {
    Q_DECLARE_TR_FUNCTIONS(RulePromptOptimizer)

public:
    [[nodiscard]] OptimizationOutcome optimize(const QString& prompt, OptimizationType type) const;
};

} // namespace pc
