#include "RulePromptOptimizer.h"

#include "PromptText.h"

#include <QRegularExpression>

#include <algorithm>

namespace pc {

namespace {
using namespace Qt::Literals::StringLiterals;

constexpr double BaseConfidence = 0.1;
constexpr double CompletenessWeight = 0.85;
constexpr double VaguePenalty = 0.05;
constexpr double MinConfidence = 0.05;
constexpr double MaxConfidence = 0.95;
constexpr qsizetype MaxTopicChars = 40;

QRegularExpression ci(const QString& pattern) {
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
}

const QString& taskVerbs() {
    static const QString verbs =
        u"write|create|compose|draft|generate|make|produce|give|list|explain|describe|summari[sz]e|translate|"
        "compare|analy[sz]e|review|edit|rewrite|fix|debug|plan|design|build|suggest|recommend|outline|help|"
        "find|"
        "calculate|convert|tell|show|teach|brainstorm|prepare|propose|evaluate|improve|refactor|implement|"
        "answer|"
        "define|classify|extract|check|proofread|identify|estimate|simplify|shorten|expand|name|rank|sort|"
        "organi[sz]e|format|respond|reply|research|predict|solve|prove|paraphrase|critique|assess|draw|code"_s;
    return verbs;
}

const QRegularExpression& roleSentence() {
    static const QRegularExpression re = ci(
        u"^\\s*(?:you are|you're|act as|acting as|pretend (?:to be|you are)|imagine you are|play the role of|"
        "take the role of|role\\s*:)"_s);
    return re;
}
const QRegularExpression& rolePhrase() {
    static const QRegularExpression re = ci(u"^\\s*as (an? [^,.;:!?]{2,60}),\\s*(.+)$"_s);
    return re;
}
const QRegularExpression& audienceRe() {
    static const QRegularExpression re = ci(
        u"\\b(?:audience|readers?|readership|aimed at|targeted at|eli5|explain (?:it )?like "
        u"i'?m|non-technical|"
        "layperson|laypeople|(?:for|to)\\s+(?:[\\w-]+\\s+){0,3}(?:beginners|novices|experts|kids|children|"
        "students|"
        "pupils|teenagers|teens|developers|engineers|executives|managers|customers|clients|parents|teachers|"
        "professionals|users|investors|stakeholders|newcomers|seniors|adults|team|boss|manager|colleagues?|"
        "class|"
        "board|followers|subscribers|employees|staff|readers|audience|people))\\b"_s);
    return re;
}
const QRegularExpression& formatRe() {
    static const QRegularExpression re = ci(
        u"\\b(?:list|bullets?|bulleted|bullet points?|numbered|table|json|markdown|csv|yaml|xml|html|code "
        u"block|"
        "headings?|sections?|paragraphs?|essay|e-?mail|letter|tweet|thread|poem|haiku|script|outline|slides?|"
        "report|summary|step[- ]by[- ]step|faq|q&a|memo|article|blog post|story|diagram|chart|template|"
        "format(?:ted)?|function|class|program|recipe|itinerary|checklist|cover letter|speech|song|limerick)\\b"_s);
    return re;
}
const QRegularExpression& lengthRe() {
    static const QRegularExpression re = ci(
        u"\\b(?:\\d+\\s*-?\\s*(?:words?|sentences?|paragraphs?|pages?|bullets?|bullet points?|items?|lines?|"
        "characters?|tweets?|slides?|minutes?|points?|tips?|ideas?|examples?|steps?|questions?|reasons?)|"
        "short|"
        "shorter|brief|briefly|concise|concisely|long|lengthy|detailed|in-depth|one[- ]page|one paragraph|a "
        "paragraph|one sentence|a sentence|tl;?dr|under \\d+|at most|no more than|at least|maximum|minimum|"
        "haiku|tweet|limerick|one-liner)\\b"_s);
    return re;
}
const QRegularExpression& constraintRe() {
    static const QRegularExpression re = ci(
        u"\\b(?:must|should|shouldn't|avoid|don't|do not|never|without|only|exclude|make "
        u"sure|ensure|tone|style|"
        "formal|informal|casual|friendly|professional|humorous|funny|serious|playful|cite|sources?|use "
        "simple|"
        "keep it|no jargon|plain (?:language|english)|include|mention|in (?:british|american) english)\\b"_s);
    return re;
}
const QRegularExpression& contextRe() {
    static const QRegularExpression re = ci(
        u"\\b(?:i am|i'm|we are|we're|i have|we have|i've|we've|because|since|background|context|"
        "currently|so that|in order to|i need|we need|i want|i work|we work|i run|we run|i'll be|we'll be)\\b"_s);
    return re;
}
const QRegularExpression& exampleRe() {
    static const QRegularExpression re =
        ci(u"(?:\\bfor example\\b|\\be\\.g\\.|\\bfor instance\\b|\\bsuch as\\b|"
           "\\bexamples?\\s*:|\\blike this\\b)"_s);
    return re;
}
const QRegularExpression& taskStart() {
    static const QRegularExpression re =
        ci(u"^\\s*(?:(?:please|kindly|now|then|also|and)\\s+)*(?:"_s + taskVerbs() + u")\\b"_s);
    return re;
}
// "Can you write ...?", "Please could you list ..." -> the instruction itself.
const QRegularExpression& politeWrapper() {
    static const QRegularExpression re =
        ci(u"^\\s*(?:(?:please|kindly)\\s*,?\\s*)?(?:(?:can|could|would|will) you(?: please)?|please|kindly|"
           "i (?:want|need|would like|'d like) you to|i'd like you to)\\s+(?=(?:"_s +
           taskVerbs() + u")\\b)"_s);
    return re;
}

struct Vague {
    QRegularExpression re;
    enum class Kind { Noun, Amount, Quality, Hedge } kind;
};

const QList<Vague>& vagueWords() {
    static const QList<Vague> list{
        {ci(u"\\b(?:stuff|things|thing|something|anything|whatever)\\b|\\betc\\b\\.?|\\band so on\\b"_s),
         Vague::Kind::Noun},
        {ci(u"\\b(?:some|a few|several|many|a lot of|lots of|various|a number of)\\b(?!\\s+\\d)"_s),
         Vague::Kind::Amount},
        {ci(u"\\b(?:good|nice|great|better|best|interesting|cool|awesome|proper|appropriate|decent|nice-looking)\\b"_s),
         Vague::Kind::Quality},
        {ci(u"\\b(?:kind of|sort of|basically|somewhat|more or less)\\s*"_s), Vague::Kind::Hedge},
    };
    return list;
}

struct Sentence {
    QString text;
    bool newLine = false; // began a line in the prompt
};

struct Analysis {
    QList<Sentence> role, task, context, audience, format, length, constraints;
    QString rolePhrase; // from "As a historian, explain ..."
    bool hasTaskVerb = false;
    bool hasContext = false;
    bool hasAudience = false;
    bool hasFormat = false;
    bool hasLength = false;
    bool hasConstraints = false;
    bool hasExamples = false;
};

QList<Sentence> splitSentences(const QString& text) {
    QList<Sentence> out;
    static const QRegularExpression end(u"(?<=[.!?])\\s+(?=\\S)"_s);
    const QStringList lines = text.split(u'\n');
    for (const QString& line : lines) {
        bool first = true;
        for (const QString& part : line.split(end, Qt::SkipEmptyParts)) {
            const QString s = part.trimmed();
            if (s.isEmpty())
                continue;
            out.append({s, first && !out.isEmpty()});
            first = false;
        }
    }
    return out;
}

bool isTaskSentence(const QString& s) {
    return taskStart().match(s).hasMatch() || politeWrapper().match(s).hasMatch() || s.endsWith(u'?');
}

Analysis analyse(const QString& text) {
    Analysis a;
    a.hasAudience = audienceRe().match(text).hasMatch();
    a.hasFormat = formatRe().match(text).hasMatch();
    a.hasLength = lengthRe().match(text).hasMatch();
    a.hasConstraints = constraintRe().match(text).hasMatch();
    a.hasContext = contextRe().match(text).hasMatch();
    a.hasExamples = exampleRe().match(text).hasMatch();

    bool taskSeen = false;
    for (Sentence s : splitSentences(text)) {
        if (roleSentence().match(s.text).hasMatch()) {
            a.role.append(s);
            continue;
        }
        if (const QRegularExpressionMatch m = rolePhrase().match(s.text);
            m.hasMatch() && a.rolePhrase.isEmpty()) {
            a.rolePhrase = m.captured(1).trimmed();
            s.text = m.captured(2).trimmed();
        }
        if (isTaskSentence(s.text)) {
            a.hasTaskVerb = true; // an instruction, a request or a question to answer
            a.task.append(s);
            taskSeen = true;
            continue;
        }
        // Supporting sentences go to their own section; anything else stays with the task.
        static const QRegularExpression aboutTheUser = ci(u"^\\s*(?:i|we|my|our)\\b"_s);
        if (contextRe().match(s.text).hasMatch() || aboutTheUser.match(s.text).hasMatch()) {
            a.context.append(s);
            a.hasContext = true;
        } else if (audienceRe().match(s.text).hasMatch()) {
            a.audience.append(s);
        } else if (formatRe().match(s.text).hasMatch() && taskSeen) {
            a.format.append(s); // often states the length too: "a code block, under 40 lines"
        } else if (lengthRe().match(s.text).hasMatch()) {
            a.length.append(s);
        } else if (constraintRe().match(s.text).hasMatch() && taskSeen) {
            a.constraints.append(s);
        } else {
            a.task.append(s);
        }
    }
    return a;
}

QString joined(const QList<Sentence>& sentences) {
    QString out;
    for (const Sentence& s : sentences) {
        if (!out.isEmpty())
            out += s.newLine ? u"\n"_s : u" "_s;
        out += s.text;
    }
    return out;
}

// Applies `edit` to the parts of `text` outside `[...]` placeholders, so nothing we insert is edited again.
template <class Edit> QString outsidePlaceholders(const QString& text, Edit edit) {
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'[', pos);
        const qsizetype close = open < 0 ? -1 : text.indexOf(u']', open);
        if (open < 0 || close < 0) {
            out += edit(text.mid(pos));
            break;
        }
        out += edit(text.mid(pos, open - pos));
        out += QStringView(text).mid(open, close + 1 - open);
        pos = close + 1;
    }
    return out;
}

