// Kismet's json_adapter layout over typed records: the same punctuation, whitespace and quirks.
#include "json_emitter.h"

#include "json_text.h"

namespace kismetcore::fields {

void JsonEmitter::line_break() {
    if (style_.pretty) *out_ += "\r\n";
}

void JsonEmitter::indent(unsigned depth) {
    if (style_.pretty) out_->append(depth, ' ');
}

void JsonEmitter::open_object(unsigned depth) {
    line_break();
    indent(depth);
    *out_ += '{';
    line_break();
}

void JsonEmitter::object_entry(bool first, std::string_view name, std::string_view type_name,
                               std::string_view description, unsigned depth) {
    if (!first) {
        *out_ += ',';
        line_break();
        line_break();  // record fields are separated by an empty line in prettyjson
    }
    if (style_.pretty) {
        indent(depth);
        *out_ += "\"description.";
        json_text::append_escaped(*out_, name);
        *out_ += "\": \"";
        json_text::append_escaped(*out_, type_name);
        *out_ += ", ";
        json_text::append_escaped(*out_, description);
        *out_ += "\",";
        line_break();
    }
    indent(depth);
    *out_ += '"';
    json_text::append_escaped(*out_, name);
    *out_ += "\": ";
}

void JsonEmitter::close_object(unsigned depth) {
    line_break();
    indent(depth);
    *out_ += '}';
}

void JsonEmitter::write_record(const RecordSchema& schema, const void* record, unsigned depth) {
    open_object(depth);
    bool first = true;
    ScalarValue computed;
    for (const auto& field : schema.fields()) {
        const void* value = nullptr;
        if (field.is_computed_scalar()) {
            if (!field.compute(record, computed)) continue;
        } else {
            value = field.locate(record);
            if (value == nullptr) continue;  // a dynamic field not set yet
        }
        object_entry(first, style_.underscore_names ? field.underscored_name : field.name,
                     kismet_type_name(field.type()), field.description, depth);
        first = false;
        if (field.is_computed_scalar())
            json_text::append_scalar(*out_, computed);
        else if (memo_ != nullptr && field.retain != nullptr)
            write_shared(field, record, value, depth + 1);
        else
            write_value(field.shape, value, depth + 1);
    }
    close_object(depth);
}

void JsonEmitter::write_shared(const FieldDescriptor& field, const void* record, const void* value, unsigned depth) {
    if (const std::string* text = memo_->find(value, depth)) {
        *out_ += *text;
        return;
    }
    std::shared_ptr<const void> owner = field.retain(record);
    const std::size_t start = out_->size();
    write_value(field.shape, value, depth);
    if (owner.get() == value) memo_->keep(std::move(owner), depth, out_->substr(start));
}

const std::string* JsonMemo::find(const void* record, unsigned depth) const noexcept {
    for (const Entry& entry : entries_)
        if (entry.owner.get() == record && entry.depth == depth) return &entry.text;
    return nullptr;
}

void JsonMemo::keep(std::shared_ptr<const void> owner, unsigned depth, std::string text) {
    if (entries_.size() == kMaxEntries) entries_.erase(entries_.begin());
    entries_.push_back(Entry{std::move(owner), depth, std::move(text)});
}

void JsonEmitter::write_scalar(const ValueShape& shape, const void* value) {
    ScalarValue scalar;
    shape.read_scalar(value, scalar);
    json_text::append_scalar(*out_, scalar);
}

void JsonEmitter::write_value(const ValueShape& shape, const void* value, unsigned depth) {
    switch (shape.kind) {
        case ValueShape::Kind::scalar:
            write_scalar(shape, value);
            return;
        case ValueShape::Kind::record:
            write_record(*shape.schema, value, depth);
            return;
        case ValueShape::Kind::vector:
            write_vector(shape, value, depth);
            return;
        case ValueShape::Kind::map:
            write_map(shape, value, depth);
            return;
    }
}

namespace {

struct ElementContext {
    JsonEmitter* emitter;
    const ValueShape* shape;
    unsigned depth;
    bool first;
};

}  // namespace

void JsonEmitter::write_vector(const ValueShape& shape, const void* value, unsigned depth) {
    line_break();
    indent(depth);
    *out_ += '[';
    line_break();
    ElementContext context{this, &shape, depth, true};
    shape.for_each(value, &context, [](void* opaque, const ScalarValue*, const void* element) {
        auto& ctx = *static_cast<ElementContext*>(opaque);
        auto& emitter = *ctx.emitter;
        if (!ctx.first) {
            emitter.out() += ',';
            emitter.line_break();
        }
        ctx.first = false;
        emitter.indent(ctx.depth);
        emitter.write_value(*ctx.shape->element, element, ctx.depth + 1);
    });
    line_break();
    indent(depth);
    *out_ += ']';
}

void JsonEmitter::write_map(const ValueShape& shape, const void* value, unsigned depth) {
    const bool as_object = shape.layout == MapLayout::object;
    line_break();
    indent(depth);
    *out_ += as_object ? '{' : '[';
    line_break();
    ElementContext context{this, &shape, depth, true};
    shape.for_each(value, &context, [](void* opaque, const ScalarValue* key, const void* element) {
        auto& ctx = *static_cast<ElementContext*>(opaque);
        auto& emitter = *ctx.emitter;
        const auto layout = ctx.shape->layout;
        if (!ctx.first) {
            emitter.out() += ',';
            emitter.line_break();
        }
        ctx.first = false;
        if (layout != MapLayout::values_array) {
            emitter.indent(ctx.depth);
            emitter.out() += '"';
            json_text::append_key(emitter.out(), *key, ctx.shape->key_kind);
            emitter.out() += '"';
            if (layout == MapLayout::object) emitter.out() += ": ";
        }
        if (layout != MapLayout::keys_array) emitter.write_value(*ctx.shape->element, element, ctx.depth + 1);
    });
    // Kismet closes an object-layout double-keyed map without the line break the other maps get.
    if (!(as_object && shape.type == FieldType::double_map)) line_break();
    indent(depth);
    *out_ += as_object ? '}' : ']';
}

}  // namespace kismetcore::fields
