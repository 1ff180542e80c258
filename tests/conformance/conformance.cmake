# Conformance tests: kismet-dissect against tshark on the shared captures (issue 2), and the unit tests
# of that harness. Included from tests/CMakeLists.txt; the tshark test needs tshark and kismet-dissect.
find_program(KISMETCORE_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(KISMETCORE_PYTHON3 NAMES python3)
find_program(KISMETCORE_TSHARK NAMES tshark)

if(NOT KISMETCORE_PYTHON3)
  message(STATUS "conformance tests: no python3, not added")
  return()
endif()

set(KISMETCORE_CONFORMANCE_DIR ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME "conformance: comparison logic"
         COMMAND ${KISMETCORE_PYTHON3} ${KISMETCORE_CONFORMANCE_DIR}/test_tshark_conformance_logic.py)
set_tests_properties("conformance: comparison logic" PROPERTIES LABELS conformance)

if(KISMETCORE_TSHARK AND TARGET kismet-dissect)
  add_test(NAME "conformance: tshark"
           COMMAND ${KISMETCORE_PYTHON3} ${KISMETCORE_CONFORMANCE_DIR}/tshark_conformance.py
                   --dissect $<TARGET_FILE:kismet-dissect>
                   --captures ${PROJECT_SOURCE_DIR}/../shared/captures
                   --tshark ${KISMETCORE_TSHARK}
                   --report ${CMAKE_CURRENT_BINARY_DIR}/tshark-conformance-report.md)
  set_tests_properties("conformance: tshark" PROPERTIES
                       LABELS conformance
                       TIMEOUT 1200
                       SKIP_REGULAR_EXPRESSION "^skipped:")
else()
  message(STATUS "conformance: tshark not added (tshark: ${KISMETCORE_TSHARK}, kismet-dissect target needed)")
endif()
