// Parses Kismet's alert configuration lines (kismet_alerts.conf, kismet_memory.conf's alertbacklog).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "kismetcore/alert/alert_config.h"

namespace kismetcore::alert {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
    text = trim(text);
    Number value{};
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

// The key="value" options after "Name:", as Kismet's apspoof and ssidcanary lines write them; commas inside
// quotes belong to the value.
std::vector<std::pair<std::string_view, std::string_view>> quoted_options(std::string_view text) {
    std::vector<std::pair<std::string_view, std::string_view>> options;
    while (!text.empty()) {
        const auto equals = text.find('=');
        if (equals == std::string_view::npos) break;
        const std::string_view key = trim(text.substr(0, equals));
        text.remove_prefix(equals + 1);
        std::string_view value;
        if (!text.empty() && text.front() == '"') {
            const auto close = text.find('"', 1);
            value = text.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
            text.remove_prefix(close == std::string_view::npos ? text.size() : close + 1);
        } else {
            const auto comma = text.find(',');
            value = trim(text.substr(0, comma));
            text.remove_prefix(comma == std::string_view::npos ? text.size() : comma);
        }
        options.emplace_back(key, value);
        while (!text.empty() && (text.front() == ',' || text.front() == ' ')) text.remove_prefix(1);
    }
    return options;
}

std::optional<WatchedMac> parse_watched(std::string_view value) {
    WatchedMac watched;
    const auto comma = value.find(',');
    if (comma != std::string_view::npos) {
        watched.label = std::string(trim(value.substr(comma + 1)));
        value = value.substr(0, comma);
    }
    value = trim(value);
    const auto slash = value.find('/');
    const auto mac = MacAddress::parse(value.substr(0, slash));
    if (!mac) return std::nullopt;
    watched.mac = *mac;
    if (slash != std::string_view::npos) {
        const auto mask = MacAddress::parse(value.substr(slash + 1));
        if (!mask) return std::nullopt;
        watched.mask = *mask;
    }
    return watched;
}

}  // namespace

std::string alert_header(std::string_view name) {
    std::string out(name);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

std::optional<AlertRateOverride> parse_alert_rate_line(std::string_view value, std::string& error) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto comma = value.find(',');
        parts.push_back(trim(value.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    if (parts.size() != 3 || parts[0].empty()) {
        error = "alert= needs HEADER,rate,burst";
        return std::nullopt;
    }
    const auto limit = parse_rate(parts[1]);
    const auto burst = parse_rate(parts[2]);
    if (!limit || !burst) {
        error = "invalid rate or burst in alert=" + std::string(parts[0]);
        return std::nullopt;
    }
    if (static_cast<int>(burst->unit) > static_cast<int>(limit->unit)) {
        error = "burst unit of alert " + std::string(parts[0]) + " is longer than its rate unit";
        return std::nullopt;
    }
    return AlertRateOverride{alert_header(parts[0]), *limit, *burst};
}

std::string AlertConfig::apply_line(std::string_view line) {
    line = trim(line);
    const auto equals = line.find('=');
    if (line.empty() || line.front() == '#' || equals == std::string_view::npos) return {};
    const std::string_view key = trim(line.substr(0, equals));
    const std::string_view value = trim(line.substr(equals + 1));
    std::string error;
    if (key == "alert") {
        auto parsed = parse_alert_rate_line(value, error);
        if (!parsed) return error;
        // A later line for the same alert replaces the earlier one.
        std::erase_if(rates, [&parsed](const AlertRateOverride& r) { return r.header == parsed->header; });
        rates.push_back(std::move(*parsed));
    } else if (key == "alertbacklog") {
        const auto size = parse_number<std::size_t>(value);
        if (!size) return "alertbacklog needs a number";
        backlog = *size;
    } else if (key == "apspoof" || key == "ssidcanary") {
        const auto colon = value.find(':');
        if (colon == std::string_view::npos) return std::string(key) + " needs Name:ssid=\"...\"";
        std::string name(trim(value.substr(0, colon)));
        std::optional<std::string> ssid;
        std::vector<MacAddress> macs;
        for (const auto& [option, text] : quoted_options(value.substr(colon + 1))) {
            if (option == "ssid") {
                ssid = std::string(text);
            } else if (option == "validmacs") {
                std::string_view list = text;
                while (!list.empty()) {
                    const auto comma = list.find(',');
                    const auto mac = MacAddress::parse(trim(list.substr(0, comma)));
                    if (!mac) return "invalid MAC in validmacs of " + name;
                    macs.push_back(*mac);
                    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
                }
            }
        }
        if (!ssid) return std::string(key) + " " + name + " names no ssid";
        auto pattern = SsidPattern::compile(*ssid, error);
        if (!pattern) return std::string(key) + " " + name + ": invalid ssid regex \"" + *ssid + "\": " + error;
        if (key == "apspoof") {
            if (macs.empty()) return "apspoof " + name + " names no validmacs";
            apspoof.push_back({std::move(name), std::move(*ssid), std::move(pattern), std::move(macs)});
        } else {
            ssid_canaries.push_back({std::move(name), std::move(*ssid), std::move(pattern)});
        }
    } else if (key == "devicefound" || key == "devicelost") {
        auto watched = parse_watched(value);
        if (!watched) return std::string(key) + " needs MAC[/mask]";
        (key == "devicefound" ? device_found : device_lost).push_back(std::move(*watched));
    } else if (key == "devicefound_timeout" || key == "devicelost_timeout") {
        const auto seconds = parse_number<std::uint32_t>(value);
        if (!seconds) return std::string(key) + " needs a number of seconds";
        (key == "devicefound_timeout" ? devicefound_timeout : devicelost_timeout) = *seconds;
    } else if (key == "dot11_max_signal") {
        const auto dbm = parse_number<std::int32_t>(value);
        if (!dbm) return "dot11_max_signal needs a number (dBm)";
        dot11_max_signal = *dbm;
    } else if (key == "load_alert") {
        const auto colon = value.find(':');
        if (colon == std::string_view::npos) return "load_alert needs HEADER:text";
        load_alerts.emplace_back(alert_header(trim(value.substr(0, colon))),
                                 std::string(trim(value.substr(colon + 1))));
    }
    return {};
}

std::vector<std::string> AlertConfig::apply_text(std::string_view text) {
    std::vector<std::string> errors;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        auto error = apply_line(text.substr(0, newline));
        if (!error.empty()) errors.push_back(std::move(error));
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    return errors;
}

}  // namespace kismetcore::alert
