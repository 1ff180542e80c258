// The alert engine: definitions, raising, the backlog, since-queries, observers and Kismet's record shape.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "kismetcore/alert/alert_engine.h"
#include "kismetcore/fields/serializer.h"
#include "support/kismet_samples.h"

using namespace kismetcore;
using namespace kismetcore::alert;

namespace {

// An engine whose clock the test moves, in microseconds.
struct Harness {
    explicit Harness(AlertConfig config = {}) : engine(std::move(config), [this] { return now; }) {}

    AlertTime now{1'700'000'000, 0};
    AlertEngine engine;

    AlertId define(std::string header, Rate limit = {10, TimeUnit::minute}, Rate burst = {10, TimeUnit::second}) {
        auto result = engine.define({.header = std::move(header),
                                     .alert_class = "DENIAL",
                                     .severity = severity::kMedium,
                                     .description = "test",
                                     .phy = phy::kDot11,
                                     .limit = limit,
                                     .burst = burst});
        REQUIRE(result.error.empty());
        return result.id;
    }
    bool raise_at(AlertId id, std::int64_t sec, std::uint32_t usec, std::string_view text = "x") {
        AlertContext context;
        context.time = AlertTime{sec, usec};
        return engine.raise(id, context, text);
    }
};

MacAddress mac(std::string_view text) {
    return *MacAddress::parse(text);
}

}  // namespace

TEST_CASE("definitions: headers upper-cased, duplicates refused, configured rates win", "[alert]") {
    AlertConfig config;
    REQUIRE(config.apply_line("alert=NOISY,3/hour,2/min").empty());
    Harness h(std::move(config));
    const AlertId id = h.define("noisy");
    CHECK(h.engine.find("NOISY") == id);
    CHECK(h.engine.find("Noisy") == id);
    const auto definition = h.engine.definition(id);
    REQUIRE(definition);
    CHECK(definition->header == "NOISY");
    CHECK(definition->throttle.limit == Rate{3, TimeUnit::hour});
    CHECK(definition->throttle.burst == Rate{2, TimeUnit::minute});

    CHECK_FALSE(h.engine.define({.header = "NOISY"}).error.empty());
    CHECK_FALSE(h.engine.define({.header = ""}).error.empty());
    CHECK_FALSE(h.engine.define({.header = "BACKWARDS", .limit = {1, TimeUnit::second}, .burst = {1, TimeUnit::minute}})
                    .error.empty());
    CHECK(h.engine.find("BACKWARDS") == kNoAlert);
    CHECK(h.engine.definitions().size() == 1);
}

TEST_CASE("a raised alert carries the context, the definition and Kismet's hash", "[alert]") {
    Harness h;
    const AlertId id = h.define("DEAUTHFLOOD", {5, TimeUnit::minute}, {2, TimeUnit::second});
    std::vector<std::string> observed;
    h.engine.add_observer([&observed](const AlertRecord& record) { observed.push_back(record.header); });
    AlertContext context;
    context.transmitter = mac("8C:DE:F9:D0:B4:61");
    context.source = mac("8C:DE:F9:D0:B4:61");
    context.destination = mac("60:7E:A4:4C:EE:73");
    context.channel = "0";
    context.time = AlertTime{1795369703, 140701};
    REQUIRE(h.engine.raise(id, context, "Deauth/Disassociate flood on 8C:DE:F9:D0:B4:61"));
    const auto all = h.engine.all();
    REQUIRE(all.size() == 1);
    const AlertRecord& record = *all[0];
    CHECK(record.header == "DEAUTHFLOOD");
    CHECK(record.alert_class == "DENIAL");
    CHECK(record.severity == severity::kMedium);
    CHECK(record.phy == 0);
    // The hash Kismet gave this very alert in kismet-samples/pmkid-not-recognized.
    CHECK(record.hash == 685774735u);
    CHECK(observed == std::vector<std::string>{"DEAUTHFLOOD"});
    CHECK(h.engine.raised_count() == 1);
}

TEST_CASE("the alert hash matches every record of Kismet's samples", "[alert]") {
    const auto samples = testing::kismet_samples_dir();
    if (samples.empty()) {
        WARN("kismet-samples not present");
        return;
    }
    simdjson::dom::parser parser;
    std::size_t checked = 0;
    for (const auto& folder : std::filesystem::directory_iterator(samples)) {
        const auto file = folder.path() / "alerts_all_alerts.json";
        if (!std::filesystem::exists(file)) continue;
        simdjson::dom::element alerts = parser.load(file.string());
        for (simdjson::dom::element alert : alerts.get_array()) {
            AlertRecord record;
            record.header = std::string(std::string_view(alert["kismet.alert.header"]));
            record.severity = static_cast<std::uint8_t>(std::int64_t(alert["kismet.alert.severity"]));
            record.phy =
                static_cast<std::int32_t>(static_cast<std::uint32_t>(std::int64_t(alert["kismet.alert.phy_id"])));
            record.time = AlertTime::from_seconds(double(alert["kismet.alert.timestamp"]));
            record.transmitter = mac(std::string_view(alert["kismet.alert.transmitter_mac"]));
            record.source = mac(std::string_view(alert["kismet.alert.source_mac"]));
            record.destination = mac(std::string_view(alert["kismet.alert.dest_mac"]));
            record.other = mac(std::string_view(alert["kismet.alert.other_mac"]));
            record.channel = std::string(std::string_view(alert["kismet.alert.channel"]));
            CAPTURE(file.string(), record.header);
            CHECK(kismet_alert_hash(record) == static_cast<std::uint32_t>(std::int64_t(alert["kismet.alert.hash"])));
            ++checked;
        }
    }
    CHECK(checked >= 10);
}

TEST_CASE("an alert record serializes with Kismet's fields in Kismet's order", "[alert]") {
    AlertRecord record;
    record.header = "NOCLIENTMFP";
    record.alert_class = "SPOOF";
    record.severity = 5;
    record.phy = phy::kUnknown;
    record.time = {1795369474, 19436};
    record.transmitter = mac("28:10:7B:94:BB:29");
    record.channel = "0";
    record.text = "t";
    record.hash = 150673177;
    const std::string json = fields::serialize_record(fields::OutputFormat::json, alert_record_schema(), record);
    CHECK(json ==
          "{\"kismet.alert.device_key\": \"00_0\",\"kismet.alert.header\": \"NOCLIENTMFP\","
          "\"kismet.alert.class\": \"SPOOF\",\"kismet.alert.hash\": 150673177,\"kismet.alert.severity\": 5,"
          "\"kismet.alert.phy_id\": 4294967294,\"kismet.alert.timestamp\": 1795369474.019436,"
          "\"kismet.alert.transmitter_mac\": \"28:10:7B:94:BB:29\",\"kismet.alert.source_mac\": \"00:00:00:00:00:00\","
          "\"kismet.alert.dest_mac\": \"00:00:00:00:00:00\",\"kismet.alert.other_mac\": \"00:00:00:00:00:00\","
          "\"kismet.alert.channel\": \"0\",\"kismet.alert.frequency\": 0,\"kismet.alert.text\": \"t\","
          "\"kismet.alert.location\": {\"kismet.common.location.geopoint\": [0, 0]}}");
}

TEST_CASE("throttled alerts are counted but neither kept nor observed", "[alert]") {
    Harness h;
    const AlertId id = h.define("BURSTY", {5, TimeUnit::minute}, {2, TimeUnit::second});
    int observed = 0;
    h.engine.add_observer([&observed](const AlertRecord&) { ++observed; });
    CHECK(h.raise_at(id, 100, 0));
    CHECK(h.raise_at(id, 100, 1));
    CHECK_FALSE(h.raise_at(id, 100, 2));
    CHECK(h.engine.all().size() == 2);
    CHECK(observed == 2);
    CHECK(h.engine.throttled_count() == 1);
    CHECK_FALSE(h.engine.potential(id, {100, 3}));
    CHECK(h.engine.potential(id, {101, 5}));
}

TEST_CASE("the backlog keeps the last alertbacklog alerts, oldest first", "[alert]") {
    AlertConfig config;
    config.backlog = 3;
    Harness h(std::move(config));
    const AlertId id = h.define("MANY", {100, TimeUnit::minute}, {100, TimeUnit::second});
    for (int i = 0; i < 5; ++i) REQUIRE(h.raise_at(id, 100 + i, 0, std::to_string(i)));
    const auto all = h.engine.all();
    REQUIRE(all.size() == 3);
    CHECK(all[0]->text == "2");
    CHECK(all[1]->text == "3");
    CHECK(all[2]->text == "4");
    CHECK(h.engine.raised_count() == 5);
}

TEST_CASE("since() returns alerts strictly newer than the timestamp, to the microsecond", "[alert]") {
    Harness h;
    const AlertId id = h.define("TIMED", {100, TimeUnit::minute}, {100, TimeUnit::second});
    REQUIRE(h.raise_at(id, 1795369703, 140701, "a"));
    REQUIRE(h.raise_at(id, 1795369703, 140702, "b"));
    REQUIRE(h.raise_at(id, 1795369703, 999999, "c"));
    CHECK(h.engine.since(1795369703.140700).size() == 3);
    CHECK(h.engine.since(1795369703.140701).size() == 2);
    CHECK(h.engine.since(1795369703.140702).size() == 1);
    CHECK(h.engine.since(1795369703.999999).empty());
    CHECK(h.engine.since(0).size() == 3);
    CHECK(h.engine.since(-5).size() == 3);  // Kismet compares a negative value directly: everything
    CHECK(h.engine.since(1795369703.140701)[0]->text == "b");
}

TEST_CASE("alerts raised without a time take the engine's clock", "[alert]") {
    Harness h;
    const AlertId id = h.define("CLOCKED");
    h.now = {1'800'000'123, 456789};
    REQUIRE(h.engine.raise(id, {}, "t"));
    CHECK(h.engine.all().back()->time == AlertTime{1'800'000'123, 456789});
    CHECK(h.engine.raise("clocked", {}, "by name"));
    CHECK_FALSE(h.engine.raise("UNDEFINED", {}, "nothing"));
}

TEST_CASE("one-shot alerts skip definitions and throttles", "[alert]") {
    Harness h;
    for (int i = 0; i < 3; ++i) h.engine.raise_one_shot("sourceopen", "SYSTEM", severity::kCritical, "failed");
    const auto all = h.engine.all();
    REQUIRE(all.size() == 3);
    CHECK(all[0]->header == "SOURCEOPEN");
    CHECK(all[0]->phy == phy::kAny);
    CHECK(all[0]->severity == severity::kCritical);
    CHECK(all[0]->transmitter.is_zero());
    CHECK(h.engine.find("SOURCEOPEN") == kNoAlert);
}

TEST_CASE("a definition serializes with Kismet's definition fields", "[alert]") {
    Harness h;
    const AlertId id = h.define("DEF", {5, TimeUnit::minute}, {2, TimeUnit::second});
    REQUIRE(h.raise_at(id, 100, 500000));
    const auto definition = h.engine.definition(id);
    REQUIRE(definition);
    const std::string json =
        fields::serialize_record(fields::OutputFormat::json, alert_definition_schema(), *definition);
    CHECK(json ==
          "{\"kismet.alert.definition.header\": \"DEF\",\"kismet.alert.definition.class\": \"DENIAL\","
          "\"kismet.alert.definition.severity\": 10,\"kismet.alert.definition.description\": \"test\","
          "\"kismet.alert.definition.phyid\": 0,\"kismet.alert.definition.limit_unit\": 1,"
          "\"kismet.alert.definition.limit_rate\": 5,\"kismet.alert.definition.burst_unit\": 0,"
          "\"kismet.alert.definition.limit_burst\": 2,\"kismet.alert.definition.burst_sent\": 1,"
          "\"kismet.alert.definition.total_sent\": 1,\"kismet.alert.definition.time_last\": 100.500000}");
}
