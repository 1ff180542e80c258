// The JSON keys here are kismet-dissect's documented output (docs/kismet-dissect.md); tests compare them
// with tshark field by field, so a rename is a compatibility change.
#include "packet_json_printer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <array>

#include "kismetcore/dissect/crypt_set.h"

namespace kismetcore::apps {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_key(JsonWriter& json, std::string_view key) {
    json.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void write_string(JsonWriter& json, std::string_view key, std::string_view value) {
    write_key(json, key);
    json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_mac(JsonWriter& json, std::string_view key, const std::optional<MacAddress>& mac) {
    if (!mac) return;
    std::array<char, MacAddress::kTextLength + 1> text{};
    write_string(json, key, mac->format(text));
}

void write_hex(JsonWriter& json, std::string_view key, std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (auto byte : bytes) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0x0f]);
    }
    write_string(json, key, hex);
}

// Offsets are reported relative to the start of the captured packet.
void write_error(JsonWriter& json, std::string_view key, const dissect::DissectError& error, std::size_t base) {
    const std::string text = std::string(dissect::to_string(error.status)) + ": " + error.reason + " at byte " +
                             std::to_string(error.offset + base);
    write_string(json, key, text);
}

template <typename Number>
void write_optional(JsonWriter& json, std::string_view key, const std::optional<Number>& value) {
    if (!value) return;
    write_key(json, key);
    if constexpr (std::is_signed_v<Number>)
        json.Int64(*value);
    else
        json.Uint64(*value);
}

void write_radio(JsonWriter& json, const dissect::RadioInfo& radio) {
    write_optional(json, "frequency", radio.frequency_khz);
    write_optional(json, "channel", radio.channel);
    write_optional(json, "signal_dbm", radio.signal_dbm);
    write_optional(json, "noise_dbm", radio.noise_dbm);
    write_optional(json, "rate_500kbps", radio.rate_500kbps);
    write_optional(json, "mcs_index", radio.mcs_index);
    if (radio.bad_fcs) {
        write_key(json, "bad_fcs");
        json.Bool(true);
    }
}

// `frame_start` is where the 802.11 frame begins within the packet, so error offsets count from the packet.
void write_dot11(JsonWriter& json, const dissect::Dot11Packet& dot11, std::size_t frame_start) {
    const auto& frame = dot11.frame;
    write_key(json, "type");
    json.Uint(frame.type);
    write_key(json, "subtype");
    json.Uint(frame.subtype);
    write_string(json, "type_name", frame.type_name());
    write_mac(json, "sourcemac", frame.source);
    write_mac(json, "destmac", frame.destination);
    write_mac(json, "transmac", frame.transmitter);
    write_mac(json, "recvmac", frame.receiver);
    write_mac(json, "bssid", frame.bssid);
    write_optional(json, "reason_code", frame.reason_code);
    write_optional(json, "status_code", frame.status_code);

    if (dot11.has_elements && dot11.elements.ssid().present) {
        const auto& ssid = dot11.elements.ssid();
        write_key(json, "ssid_len");
        json.Uint(static_cast<unsigned>(ssid.bytes.size()));
        if (ssid.valid_utf8) {
            const auto* chars = reinterpret_cast<const char*>(ssid.bytes.data());
            write_string(json, "ssid", std::string_view(chars, ssid.bytes.size()));
        } else {
            write_hex(json, "ssid_hex", ssid.bytes);
        }
    }
    if (dot11.has_elements && (frame.type == 0 && (frame.subtype == 8 || frame.subtype == 5))) {
        dissect::CryptText text;
        write_string(json, "crypt", dissect::crypt_string(dot11.crypt_bits(), text));
    }
    if (dot11.has_elements && !dot11.elements_error.ok())
        write_error(json, "elements_error", dot11.elements_error, frame_start + frame.elements_offset);
    if (dot11.has_eapol && dot11.eapol.message_number != 0) {
        write_key(json, "eapol_msg");
        json.Uint(dot11.eapol.message_number);
    }
}

}  // namespace

void PacketJsonPrinter::print(std::string_view file, const capture::Packet& packet,
                              const dissect::DissectedPacket& dissected) {
    rapidjson::StringBuffer buffer;
    JsonWriter json(buffer);
    json.StartObject();
    write_string(json, "file", file);
    write_key(json, "ts_sec");
    json.Int64(packet.ts_sec);
    write_key(json, "ts_usec");
    json.Uint(packet.ts_usec);
    write_key(json, "dlt");
    json.Uint(packet.dlt);
    write_key(json, "packet_len");
    json.Uint(packet.original_length);
    write_key(json, "captured_len");
    json.Uint(packet.captured_length());
    write_radio(json, dissected.radio);
    if (dissected.payload.dlt != packet.dlt && dissected.payload.dlt != 0) {
        write_key(json, "payload_dlt");
        json.Uint(dissected.payload.dlt);
    }
    if (dissected.has_dot11) {
        const auto frame_start = static_cast<std::size_t>(dissected.payload.bytes.data() - packet.data.data());
        write_dot11(json, dissected.dot11, frame_start);
    }
    if (!dissected.error.ok()) write_error(json, "error", dissected.error, 0);
    json.EndObject();
    std::fwrite(buffer.GetString(), 1, buffer.GetSize(), out_);
    std::fputc('\n', out_);
}

}  // namespace kismetcore::apps
