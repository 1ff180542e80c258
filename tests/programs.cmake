# Tests that run whole programs: kismet-dissect's and kismetdb's command lines, and the installed package as an embedder uses it.
find_program(KISMETCORE_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT KISMETCORE_PYTHON)
  find_program(KISMETCORE_PYTHON NAMES python3 REQUIRED)
endif()
set(KISMETCORE_SHARED_CAPTURES_DIR ${PROJECT_SOURCE_DIR}/../shared/captures)

if(TARGET kismet-dissect)
  add_test(NAME "programs: kismet-dissect command line"
           COMMAND ${KISMETCORE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismet_dissect_cli_test.py
                   --dissect $<TARGET_FILE:kismet-dissect> --captures ${KISMETCORE_SHARED_CAPTURES_DIR}
                   --work ${CMAKE_CURRENT_BINARY_DIR}/kismet-dissect-cli)
  set_tests_properties("programs: kismet-dissect command line" PROPERTIES LABELS programs)
  add_test(NAME "programs: kismet-dissect --alerts"
           COMMAND ${KISMETCORE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismet_dissect_alerts_test.py
                   --dissect $<TARGET_FILE:kismet-dissect> --captures ${KISMETCORE_SHARED_CAPTURES_DIR}
                   --work ${CMAKE_CURRENT_BINARY_DIR}/kismet-dissect-alerts)
  set_tests_properties("programs: kismet-dissect --alerts" PROPERTIES LABELS programs)
endif()

if(TARGET kismetdb)
  add_test(NAME "programs: kismetdb command line"
           COMMAND ${KISMETCORE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismetdb_cli_test.py
                   --program $<TARGET_FILE:kismetdb> --captures ${KISMETCORE_SHARED_CAPTURES_DIR}
                   --work ${CMAKE_CURRENT_BINARY_DIR}/kismetdb-cli)
  set_tests_properties("programs: kismetdb command line" PROPERTIES LABELS programs)
endif()
if(TARGET kismetdb AND TARGET kismet-dissect)
  add_test(NAME "programs: kismetdb to-json"
           COMMAND ${KISMETCORE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismetdb_to_json_test.py
                   --program $<TARGET_FILE:kismetdb> --kismet-dissect $<TARGET_FILE:kismet-dissect>
                   --captures ${KISMETCORE_SHARED_CAPTURES_DIR} --work ${CMAKE_CURRENT_BINARY_DIR}/kismetdb-to-json)
  set_tests_properties("programs: kismetdb to-json" PROPERTIES LABELS programs)
endif()

# The crash test's writer process: a library user that logs as fast as it can and reports each commit.
add_executable(kismetdb_crash_writer ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismetdb_crash_writer.cpp)
target_link_libraries(kismetdb_crash_writer PRIVATE kismetcore::kismetcore)
kismetcore_set_warnings(kismetdb_crash_writer)
add_test(NAME "programs: kismetdb survives kill -9"
         COMMAND ${KISMETCORE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/programs/kismetdb_crash_test.py
                 --writer $<TARGET_FILE:kismetdb_crash_writer> --work ${CMAKE_CURRENT_BINARY_DIR}/kismetdb-crash)
set_tests_properties("programs: kismetdb survives kill -9" PROPERTIES LABELS programs)

add_test(NAME "install: embed example against the installed package"
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/check_installed_package.sh ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/install-check
                 ${KISMETCORE_SHARED_CAPTURES_DIR}/aircrack-ng__wpa2-psk-linksys.cap)
set_tests_properties("install: embed example against the installed package" PROPERTIES LABELS install)

# One formatting for every file (style.md): a file that differs from .clang-format fails the suite.
find_program(KISMETCORE_CLANG_FORMAT clang-format)
if(KISMETCORE_CLANG_FORMAT)
  add_test(NAME "format: clang-format" COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-format)
  set_tests_properties("format: clang-format" PROPERTIES LABELS format)
endif()
