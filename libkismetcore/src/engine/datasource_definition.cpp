// Source definitions and Kismet's source identities.
#include "kismetcore/engine/datasource_definition.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "kismetcore/common/kismet_checksum.h"

namespace kismetcore {
namespace {

constexpr std::string_view kPcapfileHelper = "kismet_cap_pcapfile";

bool same_key(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

std::optional<std::string_view> DatasourceDefinition::option(std::string_view key) const {
    for (auto it = options.rbegin(); it != options.rend(); ++it)
        if (same_key(it->first, key)) return std::string_view(it->second);
    return std::nullopt;
}

std::string DatasourceDefinition::canonical_text() const {
    std::map<std::string, std::string_view> sorted;
    for (const auto& [key, value] : options) {
        std::string lower(key);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        sorted[std::move(lower)] = value;
    }
    std::string canonical = interface;
    char separator = ':';
    for (const auto& [key, value] : sorted) {
        canonical += separator;
        canonical += key;
        canonical += '=';
        canonical += value;
        separator = ',';
    }
    return canonical;
}

std::optional<DatasourceDefinition> parse_datasource_definition(std::string_view text, std::string& error) {
    DatasourceDefinition definition;
    definition.text = std::string(text);
    const auto colon = text.find(':');
    definition.interface = std::string(text.substr(0, colon));
    if (definition.interface.empty()) {
        error = "source definition '" + std::string(text) + "' names no interface or file";
        return std::nullopt;
    }
    if (colon == std::string_view::npos) return definition;

    std::string_view rest = text.substr(colon + 1);
    while (!rest.empty()) {
        const auto equals = rest.find('=');
        const auto comma = rest.find(',');
        if (equals == std::string_view::npos || (comma != std::string_view::npos && comma < equals)) {
            error = "source definition '" + std::string(text) + "': option '" + std::string(rest.substr(0, comma)) +
                    "' has no '=value'";
            return std::nullopt;
        }
        std::string key(rest.substr(0, equals));
        rest.remove_prefix(equals + 1);
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            const auto closing = rest.find('"', 1);
            if (closing == std::string_view::npos) {
                error = "source definition '" + std::string(text) + "': option '" + key + "' has an unclosed quote";
                return std::nullopt;
            }
            value = std::string(rest.substr(1, closing - 1));
            rest.remove_prefix(closing + 1);
            if (!rest.empty() && rest.front() != ',') {
                error = "source definition '" + std::string(text) + "': text after the quoted value of '" + key + "'";
                return std::nullopt;
            }
        } else {
            const auto end = rest.find(',');
            value = std::string(rest.substr(0, end));
            rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
        }
        if (!rest.empty()) rest.remove_prefix(1);  // the comma
        if (key.empty()) {
            error = "source definition '" + std::string(text) + "' has an option without a name";
            return std::nullopt;
        }
        definition.options.emplace_back(std::move(key), std::move(value));
    }
    return definition;
}

Uuid kismet_pcapfile_uuid(std::string_view path) noexcept {
    Uuid uuid{};
    const std::uint32_t helper = kismet_adler32(kPcapfileHelper);
    const std::uint32_t file = kismet_adler32(path);
    for (std::size_t i = 0; i < 4; ++i) {
        uuid[i] = static_cast<std::uint8_t>(helper >> (24 - 8 * i));
        uuid[12 + i] = static_cast<std::uint8_t>(file >> (24 - 8 * i));
    }
    return uuid;
}

std::uint32_t kismet_source_key(const Uuid& uuid) noexcept {
    return kismet_adler32(uuid_text(uuid));
}

}  // namespace kismetcore
