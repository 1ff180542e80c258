// Kismet's alert tracker: the definitions and their throttles, raising, the backlog and its queries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kismetcore/alert/alert_config.h"
#include "kismetcore/alert/alert_definition.h"
#include "kismetcore/alert/alert_record.h"
#include "kismetcore/track/location_record.h"

namespace kismetcore::alert {

// What the code that raises an alert knows about it (Kismet's raise_alert arguments).
struct AlertContext {
    MacAddress transmitter;  // the BSSID (Kismet's bssid argument)
    MacAddress source;
    MacAddress destination;
    MacAddress other;
    std::string_view channel;
    double frequency = 0;
    const track::GpsFix* gps = nullptr;  // the fix the packet carried or the host's, if any
    std::optional<AlertTime> time;       // the engine's clock when empty
};

using AlertList = std::vector<std::shared_ptr<const AlertRecord>>;

// A new definition: Kismet's register_alert (and what define_alert.cmd sends).
struct AlertSpec {
    std::string header{};
    std::string alert_class = "OTHER";
    std::uint8_t severity = severity::kInfo;
    std::string description{};
    std::int32_t phy = phy::kAny;
    Rate limit{10, TimeUnit::minute};
    Rate burst{1, TimeUnit::second};
};

// Threading: raise() and define() from any thread; the queries take a lock too. Observers run on the raising
// thread, after the lock is released, in the order they were added; they must not call add_observer().
class AlertEngine {
public:
    using Clock = std::function<AlertTime()>;
    using Observer = std::function<void(const AlertRecord&)>;

    // `clock` stamps alerts raised without a time (system and runtime alerts); the system clock when empty.
    explicit AlertEngine(AlertConfig config = {}, Clock clock = {});

    struct DefineResult {
        AlertId id = kNoAlert;
        std::string error;  // a duplicate header, an empty header or a burst unit longer than the rate unit
    };
    // Registers a definition, Kismet's way: the header is upper-cased, an alert= line of the configuration
    // replaces the rates given here.
    DefineResult define(AlertSpec spec);

    [[nodiscard]] AlertId find(std::string_view header) const;
    // True when the definition exists and its rate is not 0: a rule may skip its work otherwise.
    [[nodiscard]] bool enabled(AlertId id) const;
    // Would an alert go out now? (Kismet's potential_alert.)
    [[nodiscard]] bool potential(AlertId id, AlertTime when);

    // Raises an alert of a definition: checks the throttle, fills the record, appends it to the backlog and
    // tells the observers. Returns whether it went out.
    bool raise(AlertId id, const AlertContext& context, std::string_view text);
    // raise() by header; false for an unknown one (what raise_alert.cmd calls).
    bool raise(std::string_view header, const AlertContext& context, std::string_view text);
    // Kismet's raise_one_shot: no definition, no throttle, all-zero MACs and phy -1.
    void raise_one_shot(std::string_view header, std::string_view alert_class, std::uint8_t severity,
                        std::string_view text, std::optional<AlertTime> time = std::nullopt);

    [[nodiscard]] AlertList all() const;
    // Alerts newer than `timestamp` (seconds, compared at microsecond precision).
    [[nodiscard]] AlertList since(double timestamp) const;
    [[nodiscard]] std::vector<AlertDefinition> definitions() const;
    [[nodiscard]] std::optional<AlertDefinition> definition(AlertId id) const;
    // Alerts raised (sent) and suppressed by throttles since the engine started.
    [[nodiscard]] std::uint64_t raised_count() const;
    [[nodiscard]] std::uint64_t throttled_count() const;

    void add_observer(Observer observer);

    [[nodiscard]] const AlertConfig& config() const noexcept { return config_; }
    [[nodiscard]] AlertTime now() const;
    // The host's current fix (Engine::set_gps_fix): an alert whose context carries no fix of its own is located
    // with it, as Kismet fills alerts from the best GPS location. nullopt when it has none. Any thread.
    void set_gps_fix(std::optional<track::GpsFix> fix);

private:
    void publish(std::shared_ptr<const AlertRecord> record, std::unique_lock<std::mutex>& lock);

    AlertConfig config_;
    Clock clock_;
    mutable std::mutex mutex_;
    std::vector<AlertDefinition> definitions_;
    std::deque<std::shared_ptr<const AlertRecord>> backlog_;
    std::vector<Observer> observers_;
    std::uint64_t raised_ = 0;
    std::uint64_t throttled_ = 0;
    std::optional<track::GpsFix> gps_;
};

}  // namespace kismetcore::alert
