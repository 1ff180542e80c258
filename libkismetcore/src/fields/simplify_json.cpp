// Walks a record's JSON text with simdjson's On Demand API by a compiled FieldSpec, copying values' own text.
#include "kismetcore/fields/simplify_json.h"

#include <simdjson.h>
#include <stdexcept>

#include "json_emitter.h"
#include "json_text.h"

namespace kismetcore::fields {

namespace ondemand = simdjson::ondemand;

// The DOM parser validates the whole text (On Demand only checks what it visits); the On Demand parser walks it
// and hands out the text of each value. Both keep their memory from one record to the next, as does `padded`.
struct JsonRecordSimplifier::Parsers {
    simdjson::dom::parser validator;
    ondemand::parser walker;
    std::string padded;
};

namespace {

bool is_json_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_json_space(text.back())) text.remove_suffix(1);
    while (!text.empty() && is_json_space(text.front())) text.remove_prefix(1);
    return text;
}

// The index of the quote that closes the string whose text starts at `start` (just after its opening quote).
std::size_t string_end(std::string_view json, std::size_t start) {
    std::size_t at = start;
    while (at < json.size() && json[at] != '"') at += json[at] == '\\' ? std::size_t{2} : std::size_t{1};
    return at;
}

// A key as the source spells it, escapes included, without its quotes. The text was validated, so the key ends.
std::string_view escaped_key(const ondemand::field& field) {
    const char* start = field.key().raw();
    std::size_t length = 0;
    while (start[length] != '"') length += start[length] == '\\' ? std::size_t{2} : std::size_t{1};
    return {start, length};
}

void append_underscored(std::string& out, std::string_view name) {
    for (const char c : name) out += c == '.' ? '_' : c;
}

// Kismet's kismetdb_dump_devices rule for text the schema does not describe: the dots of every object key become
// underscores, everything else is copied. A string is a key when the next token is ':'.
void append_keys_underscored(std::string& out, std::string_view json) {
    std::size_t at = 0;
    while (at < json.size()) {
        if (json[at] != '"') {
            out += json[at++];
            continue;
        }
        const std::size_t end = string_end(json, at + 1);
        std::size_t next = end + 1;
        while (next < json.size() && is_json_space(json[next])) ++next;
        const std::string_view string = json.substr(at, end + 1 - at);
        if (next < json.size() && json[next] == ':')
            append_underscored(out, string);
        else
            out += string;
        at = end + 1;
    }
}

// The source text of any value (an object or array consumed whole), without the spaces around it.
simdjson::error_code raw_text(ondemand::value value, std::string_view& text) {
    ondemand::json_type type;
    if (auto error = value.type().get(type)) return error;
    if (type == ondemand::json_type::object) {
        ondemand::object object;
        if (auto error = value.get_object().get(object)) return error;
        if (auto error = object.raw_json().get(text)) return error;
    } else if (type == ondemand::json_type::array) {
        ondemand::array array;
        if (auto error = value.get_array().get(array)) return error;
        if (auto error = array.raw_json().get(text)) return error;
    } else {
        text = value.raw_json_token();
    }
    text = trimmed(text);
    return simdjson::SUCCESS;
}

// Copies one value, underscoring the field names of the records in it when the format asks for it.
class ValueCopier {
public:
    ValueCopier(std::string& out, bool underscore_names) : out_(&out), underscore_names_(underscore_names) {}

