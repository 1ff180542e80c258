// Runs tshark with one column per field the truth rules need and parses its tab-separated lines.
#include "tshark_truth_reader.h"

#include <sys/wait.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <string_view>
#include <utility>

namespace kismetcore::testing::truth {
namespace {

// Column order of the tshark command; each column holds every occurrence, joined by '|'.
enum Column : std::size_t {
    kNumber,
    kCapturedLength,
    kEncapsulation,
    kRadiotapLength,
    kPpiLength,
    kMalformed,
    kType,
    kSubtype,
    kDs,
    kReceiver,
    kTransmitter,
    kSource,
    kDestination,
    kBssid,
    kAmsduSubframeLength,
    kSsid,
    kMeshId,
    kDsChannel,
    kPrivacy,
    kRsnVersion,
    kRsnPairwiseOui,
    kRsnPairwiseType,
    kRsnAkmOui,
    kRsnAkmType,
    kWpaVersion,
    kFcsStatus,
    kAmsduPresent,
    kTime,
    kEapolDescriptor,
    kEapolKeyType,
    kEapolMessage,
    kEapolReplayCounter,
    kEapolNonce,
    kColumnCount
};

constexpr std::array<const char*, kColumnCount> kFields = {
    "frame.number",
    "frame.cap_len",
    "frame.encap_type",
    "radiotap.length",
    "ppi.length",
    "_ws.malformed",
    "wlan.fc.type",
    "wlan.fc.subtype",
    "wlan.fc.ds",
    "wlan.ra",
    "wlan.ta",
    "wlan.sa",
    "wlan.da",
    "wlan.bssid",
    "wlan_aggregate.a_mdsu.length",
    "wlan.ssid",
    "wlan.mesh.id",
    "wlan.ds.current_channel",
    "wlan.fixed.capabilities.privacy",
    "wlan.rsn.version",
    "wlan.rsn.pcs.oui",
    "wlan.rsn.pcs.type",
    "wlan.rsn.akms.oui",
    "wlan.rsn.akms.type",
    "wlan.wfa.ie.wpa.version",
    "wlan.fcs.status",
    "wlan.qos.amsdupresent",
    "frame.time_epoch",
    "eapol.keydes.type",
    "wlan_rsna_eapol.keydes.key_info.key_type",
    "wlan_rsna_eapol.keydes.msgnr",
    "eapol.keydes.replay_counter",
    "wlan_rsna_eapol.keydes.nonce",
};

// 00-0F-AC as tshark prints a suite OUI (decimal).
constexpr unsigned kIeeeOui = 0x000fac;

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    if (text.empty()) return parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

std::optional<std::uint64_t> number_of(std::string_view text) {
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        text.remove_prefix(2);
        base = 16;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string_view first_of(std::string_view column) {
    return column.substr(0, column.find('|'));
}

std::optional<MacAddress> mac_of(std::string_view text) {
    if (text.empty()) return std::nullopt;
    return MacAddress::parse(text);
}

// tshark prints FT_BYTES fields such as wlan.ssid as hex, and a zero-length one as "<MISSING>".
std::vector<std::uint8_t> bytes_of(std::string_view text) {
    std::vector<std::uint8_t> bytes;
    if (text == "<MISSING>") return bytes;
    if (text.size() % 2 == 0) {
        for (std::size_t i = 0; i < text.size(); i += 2) {
            std::uint8_t value = 0;
            const auto [end, error] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
            if (error != std::errc{} || end != text.data() + i + 2) {
                bytes.clear();
                break;
            }
            bytes.push_back(value);
        }
        if (bytes.size() * 2 == text.size()) return bytes;
    }
    return {text.begin(), text.end()};  // not hex: tshark printed the text itself
}

// frame.time_epoch: seconds, a dot, then nanoseconds (or more digits for out-of-range pcap fractions).
std::int64_t microseconds_of(std::string_view text) {
    const std::size_t dot = text.find('.');
    const auto seconds = number_of(text.substr(0, dot)).value_or(0);
    std::uint64_t fraction = 0;
    if (dot != std::string_view::npos) fraction = number_of(text.substr(dot + 1)).value_or(0) / 1000;
    return static_cast<std::int64_t>(seconds * 1'000'000 + fraction);
}

// Suite types whose OUI is 00-0F-AC; the oui and type columns list one value per suite, in order.
std::vector<unsigned> ieee_suites(std::string_view ouis, std::string_view types) {
    std::vector<unsigned> suites;
    const auto oui_values = split(ouis, '|');
    const auto type_values = split(types, '|');
    for (std::size_t i = 0; i < type_values.size(); ++i) {
        const auto oui = i < oui_values.size() ? number_of(oui_values[i]) : std::nullopt;
        const auto type = number_of(type_values[i]);
        if (type && oui && *oui == kIeeeOui) suites.push_back(static_cast<unsigned>(*type));
    }
    return suites;
}

// The header's own SA or DA: tshark lists A-MSDU subframe addresses after it (one per subframe).
std::optional<MacAddress> header_address(std::string_view column, std::size_t subframes) {
    const auto values = split(column, '|');
    if (values.size() <= subframes) return std::nullopt;
    return mac_of(values.front());
}

TsharkFrame frame_of(const std::vector<std::string_view>& columns) {
    TsharkFrame frame;
    frame.number = number_of(columns[kNumber]).value_or(0);
    frame.encapsulation = static_cast<int>(number_of(columns[kEncapsulation]).value_or(0));
    const auto type = number_of(first_of(columns[kType]));
    frame.has_dot11 = type.has_value();
    if (!frame.has_dot11) return frame;

    std::uint64_t radio_header = 0;
    if (frame.encapsulation == encap::kRadiotap)
        radio_header = number_of(first_of(columns[kRadiotapLength])).value_or(0);
    if (frame.encapsulation == encap::kPpi) radio_header = number_of(first_of(columns[kPpiLength])).value_or(0);
    const std::uint64_t captured = number_of(columns[kCapturedLength]).value_or(0);
    frame.dot11_length = captured > radio_header ? static_cast<std::size_t>(captured - radio_header) : 0;
    frame.malformed = !columns[kMalformed].empty();
    frame.bad_fcs = first_of(columns[kFcsStatus]) == "0";
    frame.type = static_cast<int>(*type);
    frame.subtype = static_cast<int>(number_of(first_of(columns[kSubtype])).value_or(0));
    const std::uint64_t ds = number_of(first_of(columns[kDs])).value_or(0);
    frame.to_ds = (ds & 0x01) != 0;
    frame.from_ds = (ds & 0x02) != 0;
    frame.amsdu = first_of(columns[kAmsduPresent]) == "1";

    frame.address1 = mac_of(first_of(columns[kReceiver]));
    frame.address2 = mac_of(first_of(columns[kTransmitter]));
    const std::size_t subframes = split(columns[kAmsduSubframeLength], '|').size();
    const auto source = header_address(columns[kSource], subframes);
    const auto destination = header_address(columns[kDestination], subframes);
    const auto bssid = mac_of(first_of(columns[kBssid]));
    if (frame.type == 2 && frame.to_ds && frame.from_ds) {
        frame.address3 = destination;
        frame.address4 = source;
    } else if (frame.type == 2 && frame.to_ds) {
        frame.address3 = destination;
    } else if (frame.type == 2 && frame.from_ds) {
        frame.address3 = source;
    } else {
        frame.address3 = bssid;  // management frames and data frames within an IBSS
    }
    // In an A-MSDU data frame to or from the DS, address 3 is the BSSID (IEEE 802.11-2020 Table 9-30), and
    // tshark prints it as neither SA nor DA.
    if (frame.type == 2 && frame.amsdu && !frame.address3 && frame.to_ds != frame.from_ds) frame.address3 = bssid;

    frame.ssid = bytes_of(first_of(columns[kSsid]));
    frame.has_mesh_id = columns[kMeshId] == "<MISSING>" || !columns[kMeshId].empty();
    if (frame.has_mesh_id && columns[kMeshId] != "<MISSING>") {
        const auto text = first_of(columns[kMeshId]);
        frame.mesh_id.assign(text.begin(), text.end());  // tshark prints the Mesh ID as text
    }
    if (const auto channel = number_of(first_of(columns[kDsChannel])))
        frame.ds_channel = static_cast<unsigned>(*channel);
    frame.privacy = first_of(columns[kPrivacy]) == "1";
    frame.has_rsn = !columns[kRsnVersion].empty();
    frame.rsn_pairwise = ieee_suites(columns[kRsnPairwiseOui], columns[kRsnPairwiseType]);
    frame.rsn_akms = ieee_suites(columns[kRsnAkmOui], columns[kRsnAkmType]);
    frame.has_wpa = !columns[kWpaVersion].empty();
    if (const auto descriptor = number_of(first_of(columns[kEapolDescriptor]))) {
        TsharkFrame::EapolKey key;
        key.time_us = microseconds_of(columns[kTime]);
        key.descriptor = static_cast<unsigned>(*descriptor);
        key.pairwise = first_of(columns[kEapolKeyType]) == "1";
        key.message = static_cast<unsigned>(number_of(first_of(columns[kEapolMessage])).value_or(0));
        key.replay_counter = number_of(first_of(columns[kEapolReplayCounter])).value_or(0);
        key.nonce = bytes_of(first_of(columns[kEapolNonce]));
        frame.eapol = std::move(key);
    }
    return frame;
}

std::string shell_quoted(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

}  // namespace

std::string tshark_command(const std::filesystem::path& path) {
    // wlan.check_checksum makes tshark verify the FCS, as Kismet does (wlan.check_fcs would only assume one).
    std::string command = "tshark -n -o wlan.check_checksum:TRUE -r " + shell_quoted(path.string()) +
                          " -T fields -E separator=/t -E occurrence=a -E aggregator='|'";
    for (const char* field : kFields) command += std::string(" -e ") + field;
    return command;
}

std::optional<TsharkCapture> read_with_tshark(const std::filesystem::path& path) {
    const std::string command = tshark_command(path) + " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::string output;
    std::array<char, 65536> buffer{};
    for (;;) {
        const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe);
        if (read == 0) break;
        output.append(buffer.data(), read);
    }
    const int status = ::pclose(pipe);
    if (status == -1 || !WIFEXITED(status)) return std::nullopt;

    TsharkCapture capture;
    capture.exit_status = WEXITSTATUS(status);
    for (const auto line : split(output, '\n')) {
        if (line.empty()) continue;
        auto columns = split(line, '\t');
        if (columns.size() != kColumnCount) return std::nullopt;
        capture.frames.push_back(frame_of(columns));
    }
    if (capture.frames.empty() && capture.exit_status != 0) return std::nullopt;
    return capture;
}

bool tshark_available() {
    FILE* pipe = ::popen("tshark -v 2>/dev/null", "r");
    if (pipe == nullptr) return false;
    std::array<char, 256> buffer{};
    while (std::fread(buffer.data(), 1, buffer.size(), pipe) > 0) {
    }
    const int status = ::pclose(pipe);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace kismetcore::testing::truth
