# kismet-synth's command line and its output, read back by tshark (tests/programs/kismet_synth_test.py).
# Included from tests/CMakeLists.txt; without tshark the tests that need it skip.
if(NOT TARGET kismet-synth)
  return()
endif()

find_program(KISMETCORE_SYNTH_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(KISMETCORE_SYNTH_PYTHON NAMES python3 REQUIRED)
find_program(KISMETCORE_TSHARK NAMES tshark)

set(synth_test_args --synth $<TARGET_FILE:kismet-synth> --work ${CMAKE_CURRENT_BINARY_DIR}/kismet-synth)
if(KISMETCORE_TSHARK)
  list(APPEND synth_test_args --tshark ${KISMETCORE_TSHARK})
endif()
add_test(NAME "programs: kismet-synth"
         COMMAND ${KISMETCORE_SYNTH_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/programs/kismet_synth_test.py ${synth_test_args})
set_tests_properties("programs: kismet-synth" PROPERTIES LABELS programs TIMEOUT 600)
