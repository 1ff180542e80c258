// Renders the tracked-fields table from a catalog.
#include "kismetcore/fields/tracked_fields_table.h"

#include "json_text.h"
#include "kismetcore/common/device_key.h"

namespace kismetcore::fields {
namespace {

void append_html(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

std::string tracked_fields_html(const FieldCatalog& catalog) {
    std::string out =
        "<html><head><title>Kismet Server - Tracked Fields</title></head><body>"
        "<h2>Kismet field descriptions</h2><table padding=\"5\">"
        "<tr><td><b>Name</b></td><td><b>ID</b></td><td><b>Type</b></td><td><b>Description</b></td></tr>";
    for (const auto& entry : catalog.entries()) {
        const auto& field = *entry.field;
        out += "<tr><td>";
        append_html(out, field.name);
        out += "</td><td>";
        json_text::append_unsigned(out, entry.id);
        out += "</td><td>";
        out += kismet_type_name(field.type());
        out += '/';
        const bool is_record = field.shape.kind == ValueShape::Kind::record;
        json_text::append_unsigned(
            out, is_record ? kismet_phy_hash(field.shape.schema->name()) : kismet_type_number(field.type()));
        out += "</td><td>";
        append_html(out, field.description);
        out += "</td></tr>";
    }
    out += "</table></body></html>";
    return out;
}

}  // namespace kismetcore::fields
