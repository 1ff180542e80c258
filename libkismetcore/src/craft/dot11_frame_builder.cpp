// Lays out 802.11 frames field by field (IEEE 802.11-2020 9.2.3) for tests, samples and benchmarks.
#include "kismetcore/craft/dot11_frame_builder.h"

#include "kismetcore/dissect/fcs.h"

namespace kismetcore::craft {
namespace {

namespace dot11 = dissect::dot11;

void put_le16(Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
}

void put_le32(Bytes& out, std::uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xff));
}

void put_address(Bytes& out, const MacAddress& address) {
    out.insert(out.end(), address.octets().begin(), address.octets().end());
}

// Builds the common three-address management header and applies the options every builder shares.
Dot11FrameBuilder management_header(std::uint8_t subtype, const MacAddress& destination, const MacAddress& source,
                                    const MacAddress& bssid, const FrameOptions& options) {
    auto builder = Dot11FrameBuilder::management(subtype);
    builder.flags(options.flags)
        .duration(options.duration)
        .address1(destination)
        .address2(source)
        .address3(bssid)
        .sequence(options.sequence_number, options.fragment_number)
        .fcs(options.append_fcs);
    if (options.ht_control) builder.ht_control(*options.ht_control);
    return builder;
}

}  // namespace

Dot11FrameBuilder& Dot11FrameBuilder::flags(std::uint8_t flags) noexcept {
    flags_ = static_cast<std::uint8_t>(flags_ | flags);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::version(std::uint8_t version) noexcept {
    version_ = version;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::duration(std::uint16_t duration_id) noexcept {
    duration_ = duration_id;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::address1(const MacAddress& address) noexcept {
    addresses_[0] = address;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::address2(const MacAddress& address) noexcept {
    addresses_[1] = address;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::address3(const MacAddress& address) noexcept {
    addresses_[2] = address;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::address4(const MacAddress& address) noexcept {
    addresses_[3] = address;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::sequence(std::uint16_t sequence_number, std::uint8_t fragment_number) noexcept {
    sequence_control_ = static_cast<std::uint16_t>((sequence_number << 4) | (fragment_number & 0x0f));
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::qos_control(std::uint16_t qos_control) noexcept {
    qos_control_ = qos_control;
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::ht_control(std::uint32_t ht_control) noexcept {
    ht_control_ = ht_control;
    flags_ = static_cast<std::uint8_t>(flags_ | dot11::fc_flag::kOrder);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body(std::span<const std::uint8_t> bytes) {
    body_.insert(body_.end(), bytes.begin(), bytes.end());
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body_u8(std::uint8_t value) {
    body_.push_back(value);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body_le16(std::uint16_t value) {
    put_le16(body_, value);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body_le32(std::uint32_t value) {
    put_le32(body_, value);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body_le64(std::uint64_t value) {
    put_le32(body_, static_cast<std::uint32_t>(value & 0xffffffffu));
    put_le32(body_, static_cast<std::uint32_t>(value >> 32));
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::body_address(const MacAddress& address) {
    put_address(body_, address);
    return *this;
}
Dot11FrameBuilder& Dot11FrameBuilder::fcs(bool append) noexcept {
    fcs_ = append;
    return *this;
}

Bytes Dot11FrameBuilder::build() const {
    Bytes frame;
    frame.reserve(40 + body_.size());
    // Frame Control (9.2.4.1): version, type and subtype in the first octet, flags in the second.
    frame.push_back(static_cast<std::uint8_t>((version_ & 0x3) | ((type_ & 0x3) << 2) | ((subtype_ & 0xf) << 4)));
    frame.push_back(flags_);
    put_le16(frame, duration_);
    for (std::size_t i = 0; i < 3; ++i)
        if (addresses_[i]) put_address(frame, *addresses_[i]);
    if (sequence_control_) put_le16(frame, *sequence_control_);
    if (addresses_[3]) put_address(frame, *addresses_[3]);
    if (qos_control_) put_le16(frame, *qos_control_);
    if (ht_control_) put_le32(frame, *ht_control_);
    frame.insert(frame.end(), body_.begin(), body_.end());
    if (fcs_) append_fcs(frame);
    return frame;
}

void append_fcs(Bytes& frame) {
    put_le32(frame, dissect::crc32(frame));
}

Bytes beacon(const BeaconSpec& spec) {
    return management_header(dot11::management::kBeacon, spec.destination, spec.bssid, spec.bssid, spec.options)
        .body_le64(spec.timestamp)
        .body_le16(spec.beacon_interval)
        .body_le16(spec.capability)
        .body(spec.elements)
        .build();
}

Bytes probe_response(const BeaconSpec& spec) {
    return management_header(dot11::management::kProbeResponse, spec.destination, spec.bssid, spec.bssid, spec.options)
        .body_le64(spec.timestamp)
        .body_le16(spec.beacon_interval)
        .body_le16(spec.capability)
        .body(spec.elements)
        .build();
}

Bytes probe_request(const ProbeRequestSpec& spec) {
    return management_header(dot11::management::kProbeRequest, spec.destination, spec.source, spec.bssid, spec.options)
        .body(spec.elements)
        .build();
}

Bytes authentication(const AuthenticationSpec& spec) {
    return management_header(dot11::management::kAuthentication, spec.destination, spec.source, spec.bssid,
                             spec.options)
        .body_le16(spec.algorithm)
        .body_le16(spec.sequence)
        .body_le16(spec.status)
        .body(spec.elements)
        .build();
}

Bytes association_request(const AssociationRequestSpec& spec) {
    const auto subtype =
        spec.current_ap ? dot11::management::kReassociationRequest : dot11::management::kAssociationRequest;
    auto builder = management_header(subtype, spec.bssid, spec.client, spec.bssid, spec.options);
    builder.body_le16(spec.capability).body_le16(spec.listen_interval);
    if (spec.current_ap) builder.body_address(*spec.current_ap);
    return builder.body(spec.elements).build();
}

Bytes association_response(const AssociationResponseSpec& spec) {
    const auto subtype =
        spec.reassociation ? dot11::management::kReassociationResponse : dot11::management::kAssociationResponse;
    return management_header(subtype, spec.client, spec.bssid, spec.bssid, spec.options)
        .body_le16(spec.capability)
        .body_le16(spec.status)
        .body_le16(static_cast<std::uint16_t>(spec.association_id | 0xc000))
        .body(spec.elements)
        .build();
}

namespace {

// Deauthentication and disassociation share one layout: the reason code, then optional elements (9.3.3.12-13).
Bytes disconnection(std::uint8_t subtype, const DisconnectSpec& spec) {
    return management_header(subtype, spec.destination, spec.source, spec.bssid, spec.options)
        .body_le16(spec.reason)
        .body(spec.elements)
        .build();
}

}  // namespace

Bytes deauthentication(const DisconnectSpec& spec) {
    return disconnection(dot11::management::kDeauthentication, spec);
}

Bytes disassociation(const DisconnectSpec& spec) {
    return disconnection(dot11::management::kDisassociation, spec);
}

Bytes action(const ActionSpec& spec) {
    const auto subtype = spec.no_ack ? dot11::management::kActionNoAck : dot11::management::kAction;
    return management_header(subtype, spec.destination, spec.source, spec.bssid, spec.options)
        .body_u8(spec.category)
        .body(spec.action_body)
        .build();
}

Bytes management_frame(std::uint8_t subtype, const MacAddress& destination, const MacAddress& source,
                       const MacAddress& bssid, std::span<const std::uint8_t> body, const FrameOptions& options) {
    return management_header(subtype, destination, source, bssid, options).body(body).build();
}

Bytes data_frame(const DataSpec& spec) {
    auto builder = Dot11FrameBuilder::data(spec.subtype);
    std::uint8_t ds_flags = 0;
    switch (spec.direction) {
        case DsDirection::within_bss:
            builder.address1(spec.destination).address2(spec.source).address3(spec.bssid);
            break;
        case DsDirection::from_ap:
            ds_flags = dot11::fc_flag::kFromDs;
            builder.address1(spec.destination).address2(spec.bssid).address3(spec.source);
            break;
        case DsDirection::to_ap:
            ds_flags = dot11::fc_flag::kToDs;
            builder.address1(spec.bssid).address2(spec.source).address3(spec.destination);
            break;
        case DsDirection::wds:
            ds_flags = dot11::fc_flag::kToDs | dot11::fc_flag::kFromDs;
            builder.address1(spec.receiver).address2(spec.transmitter).address3(spec.destination).address4(spec.source);
            break;
    }
    builder.flags(static_cast<std::uint8_t>(spec.options.flags | ds_flags))
        .duration(spec.options.duration)
        .sequence(spec.options.sequence_number, spec.options.fragment_number)
        .fcs(spec.options.append_fcs);
    if ((spec.subtype & dot11::data::kQosSubtypeBit) != 0) builder.qos_control(spec.qos_control);
    if (spec.options.ht_control) builder.ht_control(*spec.options.ht_control);
    return builder.body(spec.body).build();
}

Bytes llc_snap(std::uint16_t ethertype, std::span<const std::uint8_t> payload) {
    Bytes out(dot11::kRfc1042Header.begin(), dot11::kRfc1042Header.end());
    out.push_back(static_cast<std::uint8_t>(ethertype >> 8));
    out.push_back(static_cast<std::uint8_t>(ethertype & 0xff));
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Bytes control_frame(const ControlSpec& spec) {
    auto builder = Dot11FrameBuilder::control(spec.subtype);
    builder.flags(spec.options.flags).duration(spec.options.duration).address1(spec.receiver);
    if (spec.transmitter) builder.address2(*spec.transmitter);
    return builder.body(spec.body).fcs(spec.options.append_fcs).build();
}

Bytes rts(const MacAddress& receiver, const MacAddress& transmitter, std::uint16_t duration) {
    return control_frame({.subtype = dot11::control::kRts,
                          .receiver = receiver,
                          .transmitter = transmitter,
                          .options = {.duration = duration}});
}

Bytes cts(const MacAddress& receiver, std::uint16_t duration) {
    return control_frame({.subtype = dot11::control::kCts, .receiver = receiver, .options = {.duration = duration}});
}

Bytes ack(const MacAddress& receiver) {
    return control_frame({.subtype = dot11::control::kAck, .receiver = receiver});
}

Bytes ps_poll(std::uint16_t association_id, const MacAddress& bssid, const MacAddress& transmitter) {
    return control_frame({.subtype = dot11::control::kPsPoll,
                          .receiver = bssid,
                          .transmitter = transmitter,
                          .options = {.duration = static_cast<std::uint16_t>(association_id | 0xc000)}});
}

Bytes cf_end(const MacAddress& bssid, bool with_ack) {
    return control_frame({.subtype = with_ack ? dot11::control::kCfEndAck : dot11::control::kCfEnd,
                          .receiver = kBroadcast,
                          .transmitter = bssid});
}

Bytes block_ack_request(const MacAddress& receiver, const MacAddress& transmitter, std::uint8_t tid,
                        std::uint16_t starting_sequence) {
    // BAR Control (9.3.1.7.1): B1-B4 BA type 2 (compressed), B12-B15 TID; then Starting Sequence Control.
    Bytes body;
    put_le16(body, static_cast<std::uint16_t>((2u << 1) | (static_cast<unsigned>(tid & 0xf) << 12)));
    put_le16(body, static_cast<std::uint16_t>(starting_sequence << 4));
    return control_frame(
        {.subtype = dot11::control::kBlockAckRequest, .receiver = receiver, .transmitter = transmitter, .body = body});
}

Bytes block_ack(const MacAddress& receiver, const MacAddress& transmitter, std::uint8_t tid,
                std::uint16_t starting_sequence, std::uint64_t bitmap) {
    // BA Control (9.3.1.8.1): B1-B4 BA type 2 (compressed), B12-B15 TID; Starting Sequence Control, bitmap.
    Bytes body;
    put_le16(body, static_cast<std::uint16_t>((2u << 1) | (static_cast<unsigned>(tid & 0xf) << 12)));
    put_le16(body, static_cast<std::uint16_t>(starting_sequence << 4));
    put_le32(body, static_cast<std::uint32_t>(bitmap & 0xffffffffu));
    put_le32(body, static_cast<std::uint32_t>(bitmap >> 32));
    return control_frame(
        {.subtype = dot11::control::kBlockAck, .receiver = receiver, .transmitter = transmitter, .body = body});
}

}  // namespace kismetcore::craft
