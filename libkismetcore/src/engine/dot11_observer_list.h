// Several observers of the 802.11 tracker, which takes one.
#pragma once

#include <initializer_list>
#include <vector>

#include "kismetcore/track/dot11/dot11_tracker.h"

namespace kismetcore {

// Hands each report to every observer, in the order given: the engine's device events and its tracker messages.
// Reports come only for new records, so the extra indirection never runs on an ordinary packet.
class Dot11ObserverList final : public track::dot11::Dot11TrackerObserver {
public:
    Dot11ObserverList(std::initializer_list<track::dot11::Dot11TrackerObserver*> observers) : observers_(observers) {}

    void new_device(const track::Device& device) override {
        for (auto* observer : observers_) observer->new_device(device);
    }
    void new_advertised_ssid(const track::Device& device, std::size_t index, bool responded) override {
        for (auto* observer : observers_) observer->new_advertised_ssid(device, index, responded);
    }
    void new_probed_ssid(const track::Device& device, std::size_t index) override {
        for (auto* observer : observers_) observer->new_probed_ssid(device, index);
    }
    void eapol_stored(const track::Device& access_point) override {
        for (auto* observer : observers_) observer->eapol_stored(access_point);
    }

private:
    std::vector<track::dot11::Dot11TrackerObserver*> observers_;
};

}  // namespace kismetcore
