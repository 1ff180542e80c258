// The message bus: Kismet's record shape, the 50-message backlog and its wrap-around, since-queries, listeners.
#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kismetcore/bus/message.h"
#include "kismetcore/bus/message_bus.h"
#include "kismetcore/fields/serializer.h"

namespace {

using kismetcore::bus::Message;
using kismetcore::bus::MessageBus;
namespace message_flag = kismetcore::bus::message_flag;
using kismetcore::track::WallTime;

Message message_at(std::string text, std::uint64_t sec, std::uint32_t usec = 0) {
    return Message{std::move(text), message_flag::kInfo, WallTime{sec, usec}};
}

// Prefix + std::to_string(n) trips GCC 12's -Wrestrict false positive at -O3 (GCC bug 105329); append does not.
std::string numbered(std::string_view prefix, std::uint64_t n) {
    return std::string(prefix).append(std::to_string(n));
}

}  // namespace

TEST_CASE("a message serializes as Kismet's messagebus record", "[bus]") {
    // The exact text of a record in Kismet's /messagebus/all_messages.json on wpa2-psk-linksys.
    const Message message{"Detected new 802.11 Wi-Fi device 00:13:CE:55:98:EF", message_flag::kInfo,
                          WallTime{1795369460, 123456}};
    CHECK(kismetcore::fields::serialize_record(kismetcore::fields::OutputFormat::json,
                                               kismetcore::bus::message_schema(), message) ==
          R"({"kismet.messagebus.message_string": "Detected new 802.11 Wi-Fi device 00:13:CE:55:98:EF",)"
          R"("kismet.messagebus.message_flags": 2,"kismet.messagebus.message_time": 1795369460})");
}

TEST_CASE("message flags keep Kismet's bit values", "[bus]") {
    CHECK(message_flag::kDebug == 1);
    CHECK(message_flag::kInfo == 2);
    CHECK(message_flag::kError == 4);
    CHECK(message_flag::kAlert == 8);
    CHECK(message_flag::kFatal == 16);
}

TEST_CASE("post stamps a message with the bus clock", "[bus]") {
    MessageBus bus(50, [] { return WallTime{1700000000, 42}; });
    bus.post("source opened", message_flag::kInfo | message_flag::kLocal);
    const auto all = bus.all();
    REQUIRE(all.size() == 1);
    CHECK(all[0].text == "source opened");
    CHECK(all[0].flags == (message_flag::kInfo | message_flag::kLocal));
    CHECK(all[0].time.sec == 1700000000);
    CHECK(all[0].time.usec == 42);
}

TEST_CASE("the backlog keeps the last 50 messages, oldest first, across wrap-around", "[bus]") {
    MessageBus bus;
    CHECK(bus.capacity() == 50);
    for (std::uint64_t i = 0; i < 49; ++i) bus.post(message_at(numbered("m", i), 1000 + i));
    CHECK(bus.size() == 49);
    CHECK(bus.all().front().text == "m0");

    for (std::uint64_t i = 49; i < 123; ++i) bus.post(message_at(numbered("m", i), 1000 + i));
    const auto all = bus.all();
    REQUIRE(all.size() == 50);
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].text == numbered("m", 73 + i));
}

TEST_CASE("a backlog of exactly its capacity wraps to the start", "[bus]") {
    MessageBus bus(3);
    for (std::uint64_t i = 0; i < 3; ++i) bus.post(message_at(numbered("m", i), 10 + i));
    CHECK(bus.all().front().text == "m0");
    bus.post(message_at("m3", 13));
    const auto all = bus.all();
    REQUIRE(all.size() == 3);
    CHECK(all[0].text == "m1");
    CHECK(all[2].text == "m3");
}

TEST_CASE("since returns the messages strictly after a time, to the microsecond", "[bus]") {
    MessageBus bus;
    bus.post(message_at("a", 100, 0));
    bus.post(message_at("b", 100, 1));
    bus.post(message_at("c", 100, 999'999));
    bus.post(message_at("d", 101, 0));

    const auto texts = [&bus](WallTime time) {
        std::string joined;
        for (const auto& message : bus.since(time)) joined += message.text;
        return joined;
    };
    CHECK(texts({0, 0}) == "abcd");
    CHECK(texts({100, 0}) == "bcd");
    CHECK(texts({100, 1}) == "cd");
    CHECK(texts({100, 999'998}) == "cd");
    CHECK(texts({100, 999'999}) == "d");
    CHECK(texts({101, 0}).empty());
}

TEST_CASE("since only sees what the backlog still holds", "[bus]") {
    MessageBus bus(2);
    bus.post(message_at("old", 5));
    bus.post(message_at("mid", 6));
    bus.post(message_at("new", 7));
    const auto since = bus.since({0, 0});
    REQUIRE(since.size() == 2);
    CHECK(since[0].text == "mid");
    CHECK(since[1].text == "new");
}

TEST_CASE("listeners receive each message in order until removed", "[bus]") {
    MessageBus bus;
    std::vector<std::string> first;
    std::vector<std::string> second;
    const auto id = bus.add_listener([&first](const Message& message) { first.push_back(message.text); });
    bus.add_listener([&second](const Message& message) { second.push_back(message.text); });
    bus.post(message_at("one", 1));
    bus.post(message_at("two", 2));
    bus.remove_listener(id);
    bus.post(message_at("three", 3));
    CHECK(first == std::vector<std::string>{"one", "two"});
    CHECK(second == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("a listener may post from inside its call", "[bus]") {
    MessageBus bus;
    std::vector<std::string> seen;
    bus.add_listener([&](const Message& message) {
        seen.push_back(message.text);
        if (message.text == "error") bus.post(message_at("follow-up", 2));
    });
    bus.post(message_at("error", 1));
    CHECK(seen == std::vector<std::string>{"error", "follow-up"});
    CHECK(bus.size() == 2);
}

TEST_CASE("posting from several threads keeps every message and the backlog bound", "[bus][concurrency]") {
    MessageBus bus(50);
    std::atomic<std::size_t> delivered{0};  // listeners of posts from different threads may run together
    bus.add_listener([&delivered](const Message&) { ++delivered; });
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&bus, t] {
            for (int i = 0; i < 200; ++i) bus.post(message_at(numbered("t", static_cast<std::uint64_t>(t)), 1));
        });
    for (auto& thread : threads) thread.join();
    CHECK(delivered.load() == 800);
    CHECK(bus.size() == 50);
}
