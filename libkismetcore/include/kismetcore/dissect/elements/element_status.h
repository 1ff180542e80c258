// What every element dissector reports besides its fields: whether the body contradicted the element's format.
#pragma once

namespace kismetcore::dissect {

// An element parser returns nullptr when the body fits its format, or a string literal saying what is wrong.
// Nothing allocates: the reason is always a literal.
using ElementProblem = const char*;

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
