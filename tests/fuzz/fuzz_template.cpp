// Template parsing, validation and rendering: the input is a template document, its own variables'
// defaults and a value that contains the input again are used to render it.
#include "TemplateFormat.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto tmpl = pc::TemplateFormat::fromJson(bytes);
    if (!tmpl.ok()) {
        (void)pc::TemplateFormat::placeholders(QString::fromUtf8(bytes));
        return 0;
    }
    QHash<QString, QString> values;
    for (const pc::TemplateVariable& v : tmpl->variables)
        values.insert(v.name, QString::fromUtf8(bytes.left(64)));
    (void)pc::TemplateFormat::render(tmpl.value(), values);
    (void)pc::TemplateFormat::render(tmpl.value(), {});
    (void)pc::TemplateFormat::toJson(tmpl.value());
    return 0;
}