QString capitalizeFirst(QString s) {
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i).isLetter()) {
            s[i] = s.at(i).toUpper();
            break;
        }
        if (!s.at(i).isSpace() && s.at(i) != u'"' && s.at(i) != u'\u201c')
            break; // a placeholder or a digit first: leave it alone
    }
    return s;
}

QString withEnding(QString s) {
    s = s.trimmed();
    if (!s.isEmpty() && !QStringView(u".!?:").contains(s.back()))
        s += u'.';
    return s;
}

// Who should answer, as a noun phrase ("an experienced writer"), from the domain of the task.
QString inferredRole(const QString& text) {
    struct Rule {
        QRegularExpression re;
        const char* role;
    };
    static const QList<Rule> rules{
        {ci(u"\\b(?:code|coding|function|bug|program\\w*|script|sql|api|python|javascript|typescript|regex|"
            "compile\\w*|refactor\\w*|database|c\\+\\+|rust|java)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "a senior software engineer")},
        {ci(u"\\b(?:product "
            u"descriptions?|marketing|advert\\w*|ads?|slogans?|taglines?|campaigns?|seo|brand\\w*|"
            "sales|landing pages?)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "an experienced marketing copywriter")},
        {ci(u"\\b(?:e-?mails?|letters?|memos?|proposals?|meetings?|cover letters?|resumes?|business)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "a professional business writer")},
        {ci(u"\\btranslat\\w*\\b"_s), QT_TRANSLATE_NOOP("RulePromptOptimizer", "a professional translator")},
        {ci(u"\\b(?:explain\\w*|teach\\w*|lessons?|students?|learn\\w*|quiz\\w*|homework)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "a patient teacher who explains things clearly")},
        {ci(u"\\b(?:stor(?:y|ies)|poems?|novels?|lyrics|fiction|haikus?|characters?|limericks?)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "a creative writer")},
        {ci(u"\\b(?:summar\\w*|analy[sz]\\w*|compar\\w*|data|research\\w*|evaluat\\w*|reviews?|assess\\w*)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "a careful analyst")},
        {ci(u"\\b(?:write|writing|articles?|blog\\w*|essays?|posts?|content)\\b"_s),
         QT_TRANSLATE_NOOP("RulePromptOptimizer", "an experienced writer")},
    };
    for (const Rule& r : rules)
        if (r.re.match(text).hasMatch())
            return QCoreApplication::translate("RulePromptOptimizer", r.role);
    return {};
}

} // namespace

OptimizationOutcome RulePromptOptimizer::optimize(const QString& prompt, OptimizationType type) const {
    OptimizationOutcome out;
    const QString text = prompt.trimmed();
    if (text.isEmpty()) {
        out.suggestions.append(tr("Write the request you want to improve first."));
        return out;
    }

    const bool enhancement = type == OptimizationType::Enhancement;
    const bool specificity = type == OptimizationType::Specificity;
    const bool rewordTask = !specificity;

    Analysis a = analyse(text);
    QStringList& improvements = out.improvements;
    QStringList& suggestions = out.suggestions;
    int vagueCount = 0;

    // ---- the task ----
    QList<Sentence> task = a.task;
    bool madeDirect = false;
    bool madeTextType = false;
    bool addedAngle = false;
    QStringList replacedWords;
    QStringList removedHedges;
    QStringList vagueForUser;
    for (Sentence& s : task) {
        QString t = s.text;
        if (rewordTask) {
            if (const QRegularExpressionMatch m = politeWrapper().match(t); m.hasMatch()) {
                t = t.mid(m.capturedEnd());
                if (t.endsWith(u'?'))
                    t.chop(1);
                madeDirect = true;
            }
            // "Write (something) about X" names no kind of text.
            static const QRegularExpression writeAbout = ci(
                u"\\b(write|create|make|produce|generate|compose)\\s+(?:(?:something|stuff|things|some)\\s+)?"
                "(?=about\\b)"_s);
            if (const QRegularExpressionMatch m = writeAbout.match(t); m.hasMatch()) {
                t.replace(m.capturedStart(), m.capturedLength(),
                          m.captured(1) + u' ' + tr("[text type: e.g. an article, a story, a guide?]") +
                              u' ');
                madeTextType = true;
            }
        }

        for (const Vague& v : vagueWords()) {
            t = outsidePlaceholders(t, [&](const QString& part) {
                QString result;
                qsizetype pos = 0;
                for (auto it = v.re.globalMatch(part); it.hasNext();) {
                    const QRegularExpressionMatch m = it.next();
                    const QString word = m.captured(0).trimmed();
                    ++vagueCount;
                    if (!rewordTask) {
                        vagueForUser.append(word);
                        continue;
                    }
                    result += QStringView(part).mid(pos, m.capturedStart() - pos);
                    switch (v.kind) {
                    case Vague::Kind::Noun:
                        result += tr("[specifics: what exactly do you mean by \u201c%1\u201d?]").arg(word);
                        replacedWords.append(word);
                        break;
                    case Vague::Kind::Amount:
                        result += tr("[amount: how many or how much?]");
                        replacedWords.append(word);
                        break;
                    case Vague::Kind::Quality:
                        result +=
                            tr("[quality: what should \u201c%1\u201d mean here, e.g. persuasive, concise, "
                               "accurate?]")
                                .arg(word);
                        replacedWords.append(word);
                        break;
                    case Vague::Kind::Hedge:
                        removedHedges.append(word);
                        break;
                    }
                    pos = m.capturedEnd();
                }
                result += QStringView(part).mid(pos);
                return result;
            });
        }

        // A bare "about X" gives a topic but no angle.
        static const QRegularExpression focusWords = ci(
            u"\\b(?:focus\\w*|specifically|especially|aspects?|angle|in particular|covering|emphasi[sz]\\w*|"
            "highlighting)\\b"_s);
        static const QRegularExpression about =
            ci(u"\\babout\\s+(?!\\d)((?:the\\s+)?[\\w'-]+(?:\\s+[\\w'-]+){0,4})"_s);
        if (rewordTask && !addedAngle && !focusWords.match(text).hasMatch()) {
            if (const QRegularExpressionMatch m = about.match(t); m.hasMatch()) {
                QString topic = m.captured(1);
                static const QRegularExpression stop =
                    ci(u"\\s+(?:for|in|to|with|and|that|which|so|but|as)\\b.*$"_s);
                topic.remove(stop);
                topic = PromptText::shorten(topic, MaxTopicChars);
                QString body = t.trimmed();
                QChar ending;
                if (!body.isEmpty() && QStringView(u".!?").contains(body.back())) {
                    ending = body.back();
                    body.chop(1);
                }
                t = body + tr(", focusing on [angle: which aspect of %1 matters most?]").arg(topic) +
                    (ending.isNull() ? QString() : QString(ending));
                addedAngle = true;
            }
        }
        s.text = withEnding(capitalizeFirst(t.simplified()));
    }
    if (madeDirect)
        improvements.append(tr("Turned the request into a direct instruction, so the model does the task "
                               "instead of answering whether it can."));
    if (madeTextType)
        improvements.append(
            tr("\u201cWrite about\u201d names no kind of text; added a placeholder for the type "
               "of text you want."));
    if (addedAngle)
        improvements.append(
            tr("\u201cAbout\u201d gives a topic but no angle; added a placeholder for the aspect "
               "to focus on, which keeps the answer from being generic."));
    replacedWords.removeDuplicates();
    if (!replacedWords.isEmpty())
        improvements.append(
            tr("Replaced vague wording (%1) with placeholders that ask what exactly is meant.")
                .arg(replacedWords.join(u", ")));
    removedHedges.removeDuplicates();
    if (!removedHedges.isEmpty())
        improvements.append(
            tr("Removed hedging (%1), which blurs the instruction.").arg(removedHedges.join(u", ")));
    vagueForUser.removeDuplicates();
    if (!vagueForUser.isEmpty())
        suggestions.append(tr("Replace vague wording (%1) with specifics.").arg(vagueForUser.join(u", ")));

    // Several questions at once: one per line, so none is skipped.
    QString taskText;
    {
        QStringList questions;
        QList<Sentence> rest;
        for (const Sentence& s : std::as_const(task)) {
            static const QRegularExpression andQuestion = ci(
                u"^(.+?)(?:,\\s*)?\\s+and\\s+((?:what|how|why|when|where|who|which|is|are|can|could|do|does|"
                "should|would|will)\\b.+\\?)$"_s);
            if (!s.text.endsWith(u'?')) {
                rest.append(s);
                continue;
            }
            if (const QRegularExpressionMatch m = andQuestion.match(s.text); m.hasMatch() && rewordTask) {
                questions.append(capitalizeFirst(m.captured(1).trimmed()) + u'?');
                questions.append(capitalizeFirst(m.captured(2).trimmed()));
            } else {
                questions.append(s.text);
            }
        }
        if (questions.size() >= 2 && rewordTask) {
            ++vagueCount;
            QStringList lines;
            if (!rest.isEmpty())
                lines.append(joined(rest));
            lines.append(tr("Answer each question separately:"));
            for (qsizetype i = 0; i < questions.size(); ++i)
                lines.append(u"%1. %2"_s.arg(i + 1).arg(questions.at(i)));
            taskText = lines.join(u'\n');
            improvements.append(tr("Split %1 questions into a numbered list so each one gets its own answer.")
                                    .arg(questions.size()));
        } else {
            taskText = joined(task);
        }
    }
    if (!a.hasTaskVerb) {
        if (rewordTask) {
            taskText =
                tr("[goal: what should the model do, e.g. write, explain, list, compare?]") + u' ' + taskText;
            improvements.append(
                tr("The prompt states no action; added a placeholder for what the model should do."));
        } else {
            suggestions.append(tr("Say what the model should do (write, explain, list, compare ...)."));
        }
    }
    if (taskText.isEmpty())
        taskText = tr("[task: what should the model produce?]");

    // ---- sections ----
    QStringList lines;
    double known = 0;
    double total = 0;
    const auto section = [&](const QString& label, const QString& content) {
        if (!content.isEmpty())
            lines.append(label + u": "_s + content);
    };

    // Role
    total += 1;
    QString role = joined(a.role);
    if (role.isEmpty() && !a.rolePhrase.isEmpty())
        role = tr("You are %1.").arg(a.rolePhrase);
    if (!role.isEmpty()) {
        known += 1;
        if (!a.rolePhrase.isEmpty())
            improvements.append(tr("Moved the role (%1) into its own section.").arg(a.rolePhrase));
    } else if (enhancement) {
        const QString inferred = inferredRole(text);
        if (!inferred.isEmpty()) {
            known += 0.5;
            role = tr("You are %1.").arg(inferred);
            improvements.append(
                tr("Added a role inferred from the task (%1) so the model answers with the right "
                   "expertise and voice; change it if another expert fits better.")
                    .arg(inferred));
        } else {
            role = tr("[role: who should answer, e.g. an experienced editor or a senior engineer?]");
            improvements.append(tr("Added a role placeholder: a stated role sets the expertise and voice."));
            suggestions.append(tr("Say who the model should be (an editor, a lawyer, a teacher ...)."));
        }
    } else {
        suggestions.append(tr("Consider giving the model a role (an editor, a lawyer, a teacher ...)."));
    }
    section(tr("Role"), role);

    // Task
    total += 1;
    known += a.hasTaskVerb ? (madeTextType ? 0.5 : 1.0) : 0.0;
    section(tr("Task"), taskText);

    // Context, audience, format, length, constraints: a stated sentence keeps its own section; a part
    // stated inside the task needs nothing more; a missing part gets a placeholder (or a suggestion).
    struct Part {
        QString label;
        const QList<Sentence>* sentences;
        bool present;
        bool wanted; // placeholder in this optimization type
        QString placeholder;
        QString added;   // improvement when the placeholder is added
        QString missing; // suggestion when it is missing
    };
    const QList<Part> parts{
        {tr("Context"), &a.context, a.hasContext, enhancement,
         tr("[context: why do you need this, and what should the model know?]"),
         tr("Added a Context section: background keeps the answer relevant to your situation."),
         tr("Add background: why you need this and what the model should know.")},
        {tr("Audience"), &a.audience, a.hasAudience, enhancement || specificity,
         tr("[audience: who will read this?]"),
         tr("Added an Audience section: who reads the answer decides its depth, tone and vocabulary."),
         tr("Say who will read it, so the depth and tone fit.")},
        {tr("Format"), &a.format, a.hasFormat, enhancement || specificity,
         tr("[format: e.g. headings and paragraphs, a bulleted list, a table?]"),
         tr("Added a Format section: a stated shape (list, table, sections) makes the answer usable as is."),
         tr("Choose an output format (a list, a table, sections with headings ...).")},
        {tr("Length"), &a.length, a.hasLength, enhancement || specificity,
         tr("[length: e.g. about 300 words, or 5 bullet points?]"),
         tr("Added a Length section: without one the model guesses how much to write."),
         tr("Give a target length (words, bullet points, paragraphs).")},
        {tr("Constraints"), &a.constraints, a.hasConstraints, enhancement || specificity,
         tr("[constraints: tone, points to include, things to avoid?]"),
         tr("Added a Constraints section for tone and what to include or avoid."),
         tr("Add constraints: tone, points that must be included, things to avoid.")},
    };
    for (const Part& p : parts) {
        total += 1;
        if (!p.sentences->isEmpty()) {
            known += 1;
            section(p.label, joined(*p.sentences));
            continue;
        }
        if (p.present) {
            known += 1;
            continue;
        }
        if (p.wanted) {
            section(p.label, p.placeholder);
            improvements.append(p.added);
        }
        suggestions.append(p.missing);
    }
    if (specificity) {
        if (!a.hasExamples) {
            section(tr("Examples"), tr("[example: paste or describe an output you would like]"));
            improvements.append(
                tr("Added an Examples section: one sample of the output you want is often the "
                   "most specific instruction of all."));
            suggestions.append(tr("Show an example of the output you want."));
        }
    }

    // A lone task needs no "Task:" label.
    out.optimizedPrompt = lines.size() == 1 && lines.constFirst().startsWith(tr("Task") + u": "_s)
                              ? taskText
                              : lines.join(u'\n');
    if (out.optimizedPrompt.trimmed() == text) {
        // Nothing was changed, so nothing may be claimed.
        improvements.clear();
        suggestions.prepend(
            tr("The rules found nothing to change; the prompt already states what they look for."));
    } else if (lines.size() >= 2) {
        improvements.append(
            tr("Organised the prompt into labelled sections so each requirement is explicit."));
    } else if (improvements.isEmpty()) {
        improvements.append(tr("Tidied the wording: capital letter and closing punctuation."));
    }
    if (out.optimizedPrompt.contains(u'['))
        suggestions.append(tr("Fill in or delete the bracketed placeholders before you send the prompt."));
    suggestions.removeDuplicates();

    const double completeness = total > 0 ? known / total : 0;
    out.confidence =
        std::clamp(BaseConfidence + CompletenessWeight * completeness - VaguePenalty * vagueCount,
                   MinConfidence, MaxConfidence);
    return out;
}

} // namespace pc
