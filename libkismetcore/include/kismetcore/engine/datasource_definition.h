// Kismet's source definitions ("interface:name=foo,uuid=...") and the identities Kismet derives from them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kismetcore/common/uuid.h"

namespace kismetcore {

// A parsed source= line: the interface (a file path for file sources) and its options, in the order given.
struct DatasourceDefinition {
    std::string text;  // as given
    std::string interface;
    std::vector<std::pair<std::string, std::string>> options;

    // The last value given for `key` (Kismet's option lookup is case-insensitive on the key).
    [[nodiscard]] std::optional<std::string_view> option(std::string_view key) const;
    // The definition as Kismet stores it in kismet.datasource.definition: the interface, then the options with
    // lower-case keys in key order, the last value of a repeated key ("f.cap:name=bench,type=pcapfile").
    [[nodiscard]] std::string canonical_text() const;
};

// Splits "interface:key=value,key=value". The interface ends at the first ':'; a value may be double-quoted to
// hold commas. Returns nullopt and sets `error` for an empty interface or an option without '='.
std::optional<DatasourceDefinition> parse_datasource_definition(std::string_view text, std::string& error);

// The UUID Kismet's pcapfile source gives itself when the definition names none:
// %08X-0000-0000-0000-%012X of kismet_adler32("kismet_cap_pcapfile") and kismet_adler32(file path as given).
Uuid kismet_pcapfile_uuid(std::string_view path) noexcept;

// kismet.datasource.source_key: kismet_adler32 of the UUID written in upper case (8-4-4-4-12).
std::uint32_t kismet_source_key(const Uuid& uuid) noexcept;

}  // namespace kismetcore
