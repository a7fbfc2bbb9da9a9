#include "chat/MessageLayoutCache.h"

namespace pc {

MessageLayoutCache::MessageLayoutCache(int capacity)
    : m_capacity(std::max(capacity, 2))
{}

MessageLayout* MessageLayoutCache::find(const QString& id, int revision, int width)
{
    const auto found = m_index.constFind(id);
    if (found == m_index.constEnd())
        return nullptr;
    const List::iterator it = *found;
    if (it->layout->revision != revision || it->layout->width != width)
        return nullptr;
    m_entries.splice(m_entries.begin(), m_entries, it);
    return it->layout.get();
}

std::unique_ptr<MessageLayout> MessageLayoutCache::take(const QString& id, int revision)
{
    const auto found = m_index.find(id);
    if (found == m_index.end())
        return nullptr;
    const List::iterator it = *found;
    m_index.erase(found);
    std::unique_ptr<MessageLayout> layout = std::move(it->layout);
    m_documents -= layout->documentCount();
    m_entries.erase(it);
    if (layout->revision != revision)
        return nullptr;
    return layout;
}

MessageLayout* MessageLayoutCache::insert(const QString& id, std::unique_ptr<MessageLayout> layout)
{
    if (const auto found = m_index.find(id); found != m_index.end()) {
        m_documents -= (*found)->layout->documentCount();
        m_entries.erase(*found);
        m_index.erase(found);
    }
    MessageLayout* raw = layout.get();
    m_documents += layout->documentCount();
    m_entries.push_front(Entry{id, std::move(layout)});
    m_index.insert(id, m_entries.begin());
    evict();
    return raw;
}

void MessageLayoutCache::clear()
{
    m_index.clear();
    m_entries.clear();
    m_documents = 0;
}

void MessageLayoutCache::evict()
{
    // Never the newest entry: the caller is about to paint it.
    while (m_documents > m_capacity && m_entries.size() > 1) {
        Entry& last = m_entries.back();
        m_documents -= last.layout->documentCount();
        m_index.remove(last.id);
        m_entries.pop_back();
    }
}

} // namespace pc
