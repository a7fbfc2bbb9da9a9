#pragma once

#include "CompletionTypes.h"

#include <QObject>

namespace pc {

// One request for an answer, in flight. Emits any number of deltas, then exactly one of finished()
// or failed(), always asynchronously (never from inside the call that created it). After cancel()
// it emits nothing more. The receiver deletes it (deleteLater) once it has ended.
class CompletionJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void cancel() = 0;

Q_SIGNALS:
    void delta(const QString& text);
    void reasoningDelta(const QString& text);
    void finished(const pc::Completion& completion);
    void failed(const pc::CompletionFailure& failure);
};

} // namespace pc
