// What every element dissector reports besides its fields: whether the body contradicted the element's format.
#pragma once

namespace kismetcore::dissect {

// An element parser returns nullptr when the body fits its format, or a string literal saying what is wrong.
// Nothing allocates: the reason is always a literal.
using ElementProblem = const char*;

// Element structs give themselves an empty constructor, `constexpr XElement() noexcept {}`, rather than the
// implicit one: std::optional::emplace() value-initializes, and value-initializing a class whose default
// constructor is not user-provided zero-fills the whole object before running the member initializers (~270
// octets for a country element, ~220 for RSN). With the empty constructor only the member initializers run;
// FixedList storage past `count` stays indeterminate and is never read.
//
// Mixed into each decoded element. A malformed element keeps the fields read before the inconsistency, for
// diagnostics, but consumers (crypt classification, the tracker) must not trust it.
struct ElementStatus {
    bool malformed = false;
    const char* malformed_reason = "";

    constexpr ElementProblem mark(ElementProblem problem) noexcept {
        if (problem != nullptr) {
            malformed = true;
            malformed_reason = problem;
        }
        return problem;
    }
};

}  // namespace kismetcore::dissect
