# Warning flags shared by every kismetcore target; warnings are errors when kismetcore is the top-level project.
function(kismetcore_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
                                           -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference
                                           -Wimplicit-fallthrough)
  if(KISMETCORE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
