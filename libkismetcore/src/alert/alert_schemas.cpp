// The alert record and definition schemas, and Kismet's alert hash.
#include <charconv>
#include <cmath>

#include "kismetcore/alert/alert_definition.h"
#include "kismetcore/alert/alert_record.h"
#include "kismetcore/common/kismet_checksum.h"
#include "kismetcore/fields/record_schema_builder.h"
#include "kismetcore/track/common_record_schemas.h"

namespace kismetcore::alert {
namespace {

using fields::RecordSchemaBuilder;

fields::RecordSchema build_record_schema() {
    using R = AlertRecord;
    return RecordSchemaBuilder<R>("kismet.alert")
        .field<&R::device_key>("kismet.alert.device_key", "device key of linked device")
        .field<&R::header>("kismet.alert.header", "alert type")
        .field<&R::alert_class>("kismet.alert.class", "alert class")
        .field<&R::hash>("kismet.alert.hash", "alert hash")
        .field<&R::severity>("kismet.alert.severity", "alert severity")
        .computed("kismet.alert.phy_id", "ID of phy generating alert",
                  [](const R& r) { return static_cast<std::uint32_t>(r.phy); })
        .computed("kismet.alert.timestamp", "timestamp (sec.ms)", [](const R& r) { return r.time.seconds(); })
        .field<&R::transmitter>("kismet.alert.transmitter_mac", "transmitter mac address")
        .field<&R::source>("kismet.alert.source_mac", "source mac address")
        .field<&R::destination>("kismet.alert.dest_mac", "destination mac address")
        .field<&R::other>("kismet.alert.other_mac", "other / extra mac address")
        .field<&R::channel>("kismet.alert.channel", "phy-specific channel")
        .field<&R::frequency>("kismet.alert.frequency", "frequency (khz)")
        .field<&R::text>("kismet.alert.text", "alert text")
        .record<&R::location>("kismet.alert.location", "location", track::location_point_schema())
        .build();
}

fields::RecordSchema build_definition_schema() {
    using D = AlertDefinition;
    return RecordSchemaBuilder<D>("kismet.alert.definition")
        .field<&D::header>("kismet.alert.definition.header", "Alert name")
        .field<&D::alert_class>("kismet.alert.definition.class", "Alert class")
        .computed("kismet.alert.definition.severity", "Alert severity",
                  [](const D& d) { return static_cast<std::int32_t>(d.severity); })
        .field<&D::description>("kismet.alert.definition.description", "Alert description")
        .computed("kismet.alert.definition.phyid", "ID of phy generating alert",
                  [](const D& d) { return static_cast<std::int64_t>(d.phy); })
        .computed("kismet.alert.definition.limit_unit", "limit unit",
                  [](const D& d) { return static_cast<std::uint64_t>(d.throttle.limit.unit); })
        .computed("kismet.alert.definition.limit_rate", "limit rate",
                  [](const D& d) { return static_cast<std::uint64_t>(d.throttle.limit.count); })
        .computed("kismet.alert.definition.burst_unit", "burst unit",
                  [](const D& d) { return static_cast<std::uint64_t>(d.throttle.burst.unit); })
        .computed("kismet.alert.definition.limit_burst", "burst rate",
                  [](const D& d) { return static_cast<std::uint64_t>(d.throttle.burst.count); })
        .computed("kismet.alert.definition.burst_sent", "alerts sent in burst",
                  [](const D& d) { return d.throttle.burst_sent; })
        .computed("kismet.alert.definition.total_sent", "total alerts sent",
                  [](const D& d) { return d.throttle.total_sent; })
        .computed("kismet.alert.definition.time_last", "timestamp of last alert (sec.us)",
                  [](const D& d) { return d.throttle.time_last; })
        .build();
}

void append_number(std::string& out, std::uint64_t value) {
    std::array<char, 24> digits;
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    out.append(digits.data(), end);
}

void append_mac(std::string& out, const MacAddress& mac) {
    std::array<char, MacAddress::kTextLength + 1> text;
    out += mac.format_upper(text);
}

}  // namespace

AlertTime AlertTime::from_seconds(double seconds) noexcept {
    const auto micros = static_cast<std::int64_t>(std::llround(seconds * 1e6));
    std::int64_t sec = micros / 1'000'000;
    std::int64_t usec = micros % 1'000'000;
    if (usec < 0) {
        usec += 1'000'000;
        --sec;
    }
    return {sec, static_cast<std::uint32_t>(usec)};
}

std::uint32_t kismet_alert_hash(const AlertRecord& record) {
    std::string text;
    text.reserve(record.header.size() + record.channel.size() + 112);
    text += record.header;
    text += ' ';
    append_number(text, record.severity);
    text += ' ';
    append_number(text, static_cast<std::uint32_t>(record.phy));
    text += ' ';
    if (record.time.sec < 0) text += '-';
    append_number(text, static_cast<std::uint64_t>(record.time.sec < 0 ? -record.time.sec : record.time.sec));
    text += '.';
    std::array<char, 7> usec{};
    std::uint32_t rest = record.time.usec;
    for (int digit = 5; digit >= 0; --digit) {
        usec[static_cast<std::size_t>(digit)] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    }
    text.append(usec.data(), 6);
    for (const MacAddress* mac : {&record.transmitter, &record.source, &record.destination, &record.other}) {
        text += ' ';
        append_mac(text, *mac);
    }
    text += ' ';
    text += record.channel;
    return kismet_adler32(text);
}

const fields::RecordSchema& alert_record_schema() {
    static const fields::RecordSchema schema = build_record_schema();
    return schema;
}

const fields::RecordSchema& alert_definition_schema() {
    static const fields::RecordSchema schema = build_definition_schema();
    return schema;
}

}  // namespace kismetcore::alert
