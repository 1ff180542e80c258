// Kismet's alert tracker: definitions, throttling, the backlog and its queries.
#include "kismetcore/alert/alert_engine.h"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace kismetcore::alert {
namespace {

AlertTime system_time() {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    return {micros / 1'000'000, static_cast<std::uint32_t>(micros % 1'000'000)};
}

void fill_location(AlertRecord& record, const track::GpsFix* gps) {
    if (gps == nullptr || gps->fix < 2) return;
    record.location.set(gps->lat, gps->lon, gps->alt, gps->fix,
                        track::WallTime{static_cast<std::uint64_t>(record.time.sec), record.time.usec});
}

}  // namespace

AlertEngine::AlertEngine(AlertConfig config, Clock clock) : config_(std::move(config)), clock_(std::move(clock)) {}

AlertTime AlertEngine::now() const {
    return clock_ ? clock_() : system_time();
}

AlertEngine::DefineResult AlertEngine::define(AlertSpec spec) {
    DefineResult result;
    spec.header = alert_header(spec.header);
    if (spec.header.empty()) {
        result.error = "an alert needs a header";
        return result;
    }
    for (const auto& configured : config_.rates) {
        if (configured.header != spec.header) continue;
        spec.limit = configured.limit;
        spec.burst = configured.burst;
    }
    if (static_cast<int>(spec.burst.unit) > static_cast<int>(spec.limit.unit)) {
        result.error = "burst unit of alert " + spec.header + " is longer than its rate unit";
        return result;
    }
    std::lock_guard lock(mutex_);
    for (const auto& existing : definitions_) {
        if (existing.header == spec.header) {
            result.error = "alert " + spec.header + " is already defined";
            return result;
        }
    }
    AlertDefinition definition;
    definition.header = std::move(spec.header);
    definition.alert_class = std::move(spec.alert_class);
    definition.severity = spec.severity;
    definition.description = std::move(spec.description);
    definition.phy = spec.phy;
    definition.throttle.limit = spec.limit;
    definition.throttle.burst = spec.burst;
    definitions_.push_back(std::move(definition));
    result.id = static_cast<AlertId>(definitions_.size() - 1);
    return result;
}

AlertId AlertEngine::find(std::string_view header) const {
    const std::string wanted = alert_header(header);
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < definitions_.size(); ++i)
        if (definitions_[i].header == wanted) return static_cast<AlertId>(i);
    return kNoAlert;
}

bool AlertEngine::enabled(AlertId id) const {
    std::lock_guard lock(mutex_);
    return id < definitions_.size() && definitions_[id].throttle.limit.count != 0;
}

bool AlertEngine::potential(AlertId id, AlertTime when) {
    std::lock_guard lock(mutex_);
    return id < definitions_.size() && definitions_[id].throttle.admits(when.seconds());
}

bool AlertEngine::raise(AlertId id, const AlertContext& context, std::string_view text) {
    const AlertTime time = context.time ? *context.time : now();
    std::unique_lock lock(mutex_);
    if (id >= definitions_.size()) return false;
    AlertDefinition& definition = definitions_[id];
    if (!definition.throttle.try_send(time.seconds())) {
        ++throttled_;
        return false;
    }
    auto record = std::make_shared<AlertRecord>();
    record->header = definition.header;
    record->alert_class = definition.alert_class;
    record->severity = definition.severity;
    record->phy = definition.phy;
    record->time = time;
    record->transmitter = context.transmitter;
    record->source = context.source;
    record->destination = context.destination;
    record->other = context.other;
    record->channel = std::string(context.channel);
    record->frequency = context.frequency;
    record->text = std::string(text);
    fill_location(*record, context.gps != nullptr ? context.gps : (gps_ ? &*gps_ : nullptr));
    record->hash = kismet_alert_hash(*record);
    publish(std::move(record), lock);
    return true;
}

void AlertEngine::set_gps_fix(std::optional<track::GpsFix> fix) {
    std::lock_guard lock(mutex_);
    gps_ = fix;
}

bool AlertEngine::raise(std::string_view header, const AlertContext& context, std::string_view text) {
    const AlertId id = find(header);
    return id != kNoAlert && raise(id, context, text);
}

void AlertEngine::raise_one_shot(std::string_view header, std::string_view alert_class, std::uint8_t severity,
                                 std::string_view text, std::optional<AlertTime> time) {
    auto record = std::make_shared<AlertRecord>();
    record->header = alert_header(header);
    record->alert_class = std::string(alert_class);
    record->severity = severity;
    record->phy = phy::kAny;
    record->time = time ? *time : now();
    record->text = std::string(text);
    record->hash = kismet_alert_hash(*record);
    std::unique_lock lock(mutex_);
    publish(std::move(record), lock);
}

void AlertEngine::publish(std::shared_ptr<const AlertRecord> record, std::unique_lock<std::mutex>& lock) {
    ++raised_;
    if (config_.backlog > 0) {
        if (backlog_.size() >= config_.backlog) backlog_.pop_front();
        backlog_.push_back(record);
    }
    lock.unlock();
    for (const auto& observer : observers_) observer(*record);
}

AlertList AlertEngine::all() const {
    std::lock_guard lock(mutex_);
    return {backlog_.begin(), backlog_.end()};
}

AlertList AlertEngine::since(double timestamp) const {
    const std::int64_t threshold = AlertTime::from_seconds(timestamp).microseconds();
    AlertList found;
    std::lock_guard lock(mutex_);
    for (const auto& record : backlog_)
        if (record->time.microseconds() > threshold) found.push_back(record);
    return found;
}

std::vector<AlertDefinition> AlertEngine::definitions() const {
    std::lock_guard lock(mutex_);
    return definitions_;
}

std::optional<AlertDefinition> AlertEngine::definition(AlertId id) const {
    std::lock_guard lock(mutex_);
    if (id >= definitions_.size()) return std::nullopt;
    return definitions_[id];
}

std::uint64_t AlertEngine::raised_count() const {
    std::lock_guard lock(mutex_);
    return raised_;
}

std::uint64_t AlertEngine::throttled_count() const {
    std::lock_guard lock(mutex_);
    return throttled_;
}

void AlertEngine::add_observer(Observer observer) {
    std::lock_guard lock(mutex_);
    observers_.push_back(std::move(observer));
}

}  // namespace kismetcore::alert