    // `shape` null: a value the schema does not describe.
    simdjson::error_code copy(ondemand::value value, const ValueShape* shape) {
        if (!underscore_names_) {
            std::string_view text;
            if (auto error = raw_text(value, text)) return error;
            *out_ += text;
            return simdjson::SUCCESS;
        }
        ondemand::json_type type;
        if (auto error = value.type().get(type)) return error;
        const auto kind = shape != nullptr ? shape->kind : ValueShape::Kind::scalar;
        const bool object_map = kind == ValueShape::Kind::map && shape->layout == MapLayout::object;
        if (type == ondemand::json_type::object && (kind == ValueShape::Kind::record || object_map)) {
            ondemand::object object;
            if (auto error = value.get_object().get(object)) return error;
            return kind == ValueShape::Kind::record ? copy_object(object, shape->schema, nullptr)
                                                    : copy_object(object, nullptr, shape->element.get());
        }
        const bool values_array = kind == ValueShape::Kind::vector ||
                                  (kind == ValueShape::Kind::map && shape->layout == MapLayout::values_array);
        if (type == ondemand::json_type::array && values_array) return copy_array(value, *shape->element);
        // Scalars (geopoints too), keys arrays, and values whose text does not have the schema's shape.
        std::string_view text;
        if (auto error = raw_text(value, text)) return error;
        append_keys_underscored(*out_, text);
        return simdjson::SUCCESS;
    }

    // A record (`schema`): its keys are field names, underscored, and each value has its field's shape. A map
    // (`element`): its keys are data, kept as the source spells them, and each value has the element shape.
    simdjson::error_code copy_object(ondemand::object object, const RecordSchema* schema, const ValueShape* element) {
        *out_ += '{';
        bool first = true;
        for (auto result : object) {
            ondemand::field field;
            if (auto error = std::move(result).get(field)) return error;
            if (!first) *out_ += ',';
            first = false;
            const std::string_view key = escaped_key(field);
            const ValueShape* shape = element;
            *out_ += '"';
            if (schema != nullptr) {
                const FieldDescriptor* descriptor = schema->find(key);
                shape = descriptor != nullptr ? &descriptor->shape : nullptr;
                append_underscored(*out_, key);
            } else {
                *out_ += key;
            }
            *out_ += "\": ";
            if (auto error = copy(field.value(), shape)) return error;
        }
        *out_ += '}';
        return simdjson::SUCCESS;
    }

private:
    simdjson::error_code copy_array(ondemand::value value, const ValueShape& element) {
        ondemand::array array;
        if (auto error = value.get_array().get(array)) return error;
        *out_ += '[';
        bool first = true;
        for (auto result : array) {
            ondemand::value item;
            if (auto error = std::move(result).get(item)) return error;
            if (!first) *out_ += ',';
            first = false;
            if (auto error = copy(item, &element)) return error;
        }
        *out_ += ']';
        return simdjson::SUCCESS;
    }

    std::string* out_;
    bool underscore_names_;
};

// The value a spec field's path leads to. NO_SUCH_FIELD when a component is missing, or when a component before
// the last does not hold an object (Kismet writes 0 in place of an object it does not have).
simdjson::simdjson_result<ondemand::value> find_target(ondemand::document& document, const SpecField& field) {
    if (field.path.empty()) return simdjson::NO_SUCH_FIELD;
    document.rewind();
    ondemand::object scope;
    if (auto error = document.get_object().get(scope)) return error;
    for (std::size_t i = 0; i + 1 < field.path.size(); ++i) {
        ondemand::value holder;
        if (auto error = scope.find_field_unordered(field.path[i]->name).get(holder)) return error;
        ondemand::json_type type;
        if (auto error = holder.type().get(type)) return error;
        if (type != ondemand::json_type::object) return simdjson::NO_SUCH_FIELD;
        if (auto error = holder.get_object().get(scope)) return error;
    }
    return scope.find_field_unordered(field.path.back()->name);
}

// The items of an array or object; 0 for anything else.
simdjson::error_code count_items(ondemand::value value, std::uint64_t& items) {
    ondemand::json_type type;
    if (auto error = value.type().get(type)) return error;
    items = 0;
    if (type == ondemand::json_type::array) {
        ondemand::array array;
        if (auto error = value.get_array().get(array)) return error;
        std::size_t count = 0;
        if (auto error = array.count_elements().get(count)) return error;
        items = count;
    } else if (type == ondemand::json_type::object) {
        ondemand::object object;
        if (auto error = value.get_object().get(object)) return error;
        std::size_t count = 0;
        if (auto error = object.count_fields().get(count)) return error;
        items = count;
    }
    return simdjson::SUCCESS;
}

