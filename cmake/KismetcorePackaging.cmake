# Installs the CMake package (find_package(kismetcore)) and kismetcore.pc for pkg-config users.
include(CMakePackageConfigHelpers)
set(KISMETCORE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kismetcore)

install(EXPORT kismetcoreTargets NAMESPACE kismetcore:: DESTINATION ${KISMETCORE_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/kismetcoreConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/kismetcoreConfig.cmake
                              INSTALL_DESTINATION ${KISMETCORE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kismetcoreConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kismetcoreConfig.cmake ${PROJECT_BINARY_DIR}/kismetcoreConfigVersion.cmake
        DESTINATION ${KISMETCORE_CMAKE_DIR})

# kismetcore.pc finds its prefix relative to itself, so the package works wherever it is installed.
file(RELATIVE_PATH KISMETCORE_PC_TO_PREFIX "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
configure_file(${PROJECT_SOURCE_DIR}/cmake/kismetcore.pc.in ${PROJECT_BINARY_DIR}/kismetcore.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/kismetcore.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
