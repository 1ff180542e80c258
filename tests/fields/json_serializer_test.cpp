// The json serializer against fragments of Kismet's own output, byte for byte, and Kismet's value encodings.
#include <catch2/catch.hpp>

#include "kismetcore/fields/serializer.h"
#include "test_records.h"

using namespace kismetcore::fields;
using namespace fields_test;

namespace {

std::string json_of(const TestDevice& device) {
    return serialize_record(OutputFormat::json, device_schema(), device);
}

// The text of `key`'s value in compact JSON `text`: from after `"key": ` to the matching close.
std::string value_after(const std::string& text, const std::string& key) {
    auto start = text.find("\"" + key + "\": ");
    if (start == std::string::npos) return {};
    start += key.size() + 4;
    int depth = 0;
    bool in_string = false;
    for (auto i = start; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (depth == 0) return text.substr(start, i - start);
            if (--depth == 0) return text.substr(start, i + 1 - start);
        } else if (c == ',' && depth == 0) {
            return text.substr(start, i - start);
        }
    }
    return text.substr(start);
}

}  // namespace

TEST_CASE("an advertised SSID record re-serialises byte for byte as in Kismet's sample", "[fields]") {
    const auto device = linksys_access_point();
    const std::string ours = json_of(device);
    const std::string record = value_after(ours, "dot11.device.last_beaconed_ssid_record");
    CHECK(record.rfind("{\"dot11.advertisedssid.ssid\": \"linksys\",\"dot11.advertisedssid.ssidlen\": 7,", 0) == 0);
    CHECK(record.find(
              "\"dot11.advertisedssid.crypt_string\": \"WPA1 WPA1-PSK TKIP\",\"dot11.advertisedssid.maxrate\": 11,") !=
          std::string::npos);
    CHECK(record.find("wps_") == std::string::npos);  // dynamic: WPS never seen

    const std::string sample = read_kismet_sample("wpa-psk-linksys/extra/devices_by-key_device.json");
    if (sample.empty()) {
        WARN("Kismet samples not found; checked the inline fragments only");
        return;
    }
    CHECK(value_after(sample, "dot11.device.last_beaconed_ssid_record") == record);
    CHECK(value_after(sample, "dot11.device.advertised_ssid_map") ==
          value_after(ours, "dot11.device.advertised_ssid_map"));
    CHECK(value_after(sample, "dot11.device.associated_client_map") ==
          value_after(ours, "dot11.device.associated_client_map"));
    for (const char* key :
         {"kismet.device.base.key", "kismet.device.base.macaddr", "kismet.device.base.related_devices",
          "kismet.device.base.name", "kismet.device.base.commonname", "kismet.device.base.packets.total",
          "kismet.device.base.frequency", "kismet.device.base.freq_khz_map", "kismet.device.base.type",
          "dot11.device.typeset", "dot11.device.num_advertised_ssids"})
        CHECK(value_after(sample, key) == value_after(ours, key));
}

TEST_CASE("a MAC-keyed map of device keys prints upper-case MACs and Kismet's key form", "[fields]") {
    const std::string ours = json_of(linksys_access_point());
    CHECK(value_after(ours, "dot11.device.associated_client_map") ==
          "{\"00:13:CE:55:98:EF\": \"4202770D00000000_EF9855CE1300\",\"00:0F:66:E3:E4:01\": "
          "\"4202770D00000000_1E4E3660F00\",\"00:14:BF:0F:03:30\": \"4202770D00000000_30030FBF1400\"}");
}

TEST_CASE("Kismet's compact punctuation: a space after colons, none after commas", "[fields]") {
    TestLocation location{{-122.5, 37.25}, 12.0};
    CHECK(serialize_record(OutputFormat::json, location_schema(), location) ==
          "{\"kismet.common.location.geopoint\": [-122.500000, 37.250000],\"kismet.common.location.alt\": 12}");
    TestLocation origin{};
    // Kismet's alerts print an unset location exactly so.
    CHECK(serialize_record(OutputFormat::json, location_schema(), origin) ==
          "{\"kismet.common.location.geopoint\": [0, 0]}");
}

