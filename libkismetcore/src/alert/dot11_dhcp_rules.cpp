// The DHCP rules: DHCPCLIENTID (Kismet's IP-data dissector), DHCPNAMECHANGE and DHCPOSCHANGE (its 802.11
// classifier), all on a client's DISCOVER broadcast in a cleartext data frame.
#include <string>

#include "dot11_alert_state.h"
#include "kismetcore/track/printable_text.h"

namespace kismetcore::alert {

void Dot11AlertRules::inspect_dhcp_discover(Packet& packet) {
    const dissect::DhcpMessage& dhcp = packet.dissected.dot11.dhcp;
    if (!dhcp.is_discover() || !packet.destination.is_broadcast()) return;

    // The reference's trigger: a 7-octet client identifier (type octet, then a MAC) naming another MAC than the
    // frame's source. (Kismet's code compares the number of option-61 occurrences with 7 instead of the option's
    // length, so there it practically never fires; docs/alerts.md.)
    if (wants(Dot11Alert::dhcp_client_id)) {
        const auto named = dhcp.client_identifier_mac();
        if (named && *named != packet.source && ready(Dot11Alert::dhcp_client_id, packet))
            raise(Dot11Alert::dhcp_client_id, packet, packet.bssid, packet.source, packet.destination,
                  "DHCP request from " + upper_mac(packet.source) + " doesn't match DHCP DISCOVER client id " +
                      upper_mac(*named) + " which can indicate a DHCP spoofing attack");
    }

    // Kismet keeps the identity in the client's record for its BSSID, so a frame without one has none to compare.
    const bool vendor_rule = wants(Dot11Alert::dhcp_os_change);
    const bool host_rule = wants(Dot11Alert::dhcp_name_change);
    if ((!vendor_rule && !host_rule) || packet.bssid.is_zero()) return;
    auto& slot = rare_frame_entry(state_->dhcp_identities, network_key(packet.source, packet.bssid.octets()),
                                  options_.max_remembered);
    if (!slot) slot = std::make_shared<State::DhcpIdentity>();
    // Kismet's order: the vendor class, then the host name.
    if (dhcp.vendor_class && !dhcp.vendor_class->empty())
        check_dhcp_change(Dot11Alert::dhcp_os_change, packet, slot->vendor,
                          track::munge_to_printable(*dhcp.vendor_class), "DHCP vendor");
    if (dhcp.host_name && !dhcp.host_name->empty())
        check_dhcp_change(Dot11Alert::dhcp_name_change, packet, slot->host, track::munge_to_printable(*dhcp.host_name),
                          "DHCP hostname");
}

// A change from one non-empty value to another raises `rule`; the value is remembered whether or not an alert
// goes out (Kismet overwrites the record even when the alert is throttled).
void Dot11AlertRules::check_dhcp_change(Dot11Alert rule, Packet& packet, std::string& remembered, std::string now,
                                        std::string_view what) {
    if (!remembered.empty() && remembered != now && wants(rule) && ready(rule, packet))
        // Kismet's text, which runs the client MAC into "changed".
        raise(rule, packet, packet.bssid, packet.source, packet.destination,
              "IEEE80211 network BSSID " + upper_mac(packet.bssid) + " client " + upper_mac(packet.source) +
                  "changed advertised " + std::string(what) + " from '" + remembered + "' to '" + now +
                  "' which may indicate client spoofing or impersonation");
    remembered = std::move(now);
}

}  // namespace kismetcore::alert
