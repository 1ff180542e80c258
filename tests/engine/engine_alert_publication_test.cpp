// The engine's wiring of alerts to the buses: Kismet posts each alert as an ALERT message "HEADER text" and
// publishes its record on the eventbus ALERT topic (kismet-samples messagebus_all_messages.json shows the
// messages; reference 5.1 the topic).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "alert/alert_test_harness.h"
#include "kismetcore/bus/event.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/craft/element_builder.h"
#include "kismetcore/engine/engine.h"
#include "kismetcore/fields/serializer.h"
#include "support/dot11_frames.h"
#include "support/kismet_samples.h"

namespace {

using kismetcore::bus::Event;
using kismetcore::bus::Subscription;
namespace message_flag = kismetcore::bus::message_flag;

}  // namespace

TEST_CASE("each alert raised while ingesting becomes an ALERT message and an ALERT event", "[engine][alert][bus]") {
    const auto capture = kismetcore::testing::capture_of_sample("pmkid-not-recognized");
    REQUIRE_FALSE(capture.empty());
    kismetcore::EngineConfig config;
    config.alert_packet_time = true;
    config.message_backlog = 100'000;  // the tracker's messages come between the alerts'
    kismetcore::Engine engine(config);

    std::vector<std::string> frames;
    const auto id = engine.events().add_subscriber([&frames](const Event& event, const Subscription& subscription) {
        frames.push_back(subscription.serialize(event));
    });
    REQUIRE(engine.events().subscribe(id, "ALERT", R"(["kismet.alert.header", "kismet.alert.text"])").empty());

    engine.feed_file(capture);  // the capture ends in a truncated record; the alerts before it count
    const auto alerts = engine.alerts().all();
    REQUIRE_FALSE(alerts.empty());

    // The alert backlog keeps the last 50; the message bus and the event subscriber saw every alert raised.
    REQUIRE(engine.alerts().raised_count() > alerts.size());
    REQUIRE(frames.size() == engine.alerts().raised_count());
    std::vector<std::string> alert_messages;
    for (const auto& message : engine.messages().all())
        if (message.flags == message_flag::kAlert) alert_messages.push_back(message.text);
    REQUIRE(alert_messages.size() == frames.size());
    const std::size_t skipped = frames.size() - alerts.size();
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        CHECK(alert_messages[skipped + i] == alerts[i]->header + " " + alerts[i]->text);
        CHECK(frames[skipped + i] == R"({"ALERT": {"kismet.alert.header": ")" + alerts[i]->header +
                                         R"(","kismet.alert.text": ")" + alerts[i]->text + R"("}})");
    }
    CHECK(frames.front().find("DEAUTHFLOOD") != std::string::npos);
}

TEST_CASE("an alert raised at run time reaches the message bus with the alert's time", "[engine][alert][bus]") {
    kismetcore::Engine engine;
    kismetcore::alert::AlertSpec spec;
    spec.header = "TESTALERT";
    REQUIRE(engine.alerts().define(spec).error.empty());
    kismetcore::alert::AlertContext context;
    context.time = kismetcore::alert::AlertTime{1700000000, 250};
    REQUIRE(engine.alerts().raise("TESTALERT", context, "raised by hand"));
    const auto messages = engine.messages().all();
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].text == "TESTALERT raised by hand");
    CHECK(messages[0].flags == message_flag::kAlert);
    CHECK(messages[0].time.sec == 1700000000);
    CHECK(messages[0].time.usec == 250);
    CHECK_FALSE(engine.events().has_subscribers(kismetcore::bus::Topic::alert));
}

TEST_CASE("alerts raised while the engine has a GPS fix carry its location", "[engine][alert]") {
    kismetcore::testing::AlertHarness h("alert=AIRJACKSSID,10/min,5/sec");
    const auto airjack = [&h] {
        const auto elements = kismetcore::craft::ElementBuilder().ssid("AirJack").take();
        return kismetcore::craft::beacon(
            {.bssid = kismetcore::testing::mac("02:00:00:00:00:0a"), .elements = elements, .options = h.options()});
    };
    h.feed(airjack());
    kismetcore::track::GpsFix fix;
    fix.lat = 51.5;
    fix.lon = -0.25;
    fix.alt = 12;
    fix.fix = 3;
    h.engine.set_gps_fix(fix);
    h.feed(kismetcore::craft::beacon({.bssid = kismetcore::testing::mac("02:00:00:00:00:0c"),
                                      .elements = kismetcore::craft::ElementBuilder().ssid("AirJack").take(),
                                      .options = h.options()}));
    // An alert the host raises (or the engine, for a source error) takes the fix too.
    h.engine.feed_file("/nonexistent/capture.pcap");
    const auto alerts = h.engine.alerts().all();
    REQUIRE(alerts.size() == 3);
    CHECK_FALSE(alerts[0]->location.has(kismetcore::track::LocationPoint::kFix));
    for (std::size_t i = 1; i < 3; ++i) {
        CAPTURE(alerts[i]->header);
        const auto& located = alerts[i]->location;
        CHECK(located.lat == 51.5);
        CHECK(located.lon == -0.25);
        CHECK(located.fix == 3);
        CHECK(located.alt == 12.0f);
    }
    const auto json = kismetcore::fields::serialize_record(kismetcore::fields::OutputFormat::json,
                                                           kismetcore::alert::alert_record_schema(), *alerts[1]);
    INFO(json);
    CHECK(json.find(R"("kismet.alert.location": {"kismet.common.location.geopoint": [-0.250000, 51.500000],)"
                    R"("kismet.common.location.alt": 12,"kismet.common.location.fix": 3,)") != std::string::npos);
    INFO(json);
    h.engine.set_gps_fix(std::nullopt);
    h.advance(2'000'000);
    h.feed(kismetcore::craft::beacon({.bssid = kismetcore::testing::mac("02:00:00:00:00:0d"),
                                      .elements = kismetcore::craft::ElementBuilder().ssid("AirJack").take(),
                                      .options = h.options()}));
    REQUIRE(h.engine.alerts().all().size() == 4);
    CHECK_FALSE(h.engine.alerts().all().back()->location.has(kismetcore::track::LocationPoint::kFix));
}