TEST_CASE("dynamic fields stay absent until set", "[fields]") {
    auto device = linksys_access_point();
    std::string text = json_of(device);
    CHECK(text.find("kismet.device.base.username") == std::string::npos);
    CHECK(text.find("kismet.device.base.tags") == std::string::npos);
    CHECK(text.find("kismet.device.base.location") == std::string::npos);
    CHECK(text.find("dot11.device.supported_channels") == std::string::npos);
    device.username = "lab";
    device.tags = std::make_unique<std::map<std::string, std::string, std::less<>>>();
    text = json_of(device);
    CHECK(value_after(text, "kismet.device.base.username") == "\"lab\"");
    CHECK(value_after(text, "kismet.device.base.commonname") == "\"lab\"");
    CHECK(value_after(text, "kismet.device.base.tags") == "{}");
    device.dot11.reset();
    CHECK(json_of(device).find("dot11.device") == std::string::npos);
}

TEST_CASE("values encode as Kismet's json adapter writes them", "[fields]") {
    const std::string text = json_of(sample_client());
    // Integral doubles print as integers, others with six decimals; double-keyed maps likewise.
    CHECK(value_after(text, "kismet.device.base.frequency") == "2437000");
    CHECK(value_after(text, "kismet.device.base.freq_khz_map") == "{\"2412500.500000\": 1.250000,\"2437000\": 32}");
    CHECK(value_after(text, "kismet.common.rrd.minute_vec") == "[0,587,9.783333,0.500000]");
    CHECK(value_after(text, "dot11.device.supported_channels") == "[1,6,11.500000]");
    // UUIDs upper case, IPv4 dotted, byte arrays upper-case hex, vectors of uint8 as numbers.
    CHECK(value_after(text, "kismet.server.uuid") == "\"C64F38FE-E697-11F1-B4BA-4B49534D4554\"");
    CHECK(value_after(text, "kismet.common.ipdata.address") == "\"192.168.0.1\"");
    CHECK(value_after(text, "dot11.advertisedssid.ie_tag_list") == "[0,1,221]");
    CHECK(value_after(text, "dot11.eapol.nonce") == "\"98D284A8\"");
    CHECK(value_after(text, "dot11.eapol.rsn_pmkid") == "\"\"");
    CHECK(value_after(text, "dot11.eapol.timestamp") == "1537621378.713335");
    // Hashkey maps print their size_t keys as signed decimals; an int map flagged as a key vector prints
    // its quoted keys.
    CHECK(value_after(text, "test.hashed_names") == "{\"-2\": \"negative\"}");
    CHECK(value_after(text, "test.seen_by_number") == "[\"1\",\"3\"]");
    // Strings are escaped as Kismet's sanitize_string does.
    CHECK(value_after(text, "kismet.device.base.tags") == "{\"notes\": \"seen \\\"twice\\\"\\n\"}");
    CHECK(value_after(text, "kismet.device.base.related_devices") ==
          "{\"dot11_uuid_e\": [\"4202770D00000000_85A4C2860B00\"]}");
    CHECK(value_after(text, "kismet.device.base.commonname") == "\"00:13:CE:55:98:EF\"");
    CHECK(value_after(text, "kismet.device.base.packets.total") == "283");
    // A MAC map of records, and a MAC map of vectors of records.
    CHECK(value_after(text, "dot11.device.client_map") ==
          "{\"28:10:7B:94:BB:29\": {\"dot11.client.bssid\": \"28:10:7B:94:BB:29\",\"dot11.client.bssid_key\": "
          "\"4202770D00000000_29BB947B1028\",\"dot11.client.first_time\": 1537621369,\"dot11.client.last_time\": "
          "1537621371,\"dot11.client.type\": 0,\"dot11.client.decrypted\": 0}}");
    CHECK(value_after(text, "dot11.device.wpa_handshake_list")
              .rfind("{\"7C:64:56:8A:D6:7C\": [{\"dot11.eapol.timestamp\": ", 0) == 0);
}

TEST_CASE("control characters escape with lower-case hex and NaN prints 0", "[fields]") {
    TestSsid ssid;
    ssid.ssid = std::string("a\x01\tb\\", 5);
    ssid.maxrate = std::numeric_limits<double>::quiet_NaN();
    ssid.dot11e_channel_utilization_perc = -std::numeric_limits<double>::infinity();
    const std::string text = serialize_record(OutputFormat::json, ssid_schema(), ssid);
    CHECK(value_after(text, "dot11.advertisedssid.ssid") == "\"a\\u0001\\tb\\\\\"");
    CHECK(value_after(text, "dot11.advertisedssid.maxrate") == "0");
    CHECK(value_after(text, "dot11.advertisedssid.dot11e_channel_utilization_perc") == "0");
}

TEST_CASE("a record must be serialised with the schema of its own type", "[fields]") {
    TestLocation location;
    std::string out;
    CHECK_THROWS_AS(append_record(out, OutputFormat::json, device_schema(), location), std::logic_error);
}