// Kismet's simplified record, entry by entry as serializer.cpp writes it from a typed record.
simdjson::error_code write_summary(std::string& out, JsonStyle style, const FieldSpec& spec,
                                   ondemand::document& document) {
    JsonEmitter emitter(out, style);
    ValueCopier copier(out, style.underscore_names);
    emitter.open_object(0);
    bool first = true;
    for (const auto& field : spec.fields()) {
        // The compact formats print no type names or descriptions.
        emitter.object_entry(first, style.underscore_names ? field.output_name_underscored : field.output_name, {}, {},
                             0);
        first = false;
        ondemand::value target;
        const auto found = find_target(document, field).get(target);
        if (found == simdjson::NO_SUCH_FIELD) {
            out += '0';  // Kismet's placeholder for a missing field, and the count of a missing container
            continue;
        }
        if (found != simdjson::SUCCESS) return found;
        if (field.count) {
            std::uint64_t items = 0;
            if (auto error = count_items(target, items)) return error;
            json_text::append_unsigned(out, static_cast<std::uint32_t>(items));
        } else if (auto error = copier.copy(target, &field.path.back()->shape)) {
            return error;
        }
    }
    emitter.close_object(0);
    return simdjson::SUCCESS;
}

}  // namespace

JsonRecordSimplifier::JsonRecordSimplifier(OutputFormat format, const RecordSchema& schema, const FieldSpec* spec)
    : format_(format),
      schema_(&schema),
      spec_(spec != nullptr && !spec->empty() ? spec : nullptr),
      parsers_(std::make_unique<Parsers>()) {
    if (format == OutputFormat::prettyjson)
        throw std::invalid_argument("JsonRecordSimplifier: prettyjson needs the typed record");
    if (spec_ != nullptr && &spec_->root() != schema_)
        throw std::logic_error("field spec compiled for " + std::string(spec_->root().name()) + ", not " +
                               std::string(schema.name()));
}

JsonRecordSimplifier::~JsonRecordSimplifier() = default;
JsonRecordSimplifier::JsonRecordSimplifier(JsonRecordSimplifier&&) noexcept = default;
JsonRecordSimplifier& JsonRecordSimplifier::operator=(JsonRecordSimplifier&&) noexcept = default;

bool JsonRecordSimplifier::append(std::string& out, std::string_view record_json, std::string& error) {
    auto& padded = parsers_->padded;
    padded.reserve(record_json.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(record_json);

    simdjson::dom::element root;
    if (auto failure = parsers_->validator.parse(padded.data(), padded.size(), false).get(root)) {
        error = simdjson::error_message(failure);
        return false;
    }
    if (root.type() != simdjson::dom::element_type::OBJECT) {
        error = "not a JSON object";
        return false;
    }

    const JsonStyle style = style_for(format_);
    const std::size_t start = out.size();
    simdjson::error_code failure = simdjson::SUCCESS;
    if (spec_ == nullptr && !style.underscore_names) {
        out += trimmed(record_json);  // the whole record, exactly as it was written
    } else {
        ondemand::document document;
        failure = parsers_->walker.iterate(padded.data(), padded.size(), padded.capacity()).get(document);
        if (failure == simdjson::SUCCESS && spec_ != nullptr) {
            failure = write_summary(out, style, *spec_, document);
        } else if (failure == simdjson::SUCCESS) {
            ondemand::object whole;
            failure = document.get_object().get(whole);
            if (failure == simdjson::SUCCESS) failure = ValueCopier(out, true).copy_object(whole, schema_, nullptr);
        }
    }
    if (failure != simdjson::SUCCESS) {
        out.resize(start);
        error = simdjson::error_message(failure);
        return false;
    }
    if (one_object_per_line(format_)) out += '\n';
    return true;
}

}  // namespace kismetcore::fields
