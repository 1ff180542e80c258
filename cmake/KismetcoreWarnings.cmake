# Warning flags shared by every kismetcore target; warnings are errors when kismetcore is the top-level project.
function(kismetcore_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
                                           -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference
                                           -Wimplicit-fallthrough)
  if(KISMETCORE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    # GCC 12 at -O3 reports std::string concatenation inside libstdc++ as an overlapping memcpy (GCC bug 105329,
    # fixed in 13): a false positive that must not fail a Release build, so on GCC 12 it stays a warning.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-error=restrict)
    endif()
  endif()
endfunction()
