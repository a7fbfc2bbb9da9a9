#pragma once

#include "chat/MessageLayout.h"

#include <QHash>
#include <QString>

#include <list>
#include <memory>

namespace pc {

// The delegate's bounded layout cache: laid-out documents for the rows seen last, least recently
// used first out, at most capacity() documents in all (a row with its reasoning open holds two).
//
// A layout is valid for (id, revision, width). The cache keeps one layout per id: a stale revision
// is never asked for again, so a streaming answer replaces its entry instead of filling the cache
// with one entry per delta. take() hands out the layout of the same revision at another width too,
// so that a resize re-wraps documents instead of rebuilding them.
class MessageLayoutCache final {
public:
    static constexpr int DefaultCapacity = 64;

    explicit MessageLayoutCache(int capacity = DefaultCapacity);

    // The layout for exactly (id, revision, width), or null. Marks it recently used.
    [[nodiscard]] MessageLayout* find(const QString& id, int revision, int width);
    // Removes and returns the layout of id when it has this revision (any width), or null.
    [[nodiscard]] std::unique_ptr<MessageLayout> take(const QString& id, int revision);
    // Stores layout as the most recently used; evicts the least recently used beyond capacity.
    MessageLayout* insert(const QString& id, std::unique_ptr<MessageLayout> layout);
    void clear();

    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] int documentCount() const { return m_documents; }
    [[nodiscard]] int size() const { return int(m_entries.size()); }

private:
    struct Entry {
        QString id;
        std::unique_ptr<MessageLayout> layout;
    };
    using List = std::list<Entry>;

    void evict();

    int m_capacity;
    int m_documents = 0;
    List m_entries; // most recently used first
    QHash<QString, List::iterator> m_index;
};

} // namespace pc
