// The engine's wiring of alerts to the buses: Kismet posts each alert as an ALERT message "HEADER text" and
// publishes its record on the eventbus ALERT topic (kismet-samples messagebus_all_messages.json shows the
// messages; reference 5.1 the topic).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kismetcore/bus/event.h"
#include "kismetcore/bus/message.h"
#include "kismetcore/engine/engine.h"
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
