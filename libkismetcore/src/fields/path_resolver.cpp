// Path splitting and resolution shared by field specs, regex filters and free-text search.
#include "path_resolver.h"

namespace kismetcore::fields::path_resolver {

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> components;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) components.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return components;
}

const RecordSchema* leaf_schema(const ValueShape& shape) noexcept {
    const ValueShape* current = &shape;
    while (current->kind == ValueShape::Kind::vector || current->kind == ValueShape::Kind::map)
        current = current->element.get();
    return current->kind == ValueShape::Kind::record ? current->schema : nullptr;
}

std::vector<const FieldDescriptor*> resolve(const std::vector<std::string_view>& components, const RecordSchema& root,
                                            bool through_containers) {
    std::vector<const FieldDescriptor*> path;
    const RecordSchema* scope = &root;
    for (std::size_t i = 0; i < components.size(); ++i) {
        const FieldDescriptor* field = scope != nullptr ? scope->find(components[i]) : nullptr;
        if (field == nullptr) return {};
        path.push_back(field);
        if (i + 1 == components.size()) break;
        if (field->is_computed_scalar()) return {};
        if (field->shape.kind == ValueShape::Kind::record)
            scope = field->shape.schema;
        else if (through_containers)
            scope = leaf_schema(field->shape);
        else
            return {};
    }
    return path;
}

}  // namespace kismetcore::fields::path_resolver
