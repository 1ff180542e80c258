// Reads a capture through tshark (one process per file) into the per-frame facts the truth tests derive from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kismetcore/common/mac_address.h"

namespace kismetcore::testing::truth {

// tshark's wiretap encapsulations (frame.encap_type) of the link types in ../shared/captures.
namespace encap {
inline constexpr int kIeee80211 = 20;  // DLT 105
inline constexpr int kPrism = 21;      // DLT 119
inline constexpr int kRadiotap = 23;   // DLT 127
inline constexpr int kPpi = 97;        // DLT 192
}  // namespace encap

// What tshark says about one frame, reduced to what the truth rules read. Addresses are the MAC header's, by
// position: address1..address4 (a frame's A-MSDU subframe addresses, which tshark also files under wlan.sa and
// wlan.da, are left out).
struct TsharkFrame {
    std::uint64_t number = 0;
    int encapsulation = 0;
    bool has_dot11 = false;
    std::size_t dot11_length = 0;  // captured bytes after the radio header, FCS included when kept
    bool malformed = false;        // tshark's _ws.malformed: the frame ended before its fields did
    bool bad_fcs = false;          // wlan.fcs.status Bad, with wlan.check_checksum on
    int type = -1;
    int subtype = -1;
    bool to_ds = false;
    bool from_ds = false;
    bool amsdu = false;
    std::optional<MacAddress> address1;
    std::optional<MacAddress> address2;
    std::optional<MacAddress> address3;
    std::optional<MacAddress> address4;
    std::vector<std::uint8_t> ssid;  // the first SSID element's bytes; empty when absent or zero-length
    bool has_mesh_id = false;
    std::vector<std::uint8_t> mesh_id;
    std::optional<unsigned> ds_channel;  // DS Parameter Set: current channel
    bool privacy = false;                // Capability Information B4
    bool has_rsn = false;
    std::vector<unsigned> rsn_pairwise;  // suite types of OUI 00-0F-AC
    std::vector<unsigned> rsn_akms;      // suite types of OUI 00-0F-AC
    bool has_wpa = false;                // the WPA vendor element (00-50-F2 type 1)

    // The first EAPOL-Key of the frame, when it is one.
    struct EapolKey {
        std::int64_t time_us = 0;  // frame.time_epoch
        unsigned descriptor = 0;   // 2 RSN, 254 WPA
        bool pairwise = false;     // Key Type bit
        unsigned message = 0;      // tshark's 4-way handshake message number
        std::uint64_t replay_counter = 0;
        std::vector<std::uint8_t> nonce;
    };
    std::optional<EapolKey> eapol;
};

struct TsharkCapture {
    std::vector<TsharkFrame> frames;
    int exit_status = 0;  // non-zero for files that end in a damaged record; the frames before it are kept
};

// The tshark command line used for `path` (for reports).
std::string tshark_command(const std::filesystem::path& path);

// Runs tshark on `path`; nullopt when tshark could not be started or printed nothing parseable.
std::optional<TsharkCapture> read_with_tshark(const std::filesystem::path& path);

// Whether a tshark binary answers `tshark -v`.
bool tshark_available();

}  // namespace kismetcore::testing::truth
