// Builds 802.11 frames byte by byte for tests, examples, sample captures and benchmarks (may allocate).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "kismetcore/common/mac_address.h"
#include "kismetcore/dissect/dot11_constants.h"

namespace kismetcore::craft {

using Bytes = std::vector<std::uint8_t>;

inline constexpr MacAddress kBroadcast{std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

// A frame laid out field by field (IEEE 802.11-2020 9.2.3): Frame Control, Duration/ID, the addresses the
// caller sets, Sequence Control, Address 4, QoS Control, HT Control, then the body. Nothing is checked: a test
// can build any frame, including wrong ones. The order of the calls does not matter.
class Dot11FrameBuilder {
public:
    Dot11FrameBuilder(std::uint8_t type, std::uint8_t subtype) noexcept : type_(type), subtype_(subtype) {}

    static Dot11FrameBuilder management(std::uint8_t subtype) noexcept { return {0, subtype}; }
    static Dot11FrameBuilder control(std::uint8_t subtype) noexcept { return {1, subtype}; }
    static Dot11FrameBuilder data(std::uint8_t subtype) noexcept { return {2, subtype}; }
    static Dot11FrameBuilder extension(std::uint8_t subtype) noexcept { return {3, subtype}; }

    // The flags octet of Frame Control (dissect::dot11::fc_flag), ORed with what ht_control() sets.
    Dot11FrameBuilder& flags(std::uint8_t flags) noexcept;
    Dot11FrameBuilder& version(std::uint8_t version) noexcept;
    Dot11FrameBuilder& duration(std::uint16_t duration_id) noexcept;
    Dot11FrameBuilder& address1(const MacAddress& address) noexcept;
    Dot11FrameBuilder& address2(const MacAddress& address) noexcept;
    Dot11FrameBuilder& address3(const MacAddress& address) noexcept;
    Dot11FrameBuilder& address4(const MacAddress& address) noexcept;
    // Adds Sequence Control (management and data frames always have one; control frames never).
    Dot11FrameBuilder& sequence(std::uint16_t sequence_number, std::uint8_t fragment_number = 0) noexcept;
    Dot11FrameBuilder& qos_control(std::uint16_t qos_control) noexcept;
    // Adds an HT Control field and sets the Order (+HTC) bit.
    Dot11FrameBuilder& ht_control(std::uint32_t ht_control) noexcept;
    // Appends to the frame body.
    Dot11FrameBuilder& body(std::span<const std::uint8_t> bytes);
    Dot11FrameBuilder& body_u8(std::uint8_t value);
    Dot11FrameBuilder& body_le16(std::uint16_t value);
    Dot11FrameBuilder& body_le32(std::uint32_t value);
    Dot11FrameBuilder& body_le64(std::uint64_t value);
    Dot11FrameBuilder& body_address(const MacAddress& address);
    // Appends the FCS (CRC-32, 9.2.4.8) when the frame is built.
    Dot11FrameBuilder& fcs(bool append = true) noexcept;

    [[nodiscard]] Bytes build() const;

private:
    std::uint8_t type_;
    std::uint8_t subtype_;
    std::uint8_t version_ = 0;
    std::uint8_t flags_ = 0;
    std::uint16_t duration_ = 0;
    std::array<std::optional<MacAddress>, 4> addresses_{};
    std::optional<std::uint16_t> sequence_control_;
    std::optional<std::uint16_t> qos_control_;
    std::optional<std::uint32_t> ht_control_;
    Bytes body_;
    bool fcs_ = false;
};

// What every convenience builder below lets a test vary.
struct FrameOptions {
    std::uint8_t flags = 0;  // extra Frame Control flags: retry, power management, more data, protected, ...
    std::uint16_t duration = 0;
    std::uint16_t sequence_number = 0;
    std::uint8_t fragment_number = 0;
    std::optional<std::uint32_t> ht_control{};  // sets +HTC (management and QoS data frames)
    bool append_fcs = false;
};

// ---- Management frames (9.3.3); `elements` are raw element bytes (see craft/element_builder.h).

// Beacon (9.3.3.2) or probe response (9.3.3.10): A1 = destination, A2 = A3 = BSSID.
struct BeaconSpec {
    MacAddress bssid{};
    MacAddress destination = kBroadcast;
    std::uint64_t timestamp = 0;
    std::uint16_t beacon_interval = 100;
    std::uint16_t capability = dissect::dot11::capability::kEss;
    std::span<const std::uint8_t> elements{};
    FrameOptions options{};
};
Bytes beacon(const BeaconSpec& spec);
Bytes probe_response(const BeaconSpec& spec);

// Probe request (9.3.3.9).
struct ProbeRequestSpec {
    MacAddress source{};
    MacAddress destination = kBroadcast;
    MacAddress bssid = kBroadcast;
    std::span<const std::uint8_t> elements{};
    FrameOptions options{};
};
Bytes probe_request(const ProbeRequestSpec& spec);

// Authentication (9.3.3.11); `elements` follow the status code (challenge text, SAE fields, ...).
struct AuthenticationSpec {
    MacAddress source{};
    MacAddress destination{};
    MacAddress bssid{};
    std::uint16_t algorithm = dissect::dot11::auth_algorithm::kOpenSystem;
    std::uint16_t sequence = 1;
    std::uint16_t status = 0;
    std::span<const std::uint8_t> elements{};
    FrameOptions options{};
};
Bytes authentication(const AuthenticationSpec& spec);

// Association request (9.3.3.5), or reassociation request (9.3.3.7) when current_ap is set. Client -> AP.
struct AssociationRequestSpec {
    MacAddress client{};
    MacAddress bssid{};
    std::uint16_t capability = dissect::dot11::capability::kEss;
    std::uint16_t listen_interval = 10;
    std::optional<MacAddress> current_ap{};
    std::span<const std::uint8_t> elements{};
    FrameOptions options{};
};
Bytes association_request(const AssociationRequestSpec& spec);

// Association (9.3.3.6) or reassociation (9.3.3.8) response. AP -> client. The AID goes out with B14-B15 set.
struct AssociationResponseSpec {
    MacAddress bssid{};
    MacAddress client{};
    std::uint16_t capability = dissect::dot11::capability::kEss;
    std::uint16_t status = 0;
    std::uint16_t association_id = 1;
    bool reassociation = false;
    std::span<const std::uint8_t> elements{};
    FrameOptions options{};
};
Bytes association_response(const AssociationResponseSpec& spec);

// Deauthentication (9.3.3.12) and disassociation (9.3.3.4).
struct DisconnectSpec {
    MacAddress source{};
    MacAddress destination{};
    MacAddress bssid{};
    std::uint16_t reason = 1;
    std::span<const std::uint8_t> elements{};  // vendor-specific elements, MME
    FrameOptions options{};
};
Bytes deauthentication(const DisconnectSpec& spec);
Bytes disassociation(const DisconnectSpec& spec);

// Action (9.3.3.13) or action no-ack (9.3.3.14): Category, then `action_body` as given (action code first).
struct ActionSpec {
    MacAddress source{};
    MacAddress destination{};
    MacAddress bssid{};
    std::uint8_t category = 0;
    std::span<const std::uint8_t> action_body{};
    bool no_ack = false;
    FrameOptions options{};
};
Bytes action(const ActionSpec& spec);

// Any other management subtype (ATIM, timing advertisement, reserved): A1 = destination, A2 = source,
// A3 = BSSID, then `body` as given.
Bytes management_frame(std::uint8_t subtype, const MacAddress& destination, const MacAddress& source,
                       const MacAddress& bssid, std::span<const std::uint8_t> body, const FrameOptions& options = {});

// ---- Data frames (9.3.2).

// Where a data frame travels: the ToDS/FromDS bits (Table 9-26).
enum class DsDirection : std::uint8_t {
    within_bss,  // ToDS 0 FromDS 0: A1 = DA, A2 = SA, A3 = BSSID (IBSS, direct link)
    from_ap,     // ToDS 0 FromDS 1: A1 = DA, A2 = BSSID, A3 = SA
    to_ap,       // ToDS 1 FromDS 0: A1 = BSSID, A2 = SA, A3 = DA
    wds,         // ToDS 1 FromDS 1: A1 = RA, A2 = TA, A3 = DA, A4 = SA
};

struct DataSpec {
    DsDirection direction = DsDirection::within_bss;
    MacAddress source{};
    MacAddress destination{};
    MacAddress bssid{};                                  // unused for wds
    MacAddress transmitter{};                            // wds only
    MacAddress receiver{};                               // wds only
    std::uint8_t subtype = dissect::dot11::data::kData;  // QoS subtypes get a QoS Control field
    std::uint16_t qos_control = 0;
    std::span<const std::uint8_t> body{};  // the frame body as sent (LLC/SNAP header included, see llc_snap())
    FrameOptions options{};
};
Bytes data_frame(const DataSpec& spec);

// An RFC 1042 LLC/SNAP header (AA-AA-03-00-00-00) with `ethertype`, followed by `payload`.
Bytes llc_snap(std::uint16_t ethertype, std::span<const std::uint8_t> payload);

// ---- Control frames (9.3.1).

// RA, then TA when set, then `body` (fields after the addresses).
struct ControlSpec {
    std::uint8_t subtype = dissect::dot11::control::kAck;
    MacAddress receiver{};
    std::optional<MacAddress> transmitter{};
    std::span<const std::uint8_t> body{};
    FrameOptions options{};  // sequence numbers are ignored: control frames have none
};
Bytes control_frame(const ControlSpec& spec);

Bytes rts(const MacAddress& receiver, const MacAddress& transmitter, std::uint16_t duration = 0);
Bytes cts(const MacAddress& receiver, std::uint16_t duration = 0);
Bytes ack(const MacAddress& receiver);
// PS-Poll (9.3.1.5): the AID rides in Duration/ID with B14-B15 set; A1 = BSSID, A2 = TA.
Bytes ps_poll(std::uint16_t association_id, const MacAddress& bssid, const MacAddress& transmitter);
// CF-End or CF-End+CF-Ack (9.3.1.6): A1 = RA (broadcast), A2 = BSSID.
Bytes cf_end(const MacAddress& bssid, bool with_ack = false);
// Block Ack Request (9.3.1.7): compressed variant for `tid`.
Bytes block_ack_request(const MacAddress& receiver, const MacAddress& transmitter, std::uint8_t tid,
                        std::uint16_t starting_sequence);
// Block Ack (9.3.1.8): compressed variant with an 8-octet bitmap.
Bytes block_ack(const MacAddress& receiver, const MacAddress& transmitter, std::uint8_t tid,
                std::uint16_t starting_sequence, std::uint64_t bitmap);

// Appends the 802.11 FCS (CRC-32, little-endian) to a frame.
void append_fcs(Bytes& frame);

}  // namespace kismetcore::craft
