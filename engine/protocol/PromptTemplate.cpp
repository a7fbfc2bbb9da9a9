#include "PromptTemplate.h"

namespace pc {

const TemplateVariable* PromptTemplate::variable(const QString& name) const
{
    for (const TemplateVariable& v : variables)
        if (v.name == name)
            return &v;
    return nullptr;
}

} // namespace pc
